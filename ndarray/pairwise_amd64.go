package ndarray

//go:noescape
func pairwiseBlock64(x *float64, n int) float64

//go:noescape
func pairwiseBlock32(x *float32, n int) float32

// The leaves of pairwiseSum in SSE2 assembly (pairwise_amd64.s), as
// function values so that a sum resolves the element type once, not once
// per leaf.
var (
	leaf64 = func(x []float64) float64 { return pairwiseBlock64(&x[0], len(x)) }
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
