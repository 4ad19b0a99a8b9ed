package mpiarr_test

import (
	"errors"
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The examples run on every rank of every test run and print the same
// on each: they send to themselves, or print what every rank computes.

// A transposed array is refused by default, and arrives as its logical
// values under Pack (here sent by a rank to itself).
func ExampleComm_WithLayout() {
	comm := mpitest.World()
	me := comm.Rank()
	a := ndarray.Iota[float64](2, 3)

	err := comm.Send(a.T(), me, 0)
	fmt.Println(errors.Is(err, mpiarr.ErrLayout))

	packed := comm.WithLayout(mpiarr.Pack)
	got := ndarray.Zeros[float64](3, 2)
	req, _ := packed.Irecv(got, me, 0)
	_ = packed.Send(a.T(), me, 0)
	st, _ := req.Wait()
	fmt.Println(got, st.Count)
	// Output:
	// true
	// [[0. 3.]
	//  [1. 4.]
	//  [2. 5.]] 6
}

// Count is mpi4py's [data, n, MPI.DOUBLE]: the first n elements.
func ExampleCount() {
	comm := mpitest.World()
	me := comm.Rank()
	data := ndarray.Iota[float64](10)
	got := ndarray.Zeros[float64](10)
	req, _ := comm.Irecv(mpiarr.Count(got, 2), me, 0)
	_ = comm.Send(mpiarr.Count(data, 2), me, 0)
	st, _ := req.Wait()
	fmt.Println(got, st.Count)
	// Output:
	// [0. 1. 0. 0. 0. 0. 0. 0. 0. 0.] 2
}

// Every rank ends with the root's data.
func ExampleComm_Bcast() {
	comm := mpitest.World()
	data := ndarray.Zeros[int32](4)
	if comm.Rank() == 0 {
		data = ndarray.Iota[int32](4)
	}
	if err := comm.Bcast(data, 0); err != nil {
		fmt.Println(err)
	}
	fmt.Println(data)
	// Output:
	// [0 1 2 3]
}

// Allreduce sums every rank's array; with nil counts Allgatherv learns
// every rank's size first.
func ExampleComm_Allreduce() {
	comm := mpitest.World()
	n := comm.Size()
	ones := ndarray.Ones[float64](3)
	sum := ndarray.Zeros[float64](3)
	_ = comm.Allreduce(ones, sum, mpiarr.Sum)
	fmt.Println(sum.At(0) == float64(n))
	// Output:
	// true
}

// A distributed array: the root scatters a global array in blocks over a
// process grid, every rank works on its block, and the root gathers them.
func ExampleNewDist() {
	comm := mpitest.World()
	d, err := mpiarr.NewDist[float64](comm, []int{4, 6}, mpiarr.DistOptions{Halo: []int{1, 1}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer d.Free()
	var global *ndarray.Array[float64]
	if comm.Rank() == 0 {
		global = ndarray.Iota[float64](4, 6)
	}
	_ = d.Scatter(global, 0)
	_ = d.ExchangeHalos()
	_ = d.Interior.ApplyInPlace(func(v float64) float64 { return 10 * v })
	_ = d.Gather(global, 0)
	if comm.Rank() == 0 {
		fmt.Println(global)
	} else { // the other ranks print what the root does, for the example's check
		fmt.Println(ndarray.Iota[float64](4, 6).Scale(10))
	}
	// Output:
	// [[  0.  10.  20.  30.  40.  50.]
	//  [ 60.  70.  80.  90. 100. 110.]
	//  [120. 130. 140. 150. 160. 170.]
	//  [180. 190. 200. 210. 220. 230.]]
}

// A self-describing message: the receiver learns dtype and shape.
func ExampleSendArray() {
	comm := mpitest.World()
	me := comm.Rank()
	done := make(chan error)
	go func() { done <- mpiarr.SendArray(comm, ndarray.Iota[int16](2, 2), me, 7) }()
	a, _, err := mpiarr.RecvArray[int16](comm, me, 7)
	fmt.Println(a, a.Shape(), err, <-done)
	// Output:
	// [[0 1]
	//  [2 3]] [2 2] <nil> <nil>
}

// Object messages carry any Go value; arrays inside travel as their .npy
// bytes, with dtype and shape, as pickle carries NumPy arrays.
func ExampleComm_SendObj() {
	comm := mpitest.World()
	me := comm.Rank()
	type state struct {
		Step   int
		Fields map[string]*ndarray.Array[float64]
	}
	u := ndarray.Iota[float64](2, 3)
	done := make(chan error)
	go func() {
		done <- comm.SendObj(state{Step: 3, Fields: map[string]*ndarray.Array[float64]{"u": u.T()}}, me, 5)
	}()
	var got state
	_, err := comm.RecvObj(&got, me, 5)
	fmt.Println(got.Step, err, <-done)
	fmt.Println(got.Fields["u"])
	// Output:
	// 3 <nil> <nil>
	// [[0. 3.]
	//  [1. 4.]
	//  [2. 5.]]
}
