// Parallel N-D FFTs of a Dist, in the manner of mpi4py-fft's PFFT: the
// 1-D transforms run locally along the axes that are whole on every rank
// (a batched radix-4 Stockham FFT for power-of-two lengths, fft_pow2.go;
// gonum's dsp/fourier for the others), and Redistribute moves the processes of a split
// axis onto another axis in between (the "transposes" of slab and pencil
// codes).

package mpiarr

import (
	"fmt"
	"math"
	"slices"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
	"gonum.org/v1/gonum/dsp/fourier"
)

// FFTOptions tune a distributed FFT.
//
// The transforms take a Dist on any process grid: a slab (one split axis,
// the mpi4py-fft default for two or more ranks) and a pencil (two split
// axes) are the usual ones, and grids that split every axis work too.
// The forward transforms run over the axes from the last to the first,
// the inverse ones from the first to the last, as mpi4py-fft's
// PFFT.forward and backward do. Before the transform along a split axis,
// one Redistribute (MPI_Alltoallv) moves that axis's processes onto the
// nearest whole axis, preferring one already transformed (onto another
// split axis, multiplying the two, when no axis is whole). A slab
// (P, 1, 1) thus ends a forward transform as (1, P, 1), and a pencil
// (P0, P1, 1) as (1, P0, P1): mpi4py-fft's transposed output alignment,
// which FFTGrid computes.
type FFTOptions struct {
	// Grid is the process grid of the result. Nil is the input's grid:
	// the result is aligned like the input, at the cost of the
	// redistributions back (one for a slab, two for a pencil). Pass
	// FFTGrid(a.Grid) to keep mpi4py-fft's transposed alignment and skip
	// them, and the original grid to the inverse transform, which then
	// ends where it must with no extra step. Zero entries are chosen by
	// MPI_Dims_create, as in DistOptions.
	Grid []int
	// Norm is NumPy's norm=: "backward" (or ""), the forward transform
	// unscaled and the inverse scaled by 1/n, n the number of elements of
	// the transformed array; "ortho", both scaled by 1/sqrt(n); "forward",
	// the forward scaled by 1/n and the inverse unscaled.
	Norm string
}

// FFTGrid returns the process grid in which a forward transform of an
// array on grid ends when nothing asks for another: mpi4py-fft's output
// alignment of PFFT.forward ((1, P, 1) for the slab (P, 1, 1), (1, P0,
// P1) for the pencil (P0, P1, 1)). A 1-D grid is its own.
func FFTGrid(grid []int) []int {
	g := slices.Clone(grid)
	if len(g) < 2 {
		return g
	}
	for ax := len(g) - 1; ax >= 0; ax-- {
		g = fftMoveOff(g, ax, true)
	}
	return g
}

// fftMoveOff returns grid g with the processes of axis ax moved onto another
// axis: the nearest whole one on the side already transformed (above ax
// going forward, below it going backward), else on the other side, else,
// when every other axis is split, the nearest axis on the transformed
// side, whose count is multiplied. g itself when ax is whole.
func fftMoveOff(g []int, ax int, forward bool) []int {
	if g[ax] == 1 || len(g) < 2 {
		return g
	}
	dirs := []int{1, -1}
	if !forward {
		dirs = []int{-1, 1}
	}
	for _, needWhole := range []bool{true, false} {
		for _, s := range dirs {
			for b := ax + s; b >= 0 && b < len(g); b += s {
				if !needWhole || g[b] == 1 {
					next := slices.Clone(g)
					next[b] *= g[ax]
					next[ax] = 1
					return next
				}
			}
		}
	}
	return g
}

// fftAlignment returns the grid in which to transform axes[0] of an array
// on grid g: g when that axis is whole; out when it keeps that axis and
// every later one whole, so that no step is needed at the end; otherwise
// fftMoveOff's.
func fftAlignment(g, out, axes []int, forward bool) []int {
	ax := axes[0]
	if g[ax] == 1 {
		return g
	}
	if !slices.ContainsFunc(axes, func(b int) bool { return out[b] != 1 }) {
		return out
	}
	return fftMoveOff(g, ax, forward)
}

// fftAxes are the axes of an nd-dimensional transform in the order they
// are transformed.
func fftAxes(nd int, forward bool) []int {
	axes := make([]int, nd)
	for i := range axes {
		axes[i] = i
		if forward {
			axes[i] = nd - 1 - i
		}
	}
	return axes
}

// fftScale is the factor the result is multiplied by for norm, n points
// transformed.
func fftScale(op, norm string, n int, inverse bool) (float64, error) {
	switch norm {
	case "", "backward":
		if inverse {
			return 1 / float64(n), nil
		}
		return 1, nil
	case "ortho":
		return 1 / math.Sqrt(float64(n)), nil
	case "forward":
		if inverse {
			return 1, nil
		}
		return 1 / float64(n), nil
	}
	return 0, newError(op, ErrArg, "norm %q is not one of \"backward\", \"ortho\", \"forward\"", norm)
}

// fftSetup checks what every rank passes alike, so that every rank
// returns the same error before any communication, and resolves the
// result's grid. shape is the real array's (nil: d's).
func fftSetup[T ndarray.Element](op string, d *Dist[T], shape []int, o FFTOptions) (out []int, err error) {
	if d == nil {
		return nil, newError(op, ErrArg, "nil distributed array")
	}
	if shape == nil {
		shape = d.Global
	}
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	for k, n := range shape {
		if n < 1 {
			return nil, newError(op, ErrArg, "invalid number of FFT data points (%d) along axis %d of shape %s", n, k, strides.Tuple(shape))
		}
	}
	if o.Grid == nil {
		return slices.Clone(d.Grid), nil
	}
	if len(o.Grid) != len(d.Global) {
		return nil, newError(op, ErrCount, "FFTOptions.Grid has %d entries for a %d-dimensional array", len(o.Grid), len(d.Global))
	}
	out, err = mpi.DimsCreate(d.Size(), slices.Clone(o.Grid))
	if err != nil {
		return nil, wrapError(op, ErrCount, fmt.Errorf("no process grid %s for %d ranks: %w", strides.Tuple(o.Grid), d.Size(), mpiCause(err)))
	}
	return out, nil
}

// fftPlans holds the plans by length, reused along every axis of that
// length, and the buffers of the transforms: the radix-2 plans of
// fft_pow2.go for power-of-two lengths, gonum's for the others.
type fftPlans struct {
	cmplx   map[int]*fourier.CmplxFFT
	real    map[int]*fourier.FFT
	pow2    map[int]*pow2FFT
	in, out []complex128
}

func (p *fftPlans) pow2Plan(n int) *pow2FFT {
	if p.pow2 == nil {
		p.pow2 = map[int]*pow2FFT{}
	}
	if p.pow2[n] == nil {
		p.pow2[n] = newPow2FFT(n)
	}
	return p.pow2[n]
}

// pow2Batch is the number of elements of a batch of lines the radix-2
// FFT transforms together: two such buffers (the batch and Stockham's
// scratch), 128 KiB each, stay in a core's L2 cache.
const pow2Batch = 8192

func (p *fftPlans) complexPlan(n int) *fourier.CmplxFFT {
	if p.cmplx == nil {
		p.cmplx = map[int]*fourier.CmplxFFT{}
	}
	if p.cmplx[n] == nil {
		p.cmplx[n] = fourier.NewCmplxFFT(n)
	}
	return p.cmplx[n]
}

func (p *fftPlans) realPlan(n int) *fourier.FFT {
	if p.real == nil {
		p.real = map[int]*fourier.FFT{}
	}
	if p.real[n] == nil {
		p.real[n] = fourier.NewFFT(n)
	}
	return p.real[n]
}

// fftBatch is how many lines along a non-last axis are copied out and
// transformed together: a row of the block then gives fftBatch adjacent
// elements instead of one, which keeps the strided reads in cache.
const fftBatch = 16

// buffers returns a batch buffer of n*lines elements and a line of n.
func (p *fftPlans) buffers(n, lines int) (batch, out []complex128) {
	if cap(p.in) < n*lines {
		p.in = make([]complex128, n*lines)
	}
	if cap(p.out) < n {
		p.out = make([]complex128, n)
	}
	return p.in[:n*lines], p.out[:n]
}

// axis transforms, in place, every line along axis ax of the C-ordered
// block data of the given shape: unnormalised, forward
// (sum x_j exp(-2 pi i jk/n)) or inverse (exp(+...)), as NumPy's pocketfft.
func (p *fftPlans) axis(data []complex128, shape []int, ax int, inverse bool) {
	n := shape[ax]
	if len(data) == 0 || n == 1 {
		return
	}
	inner := strides.Size(shape[ax+1:])
	if isPow2(n) {
		p.axisPow2(data, n, inner, inverse)
		return
	}
	plan := p.complexPlan(n)
	transform := plan.Coefficients
	if inverse {
		transform = plan.Sequence
	}
	if inner == 1 {
		_, out := p.buffers(n, 1)
		for at := 0; at < len(data); at += n {
			copy(data[at:at+n], transform(out, data[at:at+n]))
		}
		return
	}
	batch, out := p.buffers(n, min(fftBatch, inner))
	for base := 0; base < len(data); base += n * inner {
		for i0 := 0; i0 < inner; i0 += fftBatch {
			w := min(fftBatch, inner-i0)
			for j := range n {
				for c, v := range data[base+j*inner+i0 : base+j*inner+i0+w] {
					batch[c*n+j] = v
				}
			}
			for c := range w {
				copy(batch[c*n:(c+1)*n], transform(out, batch[c*n:(c+1)*n]))
			}
			for j := range n {
				row := data[base+j*inner+i0 : base+j*inner+i0+w]
				for c := range row {
					row[c] = batch[c*n+j]
				}
			}
		}
	}
}

// axisPow2 is axis for a power-of-two length n: batches of lines are
// gathered line-minor into a buffer (the rows of a batch of adjacent
// lines along a non-last axis are contiguous runs, copied as they are;
// the lines of the last axis are transposed in), transformed together by
// the radix-2 plan, and written back.
func (p *fftPlans) axisPow2(data []complex128, n, inner int, inverse bool) {
	f := p.pow2Plan(n)
	lines := inner
	if inner == 1 {
		lines = len(data) / n
	}
	w := min(max(1, pow2Batch/n), lines)
	bufs, _ := p.buffers(2*n*w, 1)
	bx, by := bufs[:n*w], bufs[n*w:]
	if inner == 1 {
		for l0 := 0; l0 < lines; l0 += w {
			bw := min(w, lines-l0)
			x, y := bx[:n*bw], by[:n*bw]
			for c := range bw {
				for j, v := range data[(l0+c)*n : (l0+c+1)*n] {
					x[j*bw+c] = v
				}
			}
			r := f.transform(x, y, bw, inverse)
			for c := range bw {
				line := data[(l0+c)*n : (l0+c+1)*n]
				for j := range line {
					line[j] = r[j*bw+c]
				}
			}
		}
		return
	}
	for base := 0; base < len(data); base += n * inner {
		for i0 := 0; i0 < inner; i0 += w {
			bw := min(w, inner-i0)
			x, y := bx[:n*bw], by[:n*bw]
			for j := range n {
				copy(x[j*bw:(j+1)*bw], data[base+j*inner+i0:])
			}
			r := f.transform(x, y, bw, inverse)
			for j := range n {
				copy(data[base+j*inner+i0:base+j*inner+i0+bw], r[j*bw:(j+1)*bw])
			}
		}
	}
}

// fftBlock is the interior of a Dist the transforms made, as the C-ordered
// slice it is (its blocks have no halos).
func fftBlock[T ndarray.Element](d *Dist[T]) []T { return fftElems(d.Interior) }

// fftElems is the storage of an array the transforms made C-contiguous.
func fftElems[T ndarray.Element](a *ndarray.Array[T]) []T {
	data, err := a.Data()
	if err != nil || !a.Flags().CContiguous {
		panic(fmt.Sprintf("mpiarr: an FFT's working array is not C-contiguous (%v)", err))
	}
	return data
}

// fftRegrid returns a new Dist of element type U on grid holding src's
// values converted: one Redistribute when the grids differ.
func fftRegrid[U, T ndarray.Element](src *Dist[T], grid []int) (*Dist[U], error) {
	dst, err := NewDist[U](src.Comm, src.Global, DistOptions{Grid: grid})
	if err != nil {
		return nil, err
	}
	from := src
	if !slices.Equal(src.Grid, grid) {
		if same, ok := any(src).(*Dist[U]); ok {
			if err := same.Redistribute(dst); err != nil {
				_ = dst.Free()
				return nil, err
			}
			return dst, nil
		}
		tmp, err := NewDist[T](src.Comm, src.Global, DistOptions{Grid: grid})
		if err == nil {
			err = src.Redistribute(tmp)
		}
		if err != nil {
			_ = dst.Free()
			if tmp != nil {
				_ = tmp.Free()
			}
			return nil, err
		}
		defer tmp.Free()
		from = tmp
	}
	if same, ok := any(from.Interior).(*ndarray.Array[U]); ok {
		err = dst.Interior.Assign(same)
	} else {
		err = dst.Interior.Assign(ndarray.AsType[U](from.Interior))
	}
	if err != nil {
		_ = dst.Free()
		return nil, wrapError("FFT", ErrArg, err)
	}
	return dst, nil
}

// fftFinish returns the working array w as a Dist[U] on grid, freeing w
// unless it is that Dist already.
func fftFinish[U ndarray.Element](w *Dist[complex128], grid []int) (*Dist[U], error) {
	if same, ok := any(w).(*Dist[U]); ok && slices.Equal(w.Grid, grid) {
		return same, nil
	}
	r, err := fftRegrid[U](w, grid)
	_ = w.Free()
	return r, err
}

// fftTransformAxes runs the complex transforms along axes, in order, on the
// working array w (which it owns and may replace), redistributing before
// each axis that is split.
func fftTransformAxes(w *Dist[complex128], out, axes []int, inverse bool, p *fftPlans) (*Dist[complex128], error) {
	for i, ax := range axes {
		if g := fftAlignment(w.Grid, out, axes[i:], !inverse); !slices.Equal(g, w.Grid) {
			next, err := fftRegrid[complex128](w, g)
			_ = w.Free()
			if err != nil {
				return nil, err
			}
			w = next
		}
		p.axis(fftBlock(w), w.BlockShape, ax, inverse)
	}
	return w, nil
}

func fftScaleBlock[T float64 | complex128](data []T, f float64) {
	if f == 1 {
		return
	}
	switch x := any(data).(type) {
	case []float64:
		for i := range x {
			x[i] *= f
		}
	case []complex128:
		c := complex(f, 0)
		for i := range x {
			x[i] *= c
		}
	}
}

// distFFT1D transforms a 1-D array split over every rank: there is no
// other axis to move the split onto, so every rank gathers the whole
// line (MPI_Allgatherv), transforms it and keeps its block. It holds n
// elements per rank, where the N-D transforms hold a block.
func distFFT1D[T complex64 | complex128](op string, d *Dist[T], out []int, inverse bool, scale float64) (*Dist[T], error) {
	line := ndarray.Zeros[T](d.Global[0])
	counts, displs := d.rankParts()
	if err := d.Comm.Allgatherv(d.Interior, line, counts, displs); err != nil {
		return nil, err
	}
	var p fftPlans
	data := fftElems(ndarray.AsType[complex128](line))
	p.axis(data, d.Global, 0, inverse)
	fftScaleBlock(data, scale)
	r, err := NewDist[T](d.Comm, d.Global, DistOptions{Grid: out})
	if err != nil {
		return nil, err
	}
	whole := ndarray.AsType[T](ndarray.Must(ndarray.FromSlice(data, len(data))))
	if err := r.Interior.Assign(blockView(whole, []int{0}, r.BlockStart, r.BlockShape)); err != nil {
		_ = r.Free()
		return nil, wrapError(op, ErrArg, err)
	}
	return r, nil
}

func distFFTN[T complex64 | complex128](op string, d *Dist[T], o FFTOptions, inverse bool) (*Dist[T], error) {
	out, err := fftSetup(op, d, nil, o)
	if err != nil {
		return nil, err
	}
	scale, err := fftScale(op, o.Norm, strides.Size(d.Global), inverse)
	if err != nil {
		return nil, err
	}
	if len(d.Global) == 1 && d.Size() > 1 {
		return distFFT1D(op, d, out, inverse, scale)
	}
	axes := fftAxes(len(d.Global), !inverse)
	w, err := fftRegrid[complex128](d, fftAlignment(d.Grid, out, axes, !inverse))
	if err != nil {
		return nil, err
	}
	var p fftPlans
	if w, err = fftTransformAxes(w, out, axes, inverse, &p); err != nil {
		return nil, err
	}
	fftScaleBlock(fftBlock(w), scale)
	return fftFinish[T](w, out)
}

// DistFFTN is numpy.fft.fftn of the global array: the N-D discrete
// Fourier transform over every axis, as a new Dist of the same shape and
// type on the grid o.Grid (nil: d's). See FFTOptions for the
// decompositions and the redistributions; the 1-D transforms (a batched
// radix-4 Stockham FFT for power-of-two lengths, gonum's
// fourier.CmplxFFT for the others, one plan per axis length) run along
// the axes whole on every rank. complex64 is transformed in complex128 and rounded once
// at the end (NumPy 1.x also computes in double precision, but returns
// complex128). Results agree with NumPy's to rounding: the tests hold
// them to 1e-12 of the largest magnitude for complex128. A 1-D array on
// several ranks is gathered whole on every rank, transformed there, and
// split again. The halos of d are not read; the result has none.
// Collective over d's communicator; free the result.
func DistFFTN[T complex64 | complex128](d *Dist[T], o FFTOptions) (*Dist[T], error) {
	return distFFTN("DistFFTN", d, o, false)
}

// DistIFFTN is numpy.fft.ifftn: the inverse of DistFFTN, scaled by 1/n
// with NumPy's default norm ("backward"). Given DistFFTN's result with
// FFTOptions{Grid: a.Grid}, it ends on a's grid with no redistribution
// beyond those of the transform. Collective; free the result.
func DistIFFTN[T complex64 | complex128](d *Dist[T], o FFTOptions) (*Dist[T], error) {
	return distFFTN("DistIFFTN", d, o, true)
}

// DistRFFTN is numpy.fft.rfftn: the N-D transform of a real array, the
// last axis first with a real-input transform (gonum's fourier.FFT) that
// keeps its n/2+1 non-negative frequencies, then the complex transforms
// of the other axes, from the last to the first. The result has the
// global shape of d but for the last axis, n/2+1, on the grid o.Grid
// (nil: d's). A split last axis is redistributed (in float64) before the
// first transform. Collective; free the result.
func DistRFFTN(d *Dist[float64], o FFTOptions) (*Dist[complex128], error) {
	const op = "DistRFFTN"
	out, err := fftSetup(op, d, nil, o)
	if err != nil {
		return nil, err
	}
	scale, err := fftScale(op, o.Norm, strides.Size(d.Global), false)
	if err != nil {
		return nil, err
	}
	nd := len(d.Global)
	half := slices.Clone(d.Global)
	half[nd-1] = half[nd-1]/2 + 1
	axes := fftAxes(nd, true)
	var p fftPlans
	if nd == 1 && d.Size() > 1 {
		line := ndarray.Zeros[float64](d.Global[0])
		counts, displs := d.rankParts()
		if err := d.Comm.Allgatherv(d.Interior, line, counts, displs); err != nil {
			return nil, err
		}
		coef := p.realPlan(d.Global[0]).Coefficients(nil, fftElems(line))
		fftScaleBlock(coef, scale)
		r, err := NewDist[complex128](d.Comm, half, DistOptions{Grid: out})
		if err != nil {
			return nil, err
		}
		whole := ndarray.Must(ndarray.FromSlice(coef, len(coef)))
		if err := r.Interior.Assign(blockView(whole, []int{0}, r.BlockStart, r.BlockShape)); err != nil {
			_ = r.Free()
			return nil, wrapError(op, ErrArg, err)
		}
		return r, nil
	}
	// The real transform reads the input in its alignment for the last
	// axis and writes a complex array of the half shape on the same grid:
	// the blocks of the other axes are the same.
	g := fftAlignment(d.Grid, out, axes, true)
	src := d
	if f := d.Interior.Flags(); !slices.Equal(g, d.Grid) || !f.CContiguous || !f.Writeable {
		if src, err = fftRegrid[float64](d, g); err != nil {
			return nil, err
		}
		defer src.Free()
	}
	w, err := NewDist[complex128](d.Comm, half, DistOptions{Grid: g})
	if err != nil {
		return nil, err
	}
	n := d.Global[nd-1]
	plan := p.realPlan(n)
	in, res := fftBlock(src), fftBlock(w)
	for i := range strides.Size(src.BlockShape) / n {
		plan.Coefficients(res[i*half[nd-1]:(i+1)*half[nd-1]], in[i*n:(i+1)*n])
	}
	if w, err = fftTransformAxes(w, out, axes[1:], false, &p); err != nil {
		return nil, err
	}
	fftScaleBlock(fftBlock(w), scale)
	return fftFinish[complex128](w, out)
}

// DistIRFFTN is numpy.fft.irfftn(a, s=shape): the inverse of DistRFFTN,
// a real array of the given global shape from the n/2+1 non-negative
// frequencies of its last axis (the imaginary parts of the zero and, for
// even n, the Nyquist frequency are ignored, as NumPy's are). shape must
// equal d's global shape but for the last axis, whose n must have
// n/2+1 = d's last length (NumPy would pad or crop; here it is an ErrCount
// error on every rank). The complex inverses of the other axes run first,
// from the first axis, then the real one along the last; 1/n scaling with
// the default norm. The result is on the grid o.Grid (nil: d's grid).
// Collective; free the result.
func DistIRFFTN(d *Dist[complex128], shape []int, o FFTOptions) (*Dist[float64], error) {
	const op = "DistIRFFTN"
	if d == nil {
		return nil, newError(op, ErrArg, "nil distributed array")
	}
	nd := len(d.Global)
	want := slices.Clone(d.Global)
	if len(shape) == nd {
		want[nd-1] = shape[nd-1]
	}
	if len(shape) != nd || !slices.Equal(want, shape) || shape[nd-1]/2+1 != d.Global[nd-1] {
		return nil, newError(op, ErrCount, "output shape %s does not fit the half spectrum %s (the last axis must be n with n/2+1 = %d, the others the same)",
			strides.Tuple(shape), strides.Tuple(d.Global), d.Global[nd-1])
	}
	out, err := fftSetup(op, d, shape, o)
	if err != nil {
		return nil, err
	}
	scale, err := fftScale(op, o.Norm, strides.Size(shape), true)
	if err != nil {
		return nil, err
	}
	var p fftPlans
	n, m := shape[nd-1], d.Global[nd-1]
	if nd == 1 && d.Size() > 1 {
		coef := ndarray.Zeros[complex128](m)
		counts, displs := d.rankParts()
		if err := d.Comm.Allgatherv(d.Interior, coef, counts, displs); err != nil {
			return nil, err
		}
		seq := p.realPlan(n).Sequence(nil, fftElems(coef))
		fftScaleBlock(seq, scale)
		r, err := NewDist[float64](d.Comm, shape, DistOptions{Grid: out})
		if err != nil {
			return nil, err
		}
		whole := ndarray.Must(ndarray.FromSlice(seq, len(seq)))
		if err := r.Interior.Assign(blockView(whole, []int{0}, r.BlockStart, r.BlockShape)); err != nil {
			_ = r.Free()
			return nil, wrapError(op, ErrArg, err)
		}
		return r, nil
	}
	axes := fftAxes(nd, false)
	// The complex inverses of the axes but the last, then the real one,
	// in an alignment where the last axis is whole.
	w, err := fftRegrid[complex128](d, fftAlignment(d.Grid, out, axes, false))
	if err != nil {
		return nil, err
	}
	if w, err = fftTransformAxes(w, out, axes[:nd-1], true, &p); err != nil {
		return nil, err
	}
	if g := fftAlignment(w.Grid, out, axes[nd-1:], false); !slices.Equal(g, w.Grid) {
		next, err := fftRegrid[complex128](w, g)
		_ = w.Free()
		if err != nil {
			return nil, err
		}
		w = next
	}
	defer w.Free()
	r, err := NewDist[float64](d.Comm, shape, DistOptions{Grid: w.Grid})
	if err != nil {
		return nil, err
	}
	plan := p.realPlan(n)
	in, res := fftBlock(w), fftBlock(r)
	for i := range len(res) / n {
		plan.Sequence(res[i*n:(i+1)*n], in[i*m:(i+1)*m])
	}
	fftScaleBlock(res, scale)
	if slices.Equal(r.Grid, out) {
		return r, nil
	}
	defer r.Free()
	return fftRegrid[float64](r, out)
}
