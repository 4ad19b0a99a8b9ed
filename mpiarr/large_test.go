package mpiarr_test

import (
	"math"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// A message of more than 2^31-1 elements (and bytes): OpenMPI 4.1 has no
// large-count calls and mpi4py 3 raises OverflowError here; the binding
// describes it with a derived datatype. It runs with exactly 2 ranks (each
// needs 2 GiB) and not under the race detector.
func TestMessageOver2GiB(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("2 GiB per rank: not under -race or -short")
	}
	c := mpitest.Comm(t)
	if c.Size() != 2 {
		t.Skip("runs with exactly 2 ranks")
	}
	n := math.MaxInt32 + 5
	probes := []int{0, 1, 4096, math.MaxInt32 - 1, math.MaxInt32, n - 1}
	buf := ndarray.Zeros[int8](n)
	switch c.Rank() {
	case 0:
		for i, p := range probes {
			buf.Set(int8(i+1), p)
		}
		require.NoError(t, c.Send(buf, 1, 0))
	case 1:
		st, err := c.Recv(buf, 0, 0)
		require.NoError(t, err)
		require.Equal(t, n, st.Count)
		require.Equal(t, n, st.Bytes)
		for i, p := range probes {
			require.Equal(t, int8(i+1), buf.At(p), "element %d", p)
		}
	}
}
