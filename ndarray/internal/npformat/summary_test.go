package npformat

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSummaryShape(t *testing.T) {
	o := DefaultOptions()
	require.Equal(t, []int{10, 100}, SummaryShape([]int{10, 100}, o), "1000 elements: not summarised")
	require.Equal(t, []int{6, 6}, SummaryShape([]int{11, 100}, o))
	require.Equal(t, []int{1, 6, 6}, SummaryShape([]int{1, 2000, 7}, o), "short axes whole")
	require.Equal(t, []int{0, 5000}, SummaryShape([]int{0, 5000}, o), "empty: nothing to summarise")
	require.Empty(t, SummaryShape([]int{}, o), "0-d")
	o.EdgeItems = 0
	require.Equal(t, []int{40, 40}, SummaryShape([]int{40, 40}, o), "NumPy measures every element with edgeitems=0")
	o.EdgeItems, o.Threshold = 1, 3
	require.Equal(t, []int{2, 2}, SummaryShape([]int{3, 3}, o))
	require.Panics(t, func() { SummaryShape([]int{3}, Options{EdgeItems: -1}) })
}

func TestSummarise(t *testing.T) {
	o := DefaultOptions()
	o.EdgeItems, o.Threshold = 1, 10
	var seen [][]int
	got := Summarise([]int{3, 5}, o, func(index []int) int64 {
		seen = append(seen, append([]int(nil), index...))
		return int64(10*index[0] + index[1])
	})
	require.Equal(t, [][]int{{0, 0}, {0, 4}, {2, 0}, {2, 4}}, seen, "corners, in C order")
	require.Equal(t, []int64{0, 4, 20, 24}, got)

	// The summary prints as the whole array does.
	values := make([]float64, 3*5)
	for i := range values {
		values[i] = float64(i) * 1.5
	}
	summary := Summarise([]int{3, 5}, o, func(index []int) float64 { return values[5*index[0]+index[1]] })
	require.Equal(t, StrOpts(values, []int{3, 5}, o), StrSummary(summary, []int{3, 5}, o))
	require.Equal(t, ReprOpts(values, []int{3, 5}, o), ReprSummary(summary, []int{3, 5}, o))
	require.Equal(t, "[[ 0. ...  6.]\n ...\n [15. ... 21.]]", StrSummary(summary, []int{3, 5}, o))

	require.Panics(t, func() { StrSummary(values, []int{3, 5}, o) }, "all the values are not the summary")
	require.Equal(t, "1.5", StrSummary([]float64{1.5}, nil, o), "0-d")
	require.Equal(t, "[]", StrSummary([]float64{}, []int{0, 3}, o))
}
