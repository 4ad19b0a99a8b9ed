// # .npy files
//
// Save, Load, WriteNPY and ReadNPY read and write NumPy's .npy format
// (numpy/lib/format.py, versions 1.0, 2.0 and 3.0) for every Element
// type, byte for byte as numpy.save writes it. The format is implemented
// here rather than with github.com/sbinet/npyio (v0.9) for three reasons.
// The parallel writer of package mpiarr needs the exact header bytes and
// the data's byte offset (NPYHeader.Encode, ReadNPYHeader) to write each
// rank's block at its offset with MPI-IO; npyio keeps its header writer
// private, does not report the offset, and pads the header to 16 bytes
// where NumPy 1.24 pads to 64. An Array, whatever its strides, is written
// from its storage without an intermediate copy (a non-contiguous view is
// packed in bounded chunks), in F order when NumPy would, where npyio
// walks Go slices through reflection and encoding/binary element by
// element and always writes fortran_order False. And every dtype reads
// back into an Array with its shape and layout: a fortran_order file
// keeps NumPy's F strides, and the data lands in the array's storage in
// one io.ReadFull (npyio flattens into slices, element by element).
package ndarray

import (
	"bytes"
	binenc "encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"strings"

	"github.com/ndmpi/ndmpi/strides"
)

// Save writes a to path as a .npy file, as numpy.save does: the same
// header and data bytes for the same array. Unlike numpy.save, no ".npy"
// is appended to path. See WriteNPY for the layout written.
//
// Save is crash-safe: it writes a new file, .NAME.tmp-RANDOM in the
// directory of path, with the permission bits of the file it replaces (or
// 0666 less the umask, as os.Create), syncs it (fsync), renames it over
// path (atomic on POSIX file systems) and syncs the directory. A file at
// path is therefore either left as it was or replaced by the complete new
// one, even if the process dies or the machine loses power during Save; a
// process that dies leaves the temporary file behind, beside the intact
// old file. A symbolic link at path is followed: the file it points to is
// replaced. After an error (a full file system, a nil array) the file at
// path is untouched and the temporary file removed, unless the rename
// succeeded and only the directory's sync failed, which the error says.
// A path that exists and is not a regular file (a device, a named pipe),
// or a dangling symbolic link, is written in place, as os.Create would,
// without these guarantees.
func Save[T Element](path string, a *Array[T]) error {
	if err := writeFileAtomic(path, func(w io.Writer) error { return writeNPY(w, a) }); err != nil {
		return &Error{Op: "Save", Err: fmt.Errorf("%s: %w", path, err)}
	}
	return nil
}

// Load reads the .npy file at path into a new array. The file's dtype
// must be T's; see ReadNPY. Bytes after the array's data are ignored, as
// numpy.load ignores them.
func Load[T Element](path string) (*Array[T], error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Op: "Load", Err: err}
	}
	defer f.Close()
	a, err := readNPY[T](f)
	if err != nil {
		return nil, &Error{Op: "Load", Err: fmt.Errorf("%s: %w", path, err)}
	}
	return a, nil
}

// WriteNPY writes a to w in the .npy format, as numpy.save and
// numpy.lib.format.write_array do: the header NPYHeader.Encode gives
// (version 1.0 unless the header needs 2.0), then the elements in the
// machine's byte order ('<' in the descr on little-endian machines) —
// in F order with fortran_order True when a is F-contiguous and not
// C-contiguous, in C order otherwise. A contiguous array is written from
// its storage in one Write; any other layout (strided, negative-stride or
// broadcast views) is packed in logical C order through a buffer of at
// most 4 MiB.
func WriteNPY[T Element](w io.Writer, a *Array[T]) error {
	if err := writeNPY(w, a); err != nil {
		return &Error{Op: "WriteNPY", Err: err}
	}
	return nil
}

// ReadNPY reads one array in the .npy format from r, leaving r just past
// its data, so that arrays written one after another to a stream read
// back one after another.
//
// The file's dtype must be T's: another is an ErrDType error naming both
// ("file holds float32 (<f4), asked for float64"), and so is a dtype
// ndarray does not hold (see ReadNPYHeader). Big-endian data ('>') is
// byte-swapped in place after reading. A file with fortran_order True
// reads into an F-ordered array, as numpy.load returns it, with NumPy's
// strides; others into a C-ordered one (arrays without elements get zero
// strides, as Zeros gives them). A file shorter than its header declares
// is an ErrValue error giving the bytes expected and found.
//
// The data is read straight into the array's storage. When r's
// remaining length can be known (an *os.File or any io.Seeker, a
// *bytes.Reader, *strings.Reader or *bytes.Buffer) it is checked before the
// array is allocated; from other streams, an array over 64 MiB is read in
// growing steps, so that a corrupt header cannot make ReadNPY allocate
// far more memory than the stream holds.
func ReadNPY[T Element](r io.Reader) (*Array[T], error) {
	a, err := readNPY[T](r)
	if err != nil {
		return nil, &Error{Op: "ReadNPY", Err: err}
	}
	return a, nil
}

func writeNPY[T Element](w io.Writer, a *Array[T]) error {
	if a == nil {
		return fmt.Errorf("%w: nil array", ErrValue)
	}
	fortran := a.isFortran()
	h := NPYHeader{DType: a.DType(), Shape: a.shape, Fortran: fortran, BigEndian: nativeBigEndian}
	hdr, err := h.encode()
	if err != nil {
		return err
	}
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	n := a.Size()
	if n == 0 {
		return nil
	}
	if fortran || a.IsCContiguous() {
		// The elements fill data[offset:offset+n], in F order when
		// fortran, in C order otherwise.
		_, err := w.Write(bytesOf(a.data[a.offset : a.offset+n]))
		return err
	}
	buf := make([]byte, min(a.NBytes(), npyPackChunk))
	return packWrite(w, a, buf)
}

// npyPackChunk bounds the buffer a non-contiguous array is packed through.
const npyPackChunk = 4 << 20

// packWrite writes a's elements in logical C order through buf, which
// holds at least one element: whole blocks of leading-axis rows at a
// time, or row by row when one row does not fit.
func packWrite[T Element](w io.Writer, a *Array[T], buf []byte) error {
	if nb := a.NBytes(); nb <= len(buf) {
		n, err := a.packTo(buf)
		if err != nil {
			return err
		}
		_, err = w.Write(buf[:n])
		return err
	}
	// a has at least one axis here: a single element fits buf.
	rowBytes := a.NBytes() / a.shape[0]
	if rowBytes > len(buf) {
		for i := 0; i < a.shape[0]; i++ {
			row := newArray(a.data, a.offset+i*a.strides[0], a.shape[1:], a.strides[1:])
			if err := packWrite(w, row, buf); err != nil {
				return err
			}
		}
		return nil
	}
	rows := len(buf) / rowBytes
	shape := append([]int(nil), a.shape...)
	for i := 0; i < a.shape[0]; i += rows {
		shape[0] = min(rows, a.shape[0]-i)
		block := newArray(a.data, a.offset+i*a.strides[0], shape, a.strides)
		if err := packWrite(w, block, buf); err != nil {
			return err
		}
	}
	return nil
}

func readNPY[T Element](r io.Reader) (*Array[T], error) {
	h, _, err := readNPYHeader(r)
	if err != nil {
		return nil, err
	}
	if want := DTypeOf[T](); h.DType != want {
		return nil, fmt.Errorf("%w: file holds %s (%s), asked for %s", ErrDType, h.DType, h.Descr(), want)
	}
	return readNPYData[T](r, h)
}

// npyDirectLimit is the largest array read from a stream of unknown
// length into storage allocated at once. A variable for the tests.
var npyDirectLimit int64 = 64 << 20

// readNPYData reads the data h describes from r into a new array laid
// out as NumPy lays out what numpy.load returns.
func readNPYData[T Element](r io.Reader, h NPYHeader) (*Array[T], error) {
	n := strides.Size(h.Shape)
	size := h.DType.ItemSize()
	want := int64(n) * int64(size)
	avail, known, err := remaining(r)
	if err != nil {
		return nil, err
	}
	if known && avail < want {
		return nil, truncatedData(h, want, avail)
	}

	var data []T
	if known || want <= npyDirectLimit {
		data = make([]T, n)
		if k, err := io.ReadFull(r, bytesOf(data)); err != nil {
			return nil, readDataError(h, want, int64(k), err)
		}
	} else {
		// Grow the storage as the data arrives: at most one copy of
		// each byte, and never much more memory than the stream holds.
		data = make([]T, npyDirectLimit/int64(size))
		filled := 0
		for {
			k, err := io.ReadFull(r, bytesOf(data[filled:]))
			if err != nil {
				return nil, readDataError(h, want, int64(filled*size+k), err)
			}
			filled = len(data)
			if filled == n {
				break
			}
			grown := make([]T, min(2*len(data), n))
			copy(grown, data)
			data = grown
		}
	}

	raw := bytesOf(data)
	if h.DType == Bool {
		// Go's bool must be 0 or 1; NumPy reads any non-zero byte as True.
		for i, c := range raw {
			if c > 1 {
				raw[i] = 1
			}
		}
	}
	if h.BigEndian != nativeBigEndian && size > 1 {
		width := size
		if h.DType.Kind() == 'c' {
			width = size / 2 // each of the real and imaginary parts
		}
		swapBytes(raw, width)
	}

	order := strides.RowMajor
	if h.Fortran {
		order = strides.ColMajor
	}
	sh, st := dims(len(h.Shape))
	copy(sh, h.Shape)
	copy(st, strides.ContiguousStrides(h.Shape, 1, order))
	if n == 0 {
		clear(st) // as alloc: NumPy gives arrays without elements zero strides
	}
	a := newArray(data, 0, sh, st)
	a.ownData = true
	return a, nil
}

func truncatedData(h NPYHeader, want, found int64) error {
	return fmt.Errorf("%w: truncated .npy file: shape %s of %s (%s) needs %d bytes of data, found %d: %w",
		ErrValue, strides.Tuple(h.Shape), h.DType, h.Descr(), want, found, io.ErrUnexpectedEOF)
}

func readDataError(h NPYHeader, want, found int64, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return truncatedData(h, want, found)
	}
	return err
}

// remaining returns how many bytes r holds from its current position,
// when r can tell: a *bytes.Reader, *strings.Reader or *bytes.Buffer, or an io.Seeker that seeks (a regular file, not a pipe).
func remaining(r io.Reader) (n int64, known bool, err error) {
	switch v := r.(type) {
	case *bytes.Reader:
		return int64(v.Len()), true, nil
	case *strings.Reader:
		return int64(v.Len()), true, nil
	case *bytes.Buffer:
		return int64(v.Len()), true, nil
	case io.Seeker:
		cur, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return 0, false, nil
		}
		end, err := v.Seek(0, io.SeekEnd)
		if err != nil {
			return 0, false, nil
		}
		if _, err := v.Seek(cur, io.SeekStart); err != nil {
			return 0, false, errors.Join(errors.New("cannot seek back to the .npy data"), err)
		}
		return max(end-cur, 0), true, nil
	}
	return 0, false, nil
}

// swapBytes reverses the byte order of each width-byte word of b.
func swapBytes(b []byte, width int) {
	switch width {
	case 2:
		for i := 0; i+2 <= len(b); i += 2 {
			b[i], b[i+1] = b[i+1], b[i]
		}
	case 4:
		for i := 0; i+4 <= len(b); i += 4 {
			binenc.LittleEndian.PutUint32(b[i:], bits.ReverseBytes32(binenc.LittleEndian.Uint32(b[i:])))
		}
	case 8:
		for i := 0; i+8 <= len(b); i += 8 {
			binenc.LittleEndian.PutUint64(b[i:], bits.ReverseBytes64(binenc.LittleEndian.Uint64(b[i:])))
		}
	}
}
