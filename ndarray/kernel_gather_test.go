package ndarray

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// gather copies exactly the elements a Go loop picks, at every length
// around the vector loop's steps, for strides forward and backward, on
// each kernel path; the words around dst stay untouched.
func TestGatherMatchesLoop(t *testing.T) {
	kernelPaths(t, func(t *testing.T, path string) {
		testGather[float64](t, path, func(i int) float64 { return float64(i) + 0.5 })
		testGather[int64](t, path, func(i int) int64 { return int64(i) * -3 })
		testGather[complex64](t, path, func(i int) complex64 { return complex(float32(i), -float32(i)) })
		testGather[int32](t, path, func(i int) int32 { return int32(i) })
		testGather[complex128](t, path, func(i int) complex128 { return complex(float64(i), 1) })
	})
}

func testGather[E comparable](t *testing.T, path string, val func(int) E) {
	data := make([]E, 400)
	for i := range data {
		data[i] = val(i)
	}
	for _, stride := range []int{2, 3, 7, -1, -2, -5, 0} {
		for n := 0; n <= 41; n++ {
			off := 0
			if stride < 0 {
				off = len(data) - 1
			}
			got := make([]E, n+2)
			gather(got[1:n+1], data, off, stride)
			want := make([]E, n+2)
			for i := range n {
				want[1+i] = data[off+i*stride]
			}
			require.Equal(t, want, got, "%s: %T stride %d n %d", path, data[0], stride, n)
		}
	}
}
