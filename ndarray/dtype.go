package ndarray

import (
	"fmt"
	"reflect"
)

// Element is the set of Go types an Array can hold. Each maps to one NumPy
// dtype (see DType). The set is closed on purpose: named types such as
// `type Celsius float64` are not elements, because the library switches on
// the exact type to pick NumPy names, MPI datatypes and .npy descriptors.
type Element interface {
	bool |
		int8 | int16 | int32 | int64 |
		uint8 | uint16 | uint32 | uint64 |
		float32 | float64 |
		complex64 | complex128
}

// DType names an element type the way NumPy does.
//
// The zero DType is Invalid; every Array has a valid DType, derived from its
// type parameter.
type DType uint8

// The dtypes, in NumPy's type-promotion order within each kind.
const (
	Invalid DType = iota
	Bool
	Int8
	Int16
	Int32
	Int64
	Uint8
	Uint16
	Uint32
	Uint64
	Float32
	Float64
	Complex64
	Complex128
)

var dtypeInfo = [...]struct {
	name     string
	itemSize int
	char     byte // NumPy's dtype.char on LP64 Linux
	kind     byte // NumPy's dtype.kind
}{
	Invalid:    {"invalid", 0, 0, 0},
	Bool:       {"bool", 1, '?', 'b'},
	Int8:       {"int8", 1, 'b', 'i'},
	Int16:      {"int16", 2, 'h', 'i'},
	Int32:      {"int32", 4, 'i', 'i'},
	Int64:      {"int64", 8, 'l', 'i'},
	Uint8:      {"uint8", 1, 'B', 'u'},
	Uint16:     {"uint16", 2, 'H', 'u'},
	Uint32:     {"uint32", 4, 'I', 'u'},
	Uint64:     {"uint64", 8, 'L', 'u'},
	Float32:    {"float32", 4, 'f', 'f'},
	Float64:    {"float64", 8, 'd', 'f'},
	Complex64:  {"complex64", 8, 'F', 'c'},
	Complex128: {"complex128", 16, 'D', 'c'},
}

// DTypes lists every valid DType.
var DTypes = []DType{Bool, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64,
	Float32, Float64, Complex64, Complex128}

func (d DType) valid() bool { return d > Invalid && int(d) < len(dtypeInfo) }

// String returns NumPy's name for the dtype: "float64", "int32", "bool", ...
func (d DType) String() string {
	if !d.valid() {
		return fmt.Sprintf("DType(%d)", uint8(d))
	}
	return dtypeInfo[d].name
}

// ItemSize is the size of one element in bytes (NumPy's dtype.itemsize).
func (d DType) ItemSize() int {
	if !d.valid() {
		return 0
	}
	return dtypeInfo[d].itemSize
}

// Char is NumPy's one-character type code (dtype.char): 'd' for float64,
// 'i' for int32, '?' for bool, 'D' for complex128, as on 64-bit Linux.
func (d DType) Char() byte {
	if !d.valid() {
		return 0
	}
	return dtypeInfo[d].char
}

// Kind is NumPy's dtype.kind: 'b' bool, 'i' signed, 'u' unsigned, 'f'
// float, 'c' complex.
func (d DType) Kind() byte {
	if !d.valid() {
		return 0
	}
	return dtypeInfo[d].kind
}

// ParseDType accepts a NumPy dtype name ("float64"), one of NumPy's common
// aliases ("float", "double", "int", "i", "f8", "<f8", "complex", ...) and
// returns the DType.
func ParseDType(name string) (DType, error) {
	for _, d := range DTypes {
		if d.String() == name || (len(name) == 1 && name[0] == d.Char()) {
			return d, nil
		}
	}
	if d, ok := dtypeAliases[name]; ok {
		return d, nil
	}
	// Array-protocol strings: optional byte order, kind, item size ("<f8", "|b1").
	s := name
	if len(s) > 0 && (s[0] == '<' || s[0] == '|' || s[0] == '=') {
		s = s[1:]
	}
	if len(s) >= 2 {
		for _, d := range DTypes {
			if s[0] == d.Kind() && s[1:] == fmt.Sprint(d.ItemSize()) {
				return d, nil
			}
		}
	}
	return Invalid, fmt.Errorf("%w: unknown dtype %q", ErrDType, name)
}

var dtypeAliases = map[string]DType{
	"bool_": Bool, "?": Bool,
	"byte": Int8, "short": Int16, "intc": Int32, "int": Int64, "int_": Int64, "long": Int64, "longlong": Int64,
	"ubyte": Uint8, "ushort": Uint16, "uintc": Uint32, "uint": Uint64, "ulong": Uint64, "ulonglong": Uint64,
	"single": Float32, "float": Float64, "double": Float64, "float_": Float64,
	"csingle": Complex64, "complex": Complex128, "cdouble": Complex128, "complex_": Complex128,
}

// DTypeOf returns the dtype of element type T.
func DTypeOf[T Element]() DType {
	var zero T
	switch any(zero).(type) {
	case bool:
		return Bool
	case int8:
		return Int8
	case int16:
		return Int16
	case int32:
		return Int32
	case int64:
		return Int64
	case uint8:
		return Uint8
	case uint16:
		return Uint16
	case uint32:
		return Uint32
	case uint64:
		return Uint64
	case float32:
		return Float32
	case float64:
		return Float64
	case complex64:
		return Complex64
	case complex128:
		return Complex128
	}
	panic("unreachable: Element covers exactly the types above")
}

// GoType returns the reflect.Type of the Go element type behind d.
func (d DType) GoType() reflect.Type {
	switch d {
	case Bool:
		return reflect.TypeFor[bool]()
	case Int8:
		return reflect.TypeFor[int8]()
	case Int16:
		return reflect.TypeFor[int16]()
	case Int32:
		return reflect.TypeFor[int32]()
	case Int64:
		return reflect.TypeFor[int64]()
	case Uint8:
		return reflect.TypeFor[uint8]()
	case Uint16:
		return reflect.TypeFor[uint16]()
	case Uint32:
		return reflect.TypeFor[uint32]()
	case Uint64:
		return reflect.TypeFor[uint64]()
	case Float32:
		return reflect.TypeFor[float32]()
	case Float64:
		return reflect.TypeFor[float64]()
	case Complex64:
		return reflect.TypeFor[complex64]()
	case Complex128:
		return reflect.TypeFor[complex128]()
	}
	return nil
}
