package ndarray

//go:noescape
func pairwiseBlock64(x *float64, n int) float64

//go:noescape
func pairwiseBlock32(x *float32, n int) float32

//go:noescape
func pairwiseBlock64AVX2(x *float64, n int) float64

//go:noescape
func pairwiseTree64AVX2(x *float64, leaves int) float64

//go:noescape
func sum4x64AVX2(d, x0, x1, x2, x3 *float64, n int)

// sum4Vec adds the longest prefix of four float64 rows into d that fills
// whole AVX2 steps (sum4's additions, lane for lane) and returns its
// length; sum4's loop does the rest.
func sum4Vec[E number](d, x0, x1, x2, x3 []E) int {
	n := len(d) &^ 7
	if !useAVX2 || n == 0 {
		return 0
	}
	d64, ok := any(d).([]float64)
	if !ok {
		return 0
	}
	r0, r1, r2, r3 := any(x0).([]float64), any(x1).([]float64), any(x2).([]float64), any(x3).([]float64)
	_, _, _, _ = r0[n-1], r1[n-1], r2[n-1], r3[n-1]
	sum4x64AVX2(&d64[0], &r0[0], &r1[0], &r2[0], &r3[0], n)
	return n
}

// pairwiseSum64 is pairwiseSum for float64. A run of a power of two
// times pwBlock elements (a chunk of reduceChunk, a row of 4096) is a
// perfect tree of leaves, which the AVX2 assembly sums in one call.
func pairwiseSum64(x []float64) float64 {
	n := len(x)
	if leaves := n / pwBlock; useAVX2 && leaves > 0 && n%pwBlock == 0 && leaves&(leaves-1) == 0 {
		return pairwiseTree64AVX2(&x[0], leaves)
	}
	if n <= pwBlock {
		return pairwiseWith(x, leaf64)
	}
	n2 := pairwiseSplit(n)
	return pairwiseSum64(x[:n2]) + pairwiseSum64(x[n2:])
}

// The leaves of pairwiseSum in SSE2 assembly (pairwise_amd64.s; float64
// in AVX2 where the CPU has it), as function values so that a sum
// resolves the element type once, not once per leaf.
var (
	leaf64 = func(x []float64) float64 {
		if useAVX2 {
			return pairwiseBlock64AVX2(&x[0], len(x))
		}
		return pairwiseBlock64(&x[0], len(x))
	}
	leaf32 = func(x []float32) float32 { return pairwiseBlock32(&x[0], len(x)) }
)

// pairwiseLeaf returns the function that sums a leaf of pairwiseSum,
// 8 <= len(x) <= pwBlock elements.
func pairwiseLeaf[E floating]() func([]E) E {
	if f, ok := any(leaf64).(func([]E) E); ok {
		return f
	}
	return any(leaf32).(func([]E) E)
}

//go:noescape
func pairwiseBlock64Strided(x *float64, n, stride int) float64

// stridedBlock is pairwiseBlockStrided, for float64 in SSE2 assembly (two
// accumulators to a register as in pairwiseBlock64, without the bounds
// check of each of the eight reads the Go loop pays per step).
func stridedBlock[E floating](data []E, off, s, n int) E {
	if d, ok := any(data).([]float64); ok {
		// Both ends inside d: the assembly reads only elements between.
		_, _ = d[off], d[off+(n-1)*s]
		return E(pairwiseBlock64Strided(&d[off], n, s))
	}
	return pairwiseBlockStrided(data, off, s, n)
}
