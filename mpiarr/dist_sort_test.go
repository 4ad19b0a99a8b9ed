package mpiarr_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// DistSort is checked against ndarray.Sort of the global array, which
// ndarray's tests check against numpy.sort (the conformance corpus).

// sortPatterns are global arrays of n elements, as float64 values that
// every dtype converts from (vals) and, for floats, NaNs and signed
// zeros put in by the pattern.
var sortPatterns = []struct {
	name string
	n    int
	gen  func(r *rand.Rand, i, n int) float64
}{
	{"empty", 0, nil},
	{"one", 1, func(*rand.Rand, int, int) float64 { return 7 }},
	{"fewer than ranks", 3, func(_ *rand.Rand, i, _ int) float64 { return float64(3 - i) }},
	{"duplicates", 97, func(r *rand.Rand, _, _ int) float64 { return float64(r.IntN(9)) }},
	{"all equal", 64, func(*rand.Rand, int, int) float64 { return 5 }},
	{"sorted", 50, func(_ *rand.Rand, i, _ int) float64 { return float64(i) }},
	{"reversed", 51, func(_ *rand.Rand, i, n int) float64 { return float64(n - i) }},
	{"spread", 1000, func(r *rand.Rand, _, _ int) float64 { return float64(r.IntN(120)) }},
	{"NaNs and zeros", 80, func(r *rand.Rand, i, _ int) float64 {
		switch i % 7 {
		case 0:
			return math.NaN()
		case 3:
			return math.Copysign(0, -1)
		case 5:
			return math.Inf(1 - 2*(i%2))
		}
		return float64(r.IntN(11)) - 5
	}},
}

// sortInput is the pattern's global array as a T array: the values cut to
// T's range (integers kept in [0, 127] so that every integer dtype holds
// them; NaN and infinities only for floats), complex numbers with an
// imaginary part of their own, NaN now and then.
func sortInput[T ndarray.Element](name string, n int, gen func(*rand.Rand, int, int) float64) *ndarray.Array[T] {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	vals := make([]T, n)
	for i := range vals {
		v := gen(r, i, n)
		var x any
		small := func() float64 {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 3
			}
			return math.Abs(v)
		}
		switch any(vals[i]).(type) {
		case bool:
			x = int(small())%2 == 1
		case int8:
			x = int8(small())
		case int16:
			x = int16(-small())
		case int32:
			x = int32(small())
		case int64:
			x = int64(-small())
		case uint8:
			x = uint8(small())
		case uint16:
			x = uint16(small())
		case uint32:
			x = uint32(small())
		case uint64:
			x = uint64(small())
		case float32:
			x = float32(v)
		case float64:
			x = v
		case complex64:
			x = complex(float32(v), float32(i%3))
		case complex128:
			im := float64(i % 4)
			if name == "NaNs and zeros" && i%5 == 1 {
				im = math.NaN()
			}
			x = complex(v, im)
		}
		vals[i] = x.(T)
	}
	return ndarray.Must(ndarray.FromSlice(vals, n))
}

// sameKey reports whether x and y are the same element of a sorted array:
// equal, or both NaN (part by part for complex numbers).
func sameKey[T ndarray.Element](x, y T) bool {
	same := func(a, b float64) bool { return a == b || (a != a && b != b) }
	switch a := any(x).(type) {
	case float32:
		return same(float64(a), float64(any(y).(float32)))
	case float64:
		return same(a, any(y).(float64))
	case complex64:
		b := any(y).(complex64)
		return same(float64(real(a)), float64(real(b))) && same(float64(imag(a)), float64(imag(b)))
	case complex128:
		b := any(y).(complex128)
		return same(real(a), real(b)) && same(imag(a), imag(b))
	}
	return x == y
}

func checkDistSort[T ndarray.Element](t *testing.T, c *mpiarr.Comm, name string, n int, gen func(*rand.Rand, int, int) float64, opts mpiarr.DistOptions) {
	t.Helper()
	g := sortInput[T](name, n, gen)
	d := distOf(t, c, g, opts, *new(T))
	defer d.Free()
	s, err := mpiarr.DistSort(d)
	require.NoError(t, err)
	defer s.Free()
	require.Equal(t, d.Global, s.Global)
	require.Equal(t, d.Grid, s.Grid)
	require.Equal(t, []int{0}, s.Halo)
	want := blockOf(value(ndarray.Sort(g, 0)), s.BlockStart, s.BlockShape).ToSlice()
	got := s.Interior.ToSlice()
	require.Len(t, got, len(want))
	for i := range want {
		if !sameKey(want[i], got[i]) {
			require.Failf(t, "DistSort differs from ndarray.Sort", "%v element %d of rank %d's block (global %d): got %v, want %v",
				ndarray.DTypeOf[T](), i, c.Rank(), s.BlockStart[0]+i, got[i], want[i])
		}
	}
	// The sort moves elements, never changes them: the multiset of bit
	// patterns is kept (a -0.0 stays a -0.0).
	if neg := func(xs []T) int {
		k := 0
		for _, x := range xs {
			if f, ok := any(x).(float64); ok && f == 0 && math.Signbit(f) {
				k++
			}
		}
		return k
	}; ndarray.DTypeOf[T]() == ndarray.Float64 {
		all := ndarray.Zeros[T](n)
		require.NoError(t, s.Gather(all, 0))
		if c.Rank() == 0 {
			require.Equal(t, neg(g.ToSlice()), neg(all.ToSlice()), "negative zeros")
		}
	}
}

func TestDistSort(t *testing.T) {
	c := mpitest.Comm(t)
	for _, pt := range sortPatterns {
		t.Run(pt.name, func(t *testing.T) {
			opts := mpiarr.DistOptions{}
			checkDistSort[float64](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[float32](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[int8](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[int16](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[int32](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[int64](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[uint8](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[uint16](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[uint32](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[uint64](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[bool](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[complex64](t, c, pt.name, pt.n, pt.gen, opts)
			checkDistSort[complex128](t, c, pt.name, pt.n, pt.gen, opts)
			// A halo on the input is not sorted with it (a halo needs
			// blocks at least as wide).
			if pt.n >= 8 {
				checkDistSort[float64](t, c, pt.name, pt.n, pt.gen, mpiarr.DistOptions{Halo: []int{1}, Periodic: []bool{true}})
			}
		})
	}
}

// Only 1-D arrays sort: the same error on every rank.
func TestDistSortShape(t *testing.T) {
	c := mpitest.Comm(t)
	d, err := mpiarr.NewDist[float64](c, []int{4, 5}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	_, err = mpiarr.DistSort(d)
	require.True(t, errors.Is(err, mpiarr.ErrArg), "%v", err)
	require.ErrorContains(t, err, "1-D array, not one of shape (4, 5)")
}

// ExampleDistSort sorts an array spread over the ranks: the gathered
// result is numpy.sort's, NaN last.
func ExampleDistSort() {
	comm := mpitest.World()
	global := ndarray.Must(ndarray.FromSlice([]float64{3, math.NaN(), -1, 2, 2, 0, 9, -4}, 8))
	d, err := mpiarr.NewDist[float64](comm, global.Shape(), mpiarr.DistOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer d.Free()
	if err := d.Scatter(global, 0); err != nil {
		fmt.Println(err)
		return
	}
	s, err := mpiarr.DistSort(d)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Free()
	all := ndarray.Zeros[float64](8)
	if err := s.Gather(all, 0); err != nil {
		fmt.Println(err)
		return
	}
	if err := comm.Bcast(all, 0); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(all)
	// Output: [-4. -1.  0.  2.  2.  3.  9. nan]
}
