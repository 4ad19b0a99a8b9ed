package npformat

import (
	"math"
	"math/bits"
)

// ieeeParts is a finite binary float written as mant * 2^exp, with the
// extra facts Dragon4 needs to size the rounding interval around it.
type ieeeParts struct {
	mant    uint64
	exp     int
	mantBit int  // index of mant's highest set bit
	unequal bool // the gap to the next float below is half the gap above
	neg     bool
}

// decompose64 splits v into ieeeParts. inf and nan report the non-finite
// kinds, for which only p.neg is meaningful.
func decompose64(v float64) (p ieeeParts, inf, nan bool) {
	u := math.Float64bits(v)
	frac := u & (1<<52 - 1)
	e := int(u>>52) & 0x7ff
	p.neg = u>>63 != 0
	if e == 0x7ff {
		return p, frac == 0, frac != 0
	}
	if e != 0 {
		p.mant = 1<<52 | frac
		p.exp = e - 1023 - 52
		p.mantBit = 52
		// Powers of two have a closer neighbour below, except the smallest
		// normal, whose lower neighbour is a subnormal at the same spacing.
		p.unequal = e != 1 && frac == 0
	} else {
		p.mant = frac
		p.exp = 1 - 1023 - 52
		p.mantBit = bits.Len64(frac) - 1
	}
	return p, false, false
}

// decompose32 is decompose64 for float32, whose shortest digits must be
// judged against float32 neighbours.
func decompose32(v float32) (p ieeeParts, inf, nan bool) {
	u := math.Float32bits(v)
	frac := u & (1<<23 - 1)
	e := int(u>>23) & 0xff
	p.neg = u>>31 != 0
	if e == 0xff {
		return p, frac == 0, frac != 0
	}
	if e != 0 {
		p.mant = uint64(1<<23 | frac)
		p.exp = e - 127 - 23
		p.mantBit = 23
		p.unequal = e != 1 && frac == 0
	} else {
		p.mant = uint64(frac)
		p.exp = 1 - 127 - 23
		p.mantBit = bits.Len32(frac) - 1
	}
	return p, false, false
}

// dragon4MaxDigits mirrors the size of NumPy's output buffer, which is the
// implicit last-resort cutoff when no precision is given.
const dragon4MaxDigits = 16383

// dragon4 appends the decimal digits of p (sign ignored) to buf and returns
// them with the base-10 exponent of the first digit. It follows NumPy's
// dragon4.c exactly, including its rounding quirks:
//
//   - unique: stop as soon as the digits identify the value among its float
//     neighbours (margins inclusive when the mantissa is even, as IEEE
//     round-half-even parsing would accept them), but not before cutoffMin
//     and never past cutoffMax;
//   - otherwise print exact digits until cutoffMax or until they run out;
//   - the last digit is rounded half-to-even against the exact remainder
//     when both neighbours are legal.
//
// fractional selects whether the cutoffs count digits after the decimal
// point (positional output) or significant digits (scientific output); a
// negative cutoff means none.
func dragon4(buf []byte, p ieeeParts, unique, fractional bool, cutoffMax, cutoffMin int) ([]byte, int) {
	start := len(buf)
	if p.mant == 0 {
		return append(buf, '0'), 0
	}
	isEven := p.mant%2 == 0

	// value/scale is the number; marginLow/scale and marginHigh/scale are
	// half the distances to the neighbouring floats. Everything is doubled
	// (quadrupled with unequal margins) so the halves stay integral.
	var scale, value, marginLow, marginHighBuf, high bigInt
	marginHigh := &marginLow
	value.setUint64(p.mant)
	if p.unequal {
		if p.exp > 0 {
			value.shiftLeft(p.exp + 2)
			scale.setUint64(4)
			marginLow.setPow2(p.exp)
			marginHighBuf.setPow2(p.exp + 1)
		} else {
			value.shiftLeft(2)
			scale.setPow2(-p.exp + 2)
			marginLow.setUint64(1)
			marginHighBuf.setUint64(2)
		}
		marginHigh = &marginHighBuf
	} else {
		if p.exp > 0 {
			value.shiftLeft(p.exp + 1)
			scale.setUint64(2)
			marginLow.setPow2(p.exp)
		} else {
			value.shiftLeft(1)
			scale.setPow2(-p.exp + 1)
			marginLow.setUint64(1)
		}
	}
	syncHigh := func() {
		if marginHigh != &marginLow {
			marginHigh.double(&marginLow)
		}
	}

	// Estimate floor(log10(v))+1, possibly one too low; the 0.69 bias and
	// the float64 arithmetic are NumPy's, kept so the rare off-by-one
	// estimates (which change nothing but the work done) line up.
	const log10of2 = 0.30102999566398119521373889472449
	digitExp := int(math.Ceil(float64(p.mantBit+p.exp)*log10of2 - 0.69))

	// Below the fractional cutoff the value only matters for rounding, so
	// start at the cutoff digit instead of generating leading zeros.
	if cutoffMax >= 0 && fractional && digitExp <= -cutoffMax {
		digitExp = -cutoffMax + 1
	}

	if digitExp > 0 {
		scale.mulPow10(digitExp)
	} else if digitExp < 0 {
		value.mulPow10(-digitExp)
		marginLow.mulPow10(-digitExp)
		syncHigh()
	}

	if value.cmp(&scale) >= 0 {
		digitExp++
	} else {
		value.mulSmall(10)
		marginLow.mulSmall(10)
		syncHigh()
	}

	cutoffMaxExp := digitExp - dragon4MaxDigits
	if cutoffMax >= 0 {
		want := digitExp - cutoffMax
		if fractional {
			want = -cutoffMax
		}
		if want > cutoffMaxExp {
			cutoffMaxExp = want
		}
	}
	cutoffMinExp := digitExp
	if cutoffMin >= 0 {
		want := digitExp - cutoffMin
		if fractional {
			want = -cutoffMin
		}
		if want < cutoffMinExp {
			cutoffMinExp = want
		}
	}
	printExp := digitExp - 1

	// Normalise so the scale's top block is in [8, 429496729]: the digit
	// division then estimates within one, and multiplying the value by ten
	// never outgrows the scale's length.
	if hi := scale.b[scale.n-1]; hi < 8 || hi > 429496729 {
		shift := (32 + 27 - (bits.Len32(hi) - 1)) % 32
		scale.shiftLeft(shift)
		value.shiftLeft(shift)
		marginLow.shiftLeft(shift)
		syncHigh()
	}

	var low, hi bool
	var digit uint32
	if unique {
		for {
			digitExp--
			digit = value.divRemSmall(&scale)
			high.add(&value, marginHigh)
			c := value.cmp(&marginLow)
			low = c < 0 || (isEven && c == 0)
			c = high.cmp(&scale)
			hi = c > 0 || (isEven && c == 0)
			if ((low || hi) && digitExp <= cutoffMinExp) || digitExp == cutoffMaxExp {
				break
			}
			buf = append(buf, byte('0'+digit))
			value.mulSmall(10)
			// Past the unique point (min digits) the margins would grow
			// without bound. Once they reach the scale, low and high are
			// both settled true for good, so stop growing them; NumPy
			// instead relies on a 32 KiB bigint.
			if marginLow.cmp(&scale) < 0 {
				marginLow.mulSmall(10)
				syncHigh()
			}
		}
	} else {
		for {
			digitExp--
			digit = value.divRemSmall(&scale)
			if value.isZero() || digitExp == cutoffMaxExp {
				break
			}
			buf = append(buf, byte('0'+digit))
			value.mulSmall(10)
		}
	}

	roundDown := low
	if low == hi {
		// Compare the remainder with one half: 2*value vs scale.
		value.double(&value)
		c := value.cmp(&scale)
		roundDown = c < 0
		if c == 0 {
			roundDown = digit&1 == 0
		}
	}

	switch {
	case roundDown:
		buf = append(buf, byte('0'+digit))
	case digit < 9:
		buf = append(buf, byte('0'+digit+1))
	default:
		// Carry through trailing nines; the nines themselves vanish.
		for {
			if len(buf) == start {
				buf = append(buf, '1')
				printExp++
				break
			}
			last := buf[len(buf)-1]
			buf = buf[:len(buf)-1]
			if last != '9' {
				buf = append(buf, last+1)
				break
			}
		}
	}
	return buf, printExp
}
