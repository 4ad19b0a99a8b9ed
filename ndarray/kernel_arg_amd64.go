package ndarray

// On amd64 CPUs with AVX-512, ArgMax and ArgMin of float64 runs go
// through kernel_arg_amd64.s: a vector pass for the extreme and for NaN,
// then a vector search for the first element equal to the extreme. Equal
// zeros of either sign compare equal, so the first of them is found, as
// NumPy's scalar order finds it.

//go:noescape
func extreme64AVX512(x *float64, n int, max bool) (m float64, nan bool)

//go:noescape
func findEq64AVX512(x *float64, n int, v float64) int

// argFloat64 is argReal for float64 runs.
func argFloat64(x []float64, max bool) int {
	n := len(x) &^ 15
	if !useAVX512 || n == 0 {
		return argReal(x, max)
	}
	m, nan := extreme64AVX512(&x[0], n, max)
	if nan {
		return firstNaN(x)
	}
	for i, v := range x[n:] {
		switch {
		case v != v:
			return n + i
		case max && v > m, !max && v < m:
			m = v
		}
	}
	if i := findEq64AVX512(&x[0], n, m); i < n {
		return i
	}
	for i, v := range x[n:] {
		if v == m {
			return n + i
		}
	}
	return 0 // not reached: m is one of the elements
}

func firstNaN(x []float64) int {
	for i, v := range x {
		if v != v {
			return i
		}
	}
	return 0
}
