package ndarray

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// naiveToSlice reads a's elements in C order through At, the reference
// the copy kernels are checked against.
func naiveToSlice[T Element](a *Array[T]) []T {
	out := []T{}
	idx := make([]int, a.Ndim())
	n := a.Size()
	for k := 0; k < n; k++ {
		out = append(out, a.At(idx...))
		for ax := len(idx) - 1; ax >= 0; ax-- {
			idx[ax]++
			if idx[ax] < a.shape[ax] {
				break
			}
			idx[ax] = 0
		}
	}
	return out
}

// randomView makes a random strided view: random shape, random
// permutation of axes, random steps (negative too) and offsets.
func randomView[T Element](rng *rand.Rand) (*Array[T], string) {
	nd := rng.IntN(4) + 1
	shape := make([]int, nd)
	maxLen := []int{0, 60, 40, 12, 7}[nd] // a few thousand elements at most
	for i := range shape {
		shape[i] = rng.IntN(maxLen) + 1
		if rng.IntN(10) == 0 {
			shape[i] = 1
		}
	}
	base := Zeros[T](shape...)
	for i := range base.data {
		base.data[i] = fromFloat[T](float64(i % 120))
	}
	expr := ""
	for i := range shape {
		if i > 0 {
			expr += ","
		}
		steps := []string{":", "::2", "::-1", "1::3", "::-2", "2:"}
		expr += steps[rng.IntN(len(steps))]
	}
	v := Must(base.SliceExpr(expr))
	perm := rng.Perm(nd)
	v = Must(v.Transpose(perm...))
	return v, fmt.Sprintf("%v[%s].transpose%v", shape, expr, perm)
}

func testCopyKernel[T Element](t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 400 {
		v, desc := randomView[T](rng)
		want := naiveToSlice(v)
		require.Equal(t, want, v.ToSlice(), desc)
		for _, o := range []Order{OrderC, OrderF, OrderA, OrderK} {
			c := v.Copy(o)
			require.Equal(t, want, naiveToSlice(c), "%s copy %v", desc, o)
			require.False(t, SharesMemory(c, v))
		}
		// Writing back through the kernel: assign a copy into the view.
		dst := ZerosLike(v)
		require.NoError(t, dst.Assign(v))
		require.Equal(t, want, naiveToSlice(dst), desc)
	}
}

func TestCopyKernelAllSizes(t *testing.T) {
	t.Run("bool", testCopyKernel[bool])
	t.Run("int8", testCopyKernel[int8])
	t.Run("uint16", testCopyKernel[uint16])
	t.Run("float32", testCopyKernel[float32])
	t.Run("float64", testCopyKernel[float64])
	t.Run("complex128", testCopyKernel[complex128])
}

func TestTransposedCopyLarge(t *testing.T) {
	// Sizes around the block and tile edges of the transposing kernel.
	for _, n := range []int{3, 4, 5, 255, 256, 257, 515} {
		for _, m := range []int{1, 4, 7, 300} {
			a := Must(Arange[float64](0, float64(n*m), 1).Reshape(n, m))
			want := naiveToSlice(a.T())
			require.Equal(t, want, a.T().Copy(OrderC).ToSlice(), "%dx%d", n, m)
			neg := Must(a.SliceExpr("::-1, ::-1")).T()
			require.Equal(t, naiveToSlice(neg), neg.Copy(OrderC).ToSlice(), "%dx%d reversed", n, m)
		}
	}
}

// Packing is what every packed message runs: it must not allocate.
func TestPackAllocatesNothing(t *testing.T) {
	m := Zeros[float64](64, 64).T()
	buf := make([]byte, m.NBytes())
	require.Zero(t, testing.AllocsPerRun(20, func() { _, _ = m.packTo(buf) }))
	require.Zero(t, testing.AllocsPerRun(20, func() { _, _ = m.unpackFrom(buf) }))
	s := Must(Zeros[float64](8, 8, 8).SliceExpr("::2, 1:, ::-3"))
	buf = make([]byte, s.NBytes())
	require.Zero(t, testing.AllocsPerRun(20, func() { _, _ = s.packTo(buf) }))
}
