package mpiarr_test

// The example of File: every rank writes its block of a global array
// through a subarray view, and reads it back.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Each rank writes row r of a (size, 3) array of float64 through its view
// of the file (mpi4py: fh = MPI.File.Open(comm, path, MPI.MODE_RDWR |
// MPI.MODE_CREATE); fh.Set_view(0, MPI.DOUBLE, filetype);
// fh.Write_at_all(0, row)), then reads it back.
func ExampleFile() {
	comm := mpitest.World()
	me, size := comm.Rank(), comm.Size()
	// Every rank must name the same file.
	var dir string
	if me == 0 {
		dir, _ = os.MkdirTemp("", "example-file")
	}
	_ = comm.BcastObj(&dir, 0)
	path := filepath.Join(dir, "rows.bin")

	f, err := mpiarr.OpenFile(comm, path, mpiarr.ModeRdwr|mpiarr.ModeCreate)
	if err != nil {
		fmt.Println(err)
		return
	}
	view := mpiarr.SubarrayView[float64]([]int{size, 3}, []int{1, 3}, []int{me, 0}, false)
	_ = f.SetView(0, ndarray.Float64, view)
	row := ndarray.Full(float64(me), 1, 3)
	st, _ := f.WriteAtAll(0, row)
	fmt.Println("wrote", st.Count)

	back := ndarray.Zeros[float64](1, 3)
	_, _ = f.ReadAtAll(0, back)
	fmt.Println(ndarray.ArrayEqual(back, row))
	fileSize, _ := f.Size()
	fmt.Println(fileSize == int64(size*3*8))
	_ = f.Close()

	_ = comm.Barrier()
	if me == 0 {
		_ = os.RemoveAll(dir)
	}
	// Output:
	// wrote 3
	// true
	// true
}
