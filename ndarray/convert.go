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

// fromFloat converts a float64 to T as AsType does (NumPy's astype with
// casting='unsafe'): through C's truncating conversion for integers, so
// out-of-range values come out as NumPy's do on x86-64; non-zero is true;
// complex gets a zero imaginary part.
func fromFloat[T Element](f float64) T {
	var out [1]T
	in := [1]float64{f}
	convertRun(out[:], in[:], 0, 1)
	return out[0]
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
