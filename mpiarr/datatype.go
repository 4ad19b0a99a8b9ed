package mpiarr

import (
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Datatype names an MPI predefined datatype, for the explicit
// [data, count, datatype] form of mpi4py (see Typed). Each corresponds to
// exactly one dtype; the library never reinterprets memory as another
// type.
type Datatype struct {
	name  string
	dtype ndarray.DType
}

// The MPI datatypes, by their MPI and mpi4py names.
var (
	Bool          = Datatype{"MPI_C_BOOL", ndarray.Bool}
	Int8          = Datatype{"MPI_INT8_T", ndarray.Int8}
	Int16         = Datatype{"MPI_INT16_T", ndarray.Int16}
	Int32         = Datatype{"MPI_INT32_T", ndarray.Int32}
	Int64         = Datatype{"MPI_INT64_T", ndarray.Int64}
	Uint8         = Datatype{"MPI_UINT8_T", ndarray.Uint8}
	Uint16        = Datatype{"MPI_UINT16_T", ndarray.Uint16}
	Uint32        = Datatype{"MPI_UINT32_T", ndarray.Uint32}
	Uint64        = Datatype{"MPI_UINT64_T", ndarray.Uint64}
	Float         = Datatype{"MPI_FLOAT", ndarray.Float32}
	Double        = Datatype{"MPI_DOUBLE", ndarray.Float64}
	FloatComplex  = Datatype{"MPI_C_FLOAT_COMPLEX", ndarray.Complex64}
	DoubleComplex = Datatype{"MPI_C_DOUBLE_COMPLEX", ndarray.Complex128}
	// Int is MPI_INT, a C int: int32 (mpi4py's MPI.INT, NumPy's 'i').
	Int = Datatype{"MPI_INT", ndarray.Int32}
	// Long is MPI_LONG: int64 on 64-bit Linux.
	Long = Datatype{"MPI_LONG", ndarray.Int64}
	// Short is MPI_SHORT: int16.
	Short = Datatype{"MPI_SHORT", ndarray.Int16}
	// Char is MPI_CHAR, a C char, for int8 arrays. (mpi4py pairs MPI.CHAR
	// with NumPy's one-character strings, which have no Go dtype here.)
	Char = Datatype{"MPI_CHAR", ndarray.Int8}
	// Byte is MPI_BYTE: uint8.
	Byte = Datatype{"MPI_BYTE", ndarray.Uint8}
	// Complex is what the second tutorial means by MPI.COMPLEX, "a complex
	// number (complex)": Python's complex, NumPy's complex128, sent as
	// MPI_C_DOUBLE_COMPLEX. mpi4py's own MPI.COMPLEX is Fortran's 8-byte
	// COMPLEX, that is complex64: FloatComplex here.
	Complex = Datatype{"MPI_C_DOUBLE_COMPLEX", ndarray.Complex128}
)

// String is the MPI name, e.g. "MPI_DOUBLE".
func (d Datatype) String() string { return d.name }

// DType is the dtype the datatype describes.
func (d Datatype) DType() ndarray.DType { return d.dtype }

// basicTypes maps each dtype to the MPI predefined type of its elements.
// It is filled when the binding has read the handles from MPI.
var basicTypes [ndarray.Complex128 + 1]mpi.Datatype

func init() {
	basicTypes[ndarray.Bool] = mpi.CBool
	basicTypes[ndarray.Int8] = mpi.Int8
	basicTypes[ndarray.Int16] = mpi.Int16
	basicTypes[ndarray.Int32] = mpi.Int32
	basicTypes[ndarray.Int64] = mpi.Int64
	basicTypes[ndarray.Uint8] = mpi.Uint8
	basicTypes[ndarray.Uint16] = mpi.Uint16
	basicTypes[ndarray.Uint32] = mpi.Uint32
	basicTypes[ndarray.Uint64] = mpi.Uint64
	basicTypes[ndarray.Float32] = mpi.Float
	basicTypes[ndarray.Float64] = mpi.Double
	basicTypes[ndarray.Complex64] = mpi.CFloatComplex
	basicTypes[ndarray.Complex128] = mpi.CDoubleComplex
}

// basicType returns the MPI type of one element of dtype d.
func basicType(d ndarray.DType) mpi.Datatype { return basicTypes[d] }
