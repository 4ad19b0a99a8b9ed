package strides

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSplitPart(t *testing.T) {
	tests := []struct {
		n, parts int
		want     [][2]int // start, count of each part
	}{
		{10, 3, [][2]int{{0, 4}, {4, 3}, {7, 3}}},
		{9, 3, [][2]int{{0, 3}, {3, 3}, {6, 3}}},
		{2, 4, [][2]int{{0, 1}, {1, 1}, {2, 0}, {2, 0}}},
		{0, 2, [][2]int{{0, 0}, {0, 0}}},
		{7, 1, [][2]int{{0, 7}}},
	}
	for _, tt := range tests {
		next := 0
		for i, w := range tt.want {
			start, count := SplitPart(tt.n, tt.parts, i)
			require.Equal(t, w, [2]int{start, count}, "part %d of %d into %d", i, tt.n, tt.parts)
			require.Equal(t, next, start, "parts are consecutive")
			next = start + count
		}
		require.Equal(t, tt.n, next, "parts cover all %d elements", tt.n)
	}
}
