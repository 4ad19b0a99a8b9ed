package mpiarr

import (
	"encoding/binary"
	"errors"
	"os"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Parallel .npy files: the ranks of a Dist write one file together, each
// its own block, with MPI-IO. The file is an ordinary .npy file in C
// order, which numpy.load reads as the global array; ReadNPY also reads
// files NumPy wrote in Fortran order or in the other byte order. Every rank computes
// the header itself (its length fixes where the data starts); rank 0
// writes it; then every rank sees the file through an MPI subarray
// datatype of its block and writes or reads it with one collective call.

// WriteNPY writes the global array to path as a .npy file, every rank
// writing its own block (MPI_File_write_at_all). Collective. An existing
// file is replaced.
func (d *Dist[T]) WriteNPY(path string) error {
	const op = "WriteNPY"
	h := ndarray.NPYHeader{DType: ndarray.DTypeOf[T](), Shape: d.Global, BigEndian: bigEndian}
	hdr, err := h.Encode()
	if err != nil {
		return wrapError(op, ErrArg, err)
	}
	f, err := d.openFile(op, path, mpi.ModeCreate|mpi.ModeWronly)
	if err != nil {
		return err
	}
	if err := d.fileCall(op, func() error { return mpi.FileSetSize(f, 0) }); err != nil {
		return d.closeAfter(op, &f, err)
	}
	if d.Comm.rank == 0 {
		if err := d.fileCall(op, func() error {
			_, err := mpi.FileWriteAt(f, 0, unsafe.Pointer(unsafe.SliceData(hdr)), len(hdr), mpi.Byte)
			return err
		}); err != nil {
			// The other ranks are already on their way to the collective
			// write: take part in it with nothing, then report.
			_ = d.blockIO(op, f, int64(len(hdr)), false, nil, true)
			return d.closeAfter(op, &f, err)
		}
	}
	block := d.Interior.Copy(ndarray.OrderC)
	return d.closeAfter(op, &f, d.blockIO(op, f, int64(len(hdr)), false, block, true))
}

// ReadNPY fills every rank's Interior with its block of the global array
// in a .npy file (MPI_File_read_at_all). The file's dtype must be T's and
// its shape the global shape; C or Fortran order, either byte order.
// Collective.
func (d *Dist[T]) ReadNPY(path string) error {
	const op = "ReadNPY"
	h, offset, err := d.sharedHeader(op, path)
	if err != nil {
		return err
	}
	// Every rank has the root's header: the checks agree everywhere.
	if want := ndarray.DTypeOf[T](); h.DType != want {
		return newError(op, ErrDType, "%s holds %s elements, the distributed array %s", path, h.DType, want)
	}
	if !strides.Equal(h.Shape, d.Global) {
		return newError(op, ErrCount, "%s holds shape %s, the distributed array is %s", path, strides.Tuple(h.Shape), strides.Tuple(d.Global))
	}
	f, err := d.openFile(op, path, mpi.ModeRdonly)
	if err != nil {
		return err
	}
	block := ndarray.Zeros[T](d.Count...)
	if h.Fortran {
		block = ndarray.ZerosOrder[T](ndarray.OrderF, d.Count...)
	}
	if err := d.blockIO(op, f, offset, h.Fortran, block, false); err != nil {
		return d.closeAfter(op, &f, err)
	}
	if h.BigEndian != bigEndian {
		swapBytes(block)
	}
	if err := d.Interior.Assign(block); err != nil {
		return d.closeAfter(op, &f, wrapError(op, ErrArg, err))
	}
	return d.closeAfter(op, &f, nil)
}

// npyMeta is a .npy header as rank 0 read it, or why it could not.
type npyMeta struct {
	Header ndarray.NPYHeader
	Offset int64
	Err    string
}

// sharedHeader reads the header on rank 0 and broadcasts it, so that a
// file one rank cannot open or parse is the same error on every rank,
// before anyone enters the collective open.
func (d *Dist[T]) sharedHeader(op, path string) (ndarray.NPYHeader, int64, error) {
	var m npyMeta
	if d.Comm.rank == 0 {
		h, off, err := readHeader(path)
		m = npyMeta{Header: h, Offset: off}
		if err != nil {
			m.Err = err.Error()
		}
		if err := d.Comm.BcastObj(m, 0); err != nil {
			return m.Header, 0, err
		}
	} else if err := d.Comm.BcastObj(&m, 0); err != nil {
		return m.Header, 0, err
	}
	if m.Err != "" {
		return m.Header, 0, newError(op, ErrArg, "%s", m.Err)
	}
	return m.Header, m.Offset, nil
}

func readHeader(path string) (ndarray.NPYHeader, int64, error) {
	file, err := os.Open(path)
	if err != nil {
		return ndarray.NPYHeader{}, 0, err
	}
	defer file.Close()
	return ndarray.ReadNPYHeader(file)
}

func (d *Dist[T]) openFile(op, path string, mode int) (mpi.File, error) {
	if err := d.Comm.usable(op); err != nil {
		return mpi.FileNull, err
	}
	enter()
	f, err := mpi.FileOpen(d.Comm.h, path, mode)
	leave()
	if err != nil {
		return f, mpiError(op, err)
	}
	return f, nil
}

// fileCall runs one MPI-IO call, turning MPI's errors into *Error.
func (d *Dist[T]) fileCall(op string, call func() error) error {
	enter()
	err := call()
	leave()
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return mpiError(op, err)
}

// closeAfter closes the file (collectively) and returns the first error.
func (d *Dist[T]) closeAfter(op string, f *mpi.File, err error) error {
	cerr := d.fileCall(op, func() error { return mpi.FileClose(f) })
	if err != nil {
		return err
	}
	return cerr
}

// blockIO sets the file view of this rank's block (a subarray of the
// global array, in C or Fortran order, after offset bytes of header) and
// writes or reads block, a contiguous array in that order, collectively.
// A nil block takes part in the collective call with no data.
func (d *Dist[T]) blockIO(op string, f mpi.File, offset int64, fortran bool, block *ndarray.Array[T], write bool) error {
	etype := basicType(ndarray.DTypeOf[T]())
	n := 0
	var ptr unsafe.Pointer
	if block != nil {
		mem, err := memoryOf(op, block)
		if err != nil {
			return err
		}
		ptr, n = mem.Ptr, mem.Size()
	}
	filetype := etype
	if strides.Size(d.Count) > 0 {
		order := mpi.OrderC
		if fortran {
			order = mpi.OrderFortran
		}
		enter()
		t, err := mpi.TypeCreateSubarray(d.Global, d.Count, d.Start, order, etype)
		if err == nil {
			err = mpi.TypeCommit(&t)
		}
		leave()
		if err != nil {
			return mpiError(op, err)
		}
		filetype = t
		defer func() {
			enter()
			_ = mpi.TypeFree(&t)
			leave()
		}()
	}
	if err := d.fileCall(op, func() error { return mpi.FileSetView(f, offset, etype, filetype, "native") }); err != nil {
		return err
	}
	return d.fileCall(op, func() error {
		var st mpi.Status
		var err error
		if write {
			st, err = mpi.FileWriteAtAll(f, 0, ptr, n, etype)
		} else {
			st, err = mpi.FileReadAtAll(f, 0, ptr, n, etype)
		}
		if err == nil && block != nil && st.Bytes != n*block.ItemSize() {
			return newError(op, ErrCount, "the file ended early: %d of the %d bytes of this rank's block", st.Bytes, n*block.ItemSize())
		}
		return err
	})
}

// bigEndian is the byte order of this machine, which MPI-IO's "native"
// data representation writes and reads.
var bigEndian = binary.NativeEndian.Uint16([]byte{0, 1}) == 1

// swapBytes reverses the byte order of every element (of every half of a
// complex element) of a contiguous array, for big-endian files.
func swapBytes[T ndarray.Element](a *ndarray.Array[T]) {
	data, err := a.Data()
	if err != nil || len(data) == 0 {
		return
	}
	size := a.ItemSize()
	word := size
	if a.DType().Kind() == 'c' {
		word = size / 2
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(data))), len(data)*size)
	for i := 0; i < len(b); i += word {
		w := b[i : i+word]
		for l, r := 0, word-1; l < r; l, r = l+1, r-1 {
			w[l], w[r] = w[r], w[l]
		}
	}
}
