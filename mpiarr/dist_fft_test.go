package mpiarr_test

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// The fixtures in testdata/fft are NumPy's (testdata/fft/gen.py writes
// them): fftn, ifftn, rfftn and irfftn of the global arrays. The tests
// distribute the inputs on every process grid of their dimensions for the
// number of ranks, blocks of no element included, and hold every rank's
// block of the result to the fixture's within a tolerance relative to the
// fixture's largest magnitude: 1e-12 for complex128 and float64, 1e-6 for
// complex64 (rounded once from double precision).

var (
	fftComplexCases = []string{"c1_7", "c1_8", "c2_5x6", "c2_4x9", "c3_3x4x5", "c3_6x5x4"}
	fftRealCases    = []string{"r1_9", "r1_10", "r2_5x6", "r2_6x7", "r3_3x4x5", "r3_5x3x8"}
)

func fftFixture[T ndarray.Element](t *testing.T, name string) *ndarray.Array[T] {
	t.Helper()
	a, err := ndarray.Load[T](filepath.Join("testdata", "fft", name+".npy"))
	require.NoError(t, err)
	return a
}

// fftGrids are every process grid of nd axes over size ranks.
func fftGrids(nd, size int) [][]int {
	if nd == 1 {
		return [][]int{{size}}
	}
	var out [][]int
	for p := 1; p <= size; p++ {
		if size%p == 0 {
			for _, rest := range fftGrids(nd-1, size/p) {
				out = append(out, append([]int{p}, rest...))
			}
		}
	}
	return out
}

// fftDistribute puts this rank's block of g into a new Dist on grid.
func fftDistribute[T ndarray.Element](t *testing.T, c *mpiarr.Comm, g *ndarray.Array[T], grid []int) *mpiarr.Dist[T] {
	t.Helper()
	d, err := mpiarr.NewDist[T](c, g.Shape(), mpiarr.DistOptions{Grid: grid})
	require.NoError(t, err)
	require.NoError(t, d.Interior.Assign(blockOf(g, d.BlockStart, d.BlockShape)))
	return d
}

// fftMagnitude is |v| of a float or complex element.
func fftMagnitude(v any) float64 {
	switch x := v.(type) {
	case float64:
		return math.Abs(x)
	case complex64:
		return cmplx.Abs(complex128(x))
	case complex128:
		return cmplx.Abs(x)
	}
	panic(fmt.Sprintf("fftMagnitude of %T", v))
}

func fftDifference(a, b any) float64 {
	switch x := a.(type) {
	case float64:
		return math.Abs(x - b.(float64))
	case complex64:
		return cmplx.Abs(complex128(x) - b.(complex128))
	case complex128:
		return cmplx.Abs(x - b.(complex128))
	}
	panic(fmt.Sprintf("fftDifference of %T", a))
}

// requireFFT requires out to hold, on every rank, its block of want, to
// tol of want's largest magnitude. The ranks agree on the largest error
// first (MPI_Allreduce), so that a wrong block fails the test on every
// rank instead of leaving the others waiting in the next collective.
func requireFFT[T, W ndarray.Element](t *testing.T, c *mpiarr.Comm, want *ndarray.Array[W], out *mpiarr.Dist[T], grid []int, tol float64, msg string) {
	t.Helper()
	require.Equal(t, want.Shape(), out.Global, msg)
	require.Equal(t, grid, out.Grid, msg)
	scale := 0.0
	for _, v := range want.All() {
		scale = max(scale, fftMagnitude(v))
	}
	local := 0.0
	exp := blockOf(want, out.BlockStart, out.BlockShape).ToSlice()
	got := out.Interior.ToSlice()
	require.Len(t, got, len(exp), msg)
	for i := range exp {
		e := fftDifference(got[i], exp[i])
		if math.IsNaN(e) {
			e = math.Inf(1)
		}
		local = max(local, e)
	}
	worst := ndarray.Zeros[float64](1)
	require.NoError(t, c.Allreduce(ndarray.Full(local/scale, 1), worst, mpiarr.Max), msg)
	require.Less(t, worst.ToSlice()[0], tol, "%s: largest |difference| relative to the largest |value|", msg)
}

func TestDistFFTN(t *testing.T) {
	c := mpitest.Comm(t)
	for _, name := range fftComplexCases {
		in := fftFixture[complex128](t, name+"_in")
		fftn := fftFixture[complex128](t, name+"_fftn")
		ifftn := fftFixture[complex128](t, name+"_ifftn")
		for _, grid := range fftGrids(in.Ndim(), c.Size()) {
			msg := fmt.Sprintf("%s on grid %v", name, grid)
			t.Run(msg, func(t *testing.T) {
				d := fftDistribute(t, c, in, grid)
				defer d.Free()
				for _, og := range [][]int{nil, mpiarr.FFTGrid(grid)} {
					wantGrid := grid
					if og != nil {
						wantGrid = og
					}
					f, err := mpiarr.DistFFTN(d, mpiarr.FFTOptions{Grid: og})
					require.NoError(t, err)
					requireFFT(t, c, fftn, f, wantGrid, 1e-12, fmt.Sprint(msg, ": fftn to ", wantGrid))
					// The inverse of the transposed result ends on the
					// input's grid.
					back, err := mpiarr.DistIFFTN(f, mpiarr.FFTOptions{Grid: grid})
					require.NoError(t, err)
					requireFFT(t, c, in, back, grid, 1e-12, fmt.Sprint(msg, ": ifftn(fftn) from ", wantGrid))
					require.NoError(t, back.Free())
					require.NoError(t, f.Free())
				}
				inv, err := mpiarr.DistIFFTN(d, mpiarr.FFTOptions{})
				require.NoError(t, err)
				requireFFT(t, c, ifftn, inv, grid, 1e-12, msg+": ifftn")
				require.NoError(t, inv.Free())
			})
		}
	}
}

// complex64 in, complex64 out, within single precision of NumPy's
// double-precision transform.
func TestDistFFTNComplex64(t *testing.T) {
	c := mpitest.Comm(t)
	in := fftFixture[complex64](t, "c3_2x7x3_c64_in")
	fftn := fftFixture[complex128](t, "c3_2x7x3_c64_fftn")
	ifftn := fftFixture[complex128](t, "c3_2x7x3_c64_ifftn")
	for _, grid := range fftGrids(3, c.Size()) {
		msg := fmt.Sprint("grid ", grid)
		d := fftDistribute(t, c, in, grid)
		f, err := mpiarr.DistFFTN(d, mpiarr.FFTOptions{})
		require.NoError(t, err)
		requireFFT(t, c, fftn, f, grid, 1e-6, msg+": fftn")
		inv, err := mpiarr.DistIFFTN(d, mpiarr.FFTOptions{Grid: mpiarr.FFTGrid(grid)})
		require.NoError(t, err)
		requireFFT(t, c, ifftn, inv, mpiarr.FFTGrid(grid), 1e-6, msg+": ifftn")
		require.NoError(t, errors.Join(f.Free(), inv.Free(), d.Free()))
	}
}

func TestDistRFFTN(t *testing.T) {
	c := mpitest.Comm(t)
	for _, name := range fftRealCases {
		in := fftFixture[float64](t, name+"_in")
		rfftn := fftFixture[complex128](t, name+"_rfftn")
		half := fftFixture[complex128](t, name+"_half")
		irfftn := fftFixture[float64](t, name+"_irfftn")
		for _, grid := range fftGrids(in.Ndim(), c.Size()) {
			msg := fmt.Sprintf("%s on grid %v", name, grid)
			t.Run(msg, func(t *testing.T) {
				d := fftDistribute(t, c, in, grid)
				defer d.Free()
				for _, og := range [][]int{nil, mpiarr.FFTGrid(grid)} {
					wantGrid := grid
					if og != nil {
						wantGrid = og
					}
					f, err := mpiarr.DistRFFTN(d, mpiarr.FFTOptions{Grid: og})
					require.NoError(t, err)
					requireFFT(t, c, rfftn, f, wantGrid, 1e-12, fmt.Sprint(msg, ": rfftn to ", wantGrid))
					back, err := mpiarr.DistIRFFTN(f, in.Shape(), mpiarr.FFTOptions{Grid: grid})
					require.NoError(t, err)
					requireFFT(t, c, in, back, grid, 1e-12, fmt.Sprint(msg, ": irfftn(rfftn) from ", wantGrid))
					require.NoError(t, errors.Join(back.Free(), f.Free()))
				}
				h := fftDistribute(t, c, half, grid)
				defer h.Free()
				inv, err := mpiarr.DistIRFFTN(h, in.Shape(), mpiarr.FFTOptions{})
				require.NoError(t, err)
				requireFFT(t, c, irfftn, inv, grid, 1e-12, msg+": irfftn")
				require.NoError(t, inv.Free())
			})
		}
	}
}

// The halos of the input are never read (they hold NaN here), and the
// norms scale as NumPy's norm= does.
func TestDistFFTNHalosAndNorms(t *testing.T) {
	c := mpitest.Comm(t)
	in := fftFixture[complex128](t, "c2_5x6_in")
	fftn := fftFixture[complex128](t, "c2_5x6_fftn")
	ifftn := fftFixture[complex128](t, "c2_5x6_ifftn")
	d, err := mpiarr.NewDist[complex128](c, in.Shape(), mpiarr.DistOptions{Halo: []int{1, 1}})
	require.NoError(t, err)
	defer d.Free()
	require.NoError(t, d.Local.Fill(complex(math.NaN(), math.NaN())))
	require.NoError(t, d.Interior.Assign(blockOf(in, d.BlockStart, d.BlockShape)))
	n := complex(float64(in.Size()), 0)
	scaled := func(a *ndarray.Array[complex128], f complex128) *ndarray.Array[complex128] {
		return ndarray.Must(ndarray.Multiply(a, ndarray.Full(f, 1)))
	}
	for _, tc := range []struct {
		norm     string
		fwd, inv *ndarray.Array[complex128]
	}{
		{"", fftn, ifftn},
		{"backward", fftn, ifftn},
		{"ortho", scaled(fftn, 1/cmplx.Sqrt(n)), scaled(ifftn, cmplx.Sqrt(n))},
		{"forward", scaled(fftn, 1/n), scaled(ifftn, n)},
	} {
		o := mpiarr.FFTOptions{Norm: tc.norm}
		f, err := mpiarr.DistFFTN(d, o)
		require.NoError(t, err)
		requireFFT(t, c, tc.fwd, f, d.Grid, 1e-12, "fftn, norm "+tc.norm)
		inv, err := mpiarr.DistIFFTN(d, o)
		require.NoError(t, err)
		requireFFT(t, c, tc.inv, inv, d.Grid, 1e-12, "ifftn, norm "+tc.norm)
		require.NoError(t, errors.Join(f.Free(), inv.Free()))
	}
}

// Mistakes are the same error on every rank, before any communication.
func TestDistFFTNErrors(t *testing.T) {
	c := mpitest.Comm(t)
	d, err := mpiarr.NewDist[complex128](c, []int{4, 6}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	r, err := mpiarr.NewDist[float64](c, []int{4, 6}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer r.Free()
	h, err := mpiarr.NewDist[complex128](c, []int{4, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer h.Free()

	_, err = mpiarr.DistFFTN(d, mpiarr.FFTOptions{Norm: "unitary"})
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, `norm "unitary"`)
	_, err = mpiarr.DistRFFTN(r, mpiarr.FFTOptions{Grid: []int{1}})
	require.ErrorIs(t, err, mpiarr.ErrCount)
	require.ErrorContains(t, err, "FFTOptions.Grid has 1 entries")
	_, err = mpiarr.DistIFFTN(d, mpiarr.FFTOptions{Grid: []int{c.Size() + 1, 1}})
	require.ErrorIs(t, err, mpiarr.ErrCount)
	_, err = mpiarr.DistFFTN[complex64](nil, mpiarr.FFTOptions{})
	require.ErrorIs(t, err, mpiarr.ErrArg)
	for _, shape := range [][]int{{4, 8}, {4, 5}, {4}, {3, 6}} {
		// A half spectrum of 4 along the last axis is n = 6 or 7.
		_, err = mpiarr.DistIRFFTN(h, shape, mpiarr.FFTOptions{})
		require.ErrorIs(t, err, mpiarr.ErrCount, "shape %v", shape)
		require.ErrorContains(t, err, "does not fit the half spectrum (4, 4)")
	}
	for _, n := range []int{6, 7} {
		out, err := mpiarr.DistIRFFTN(h, []int{4, n}, mpiarr.FFTOptions{})
		require.NoError(t, err)
		require.Equal(t, []int{4, n}, out.Global)
		require.NoError(t, out.Free())
	}
}

// FFTGrid is mpi4py-fft's transposed alignment for slabs and pencils.
func TestFFTGrid(t *testing.T) {
	for _, tc := range []struct{ in, want []int }{
		{[]int{4}, []int{4}},
		{[]int{4, 1}, []int{1, 4}},
		{[]int{1, 4}, []int{1, 4}},
		{[]int{4, 1, 1}, []int{1, 4, 1}},
		{[]int{2, 2, 1}, []int{1, 2, 2}},
		{[]int{1, 1, 3}, []int{1, 1, 3}},
		{[]int{2, 2}, []int{1, 4}},
		{[]int{3, 1, 1, 1}, []int{1, 3, 1, 1}},
	} {
		in := slices.Clone(tc.in)
		require.Equal(t, tc.want, mpiarr.FFTGrid(in), "FFTGrid(%v)", tc.in)
		require.Equal(t, tc.in, in, "FFTGrid must not modify its argument")
	}
}

// A 64^3 complex transform and its inverse on a slab grid, the result in
// the transposed alignment: the local 1-D transforms and the
// redistributions between them.
func BenchmarkDistFFTN(b *testing.B) {
	c := mpitest.Comm(b)
	d, err := mpiarr.NewDist[complex128](c, []int{64, 64, 64}, mpiarr.DistOptions{Grid: []int{0, 1, 1}})
	require.NoError(b, err)
	defer d.Free()
	data, err := d.Interior.Data()
	require.NoError(b, err)
	for i := range data {
		data[i] = complex(math.Sin(float64(i)), math.Cos(float64(3*i)))
	}
	o := mpiarr.FFTOptions{Grid: mpiarr.FFTGrid(d.Grid)}
	back := mpiarr.FFTOptions{Grid: d.Grid}
	for b.Loop() {
		f, err := mpiarr.DistFFTN(d, o)
		require.NoError(b, err)
		inv, err := mpiarr.DistIFFTN(f, back)
		require.NoError(b, err)
		require.NoError(b, errors.Join(f.Free(), inv.Free()))
	}
}
