package ndarray

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The benchmark of the ops suite: rows of 4096 float64 sorted along the
// last axis (NumPy 1.24's np.sort(a, axis=-1) takes about 1 s for 4096 of
// them on the project's machine).

func benchSortInput(rows, n int) *Array[float64] {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, rows*n)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	return Must(FromSlice(x, rows, n))
}

func BenchmarkSortRows(b *testing.B) {
	a := benchSortInput(4096, 4096)
	b.ResetTimer()
	for b.Loop() {
		Must(Sort(a, -1))
	}
}

func BenchmarkSortAxis0(b *testing.B) {
	a := benchSortInput(4096, 4096)
	b.ResetTimer()
	for b.Loop() {
		Must(Sort(a, 0))
	}
}

func BenchmarkArgSortRows(b *testing.B) {
	a := benchSortInput(1024, 4096)
	b.ResetTimer()
	for b.Loop() {
		_, _ = ArgSort(a, -1)
	}
}

// BenchmarkSlicesSortRows is the standard library's pdqsort on the same
// rows, for comparison with the kernel's introsort.
func BenchmarkSlicesSortRows(b *testing.B) {
	a := benchSortInput(4096, 4096)
	b.ResetTimer()
	for b.Loop() {
		x := a.ToSlice()
		for off := 0; off < len(x); off += 4096 {
			slices.Sort(x[off : off+4096])
		}
	}
}
