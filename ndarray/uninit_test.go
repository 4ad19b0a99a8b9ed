package ndarray

import (
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// dirtyHeap leaves freed heap memory full of NaN, so that a result whose
// storage is not cleared (allocUninit) and is reused from it shows any
// element the operation forgot to write.
func dirtyHeap(nbytes int) {
	for range 3 {
		buf := make([]float64, nbytes/8)
		for i := range buf {
			buf[i] = math.NaN()
		}
		runtime.KeepAlive(buf)
	}
	runtime.GC()
}

func TestAllocUninitResultsFullyWritten(t *testing.T) {
	// Each result is above hugepage.Threshold, where allocUninit skips
	// clearing.
	const rows, cols = 640, 1024
	a := Must(Arange[float64](0, rows*cols, 1).Reshape(rows, cols))
	b := Must(Negative(a))
	// want lays out, in C order, the value at row i, column j of the
	// result.
	want := func(shape []int, at func(i, j int) float64) []float64 {
		out := make([]float64, 0, shape[0]*shape[1])
		for i := range shape[0] {
			for j := range shape[1] {
				out = append(out, at(i, j))
			}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		run  func() *Array[float64]
		at   func(i, j int) float64
	}{
		{"concatenate axis 0", func() *Array[float64] {
			return Must(Concatenate([]*Array[float64]{a, b}, 0))
		}, func(i, j int) float64 {
			if i < rows {
				return float64(i*cols + j)
			}
			return -float64((i-rows)*cols + j)
		}},
		{"concatenate axis 1", func() *Array[float64] {
			return Must(Concatenate([]*Array[float64]{a, b}, 1))
		}, func(i, j int) float64 {
			if j < cols {
				return float64(i*cols + j)
			}
			return -float64(i*cols + j - cols)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dirtyHeap(2 * rows * cols * 8)
			c := tc.run()
			require.True(t, c.Flags().OwnData)
			// NaN never equals, so an element left unwritten fails. The
			// first difference only: a diff of a million elements
			// takes minutes to print.
			exp, got := want(c.Shape(), tc.at), c.ToSlice()
			require.Len(t, got, len(exp))
			for k := range exp {
				if got[k] != exp[k] {
					require.Equal(t, exp[k], got[k], "element %d of %d", k, len(exp))
				}
			}
		})
	}
}

func TestExtractUninitFullyWritten(t *testing.T) {
	// Two thirds of 1024 x 1024 float64 are selected: 5.3 MiB, above
	// hugepage.Threshold, so the result is not cleared first.
	const n = 1024
	a := Must(Arange[float64](0, n*n, 1).Reshape(n, n))
	md := make([]bool, n*n)
	var want []float64
	for k := range md {
		md[k] = k%3 != 0
		if md[k] {
			want = append(want, float64(k))
		}
	}
	m := Must(FromSlice(md, n, n))
	dirtyHeap(len(want) * 8)
	got := Must(Extract(m, a)).ToSlice()
	require.Len(t, got, len(want))
	for k := range want {
		if got[k] != want[k] {
			require.Equal(t, want[k], got[k], "element %d of %d", k, len(want))
		}
	}
}
