// Command noncontiguous answers the first tutorial's exercise "what will
// happen if you try to send an array with non-contiguous memory?"
// (mpi4py and NumPy, PDC-KTH, slide "Send / Recv - exercise").
//
// The slide's hint, data = np.arange(12.)[:, :2], does not run: indexing
// a 1-D array with two indices raises IndexError in NumPy (and is an
// ErrIndex error here). The array it means is a column slice of a 2-D
// array; this program uses m[:, :2] with m = np.arange(12.).reshape(3, 4):
// shape (3, 2), strides (32, 8), neither C- nor F-contiguous. Beside it,
// the transpose m.T: shape (4, 3), strides (8, 32), F-contiguous.
//
// Rank 0 sends each to rank 1 under each layout policy:
//
//   - Refuse (the default) refuses both with an ErrLayout error naming the
//     shape, the strides and the fixes. mpi4py raises BufferError for the
//     column slice, and sends the transpose in memory order without a word;
//   - Pack and Derived deliver the logical values of both;
//   - MemoryOrder moves memory as it lies, as mpi4py: the transpose arrives transposed
//     back; the column slice, which has no memory order, is refused.
//
// Last, rank 1 receives the column slice into a non-contiguous buffer, the
// left half of a 3x4 array of zeros (Derived): the values land in place.
// (mpi4py refuses such a receive buffer with BufferError too.)
//
//	go build -o bin/noncontiguous ./examples/noncontiguous && mpirun -np 2 bin/noncontiguous
package main

import (
	"errors"
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
	rank, size := comm.Rank(), comm.Size()

	a := ndarray.Arange[float64](0, 12, 1)
	m := ndarray.Must(a.Reshape(3, 4))
	views := []struct {
		expr string
		data *ndarray.Array[float64]
	}{
		{"m[:, :2]", ndarray.Must(m.SliceExpr(":, :2"))},
		{"m.T", m.T()},
	}

	if rank == 0 {
		_, err := a.SliceExpr(":, :2")
		if !errors.Is(err, ndarray.ErrIndex) {
			check(fmt.Errorf("np.arange(12.)[:, :2]: got %v, want an ErrIndex error", err))
		}
		fmt.Println("The slide's data = np.arange(12.)[:, :2] fails: NumPy raises IndexError: too many indices for array: array is 1-dimensional, but 2 were indexed")
		fmt.Println("Here too:", err)
		fmt.Println("Meant: a column slice of a 2-D array. m = np.arange(12.).reshape(3, 4):")
		fmt.Println(m)
		for _, v := range views {
			f := v.data.Flags()
			fmt.Printf("%s: shape %s, strides %s, C_CONTIGUOUS %s, F_CONTIGUOUS %s\n",
				v.expr, tuple(v.data.Shape()), tuple(v.data.Strides()), pyBool(f.CContiguous), pyBool(f.FContiguous))
			fmt.Println(v.data)
		}
		fmt.Println("mpi4py: comm.Send(m[:, :2]) raises BufferError: dlpack: buffer is not contiguous")
		fmt.Println("mpi4py: comm.Send(m.T) sends memory order without a word: the receiver gets [[0. 1. 2.] [3. 4. 5.] ...]")
	}
	if size < 2 {
		fmt.Println("Sending needs a second rank: run with mpirun -np 2 or more")
		return
	}

	tag := 0
	for _, v := range views {
		for _, layout := range []mpiarr.Layout{mpiarr.Refuse, mpiarr.Pack, mpiarr.Derived, mpiarr.MemoryOrder} {
			tag++
			no := refused(layout, v.data) // such a Send fails before communicating
			switch rank {
			case 0:
				err := comm.WithLayout(layout).Send(v.data, 1, tag)
				if no {
					if !errors.Is(err, mpiarr.ErrLayout) {
						check(fmt.Errorf("%v Send(%s): got %v, want an ErrLayout error", layout, v.expr, err))
					}
					fmt.Printf("%-11v Send(%s) is refused: %v\n", layout, v.expr, err)
					continue
				}
				check(err)
				fmt.Printf("%-11v Send(%s) sent\n", layout, v.expr)
			case 1:
				if no {
					continue
				}
				got := ndarray.Empty[float64](v.data.Shape()...)
				_, err := comm.Recv(got, 0, tag)
				check(err)
				fmt.Printf("Rank 1 received %s sent with %v: %v\n", v.expr, layout, got)
			}
		}
	}

	// Receiving into a non-contiguous view.
	tag++
	switch rank {
	case 0:
		check(comm.Send(views[0].data.AsContiguous(), 1, tag))
	case 1:
		dst := ndarray.Zeros[float64](3, 4)
		left := ndarray.Must(dst.SliceExpr(":, :2"))
		_, err := comm.WithLayout(mpiarr.Derived).Recv(left, 0, tag)
		check(err)
		fmt.Printf("Rank 1 received m[:, :2] into dst[:, :2] of dst = np.zeros((3, 4)) (Derived): dst = %v\n", dst)
	}
}

// refused reports whether layout policy l refuses to send a: Refuse sends
// only C-contiguous arrays, MemoryOrder only C- or F-contiguous ones.
func refused(l mpiarr.Layout, a *ndarray.Array[float64]) bool {
	f := a.Flags()
	switch l {
	case mpiarr.Refuse:
		return !f.CContiguous
	case mpiarr.MemoryOrder:
		return !f.CContiguous && !f.FContiguous
	}
	return false
}

// tuple formats a shape or strides as Python prints a tuple: (32, 8).
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

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// check ends the program on an unexpected error. It skips Finalize on
// purpose: mpirun then ends the whole job, where Finalize could wait
// forever for ranks still blocked in a receive.
func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "noncontiguous:", err)
		os.Exit(1)
	}
}
