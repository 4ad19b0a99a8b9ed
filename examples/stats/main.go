// Command stats computes the statistics of every column of a data set
// stored in one .npy file, on any number of ranks, none of which ever
// holds more than its share of the rows: the reductions of a distributed
// array (mpiarr.DistMeanAxis and friends) give NumPy's answer for the
// whole array, and a distributed sort (mpiarr.DistSort) gives medians.
//
//	go build -o bin/stats ./examples/stats && mpirun -np 4 bin/stats
//	python3 -c "import numpy as np; a = np.load('stats.npy'); print(a.mean(0), a.std(0), np.median(a, 0))"
//
// Without -in, the program first makes the data set, stats.npy: -rows
// rows (100000) of -cols columns (4) of float64 from a fixed
// pseudo-random formula of the global index, each rank computing and
// writing its own block of rows (Dist.WriteNPY). The values lie on a grid
// of 1/1024, so that every sum of them is exact and the means are the
// same bits on any number of ranks.
//
//   - ReadNPY reads the file into a Dist split by rows: each rank reads
//     its block of rows, and only those.
//   - DistMeanAxis, DistStdAxis, DistMinAxis, DistMaxAxis and
//     DistArgMaxAxis along axis 0 give numpy.mean(a, 0), numpy.std(a, 0),
//     a.min(0), a.max(0) and a.argmax(0) (global row indices) on every
//     rank; DistMean and DistArgMax the same of the whole array.
//   - Each column, a 1-D Dist over the same ranks, is sorted by DistSort
//     (sample sort, two Alltoallv); its median, numpy.median, is read from
//     the one or two ranks that hold the middle of the sorted column.
//   - WriteNPZ saves the data and the sorted first column into one .npz
//     archive (stats.npz), every rank writing its blocks: numpy.load reads
//     it as numpy.savez's.
//
// Everything printed, but for the line naming the number of ranks, is the
// same for any number of ranks.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	in := flag.String("in", "", "a 2-D float64 .npy file to read; empty: make stats.npy first")
	rows := flag.Int("rows", 100000, "rows of the data set made without -in")
	cols := flag.Int("cols", 4, "columns of the data set made without -in")
	npz := flag.String("npz", "stats.npz", "the .npz archive of the data and its sorted first column")
	flag.Parse()

	comm, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	rank, size := comm.Rank(), comm.Size()

	path := *in
	if path == "" {
		path = "stats.npy"
		check(makeData(comm, path, *rows, *cols))
	}
	members, err := npyShape(comm, path)
	check(err)
	if len(members) != 2 {
		check(fmt.Errorf("%s holds an array of shape %v: stats takes a 2-D array, one row per sample", path, members))
	}
	n, c := members[0], members[1]

	d, err := mpiarr.NewDist[float64](comm, []int{n, c}, mpiarr.DistOptions{Grid: []int{0, 1}})
	check(err)
	defer func() { check(d.Free()) }()
	check(d.ReadNPY(path))
	if rank == 0 {
		fmt.Printf("%s: %d rows x %d columns of float64 (%d bytes of data)\n", path, n, c, n*c*8)
		fmt.Printf("on %d %s: rank 0 read rows %d:%d, %.1f%% of the file (ReadNPY)\n",
			size, plural(size, "rank"), d.BlockStart[0], d.BlockStart[0]+d.BlockShape[0], 100*float64(d.BlockShape[0])/float64(max(n, 1)))
	}

	mean := column(mpiarr.DistMeanAxis[float64](d, false, 0))
	std := column(mpiarr.DistStdAxis[float64](d, 0, false, 0))
	lo := column(mpiarr.DistMinAxis(d, false, 0))
	hi := column(mpiarr.DistMaxAxis(d, false, 0))
	argmax := column(mpiarr.DistArgMaxAxis(d, 0, false))
	medians := make([]float64, c)
	var first *mpiarr.Dist[float64]
	for j := range c {
		sorted, err := sortColumn(d, j)
		check(err)
		medians[j], err = median(sorted)
		check(err)
		if j == 0 {
			first = sorted
		} else {
			check(sorted.Free())
		}
	}
	total, err := mpiarr.DistMean[float64](d)
	check(err)
	at, err := mpiarr.DistArgMax(d)
	check(err)

	if rank == 0 {
		fmt.Printf("%-8s %14s %14s %14s %14s %14s %10s\n", "column", "mean", "std", "min", "max", "median", "argmax")
		for j := range c {
			fmt.Printf("%-8d %14.6f %14.6f %14.6f %14.6f %14.6f %10d\n", j, mean[j], std[j], lo[j], hi[j], medians[j], argmax[j])
		}
		fmt.Printf("mean of every value: %.6f; largest value at flat index %d (row %d, column %d)\n", total, at, at/max(c, 1), at%max(c, 1))
	}

	if c > 0 {
		check(mpiarr.WriteNPZ(*npz, mpiarr.DistNPZ{{Name: "data", Dist: d}, {Name: "sorted0", Dist: first}}))
		if rank == 0 {
			fmt.Printf("wrote %s: data and sorted0, the first column sorted (WriteNPZ, every rank its blocks)\n", *npz)
		}
	}
	if first != nil {
		check(first.Free())
	}
}

// makeData writes the data set: rows x cols values of a fixed formula of
// the global index, each rank its block of rows.
func makeData(comm *mpiarr.Comm, path string, rows, cols int) error {
	d, err := mpiarr.NewDist[float64](comm, []int{rows, cols}, mpiarr.DistOptions{Grid: []int{0, 1}})
	if err != nil {
		return err
	}
	defer d.Free()
	for i := range d.BlockShape[0] {
		for j := range d.BlockShape[1] {
			g := d.GlobalIndex(i, j)
			d.Interior.Set(sample(g[0], g[1]), i, j)
		}
	}
	return d.WriteNPY(path)
}

// sample is the value at row i, column j: column j is a differently
// shaped distribution of uniform draws u from a hash of (i, j), rounded
// to 1/1024.
func sample(i, j int) float64 {
	u := func(k uint64) float64 { // uniform in [0, 1), from splitmix64
		x := uint64(i)*0x9e3779b97f4a7c15 + uint64(j)<<32 + k*0xbf58476d1ce4e5b9
		x ^= x >> 30
		x *= 0xbf58476d1ce4e5b9
		x ^= x >> 27
		x *= 0x94d049bb133111eb
		x ^= x >> 31
		return float64(x>>11) / (1 << 53)
	}
	var v float64
	switch j % 4 {
	case 0: // uniform on [-50, 50)
		v = 100*u(1) - 50
	case 1: // a bell: the sum of four uniforms, centred on 10
		v = 10 + 5*(u(1)+u(2)+u(3)+u(4)-2)
	case 2: // exponential of mean 3
		v = -3 * math.Log1p(-u(1))
	default: // a trend along the rows with noise
		v = float64(i%1000)/100 + u(1)
	}
	return math.Round(v*1024) / 1024
}

// npyShape is the shape of the array in the .npy file at path, read
// once and broadcast (NPZMembers reads .npz archives; a .npy file is
// read here by its header, at rank 0).
func npyShape(comm *mpiarr.Comm, path string) ([]int, error) {
	var shape []int
	var msg string
	if comm.Rank() == 0 {
		f, err := os.Open(path)
		if err == nil {
			var h ndarray.NPYHeader
			h, _, err = ndarray.ReadNPYHeader(f)
			f.Close()
			shape = h.Shape
			if err == nil && h.DType != ndarray.Float64 {
				err = fmt.Errorf("%s holds %s values: stats reads float64", path, h.DType)
			}
		}
		if err != nil {
			msg = err.Error()
		}
	}
	if err := comm.BcastObj(&shape, 0); err != nil {
		return nil, err
	}
	if err := comm.BcastObj(&msg, 0); err != nil {
		return nil, err
	}
	if msg != "" {
		return nil, fmt.Errorf("%s (found by rank 0)", msg)
	}
	return shape, nil
}

// column returns the values of a reduction along axis 0: a 1-D Dist that
// every rank holds whole (the rows' axis, the one split, is reduced).
func column[T ndarray.Element](r *mpiarr.Dist[T], err error) []T {
	check(err)
	defer func() { check(r.Free()) }()
	return r.Interior.ToSlice()
}

// sortColumn sorts column j of d: the column is a 1-D Dist split as d's
// rows are (the same NumPy split over the same ranks), so each rank
// copies its part in place, and DistSort sorts it.
func sortColumn(d *mpiarr.Dist[float64], j int) (*mpiarr.Dist[float64], error) {
	col, err := mpiarr.NewDist[float64](d.Comm, d.Global[:1], mpiarr.DistOptions{})
	if err != nil {
		return nil, err
	}
	defer col.Free()
	part, err := d.Interior.Slice(ndarray.Colon, ndarray.Int(j))
	if err != nil {
		return nil, err
	}
	if err := col.Interior.Assign(part); err != nil {
		return nil, err
	}
	return mpiarr.DistSort(col)
}

// median is numpy.median of a sorted 1-D Dist: its middle element, or
// the mean of its two middle elements, broadcast from the ranks that
// hold them.
func median(s *mpiarr.Dist[float64]) (float64, error) {
	n := s.Global[0]
	if n == 0 {
		return math.NaN(), nil
	}
	at := func(i int) (float64, error) {
		owner, local, err := s.Locate(i)
		if err != nil {
			return 0, err
		}
		v := ndarray.Zeros[float64](1)
		if s.Comm.Rank() == owner {
			v.Set(s.Interior.At(local...), 0)
		}
		if err := s.Comm.Bcast(v, owner); err != nil {
			return 0, err
		}
		return v.At(0), nil
	}
	a, err := at((n - 1) / 2)
	if err != nil || n%2 == 1 {
		return a, err
	}
	b, err := at(n / 2)
	return (a + b) / 2, err
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "stats:", err)
		os.Exit(1)
	}
}
