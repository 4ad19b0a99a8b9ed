package mpiarr_test

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// numpy.fft.rfftn of u[i, j] = i + cos(2 pi j / 6) on a 4 x 6 array split
// in slabs of rows, left in mpi4py-fft's transposed alignment (FFTGrid),
// and the way back with DistIRFFTN onto the slabs of rows.
func ExampleDistRFFTN() {
	comm := mpitest.World()
	u, err := mpiarr.NewDist[float64](comm, []int{4, 6}, mpiarr.DistOptions{Grid: []int{0, 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer u.Free()
	for idx := range u.Interior.All() {
		g := u.GlobalIndex(idx...)
		u.Interior.Set(float64(g[0])+math.Cos(2*math.Pi*float64(g[1])/6), idx...)
	}
	f, err := mpiarr.DistRFFTN(u, mpiarr.FFTOptions{Grid: mpiarr.FFTGrid(u.Grid)})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Free()
	fmt.Println("rfftn:", f.Global, "split along axis 1:", f.Grid[0] == 1)

	// Every rank gathers the spectrum (one Gather to each rank in turn),
	// so that every rank prints the same lines.
	var spectrum *ndarray.Array[complex128]
	for root := range comm.Size() {
		var mine *ndarray.Array[complex128]
		if root == comm.Rank() {
			mine = ndarray.Zeros[complex128](f.Global...)
			spectrum = mine
		}
		if err := f.Gather(mine, root); err != nil {
			fmt.Println(err)
			return
		}
	}
	for idx, v := range spectrum.All() {
		if cmplx.Abs(v) > 1e-9 {
			// +0 turns a rounded -0 into 0.
			fmt.Printf("%v %g%+gi\n", idx, math.Round(real(v))+0, math.Round(imag(v))+0)
		}
	}

	back, err := mpiarr.DistIRFFTN(f, u.Global, mpiarr.FFTOptions{Grid: u.Grid})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer back.Free()
	local := 0.0
	for _, v := range ndarray.Must(ndarray.Subtract(back.Interior, u.Interior)).All() {
		local = max(local, math.Abs(v))
	}
	worst := ndarray.Zeros[float64](1)
	if err := comm.Allreduce(ndarray.Full(local, 1), worst, mpiarr.Max); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("max |irfftn(rfftn(u)) - u| < 1e-14:", worst.At(0) < 1e-14)
	// Output:
	// rfftn: [4 4] split along axis 1: true
	// [0 0] 36+0i
	// [0 1] 12+0i
	// [1 0] -12+12i
	// [2 0] -12+0i
	// [3 0] -12-12i
	// max |irfftn(rfftn(u)) - u| < 1e-14: true
}
