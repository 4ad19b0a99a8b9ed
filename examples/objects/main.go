// Command objects shows the second tutorial's two kinds of communication
// side by side (Fast communication of large arrays, introduction and
// "Send/receive NumPy arrays"):
//
//   - the lower-case methods of mpi4py (comm.send, comm.recv, comm.bcast)
//     move any Python object, pickled into a byte stream and unpickled on
//     arrival: flexible, slower. Here SendObj, RecvObj and BcastObj move
//     any Go value encoding/gob can encode;
//   - the upper-case methods (comm.Send, comm.Recv) move the memory of an
//     array as it is, into a buffer the receiver allocated beforehand: no
//     conversion at all. Here Send and Recv;
//   - between the two, SendArray and RecvArray send an array with its
//     dtype and shape, so that the receiver needs no buffer (mpi4py has no
//     such call).
//
// The tutorial's advice stands: use the buffer methods for arrays, the
// object methods for small things such as parameters.
//
//	go build -o bin/objects ./examples/objects && mpirun -np 4 bin/objects
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Params is a small value of the kind worth sending as an object.
type Params struct {
	Name  string
	Steps int
	Dt    float64
}

func main() {
	comm, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	rank, size := comm.Rank(), comm.Size()

	// comm.bcast(params, root=0): the object travels encoded.
	var params Params
	if rank == 0 {
		params = Params{Name: "heat", Steps: 100, Dt: 0.01}
		check(comm.BcastObj(params, 0))
	} else {
		check(comm.BcastObj(&params, 0))
	}
	fmt.Printf("Rank %d has the parameters (BcastObj, comm.bcast): %+v\n", rank, params)

	if size < 2 {
		fmt.Println("The point-to-point part needs a second rank: run with mpirun -np 2 or more")
		return
	}
	values := ndarray.Arange[float64](0, 1000, 1).Scale(1.0 / 7) // np.arange(1000.) / 7
	m := ndarray.Must(ndarray.Arange[float64](0, 12, 1).Reshape(3, 4)).T()
	switch rank {
	case 0:
		check(comm.SendObj(values.ToSlice(), 1, 1)) // comm.send(list, dest=1)
		check(comm.Send(values, 1, 2))              // comm.Send(data, dest=1)
		check(mpiarr.SendArray(comm, m, 1, 3))      // no mpi4py equivalent
		fmt.Println("Rank 0 sent np.arange(1000.) / 7 by SendObj and by Send, and m.T by SendArray")
	case 1:
		var slice []float64 // comm.recv: no buffer, the object is decoded
		st, err := comm.RecvObj(&slice, 0, 1)
		check(err)
		fmt.Printf("Rank 1 received a []float64 of %d by RecvObj (comm.recv): %d bytes, encoded by gob on rank 0 and decoded here\n", len(slice), st.Bytes)

		buf := ndarray.Empty[float64](1000) // comm.Recv: a buffer of the right size first
		st, err = comm.Recv(buf, 0, 2)
		check(err)
		fmt.Printf("Rank 1 received %d float64 by Recv (comm.Recv) into its buffer: %d bytes, the memory as it is, no conversion\n", st.Count, st.Bytes)

		got, st, err := mpiarr.RecvArray[float64](comm, 0, 3)
		check(err)
		fmt.Printf("Rank 1 received a %s array of shape %s by RecvArray, no buffer needed: %v\n", got.DType(), tuple(got.Shape()), got)
	}
}

// tuple formats a shape as Python prints a tuple: (4, 3).
func tuple(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = strconv.Itoa(v)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "objects:", err)
		os.Exit(1)
	}
}
