package ndarray_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ndmpi/ndmpi/ndarray"
)

// Save writes what numpy.save writes; Load reads it back, here an
// F-ordered array (a transpose), which keeps its F layout as numpy.load
// returns it.
func ExampleSave() {
	dir, err := os.MkdirTemp("", "npy")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "a.npy")

	a := ndarray.Iota[float64](2, 3).T() // shape (3, 2), F-contiguous
	if err := ndarray.Save(path, a); err != nil {
		panic(err)
	}
	// In Python: np.load(path) gives the same array, with the same flags.
	b, err := ndarray.Load[float64](path)
	if err != nil {
		panic(err)
	}
	fmt.Println(b)
	fmt.Println(b.Shape(), b.Strides(), b.Flags().FContiguous)

	// The file's dtype must be the one asked for.
	_, err = ndarray.Load[float32](path)
	fmt.Println(errors.Is(err, ndarray.ErrDType))
	// Output:
	// [[0. 3.]
	//  [1. 4.]
	//  [2. 5.]]
	// [3 2] [8 24] true
	// true
}

// WriteNPY and ReadNPY work on any io.Writer and io.Reader; the header is
// NumPy's, padded so that the data starts at byte 64 or 128.
func ExampleWriteNPY() {
	var buf bytes.Buffer
	a := ndarray.Must(ndarray.FromSlice([]int32{1, 2, 3, 4, 5, 6}, 2, 3))
	if err := ndarray.WriteNPY(&buf, a); err != nil {
		panic(err)
	}
	header := buf.Bytes()[10:bytes.IndexByte(buf.Bytes(), '\n')]
	fmt.Printf("%d bytes, header %q\n", buf.Len(), bytes.TrimRight(header, " "))

	b, err := ndarray.ReadNPY[int32](&buf)
	if err != nil {
		panic(err)
	}
	fmt.Println(b)
	// Output:
	// 152 bytes, header "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }"
	// [[1 2 3]
	//  [4 5 6]]
}

// A strided view is written in logical C order, as numpy.save writes it.
func ExampleWriteNPY_view() {
	a := ndarray.Iota[uint8](3, 4)
	v := ndarray.Must(a.SliceExpr("::2, ::-1"))
	var buf bytes.Buffer
	if err := ndarray.WriteNPY(&buf, v); err != nil {
		panic(err)
	}
	fmt.Println(buf.Bytes()[128:])
	// Output:
	// [3 2 1 0 11 10 9 8]
}

// ReadNPYHeader gives the header and where the data starts, and Encode
// the header bytes: what a parallel writer needs to write its blocks at
// byte offsets of one file.
func ExampleReadNPYHeader() {
	h := ndarray.NPYHeader{DType: ndarray.Complex64, Shape: []int{1000, 1000}}
	hdr, err := h.Encode()
	if err != nil {
		panic(err)
	}
	fmt.Println(len(hdr), h.Descr(), h.DataBytes())

	got, offset, err := ndarray.ReadNPYHeader(bytes.NewReader(hdr))
	if err != nil {
		panic(err)
	}
	fmt.Println(got.DType, got.Shape, got.Fortran, got.Major, got.Minor, offset)

	// Malformed headers are errors that say what is wrong.
	_, _, err = ndarray.ReadNPYHeader(bytes.NewReader([]byte("\x93NUMPY\x01\x00\x0a\x00{'descr':}")))
	fmt.Println(err)
	// Output:
	// 128 <c8 8000000
	// complex64 [1000 1000] false 1 0 128
	// ndarray: ReadNPYHeader: invalid value: cannot parse .npy header "{'descr':}": at byte 9: unexpected '}'
}

// Arrays are encoding.BinaryMarshalers: encoding/gob (and anything else
// that uses MarshalBinary) carries them as .npy bytes, views by their
// logical values.
func ExampleArray_MarshalBinary() {
	a := ndarray.Must(ndarray.Iota[int32](3, 4).SliceExpr("::2, ::-1"))
	b, err := a.MarshalBinary()
	fmt.Println(len(b), err)
	var back ndarray.Array[int32]
	fmt.Println(back.UnmarshalBinary(b))
	fmt.Println(&back)
	// Output:
	// 160 <nil>
	// <nil>
	// [[ 3  2  1  0]
	//  [11 10  9  8]]
}
