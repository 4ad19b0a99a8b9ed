// Command flags is the first tutorial's walk-through of contiguity and
// strides (mpi4py and NumPy, PDC-KTH, slides "How to check contiguity with
// .flags" and "How to check memory allocation with Strides"), printed as
// the Python session would show it:
//
//	a = np.random.rand(10, 10); a.flags; b = a.T; b.flags; c = b.copy(); c.flags
//
// then the strides of 1-D arrays of 1-, 2-, 4- and 8-byte elements and of
// C- and F-ordered 2-D arrays.
//
//	go build -o bin/flags ./examples/flags && mpirun -np 4 bin/flags
//
// Nothing is communicated: rank 0 prints, the other ranks stay quiet.
// The seed fills a with np.random.rand; this program uses a deterministic
// fill, np.arange(100.).reshape(10, 10) / 100, so that its output can be
// checked (flags and strides do not depend on the values).
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/ndarray"
)

func main() {
	comm, err := mpiarr.Init()
	check(err)
	defer func() { check(mpiarr.Finalize()) }()
	if comm.Rank() != 0 {
		return
	}

	// a = np.random.rand(10, 10), deterministically.
	a := ndarray.Must(ndarray.Arange[float64](0, 100, 1).Reshape(10, 10)).Scale(0.01)
	fmt.Println(">>> a = np.random.rand(10, 10)  # here np.arange(100.).reshape(10, 10) / 100: a deterministic fill")
	fmt.Println(">>> a.flags  # C_CONTIGUOUS = True")
	fmt.Println(a.Flags()) // the block ends with a newline: Println leaves a blank line, as Python does

	b := a.T() // a view: no copy
	fmt.Println(">>> b = a.T")
	fmt.Println(">>> b.flags  # F_CONTIGUOUS = True")
	fmt.Println(b.Flags())

	c := b.Copy(ndarray.OrderC) // NumPy's copy() is C-ordered by default
	fmt.Println(">>> c = b.copy()")
	fmt.Println(">>> c.flags  # C_CONTIGUOUS = True")
	fmt.Println(c.Flags())

	// Strides: bytes to step along each axis.
	fmt.Println(">>> # 1-D arrays: the stride is the size of the data type in bytes")
	fmt.Println(">>> np.zeros(3, dtype=np.int8).strides")
	fmt.Println(tuple(ndarray.Zeros[int8](3).Strides()))
	fmt.Println(">>> np.zeros(3, dtype=np.int16).strides")
	fmt.Println(tuple(ndarray.Zeros[int16](3).Strides()))
	fmt.Println(">>> np.zeros(3, dtype=np.int32).strides")
	fmt.Println(tuple(ndarray.Zeros[int32](3).Strides()))
	fmt.Println(">>> np.zeros(3, dtype=np.float64).strides")
	fmt.Println(tuple(ndarray.Zeros[float64](3).Strides()))

	fmt.Println(">>> # 2-D arrays: (row stride, column stride)")
	fmt.Println(">>> a.strides  # C style: row_stride > column_stride")
	fmt.Println(tuple(a.Strides()))
	fmt.Println(">>> b.strides  # F style: row_stride < column_stride")
	fmt.Println(tuple(b.Strides()))
	fmt.Println(">>> c.strides")
	fmt.Println(tuple(c.Strides()))
	fmt.Println(">>> np.zeros((10, 10), order='F').strides")
	fmt.Println(tuple(ndarray.ZerosOrder[float64](ndarray.OrderF, 10, 10).Strides()))

	fmt.Println(">>> # MPI buffers must be contiguous: a and c go as they are; mpiarr refuses b by default,")
	fmt.Println(">>> # where mpi4py sends it in memory order, so that it arrives transposed (see examples/sendrecv_2d)")
}

// tuple formats a shape or strides as Python prints a tuple: (80, 8), (8,).
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

// check ends the program on an unexpected error.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "flags:", err)
		os.Exit(1)
	}
}
