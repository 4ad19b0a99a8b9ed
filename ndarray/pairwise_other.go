//go:build !amd64

package ndarray

// pairwiseLeaf returns the function that sums a leaf of pairwiseSum,
// 8 <= len(x) <= pwBlock elements: the Go reference, whose accumulators
// the compiler keeps in registers.
func pairwiseLeaf[E floating]() func([]E) E { return pairwiseBlockGo[E] }

// pairwiseSum64 is pairwiseSum for float64.
func pairwiseSum64(x []float64) float64 { return pairwiseWith(x, pairwiseBlockGo[float64]) }

// sum4Vec returns 0: sum4's Go loop adds every element.
func sum4Vec[E number](d, x0, x1, x2, x3 []E) int { return 0 }

// stridedBlock is the leaf of pairwiseSumStrided, 8 <= n <= pwBlock.
func stridedBlock[E floating](data []E, off, s, n int) E {
	return pairwiseBlockStrided(data, off, s, n)
}
