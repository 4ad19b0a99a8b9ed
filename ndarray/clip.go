package ndarray

import "github.com/ndmpi/ndmpi/strides"

// Clip limits the elements of an array to an interval, as NumPy's clip
// ufunc does: min(max(a, lo), hi) elementwise, a, lo and hi broadcast
// together. Its rules, which Clip keeps:
//   - lo > hi gives hi;
//   - a NaN element stays NaN, and a NaN bound makes the result NaN where
//     it applies (numpy.clip 1.24 reads a scalar NaN bound as no bound,
//     with a DeprecationWarning; pass -Inf or +Inf for that);
//   - max(x, lo) is x when x > lo, else lo, and min alike, which decides
//     between zeros of either sign as NumPy does;
//   - complex numbers order as in Less (real part first), a NaN in either
//     part of an element keeping it; bools order false before true.

// Clip returns a new C-ordered array holding min(max(a, lo), hi)
// elementwise: numpy.clip(a, lo, hi). lo and hi broadcast with a (a scalar
// bound is Scalar(v)); the result has the broadcast shape.
func Clip[T Element](a, lo, hi *Array[T]) (*Array[T], error) {
	shape, err := strides.Broadcast(a.shape, lo.shape, hi.shape)
	if err != nil {
		return nil, wrapError("Clip", err)
	}
	out := alloc[T](strides.RowMajor, shape)
	runClip(out, a, lo, hi)
	return out, nil
}

// ClipInto stores Clip(a, lo, hi) into dst, as numpy.clip(a, lo, hi,
// out=dst): a, lo and hi must broadcast to dst's shape, and dst must be
// writeable. As in math/big, dst may be a (clipping in place) or a bound;
// an operand overlapping dst otherwise is copied first. Nothing is
// allocated when the arrays are C-contiguous with dst's shape or hold one
// element.
func ClipInto[T Element](dst, a, lo, hi *Array[T]) error {
	if err := compareDst("ClipInto", dst, a.shape, lo.shape, hi.shape); err != nil {
		return err
	}
	runClip(dst, separate(dst, a), separate(dst, lo), separate(dst, hi))
	return nil
}

// runClip picks the loop for the element type.
func runClip[T Element](dst, a, lo, hi *Array[T]) {
	switch any(a.data).(type) {
	case []bool, []uint8:
		execTernary(clipLoop[uint8], dst, a, lo, hi)
	case []int8:
		execTernary(clipLoop[int8], dst, a, lo, hi)
	case []int16:
		execTernary(clipLoop[int16], dst, a, lo, hi)
	case []int32:
		execTernary(clipLoop[int32], dst, a, lo, hi)
	case []int64:
		execTernary(clipLoop[int64], dst, a, lo, hi)
	case []uint16:
		execTernary(clipLoop[uint16], dst, a, lo, hi)
	case []uint32:
		execTernary(clipLoop[uint32], dst, a, lo, hi)
	case []uint64:
		execTernary(clipLoop[uint64], dst, a, lo, hi)
	case []float32:
		execTernary(clipLoop[float32], dst, a, lo, hi)
	case []float64:
		execTernary(clipLoop[float64], dst, a, lo, hi)
	case []complex64:
		execTernary(clipComplexLoop[complex64], dst, a, lo, hi)
	case []complex128:
		execTernary(clipComplexLoop[complex128], dst, a, lo, hi)
	}
}

// clipLoop is NumPy's clip of real numbers: t = isnan(x) ? x : (x > lo ?
// x : lo), then isnan(t) ? t : (t < hi ? t : hi). For integers t == t
// always holds and the compiler drops the tests.
func clipLoop[E realNum](d []E, di, ds int, x []E, xi, xs int, lo []E, li, ls int, hi []E, hi0, hs int, n int) {
	if ds == 1 && xs == 1 && ls == 0 && hs == 0 {
		l, h := lo[li], hi[hi0]
		d := d[di : di+n]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = clipOne(x[i], l, h)
		}
		return
	}
	for ; n > 0; n-- {
		d[di] = clipOne(x[xi], lo[li], hi[hi0])
		di, xi, li, hi0 = di+ds, xi+xs, li+ls, hi0+hs
	}
}

func clipOne[E realNum](x, l, h E) E {
	t := x
	if t == t && !(t > l) {
		t = l
	}
	if t == t && !(t < h) {
		t = h
	}
	return t
}

// clipComplexLoop is NumPy's clip of complex numbers: max(a, b) is a when
// a has a NaN part or a >= b (real part first, no NaN test), else b; min
// alike with <=.
func clipComplexLoop[E complexNum](d []E, di, ds int, x []E, xi, xs int, lo []E, li, ls int, hi []E, hi0, hs int, n int) {
	for ; n > 0; n-- {
		t, l, h := complex128(x[xi]), complex128(lo[li]), complex128(hi[hi0])
		if !complexHasNaN(t) && !(real(t) > real(l) || real(t) == real(l) && imag(t) >= imag(l)) {
			t = l
		}
		if !complexHasNaN(t) && !(real(t) < real(h) || real(t) == real(h) && imag(t) <= imag(h)) {
			t = h
		}
		d[di] = E(t)
		di, xi, li, hi0 = di+ds, xi+xs, li+ls, hi0+hs
	}
}

func complexHasNaN(z complex128) bool { return real(z) != real(z) || imag(z) != imag(z) }
