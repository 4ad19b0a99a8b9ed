package mpiarr_test

import (
	"fmt"
	"math"
	"math/cmplx"
	"runtime"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// matNumber is the element types the product tests run.
type matNumber interface {
	int32 | int64 | float32 | float64 | complex64 | complex128
}

// grids2 are the process grids of two axes for p ranks: every
// factorisation (4x1, 2x2 and 1x4 on four ranks).
func grids2(p int) [][]int {
	var out [][]int
	for r := p; r >= 1; r-- {
		if p%r == 0 {
			out = append(out, []int{r, p / r})
		}
	}
	return out
}

// matValues is a global array of uneven values with both signs (complex
// ones with an imaginary part too): small integers when exact, else with
// fractions whose sums round.
func matValues[T matNumber](exact bool, shape ...int) *ndarray.Array[T] {
	a := ndarray.Zeros[T](shape...)
	data, _ := a.Data()
	for i := range data {
		re, im := float64((i*7)%13-6), float64((i*5)%11-5)
		if !exact {
			re += math.Sin(float64(i)) / 3
			im += math.Cos(float64(i)) / 7
		}
		data[i] = fromParts[T](re, im)
	}
	return a
}

func fromParts[T matNumber](re, im float64) T {
	var z T
	switch p := any(&z).(type) {
	case *int32:
		*p = int32(re)
	case *int64:
		*p = int64(re)
	case *float32:
		*p = float32(re)
	case *float64:
		*p = re
	case *complex64:
		*p = complex64(complex(re, im))
	case *complex128:
		*p = complex(re, im)
	}
	return z
}

func toComplex[T matNumber](v T) complex128 {
	switch x := any(v).(type) {
	case int32:
		return complex(float64(x), 0)
	case int64:
		return complex(float64(x), 0)
	case float32:
		return complex(float64(x), 0)
	case float64:
		return complex(x, 0)
	case complex64:
		return complex128(x)
	}
	return any(v).(complex128)
}

// epsOf is the machine epsilon of T's floats (0 for integers, whose
// products are exact).
func epsOf[T matNumber]() float64 {
	switch any(*new(T)).(type) {
	case float32, complex64:
		return 0x1p-23
	case float64, complex128:
		return 0x1p-52
	}
	return 0
}

// sumBound bounds the difference between two orders of summing the k
// products of each element of a·b: 2·k·eps·(k·max|a|·max|b|).
func sumBound[T matNumber](a, b *ndarray.Array[T], k int) float64 {
	top := func(x *ndarray.Array[T]) float64 {
		m := 0.0
		for _, v := range x.ToSlice() {
			m = max(m, cmplx.Abs(toComplex(v)))
		}
		return m
	}
	return 2 * float64(k) * epsOf[T]() * float64(k) * top(a) * top(b)
}

// blockMismatch describes the first element of d's block that differs
// from want's (the global result), by more than tol (0: in any bit;
// NaN matches NaN), or returns "".
func blockMismatch[T matNumber](want *ndarray.Array[T], d *mpiarr.Dist[T], tol float64) string {
	if fmt.Sprint(want.Shape()) != fmt.Sprint(d.Global) {
		return fmt.Sprintf("global shape %v, want %v", d.Global, want.Shape())
	}
	exp := blockOf(want, d.BlockStart, d.BlockShape).ToSlice()
	got := d.Interior.ToSlice()
	for i := range exp {
		e, g := toComplex(exp[i]), toComplex(got[i])
		if cmplx.IsNaN(e) && cmplx.IsNaN(g) {
			continue
		}
		if (tol == 0 && got[i] != exp[i]) || cmplx.Abs(e-g) > tol {
			return fmt.Sprintf("element %d of the block at %v: %v, want %v (tolerance %g)", i, d.BlockStart, got[i], exp[i], tol)
		}
	}
	return ""
}

// agreed fails the test on every rank when any rank found a problem, so
// that no rank goes on to the next collective alone.
func agreed(t *testing.T, c *mpiarr.Comm, problem string) {
	t.Helper()
	flag, anyFlag := ndarray.Zeros[int64](1), ndarray.Zeros[int64](1)
	if problem != "" {
		flag.Set(1, 0)
	}
	require.NoError(t, c.Allreduce(flag, anyFlag, mpiarr.Max))
	require.Empty(t, problem)
	require.Zero(t, anyFlag.At(0), "another rank found a problem")
}

// errText is err's text, or "".
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// exactSums reports whether float sums in order of k have ndarray's bits
// here: where Go and gonum do not fuse multiply-adds.
var exactSums = runtime.GOARCH == "amd64"

// The shapes (m, k, n) of the products: rectangular, uneven over 2-4
// ranks, blocks empty on some grids, an empty inner axis, a narrow result.
var matmulShapes = [][3]int{
	{7, 5, 9}, {13, 11, 6}, {2, 7, 5}, {6, 0, 4}, {0, 3, 4}, {4, 9, 1},
}

// operands is a pair of global operands, and whether their product must
// have ndarray.MatMul's bits.
type operands[T matNumber] struct {
	a, b  *ndarray.Array[T]
	exact bool
}

// checkProducts multiplies each pair of global arrays (all of the same
// shapes) as Dists of the given grids, and compares every rank's block
// of C with ndarray.MatMul of the global arrays: bit for bit where the
// sums in order of k are NumPy's. The Dists are made once for all pairs:
// communicators are what the tests' time goes to.
func checkProducts[T matNumber](t *testing.T, c *mpiarr.Comm, pairs []operands[T], aopts, bopts mpiarr.DistOptions) {
	t.Helper()
	a := distOf(t, c, pairs[0].a, aopts, fromParts[T](-99, 0))
	defer a.Free()
	b := distOf(t, c, pairs[0].b, bopts, fromParts[T](-99, 0))
	defer b.Free()
	for _, p := range pairs {
		require.NoError(t, a.Interior.Assign(blockOf(p.a, a.BlockStart, a.BlockShape)))
		require.NoError(t, b.Interior.Assign(blockOf(p.b, b.BlockStart, b.BlockShape)))
		want := value(ndarray.MatMul(p.a, p.b))
		got, err := mpiarr.DistMatMul(a, b)
		problem := errText(err)
		if err == nil {
			tol := 0.0
			if !p.exact {
				tol = sumBound(p.a, p.b, p.a.Shape()[1])
			}
			switch {
			case fmt.Sprint(got.Grid) != fmt.Sprint(a.Grid):
				problem = fmt.Sprintf("C on grid %v, a on %v", got.Grid, a.Grid)
			case got.Comm.Size() != c.Size():
				problem = fmt.Sprintf("C over %d ranks of %d", got.Comm.Size(), c.Size())
			default:
				problem = blockMismatch(want, got, tol)
			}
			require.NoError(t, got.Free())
		}
		agreed(t, c, problem)
	}
}

// floatPairs are integer-valued operands (exact on every platform) and
// operands whose sums round (exact where exactSums).
func floatPairs(m, k, n int) []operands[float64] {
	return []operands[float64]{
		{matValues[float64](true, m, k), matValues[float64](true, k, n), true},
		{matValues[float64](false, m, k), matValues[float64](false, k, n), exactSums},
	}
}

// Every shape with b on a's grid or its transpose; a few with b on each
// other grid, which DistMatMul redistributes.
func TestDistMatMul(t *testing.T) {
	c := mpitest.Comm(t)
	for _, ag := range grids2(c.Size()) {
		for _, bg := range grids2(c.Size()) {
			shapes := matmulShapes
			if fmt.Sprint(bg) != fmt.Sprint(ag) && (bg[0] != ag[1] || bg[1] != ag[0]) {
				shapes = [][3]int{{7, 5, 9}, {2, 7, 5}}
			}
			for _, s := range shapes {
				t.Run(fmt.Sprintf("%dx%d by %dx%d grid %v by %v", s[0], s[1], s[1], s[2], ag, bg), func(t *testing.T) {
					checkProducts(t, c, floatPairs(s[0], s[1], s[2]), mpiarr.DistOptions{Grid: ag}, mpiarr.DistOptions{Grid: bg})
				})
			}
		}
	}
}

// Every dtype, on every grid, with b on its own grid or on a's.
func TestDistMatMulTypes(t *testing.T) {
	c := mpitest.Comm(t)
	for _, g := range grids2(c.Size()) {
		for _, s := range [][3]int{{7, 5, 9}, {3, 8, 2}} {
			opts := []mpiarr.DistOptions{{Grid: g}, {Grid: []int{g[1], g[0]}}}
			name := fmt.Sprintf("%v grid %v", s, g)
			t.Run("float32 "+name, func(t *testing.T) {
				checkProducts(t, c, []operands[float32]{{matValues[float32](false, s[0], s[1]), matValues[float32](false, s[1], s[2]), exactSums}}, opts[0], opts[1])
			})
			t.Run("complex128 "+name, func(t *testing.T) {
				checkProducts(t, c, []operands[complex128]{{matValues[complex128](false, s[0], s[1]), matValues[complex128](false, s[1], s[2]), exactSums}}, opts[0], opts[1])
			})
			t.Run("complex64 "+name, func(t *testing.T) {
				checkProducts(t, c, []operands[complex64]{{matValues[complex64](false, s[0], s[1]), matValues[complex64](false, s[1], s[2]), exactSums}}, opts[1], opts[0])
			})
			t.Run("int32 "+name, func(t *testing.T) {
				checkProducts(t, c, []operands[int32]{{matValues[int32](true, s[0], s[1]), matValues[int32](true, s[1], s[2]), true}}, opts[1], opts[1])
			})
		}
	}
}

// Halos are not read (they hold NaN here), and 0·Inf is NaN as in NumPy
// even where a slice of b holds no Inf.
func TestDistMatMulHalosAndInf(t *testing.T) {
	c := mpitest.Comm(t)
	ga := matValues[float64](false, 13, 12)
	gb := matValues[float64](false, 12, 11)
	for i := range 13 {
		ga.Set(0, i, 10) // zeros against b's Inf in row 10
	}
	gb.Set(math.Inf(1), 10, 3)
	gb.Set(math.NaN(), 1, 7)
	for _, g := range grids2(c.Size()) {
		t.Run(fmt.Sprint(g), func(t *testing.T) {
			a := distOf(t, c, ga, mpiarr.DistOptions{Grid: g, Halo: []int{1, 1}}, math.NaN())
			defer a.Free()
			b := distOf(t, c, gb, mpiarr.DistOptions{Grid: g, Halo: []int{1, 2}, Periodic: []bool{true, false}}, math.NaN())
			defer b.Free()
			got, err := mpiarr.DistMatMul(a, b)
			problem := errText(err)
			if err == nil {
				defer got.Free()
				problem = blockMismatch(value(ndarray.MatMul(ga, gb)), got, sumBound(matValues[float64](false, 13, 12), matValues[float64](false, 12, 11), 12))
			}
			agreed(t, c, problem)
		})
	}
}

// The 1-D operands: a matrix times a vector every rank holds
// (DistMatVec), or a distributed vector (DistMatMul), and a vector times
// a matrix; y comes back split as a's rows over one grid column, and can
// be the next product's x.
func TestDistMatVec(t *testing.T) {
	c := mpitest.Comm(t)
	for _, g := range grids2(c.Size()) {
		for _, s := range [][2]int{{9, 9}, {3, 5}, {5, 0}} {
			t.Run(fmt.Sprintf("%v grid %v", s, g), func(t *testing.T) {
				m, k := s[0], s[1]
				a := distOf(t, c, matValues[float64](true, m, k), mpiarr.DistOptions{Grid: g, Halo: []int{0, min(1, k/4)}}, math.NaN())
				defer a.Free()
				x := distOf(t, c, matValues[float64](true, k), mpiarr.DistOptions{}, math.NaN())
				defer x.Free()
				// b has a.T's shape (k, m), on the same grid.
				b := distOf(t, c, matValues[float64](true, k, m), mpiarr.DistOptions{Grid: g}, math.NaN())
				defer b.Free()
				for _, exact := range []bool{true, false} {
					ga, gx, gb := matValues[float64](exact, m, k), matValues[float64](exact, k), matValues[float64](exact, k, m)
					for _, f := range []struct {
						d *mpiarr.Dist[float64]
						g *ndarray.Array[float64]
					}{{a, ga}, {x, gx}, {b, gb}} {
						require.NoError(t, f.d.Interior.Assign(blockOf(f.g, f.d.BlockStart, f.d.BlockShape)))
					}
					// With one grid column each y is ndarray's dot product.
					tol := 0.0
					if !exact && g[1] > 1 {
						tol = sumBound(ga, gx, k)
					}
					want := value(ndarray.MatMul(ga, gx))
					y, err := mpiarr.DistMatVec(a, gx)
					problem := errText(err)
					if err == nil {
						problem = blockMismatch(want, y, tol)
						if problem == "" && (y.Comm.Size() != g[0] || fmt.Sprint(y.Grid) != fmt.Sprint([]int{g[0]})) {
							problem = fmt.Sprintf("y over %d ranks on grid %v, want %d", y.Comm.Size(), y.Grid, g[0])
						}
						require.NoError(t, y.Free())
					}
					agreed(t, c, problem)

					// x as a Dist of its own split over every rank.
					y2, err := mpiarr.DistMatMul(a, x)
					problem = errText(err)
					if err == nil {
						defer y2.Free()
						problem = blockMismatch(want, y2, tol)
					}
					agreed(t, c, problem)

					// x·b: split as b's columns, over one grid row.
					vtol := 0.0
					if !exact && g[0] > 1 {
						vtol = sumBound(gx, gb, k)
					}
					z, err := mpiarr.DistMatMul(x, b)
					problem = errText(err)
					if err == nil {
						problem = blockMismatch(value(ndarray.MatMul(gx, gb)), z, vtol)
						if problem == "" && z.Comm.Size() != g[1] {
							problem = fmt.Sprintf("x·b over %d ranks, want %d", z.Comm.Size(), g[1])
						}
						require.NoError(t, z.Free())
					}
					agreed(t, c, problem)

					if m != k {
						continue
					}
					// Power iteration's step: y (over a grid column) is
					// the next x.
					y3, err := mpiarr.DistMatMul(a, y2)
					problem = errText(err)
					if err == nil {
						problem = blockMismatch(value(ndarray.MatMul(ga, want)), y3, max(tol, sumBound(ga, want, k))*float64(k))
						require.NoError(t, y3.Free())
					}
					agreed(t, c, problem)
				}
			})
		}
	}
}

// Operands that do not multiply are errors on every rank, naming both
// global shapes; a bad replicated vector on one rank is an error on all.
func TestDistMatMulErrors(t *testing.T) {
	c := mpitest.Comm(t)
	a, err := mpiarr.NewDist[float64](c, []int{4, 3}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer a.Free()
	b, err := mpiarr.NewDist[float64](c, []int{5, 2}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer b.Free()
	_, err = mpiarr.DistMatMul(a, b)
	require.ErrorIs(t, err, mpiarr.ErrCount)
	require.ErrorIs(t, err, ndarray.ErrShape)
	require.ErrorContains(t, err, "shapes (4, 3) and (5, 2) not aligned: 3 (dim 1) != 5 (dim 0)")

	v, err := mpiarr.NewDist[float64](c, []int{5}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer v.Free()
	_, err = mpiarr.DistMatMul(v, a)
	require.ErrorIs(t, err, ndarray.ErrShape)
	require.ErrorContains(t, err, "shapes (5,) and (4, 3) not aligned: 5 (dim 0) != 4 (dim 0)")
	_, err = mpiarr.DistMatMul(a, v)
	require.ErrorIs(t, err, mpiarr.ErrCount)
	require.ErrorContains(t, err, "shapes (4, 3) and (5,) not aligned: 3 (dim 1) != 5 (dim 0)")
	_, err = mpiarr.DistMatMul(v, v)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "shapes (5,) and (5,)")
	require.ErrorContains(t, err, "0-d")

	s, err := mpiarr.NewDist[float64](c, []int{2, 3, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer s.Free()
	_, err = mpiarr.DistMatMul(s, a)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "stacks of matrices")

	_, err = mpiarr.DistMatVec(a, ndarray.Zeros[float64](4))
	require.ErrorIs(t, err, ndarray.ErrShape)
	require.ErrorContains(t, err, "shapes (4, 3) and (4,)")
	_, err = mpiarr.DistMatVec(a, ndarray.Zeros[float64](3, 1))
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "(3, 1)")

	// Rank 0 alone passes nothing: every rank returns an error.
	x := ndarray.Zeros[float64](3)
	if c.Rank() == 0 {
		x = nil
	}
	_, err = mpiarr.DistMatVec(a, x)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	if c.Rank() == 0 {
		require.ErrorContains(t, err, "nil vector")
	} else {
		require.ErrorContains(t, err, "rank 0")
	}
}

// Operands over different processes, or the same ones in another order,
// are an error on every rank.
func TestDistMatMulGroups(t *testing.T) {
	c := mpitest.Comm(t)
	mpitest.NeedRanks(t, 2)
	a, err := mpiarr.NewDist[float64](c, []int{4, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer a.Free()
	rev, err := c.Split(0, c.Size()-c.Rank())
	require.NoError(t, err)
	defer rev.Free()
	b, err := mpiarr.NewDist[float64](rev, []int{4, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer b.Free()
	_, err = mpiarr.DistMatMul(a, b)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "different groups")

	half, err := c.Split(min(c.Rank(), 1), c.Rank())
	require.NoError(t, err)
	defer half.Free()
	h, err := mpiarr.NewDist[float64](half, []int{4, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer h.Free()
	_, err = mpiarr.DistMatMul(a, h)
	require.ErrorIs(t, err, mpiarr.ErrCount)
}

// SUMMA's overhead on one rank against ndarray.MatMul: the sub-grids,
// the panel copies and the result's communicator. It runs on one rank
// only: b.N is chosen by each rank's own timing, so ranks would disagree
// on the number of collectives.
func BenchmarkDistMatMul(b *testing.B) {
	c := mpitest.World()
	if c.Size() != 1 {
		b.Skip("b.N is chosen per rank: the multi-rank comparison is make bench's")
	}
	const n = 512
	ga := matValues[float64](false, n, n)
	gb := matValues[float64](false, n, n)
	b.Run("ndarray", func(b *testing.B) {
		for b.Loop() {
			value(ndarray.MatMul(ga, gb))
		}
	})
	b.Run("DistMatMul", func(b *testing.B) {
		a, err := mpiarr.NewDist[float64](c, []int{n, n}, mpiarr.DistOptions{})
		require.NoError(b, err)
		defer a.Free()
		require.NoError(b, a.Interior.Assign(ga))
		d, err := mpiarr.NewDist[float64](c, []int{n, n}, mpiarr.DistOptions{})
		require.NoError(b, err)
		defer d.Free()
		require.NoError(b, d.Interior.Assign(gb))
		for b.Loop() {
			got, err := mpiarr.DistMatMul(a, d)
			if err != nil {
				b.Fatal(err)
			}
			_ = got.Free()
		}
	})
}
