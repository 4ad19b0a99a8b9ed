package npformat

// complexFormat is arrayprint.ComplexFloatingFormat: the real and imaginary
// parts are measured and padded as two independent float arrays, the
// imaginary one always signed.
type complexFormat struct {
	re, im *floatFormat
}

func newComplexFormat(re, im []float64, is32 bool, o *Options) *complexFormat {
	return &complexFormat{
		re: newFloatFormat(re, is32, o, o.Sign),
		im: newFloatFormat(im, is32, o, '+'),
	}
}

// append writes re followed by im, slipping the 'j' in before the
// imaginary part's right padding so the padding stays at the end.
func (c *complexFormat) append(buf []byte, re, im float64) []byte {
	buf = c.re.append(buf, re)
	start := len(buf)
	buf = c.im.append(buf, im)
	end := len(buf)
	for end > start && buf[end-1] == ' ' {
		end--
	}
	buf = append(buf, 0)
	copy(buf[end+1:], buf[end:len(buf)-1])
	buf[end] = 'j'
	return buf
}

// splitComplex returns the real and imaginary parts of vs widened to
// float64 (exactly, for complex64).
func splitComplex[C complex64 | complex128](vs []C) (re, im []float64) {
	re = make([]float64, len(vs))
	im = make([]float64, len(vs))
	for i, v := range vs {
		re[i], im[i] = real(complex128(v)), imag(complex128(v))
	}
	return re, im
}
