// Command poisson3d solves the Poisson equation -lap(u) = f on a periodic
// 3-D grid spectrally, with the parallel FFTs of mpiarr.Dist, the way
// mpi4py-fft's Poisson demo does with PFFT:
//
//	go build -o bin/poisson3d ./examples/poisson3d && mpirun -np 4 bin/poisson3d
//
// The box is [0, 2 pi)^3 with n points per side (-n, 32). The right-hand
// side comes from a known solution,
//
//	u(x, y, z) = sin(x) sin(2y) cos(3z) + cos(x + 2z) / 2
//
// so that f = 14 sin(x) sin(2y) cos(3z) + 5/2 cos(x + 2z). In Fourier
// space -lap is multiplication by |k|^2: the solver takes rfftn of f,
// divides by |k|^2 (the mean, k = 0, is set to 0: u has mean 0), and
// takes irfftn. u is band-limited, so the answer is exact to rounding for
// n > 6.
//
//   - f is a Dist on a pencil grid (NewDist with Grid (0, 0, 1): 2x2x1 on
//     4 ranks, a slab on 2 or 3), and each rank fills its block from the
//     global indices; no rank holds the whole grid.
//   - DistRFFTN leaves the spectrum in mpi4py-fft's transposed alignment
//     (FFTGrid: 1x2x2 on 4 ranks), the wavenumbers of each rank's block
//     come from its BlockStart, and DistIRFFTN, asked for f's grid, ends
//     there: four Alltoallv redistributions in all on a pencil grid, two on
//     a slab.
//   - The maximum error against the exact u and the root mean square of u
//     are reduced over the ranks (DistMax, DistSum); -out u.npy writes u
//     (Dist.WriteNPY), for numpy.load or a comparison between runs.
//
// Everything printed, but for the line with the number of ranks, is the
// same for any number of ranks, to rounding.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

// exact is the solution at (x, y, z).
func exact(x, y, z float64) float64 {
	return math.Sin(x)*math.Sin(2*y)*math.Cos(3*z) + math.Cos(x+2*z)/2
}

// rhs is -lap(exact) at (x, y, z).
func rhs(x, y, z float64) float64 {
	return 14*math.Sin(x)*math.Sin(2*y)*math.Cos(3*z) + 5*math.Cos(x+2*z)/2
}

// wavenumber is numpy.fft.fftfreq(n, 1/n)[i]: i up to n/2, i-n above.
func wavenumber(i, n int) float64 {
	if i <= n/2 {
		return float64(i)
	}
	return float64(i - n)
}

func main() {
	n := flag.Int("n", 32, "points per side of the periodic box")
	out := flag.String("out", "", "write the solution u to this .npy file (every rank its block, MPI-IO)")
	flag.Parse()
	N := *n

	comm, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	rank, size := comm.Rank(), comm.Size()

	shape := []int{N, N, N}
	f, err := mpiarr.NewDist[float64](comm, shape, mpiarr.DistOptions{Grid: []int{0, 0, 1}})
	check(err)
	defer func() { check(f.Free()) }()
	h := 2 * math.Pi / float64(N)
	for idx := range f.Interior.All() {
		g := f.GlobalIndex(idx...)
		f.Interior.Set(rhs(h*float64(g[0]), h*float64(g[1]), h*float64(g[2])), idx...)
	}

	fhat, err := mpiarr.DistRFFTN(f, mpiarr.FFTOptions{Grid: mpiarr.FFTGrid(f.Grid)})
	check(err)
	defer func() { check(fhat.Free()) }()
	// rfftn keeps the non-negative frequencies of the last axis: its
	// index is the wavenumber.
	for idx, v := range fhat.Interior.All() {
		g := fhat.GlobalIndex(idx...)
		kx, ky, kz := wavenumber(g[0], N), wavenumber(g[1], N), float64(g[2])
		k2 := kx*kx + ky*ky + kz*kz
		if k2 == 0 {
			fhat.Interior.Set(0, idx...)
			continue
		}
		fhat.Interior.Set(v/complex(k2, 0), idx...)
	}
	u, err := mpiarr.DistIRFFTN(fhat, shape, mpiarr.FFTOptions{Grid: f.Grid})
	check(err)
	defer func() { check(u.Free()) }()

	errs, err := mpiarr.NewDist[float64](comm, shape, mpiarr.DistOptions{Grid: u.Grid})
	check(err)
	defer func() { check(errs.Free()) }()
	for idx, v := range u.Interior.All() {
		g := u.GlobalIndex(idx...)
		errs.Interior.Set(math.Abs(v-exact(h*float64(g[0]), h*float64(g[1]), h*float64(g[2]))), idx...)
	}
	maxErr, err := mpiarr.DistMax(errs)
	check(err)
	sq, err := mpiarr.NewDist[float64](comm, shape, mpiarr.DistOptions{Grid: u.Grid})
	check(err)
	defer func() { check(sq.Free()) }()
	check(ndarray.MultiplyInto(sq.Interior, u.Interior, u.Interior))
	squares, err := mpiarr.DistSum[float64](sq)
	check(err)

	if *out != "" {
		check(u.WriteNPY(*out))
	}
	if rank == 0 {
		fmt.Printf("Poisson equation -lap(u) = f on a periodic %dx%dx%d grid, solved with rfftn and irfftn\n", N, N, N)
		ranks := "ranks"
		if size == 1 {
			ranks = "rank"
		}
		fmt.Printf("%d %s on a %s process grid; the spectrum %s on %s\n", size, ranks, dims(f.Grid),
			dims(fhat.Global), dims(fhat.Grid))
		fmt.Printf("max |u - exact| = %.3g\n", maxErr)
		fmt.Printf("rms of u = %.12f\n", math.Sqrt(squares/float64(N*N*N)))
	}
}

func dims(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, "x")
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "poisson3d:", err)
		os.Exit(1)
	}
}
