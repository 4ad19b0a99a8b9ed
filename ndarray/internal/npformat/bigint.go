package npformat

import "math/bits"

// bigBlocks bounds the size of every integer Dragon4 handles. The widest
// operand arises for the smallest float64 subnormal: 2^1075 as the scale and
// 2*mantissa*10^324 as the value, about 1090 bits plus the 31-bit
// normalising shift, so 40 32-bit blocks leave headroom.
const bigBlocks = 40

// bigInt is a fixed-capacity unsigned integer in little-endian 32-bit blocks.
// Fixed storage keeps Dragon4 allocation-free, which matters because every
// element of an array is formatted twice (once to measure, once to print).
type bigInt struct {
	n int // blocks in use; b[n-1] != 0 unless n == 0
	b [bigBlocks]uint32
}

func (x *bigInt) setUint64(v uint64) {
	switch {
	case v>>32 != 0:
		x.b[0], x.b[1], x.n = uint32(v), uint32(v>>32), 2
	case v != 0:
		x.b[0], x.n = uint32(v), 1
	default:
		x.n = 0
	}
}

func (x *bigInt) isZero() bool { return x.n == 0 }

// setPow2 sets x = 2^k.
func (x *bigInt) setPow2(k int) {
	blk := k / 32
	for i := 0; i <= blk; i++ {
		x.b[i] = 0
	}
	x.b[blk] = 1 << uint(k%32)
	x.n = blk + 1
}

func (x *bigInt) cmp(y *bigInt) int {
	if x.n != y.n {
		if x.n < y.n {
			return -1
		}
		return 1
	}
	for i := x.n - 1; i >= 0; i-- {
		if x.b[i] != y.b[i] {
			if x.b[i] < y.b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// add sets z = x + y; z may alias neither operand.
func (z *bigInt) add(x, y *bigInt) {
	if x.n < y.n {
		x, y = y, x
	}
	var carry uint32
	for i := 0; i < x.n; i++ {
		var yi uint32
		if i < y.n {
			yi = y.b[i]
		}
		z.b[i], carry = bits.Add32(x.b[i], yi, carry)
	}
	z.n = x.n
	if carry != 0 {
		z.b[z.n] = carry
		z.n++
	}
}

// mulSmall sets x = x * m in place.
func (x *bigInt) mulSmall(m uint32) {
	var carry uint64
	for i := 0; i < x.n; i++ {
		p := uint64(x.b[i])*uint64(m) + carry
		x.b[i] = uint32(p)
		carry = p >> 32
	}
	if carry != 0 {
		x.b[x.n] = uint32(carry)
		x.n++
	}
}

// double sets z = 2 * x (z may alias x).
func (z *bigInt) double(x *bigInt) {
	var carry uint32
	for i := 0; i < x.n; i++ {
		v := x.b[i]
		z.b[i] = v<<1 | carry
		carry = v >> 31
	}
	z.n = x.n
	if carry != 0 {
		z.b[z.n] = carry
		z.n++
	}
}

// mulPow10 sets x = x * 10^k, working in chunks of 10^9 (the largest power of
// ten that fits a block).
func (x *bigInt) mulPow10(k int) {
	for ; k >= 9; k -= 9 {
		x.mulSmall(1_000_000_000)
	}
	if k > 0 {
		x.mulSmall(pow10u32[k])
	}
}

var pow10u32 = [...]uint32{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000}

// shiftLeft sets x = x << s.
func (x *bigInt) shiftLeft(s int) {
	if x.n == 0 || s == 0 {
		return
	}
	blk, sh := s/32, uint(s%32)
	n := x.n + blk
	if sh == 0 {
		for i := x.n - 1; i >= 0; i-- {
			x.b[i+blk] = x.b[i]
		}
	} else {
		// Walk from the top so each source block is read before it is
		// overwritten.
		x.b[n] = 0
		for i := x.n - 1; i >= 0; i-- {
			v := x.b[i]
			x.b[i+blk+1] |= v >> (32 - sh)
			x.b[i+blk] = v << sh
		}
		n++
	}
	for i := 0; i < blk; i++ {
		x.b[i] = 0
	}
	for n > 0 && x.b[n-1] == 0 {
		n--
	}
	x.n = n
}

// divRemSmall divides x by d in place, returning the quotient and leaving
// the remainder in x. The caller guarantees the quotient is below 10 and d's
// top block lies in [8, 429496729], as in NumPy's
// BigInt_DivideWithRemainder_MaxQuotient9; the estimate taken from the top
// blocks is then off by at most one, and the loop below corrects it.
func (x *bigInt) divRemSmall(d *bigInt) uint32 {
	if x.n < d.n {
		return 0
	}
	top := d.n - 1
	q := x.b[top] / (d.b[top] + 1)
	if q != 0 {
		x.subMul(d, q)
	}
	for x.cmp(d) >= 0 {
		x.subMul(d, 1)
		q++
	}
	return q
}

// subMul sets x = x - q*d, assuming the result is non-negative.
func (x *bigInt) subMul(d *bigInt, q uint32) {
	var carry uint64
	var borrow uint32
	for i := 0; i < x.n; i++ {
		var p uint64
		if i < d.n {
			p = uint64(d.b[i])*uint64(q) + carry
		} else {
			p = carry
		}
		carry = p >> 32
		x.b[i], borrow = bits.Sub32(x.b[i], uint32(p), borrow)
	}
	for x.n > 0 && x.b[x.n-1] == 0 {
		x.n--
	}
}
