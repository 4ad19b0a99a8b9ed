package ndarray

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMaskedStridedLayouts checks countTrue and Extract on views whose
// runs take each of countRun's paths (unit stride, stride 2 four bytes a
// word, other strides), at lengths around the word edges and with runs
// that end at the last byte of the storage, against element-by-element
// answers.
func TestMaskedStridedLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 12))
	for _, n := range []int{1, 2, 7, 8, 9, 15, 16, 17, 33} {
		for _, cols := range []int{1, 3, 8, 9, 17} {
			md := make([]bool, n*cols)
			ad := make([]float64, n*cols)
			for k := range md {
				md[k] = rng.IntN(2) == 1
				ad[k] = float64(k)
			}
			m := Must(FromSlice(md, n, cols))
			a := Must(FromSlice(ad, n, cols))
			for _, expr := range []string{":, :", "::2, ::2", "1::2, 1::2", ":, ::2", ":, 1::2", "::-1, ::-2", ":, ::3", "::3, ::-1", "1:, 1:", ":, 1:", "1:, :"} {
				mv, av := Must(m.SliceExpr(expr)), Must(a.SliceExpr(expr))
				var wantN int
				var want []float64
				mvals, avals := mv.ToSlice(), av.ToSlice()
				for k, v := range mvals {
					if v {
						wantN++
						want = append(want, avals[k])
					}
				}
				require.Equal(t, wantN, countTrue(mv), "countTrue of %d x %d [%s]", n, cols, expr)
				got := Must(Extract(mv, av))
				require.Equal(t, []int{wantN}, got.Shape(), "Extract of %d x %d [%s]", n, cols, expr)
				if wantN > 0 {
					require.Equal(t, want, got.ToSlice(), "Extract of %d x %d [%s]", n, cols, expr)
				}
			}
		}
	}
}
