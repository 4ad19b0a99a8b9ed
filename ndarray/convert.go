package ndarray

// one is the multiplicative identity of T (true for bool).
func one[T Element]() T {
	var v T
	switch p := any(&v).(type) {
	case *bool:
		*p = true
	case *complex64:
		*p = 1
	case *complex128:
		*p = 1
	default:
		return fromFloat[T](1)
	}
	return v
}

// fromFloat converts a float64 to T as NumPy's astype does on 64-bit
// Linux: through int64 for integer types, so out-of-range values wrap the
// C way; non-zero is true; complex gets a zero imaginary part.
func fromFloat[T Element](f float64) T {
	var v T
	switch p := any(&v).(type) {
	case *bool:
		*p = f != 0
	case *int8:
		*p = int8(int64(f))
	case *int16:
		*p = int16(int64(f))
	case *int32:
		*p = int32(int64(f))
	case *int64:
		*p = int64(f)
	case *uint8:
		*p = uint8(int64(f))
	case *uint16:
		*p = uint16(int64(f))
	case *uint32:
		*p = uint32(int64(f))
	case *uint64:
		if f >= 1<<63 {
			*p = uint64(f)
		} else {
			*p = uint64(int64(f))
		}
	case *float32:
		*p = float32(f)
	case *float64:
		*p = f
	case *complex64:
		*p = complex(float32(f), 0)
	case *complex128:
		*p = complex(f, 0)
	}
	return v
}

// toComplex converts an element to complex128 (true is 1).
func toComplex[T Element](x T) complex128 {
	switch v := any(x).(type) {
	case bool:
		if v {
			return 1
		}
		return 0
	case int8:
		return complex(float64(v), 0)
	case int16:
		return complex(float64(v), 0)
	case int32:
		return complex(float64(v), 0)
	case int64:
		return complex(float64(v), 0)
	case uint8:
		return complex(float64(v), 0)
	case uint16:
		return complex(float64(v), 0)
	case uint32:
		return complex(float64(v), 0)
	case uint64:
		return complex(float64(v), 0)
	case float32:
		return complex(float64(v), 0)
	case float64:
		return complex(v, 0)
	case complex64:
		return complex128(v)
	case complex128:
		return v
	}
	return 0
}
