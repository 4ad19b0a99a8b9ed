package npformat

// trimMode is NumPy's dragon4 `trim` argument.
type trimMode uint8

const (
	trimNone         trimMode = iota // 'k': keep trailing zeros and the point
	trimZeros                        // '.': drop trailing zeros, keep the point
	trimLeaveOneZero                 // '0': drop trailing zeros but keep one after the point
	trimDptZeros                     // '-': drop trailing zeros and the point
)

// d4Opts carries the arguments of NumPy's dragon4_positional and
// dragon4_scientific. Negative ints mean "not given" (Python's None).
type d4Opts struct {
	scientific bool
	unique     bool
	precision  int
	minDigits  int
	sign       bool // print '+' on non-negative values
	trim       trimMode
	padLeft    int
	padRight   int // positional only
	expDigits  int // scientific only
}

// formatFloat renders v (a float32 when is32) as np.format_float_positional
// or np.format_float_scientific would. Positional cutoffs always count
// fractional digits, the only mode arrayprint uses.
func formatFloat(buf []byte, v float64, is32 bool, o *d4Opts) []byte {
	var p ieeeParts
	var inf, nan bool
	if is32 {
		p, inf, nan = decompose32(float32(v))
	} else {
		p, inf, nan = decompose64(v)
	}
	var sign byte
	if p.neg {
		sign = '-'
	} else if o.sign {
		sign = '+'
	}
	switch {
	case nan:
		// NumPy never prints a sign on nan, whatever its sign bit.
		return append(buf, "nan"...)
	case inf:
		if sign != 0 {
			buf = append(buf, sign)
		}
		return append(buf, "inf"...)
	case o.scientific:
		return formatScientific(buf, p, sign, o)
	default:
		return formatPositional(buf, p, sign, o)
	}
}

// appendRepeat appends n copies of c (none when n <= 0).
func appendRepeat(buf []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		buf = append(buf, c)
	}
	return buf
}

// formatPositional is dragon4.c's FormatPositional with fractional cutoffs.
func formatPositional(buf []byte, p ieeeParts, sign byte, o *d4Opts) []byte {
	start := len(buf)
	hasSign := 0
	if sign != 0 {
		buf = append(buf, sign)
		hasSign = 1
	}
	var scratch [64]byte
	digits, printExp := dragon4(scratch[:0], p, o.unique, true, o.precision, o.minDigits)

	numWhole, numFrac := 1, 0
	if printExp >= 0 {
		numWhole = printExp + 1
		if len(digits) <= numWhole {
			buf = append(buf, digits...)
			buf = appendRepeat(buf, '0', numWhole-len(digits))
		} else {
			buf = append(buf, digits[:numWhole]...)
			buf = append(buf, '.')
			buf = append(buf, digits[numWhole:]...)
			numFrac = len(digits) - numWhole
		}
	} else {
		zeros := -(printExp + 1)
		buf = append(buf, '0', '.')
		buf = appendRepeat(buf, '0', zeros)
		buf = append(buf, digits...)
		numFrac = zeros + len(digits)
	}

	if o.trim != trimDptZeros && numFrac == 0 {
		buf = append(buf, '.')
	}

	want := o.precision
	if o.unique {
		want = o.minDigits
	}
	if want < 0 {
		want = 0
	}
	switch {
	case o.trim == trimLeaveOneZero:
		if numFrac == 0 {
			buf = append(buf, '0')
			numFrac++
		}
	case o.trim == trimNone && want > numFrac:
		buf = appendRepeat(buf, '0', want-numFrac)
		numFrac = want
	}

	// Rounding can leave trailing zeros even in unique mode.
	if o.trim != trimNone && numFrac > 0 {
		for buf[len(buf)-1] == '0' {
			buf = buf[:len(buf)-1]
			numFrac--
		}
		if buf[len(buf)-1] == '.' {
			switch o.trim {
			case trimLeaveOneZero:
				buf = append(buf, '0')
				numFrac++
			case trimDptZeros:
				buf = buf[:len(buf)-1]
			}
		}
	}

	if o.padRight >= numFrac {
		if o.trim == trimDptZeros && numFrac == 0 {
			buf = append(buf, ' ') // stands in for the dropped point
		}
		buf = appendRepeat(buf, ' ', o.padRight-numFrac)
	}
	if shift := o.padLeft - (numWhole + hasSign); shift > 0 {
		buf = appendRepeat(buf, ' ', shift)
		copy(buf[start+shift:], buf[start:len(buf)-shift])
		for i := start; i < start+shift; i++ {
			buf[i] = ' '
		}
	}
	return buf
}

// formatScientific is dragon4.c's FormatScientific.
func formatScientific(buf []byte, p ieeeParts, sign byte, o *d4Opts) []byte {
	leftChars := 1
	if sign != 0 {
		leftChars++
	}
	buf = appendRepeat(buf, ' ', o.padLeft-leftChars)
	if sign != 0 {
		buf = append(buf, sign)
	}

	// Scientific cutoffs count the leading digit too.
	cutMax, cutMin := -1, -1
	if o.precision >= 0 {
		cutMax = o.precision + 1
	}
	if o.minDigits >= 0 {
		cutMin = o.minDigits + 1
	}
	var scratch [64]byte
	digits, printExp := dragon4(scratch[:0], p, o.unique, false, cutMax, cutMin)

	buf = append(buf, digits[0])
	numFrac := len(digits) - 1
	if numFrac > 0 {
		buf = append(buf, '.')
		buf = append(buf, digits[1:]...)
	}
	if o.trim != trimDptZeros && numFrac == 0 {
		buf = append(buf, '.')
	}

	want := o.precision
	if o.unique {
		want = o.minDigits
	}
	if want < 0 {
		want = 0
	}
	switch {
	case o.trim == trimLeaveOneZero:
		if numFrac == 0 {
			buf = append(buf, '0')
			numFrac++
		}
	case o.trim == trimNone && want > numFrac:
		buf = appendRepeat(buf, '0', want-numFrac)
		numFrac = want
	}

	if o.trim != trimNone && numFrac > 0 {
		for buf[len(buf)-1] == '0' {
			buf = buf[:len(buf)-1]
			numFrac--
		}
		if o.trim == trimLeaveOneZero && buf[len(buf)-1] == '.' {
			buf = append(buf, '0')
		}
	}

	expDigits := o.expDigits
	if expDigits > 5 {
		expDigits = 5
	}
	if expDigits < 0 {
		expDigits = 2
	}
	buf = append(buf, 'e')
	if printExp >= 0 {
		buf = append(buf, '+')
	} else {
		buf = append(buf, '-')
		printExp = -printExp
	}
	var ed [8]byte
	n := 0
	for printExp > 0 || n < expDigits {
		ed[n] = byte('0' + printExp%10)
		printExp /= 10
		n++
	}
	for i := n - 1; i >= 0; i-- {
		buf = append(buf, ed[i])
	}
	return buf
}
