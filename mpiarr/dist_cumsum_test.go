package mpiarr_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// DistCumSum along every axis of every case, split or not, against
// ndarray.CumSumAxis of the global array: exact for integers, a relative
// 1e-12 for float64.
func TestDistCumSum(t *testing.T) {
	c := mpitest.Comm(t)
	for _, tc := range reduceCases {
		t.Run(tc.name, func(t *testing.T) {
			g := spread(tc.global...)
			d := distOf(t, c, g, tc.opts, math.NaN())
			defer d.Free()
			gi := ndarray.AsType[int32](g)
			di := distOf(t, c, gi, tc.opts, -9)
			defer di.Free()
			for axis := -1; axis < len(tc.global); axis++ {
				msg := fmt.Sprint("axis ", axis)
				cs, err := mpiarr.DistCumSum[float64](d, axis)
				require.NoError(t, err, msg)
				require.Equal(t, d.Grid, cs.Grid, msg)
				checkReduced(t, value(ndarray.CumSumAxis[float64](g, axis)), cs, 1e-12, msg)
				require.NoError(t, cs.Free())

				ci, err := mpiarr.DistCumSum[int64](di, axis)
				require.NoError(t, err, msg)
				checkReduced(t, value(ndarray.CumSumAxis[int64](gi, axis)), ci, 0, "int "+msg)
				require.NoError(t, ci.Free())
			}
		})
	}
}
