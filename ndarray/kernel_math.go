package ndarray

import (
	"math"

	"github.com/ndmpi/ndmpi/strides"
)

// This file holds the inner loops of elementwise arithmetic and the
// odometer that drives them over three layouts at once.
//
// Go cannot apply + to a type parameter whose type set includes bool, and
// a method called through a type parameter is not inlined (it goes through
// the generic dictionary, several times slower than the loop it would
// sit in). So each operation has one loop function, generic over the
// numeric types below, and math.go picks the instantiation with a type
// switch on the storage slice. Bool operations run on a function-valued
// loop: they are not on any hot path.

// signedInt, unsignedInt, floating and complexNum partition the numeric
// element types by the arithmetic they follow.
type (
	signedInt   interface{ int8 | int16 | int32 | int64 }
	unsignedInt interface {
		uint8 | uint16 | uint32 | uint64
	}
	anyInt     interface{ signedInt | unsignedInt }
	floating   interface{ float32 | float64 }
	complexNum interface{ complex64 | complex128 }
	realNum    interface{ anyInt | floating }
	// number is every element type but bool: the types + - * / apply to.
	number interface{ anyInt | floating | complexNum }
)

// binaryLoop computes n elements of an elementwise operation:
//
//	d[di + k*ds] = x[xi + k*xs] op y[yi + k*ys], k = 0 .. n-1
//
// Strides may be zero (broadcast) or negative. Every loop special-cases
// the three layouts that dominate real use: all operands unit-strided, and
// one input a repeated scalar with the others unit-strided. Those loops
// re-slice every operand to the length of the destination first, so the
// compiler proves the indices in range once instead of per element.
type binaryLoop[E any] func(d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int)

func addLoop[E number](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] + y[i]
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = x[i] + s
		}
	case ds == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		y := y[yi : yi+len(d)]
		for i := range d {
			d[i] = s + y[i]
		}
	default:
		for ; n > 0; n-- {
			d[di] = x[xi] + y[yi]
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

func subLoop[E number](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] - y[i]
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = x[i] - s
		}
	case ds == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		y := y[yi : yi+len(d)]
		for i := range d {
			d[i] = s - y[i]
		}
	default:
		for ; n > 0; n-- {
			d[di] = x[xi] - y[yi]
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

func mulLoop[E number](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] * y[i]
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = x[i] * s
		}
	case ds == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		y := y[yi : yi+len(d)]
		for i := range d {
			d[i] = s * y[i]
		}
	default:
		for ; n > 0; n-- {
			d[di] = x[xi] * y[yi]
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

// divLoop is true division for floating-point and complex elements: IEEE
// for floats (1/0 = +Inf, 0/0 = NaN), Go's complex division for complex.
func divLoop[E floating | complexNum](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = x[i] / y[i]
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = x[i] / s
		}
	case ds == 1 && xs == 0 && ys == 1:
		d, s := d[di:di+n], x[xi]
		y := y[yi : yi+len(d)]
		for i := range d {
			d[i] = s / y[i]
		}
	default:
		for ; n > 0; n-- {
			d[di] = x[xi] / y[yi]
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

// floorDivLoop is NumPy's integer // : the quotient rounded toward minus
// infinity. The caller has checked that no divisor is zero. The most
// negative value divided by -1 wraps to itself, in Go as in NumPy.
func floorDivLoop[E anyInt](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	switch {
	case ds == 1 && xs == 1 && ys == 1:
		d := d[di : di+n]
		x, y := x[xi:xi+len(d)], y[yi:yi+len(d)]
		for i := range d {
			d[i] = floorDiv(x[i], y[i])
		}
	case ds == 1 && xs == 1 && ys == 0:
		d, s := d[di:di+n], y[yi]
		x := x[xi : xi+len(d)]
		for i := range d {
			d[i] = floorDiv(x[i], s)
		}
	default:
		for ; n > 0; n-- {
			d[di] = floorDiv(x[xi], y[yi])
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

// floorDiv rounds Go's truncated quotient down when the remainder and the
// divisor have opposite signs (never, for unsigned types).
func floorDiv[E anyInt](x, y E) E {
	q, r := x/y, x%y
	if r != 0 && (r < 0) != (y < 0) {
		q--
	}
	return q
}

// floorDivFloatLoop is NumPy's floating-point // (npy_floor_divide): the
// quotient of the exact remainder's complement, snapped to the nearest
// integer, so that a // b == floor(a / b) wherever a / b is exact and
// a == (a // b) * b + a % b otherwise. A zero divisor gives a / b (+-Inf
// or NaN), as in NumPy.
func floorDivFloatLoop[E floating](d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
	for ; n > 0; n-- {
		d[di] = floorDivFloat(x[xi], y[yi])
		di, xi, yi = di+ds, xi+xs, yi+ys
	}
}

func floorDivFloat[E floating](a, b E) E {
	if b == 0 {
		return a / b
	}
	// fmod is exact, so computing it in float64 gives float32's fmodf.
	mod := E(math.Mod(float64(a), float64(b)))
	div := (a - mod) / b
	if mod != 0 && (b < 0) != (mod < 0) {
		div--
	}
	if div == 0 {
		return E(math.Copysign(0, float64(a/b)))
	}
	floor := E(math.Floor(float64(div)))
	if div-floor > 0.5 {
		floor++
	}
	return floor
}

// funcLoop returns a binaryLoop that applies f: the path for operations
// that have no numeric loop (those on bool).
func funcLoop[E any](f func(x, y E) E) binaryLoop[E] {
	return func(d []E, di, ds int, x []E, xi, xs int, y []E, yi, ys int, n int) {
		for ; n > 0; n-- {
			d[di] = f(x[xi], y[yi])
			di, xi, yi = di+ds, xi+xs, yi+ys
		}
	}
}

// operand is one array taking part in an elementwise loop: its storage,
// the offset of its first element and its strides (in elements) over the
// loop's shape, broadcast strides included.
type operand[E any] struct {
	data    []E
	off     int
	strides []int
}

// runBinary runs loop over every index of shape: d = x op y elementwise.
// The axes are put in the memory order of the destination and merged
// where all three layouts allow, so that the loop gets the longest runs
// the layouts have; the remaining outer axes are walked by an odometer.
// Elementwise results do not depend on the visiting order, so any order
// is correct; this one writes the destination sequentially.
func runBinary[E any](loop binaryLoop[E], shape []int, d, x, y operand[E]) {
	if strides.Size(shape) == 0 {
		return
	}
	perm := strides.MemoryOrder(d.strides)
	cshape, cst := strides.Coalesce(strides.Permute(shape, perm),
		strides.Permute(d.strides, perm), strides.Permute(x.strides, perm), strides.Permute(y.strides, perm))
	n := len(cshape)
	if n == 0 {
		loop(d.data, d.off, 1, x.data, x.off, 1, y.data, y.off, 1, 1)
		return
	}
	in := n - 1
	cnt, dq, xq, yq := cshape[in], cst[0][in], cst[1][in], cst[2][in]
	walk3(cshape[:in], cst[0][:in], cst[1][:in], cst[2][:in], d.off, x.off, y.off, func(do, xo, yo int) {
		loop(d.data, do, dq, x.data, xo, xq, y.data, yo, yq, cnt)
	})
}
