// The 1-D complex transforms of power-of-two lengths behind the
// distributed FFTs: a radix-2 Stockham FFT that transforms a batch of
// lines at once, in place of gonum's fourier.CmplxFFT (FFTPACK), which
// copies every line into a float64 array and back and indexes it through
// accessor functions, and ran at about half of NumPy's pocketfft's speed.

package mpiarr

import (
	"math"
	"math/bits"
)

// pow2FFT transforms lines of a power-of-two length n, w lines at a time,
// stored "line-minor": element j of line c at j*w + c. The inner loops run
// over the w lines of a batch, which sit side by side in memory, so that
// every butterfly of a stage is the same arithmetic on adjacent elements.
type pow2FFT struct {
	n      int
	tw     []complex128 // exp(-2πi k/n), k < n
	twConj []complex128 // exp(+2πi k/n)
}

// isPow2 reports whether n is a power of two greater than 1.
func isPow2(n int) bool { return n > 1 && bits.OnesCount(uint(n)) == 1 }

func newPow2FFT(n int) *pow2FFT {
	p := &pow2FFT{n: n, tw: make([]complex128, n), twConj: make([]complex128, n)}
	for k := range p.tw {
		// Each factor computed on its own (no recurrence): exact to the
		// last bit of Sincos.
		s, c := math.Sincos(2 * math.Pi * float64(k) / float64(n))
		p.tw[k] = complex(c, -s)
		p.twConj[k] = complex(c, s)
	}
	return p
}

// transform runs the FFT of the w lines in x (n*w elements, line-minor),
// forward (sum x_j exp(-2πi jk/n), unnormalised) or inverse (exp(+...)),
// using y (n*w elements) as scratch, and returns the slice, x or y, that
// holds the result. Stockham's autosort form of decimation in frequency:
// stage by stage, for sub-transforms of length l = n, n/4, ... and s = n/l
// of them, the four elements p, p+l/4, p+l/2, p+3l/4 of every
// sub-transform q go through a 4-point DFT whose outputs k = 0..3, times
// exp(∓2πi kp/l), become positions 4p+k of the next stage's sub-transform
// q; a last radix-2 stage when log2 n is odd. The output is in natural
// order, with no bit reversal.
func (f *pow2FFT) transform(x, y []complex128, w int, inverse bool) []complex128 {
	tw := f.tw
	if inverse {
		tw = f.twConj
	}
	l, s := f.n, 1
	for ; l >= 4; l, s = l/4, s*4 {
		radix4(x, y, tw, l/4, s, s*w, inverse)
		x, y = y, x
	}
	if l == 2 {
		sw := s * w
		a, b := x[:sw], x[sw:2*sw]
		e, o := y[:sw], y[sw:2*sw]
		for i := range a {
			u, v := a[i], b[i]
			e[i] = u + v
			o[i] = u - v
		}
		x = y
	}
	return x
}

// radix4 is one radix-4 stage of transform: m = l/4, s sub-transforms, sw
// = s*w elements per block of one index p of every sub-transform.
func radix4(x, y, tw []complex128, m, s, sw int, inverse bool) {
	for p := range m {
		w1, w2, w3 := tw[p*s], tw[2*p*s], tw[3*p*s]
		a := x[p*sw : (p+1)*sw]
		b := x[(p+m)*sw : (p+m+1)*sw]
		c := x[(p+2*m)*sw : (p+2*m+1)*sw]
		d := x[(p+3*m)*sw : (p+3*m+1)*sw]
		y0 := y[4*p*sw : (4*p+1)*sw]
		y1 := y[(4*p+1)*sw : (4*p+2)*sw]
		y2 := y[(4*p+2)*sw : (4*p+3)*sw]
		y3 := y[(4*p+3)*sw : (4*p+4)*sw]
		b, c, d = b[:len(a)], c[:len(a)], d[:len(a)]
		// With jb = -i(b-d): outputs 1 and 3 are (a-c) + jb and (a-c) - jb
		// forward, the other way round inverse.
		plus, minus, wp, wm := y1, y3, w1, w3
		if inverse {
			plus, minus, wp, wm = y3, y1, w3, w1
		}
		y0, y2, plus, minus = y0[:len(a)], y2[:len(a)], plus[:len(a)], minus[:len(a)]
		if p == 0 {
			for i := range a {
				apc, amc := a[i]+c[i], a[i]-c[i]
				bpd, bmd := b[i]+d[i], b[i]-d[i]
				jb := complex(imag(bmd), -real(bmd))
				y0[i] = apc + bpd
				y2[i] = apc - bpd
				plus[i] = amc + jb
				minus[i] = amc - jb
			}
			continue
		}
		for i := range a {
			apc, amc := a[i]+c[i], a[i]-c[i]
			bpd, bmd := b[i]+d[i], b[i]-d[i]
			jb := complex(imag(bmd), -real(bmd))
			y0[i] = apc + bpd
			y2[i] = (apc - bpd) * w2
			plus[i] = (amc + jb) * wp
			minus[i] = (amc - jb) * wm
		}
	}
}
