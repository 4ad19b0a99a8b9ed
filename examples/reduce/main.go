// Command reduce is the first tutorial's two Reduce programs (mpi4py and
// NumPy, PDC-KTH, slides "Reduce"):
//
//   - "Example of Scatterv and Reduce": rank 0 scatters
//     np.arange(100, dtype='i') unevenly, every rank sums its part, and
//     the lower-case comm.reduce(partial_sum, op=MPI.SUM, root=0) adds the
//     scalars: mpiarr.ReduceObj with mpiarr.OpFunc(mpiarr.Sum);
//
//   - "Simple example of Reduce" (the exercise "use Reduce to compute the
//     sum of numpy arrays"): comm.Reduce(data, result, op=MPI.SUM, root=0)
//     adds [1. 2. 3. 4.] * (rank + 1) element by element into rank 0's
//     result.
//
//     go build -o bin/reduce ./examples/reduce && mpirun -np 4 bin/reduce
package main

import (
	"fmt"
	"os"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	comm, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	rank, size := comm.Rank(), comm.Size()

	// Example of Scatterv and Reduce.
	var sendbuf *ndarray.Array[int32] // None away from the root
	counts := ndarray.Empty[int32](size)
	displs := ndarray.Empty[int32](size)
	if rank == 0 {
		sendbuf = ndarray.Arange[int32](0, 100, 1)
		// Determine counts and displacements
		counts = ndarray.Full(int32(100/size), size)
		for i := range 100 % size {
			counts.Set(counts.At(i)+1, i)
		}
		displs = ndarray.Zeros[int32](size)
		for i := 1; i < size; i++ { // displs[1:] = np.cumsum(counts[:-1])
			displs.Set(displs.At(i-1)+counts.At(i-1), i)
		}

		fmt.Println("counts:", counts)
		fmt.Println("displs:", displs)
	}

	// Broadcast counts and displacements to all ranks
	check(comm.Bcast(counts, 0))
	check(comm.Bcast(displs, 0))

	// Allocate recvbuf based on counts for the current rank
	recvbuf := ndarray.Empty[int32](int(counts.At(rank)))

	// Scatter the data
	check(comm.Scatterv(sendbuf, ints(counts), ints(displs), recvbuf, 0))

	fmt.Printf("Rank %d received data: %v\n", rank, recvbuf)

	// Compute the partial sum on each rank: np.sum of int32 accumulates
	// in int64, the platform integer.
	partialSum := ndarray.Sum[int64](recvbuf) // This is a scalar value

	// Use reduce to compute the total sum across all ranks
	totalSum, err := mpiarr.ReduceObj(comm, partialSum, mpiarr.OpFunc[int64](mpiarr.Sum), 0)
	check(err)

	if rank == 0 {
		fmt.Println("Total sum of all elements:", totalSum)
	}

	// Simple example of Reduce.
	data := ndarray.Must(ndarray.FromSlice([]float64{1, 2, 3, 4})).Scale(float64(rank + 1))
	result := ndarray.Empty[float64](4)

	// Print partial data
	fmt.Printf("Rank %d has data: %v\n", rank, data)

	check(comm.Reduce(data, result, mpiarr.Sum, 0))

	if rank == 0 {
		fmt.Printf("Rank %d has data after reduce: %v\n", rank, result)
	}
}

// ints returns the elements of a as Go ints, for counts and displacements.
func ints(a *ndarray.Array[int32]) []int {
	var s []int
	for v := range a.Values() {
		s = append(s, int(v))
	}
	return s
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a collective.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "reduce:", err)
		os.Exit(1)
	}
}
