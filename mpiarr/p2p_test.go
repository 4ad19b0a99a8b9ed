package mpiarr_test

import (
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// grid returns arange(rows*cols) shaped (rows, cols), scaled so that each
// rank's data differs.
func grid(rows, cols int, scale float64) *ndarray.Array[float64] {
	a := ndarray.Must(ndarray.Arange[float64](0, float64(rows*cols), 1).Reshape(rows, cols))
	return a.Scale(scale)
}

func TestSendRecvContiguous(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	switch c.Rank() {
	case 0:
		require.NoError(t, c.Send(grid(3, 4, 1), 1, 7))
	case 1:
		got := ndarray.Zeros[float64](3, 4)
		st, err := c.Recv(got, 0, 7)
		require.NoError(t, err)
		require.Equal(t, mpiarr.Status{Source: 0, Tag: 7, Count: 12, Bytes: 96}, st)
		require.Equal(t, grid(3, 4, 1).ToSlice(), got.ToSlice())
	}
}

// The heart of the product: a transposed or F-ordered array is refused
// by default, and its logical values arrive intact under Pack and Derived.
func TestNonContiguousLayouts(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	a := grid(4, 5, 1)
	views := map[string]*ndarray.Array[float64]{
		"T":            a.T(),
		"F copy":       a.Copy(ndarray.OrderF),
		"every other":  ndarray.Must(a.SliceExpr("::2, ::2")),
		"reversed":     ndarray.Must(a.SliceExpr("::-1, ::-1")),
		"column":       ndarray.Must(a.SliceExpr(":, 3")),
		"left half T":  ndarray.Must(a.SliceExpr(":, :2")).T(),
		"newaxis view": ndarray.Must(a.SliceExpr("1:3, None, 1:4")),
	}
	names := []string{"T", "F copy", "every other", "reversed", "column", "left half T", "newaxis view"}
	for _, layout := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
		lc := c.WithLayout(layout)
		for _, name := range names {
			v := views[name]
			switch c.Rank() {
			case 0:
				require.NoError(t, lc.Send(v, 1, 1), "%v %s", layout, name)
			case 1:
				// Receive into a contiguous array and into a view of the
				// same shape with another layout.
				got := ndarray.Zeros[float64](v.Shape()...)
				st, err := lc.Recv(got, 0, 1)
				require.NoError(t, err)
				require.Equal(t, v.Size(), st.Count)
				require.Equal(t, v.ToSlice(), got.ToSlice(), "%v %s", layout, name)
			}
			switch c.Rank() {
			case 0:
				require.NoError(t, lc.Send(v.Copy(ndarray.OrderC), 1, 2))
			case 1:
				backing := ndarray.Zeros[float64](v.Shape()...).T()
				target := ndarray.Must(backing.Transpose())
				_, err := lc.Recv(target, 0, 2)
				require.NoError(t, err)
				require.Equal(t, v.ToSlice(), target.ToSlice(), "%v %s into a view", layout, name)
			}
		}
	}
	// Refuse (the default) says what is wrong and how to fix it, for
	// F-ordered arrays too; Raw sends memory order, as mpi4py does.
	if c.Rank() == 0 {
		err := c.Send(a.T(), 1, 3)
		require.ErrorIs(t, err, mpiarr.ErrLayout)
		require.ErrorContains(t, err, "float64 array of shape (5, 4) with strides (8, 40) is Fortran-ordered")
		require.ErrorContains(t, err, "AsContiguous")
		err = c.Send(ndarray.Must(a.SliceExpr(":, :2")), 1, 3)
		require.ErrorContains(t, err, "strides (40, 8) is not contiguous")
		err = c.WithLayout(mpiarr.MemoryOrder).Send(ndarray.Must(a.SliceExpr(":, :2")), 1, 3)
		require.ErrorIs(t, err, mpiarr.ErrLayout)
	}
	switch c.Rank() {
	case 0:
		require.NoError(t, c.WithLayout(mpiarr.MemoryOrder).Send(a.T(), 1, 4))
	case 1:
		got := ndarray.Zeros[float64](5, 4)
		_, err := c.Recv(got, 0, 4)
		require.NoError(t, err)
		require.Equal(t, a.ToSlice(), got.ToSlice(), "Raw sends memory order: the transpose arrives transposed back")
	}
}

func TestReceiveSizes(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	data := ndarray.Arange[float64](0, 10, 1)
	switch c.Rank() {
	case 0:
		for tag := range 3 {
			require.NoError(t, c.Send(data, 1, tag))
		}
	case 1:
		larger := ndarray.Full[float64](-1, 12)
		st, err := c.Recv(larger, 0, 0)
		require.NoError(t, err)
		require.Equal(t, 10, st.Count)
		require.Equal(t, append(data.ToSlice(), -1, -1), larger.ToSlice())

		smaller := ndarray.Zeros[float64](9)
		_, err = c.Recv(smaller, 0, 1)
		require.ErrorIs(t, err, mpiarr.ErrTruncate)
		require.ErrorContains(t, err, "room for 9")
		if strings.Contains(mpiarr.Version(), "Open MPI") {
			require.ErrorContains(t, err, "10 elements arrived, the receive buffer has room for 9")
		}

		wrongType := ndarray.Zeros[int32](40)
		st, err = c.Recv(wrongType, 0, 2)
		require.NoError(t, err, "80 bytes are 20 whole int32: MPI cannot see the mismatch")
		require.Equal(t, 20, st.Count)
	}
}

func TestCountAndTyped(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	data := ndarray.Arange[float64](0, 10, 1)
	switch c.Rank() {
	case 0:
		require.NoError(t, c.Send(mpiarr.Count(data, 2), 1, 0))
		require.NoError(t, c.Send(mpiarr.Typed(ndarray.Must(data.SliceExpr("2:5")), 2, mpiarr.Double), 1, 1))
		err := c.Send(mpiarr.Typed(data, 2, mpiarr.Int), 1, 2)
		require.ErrorIs(t, err, mpiarr.ErrDType)
		require.ErrorContains(t, err, "MPI_INT describes int32 elements, the buffer holds float64")
		require.ErrorIs(t, c.Send(mpiarr.Count(data, 11), 1, 2), mpiarr.ErrCount)
	case 1:
		got := ndarray.Zeros[float64](10)
		_, err := c.Recv(mpiarr.Count(got, 2), 0, 0)
		require.NoError(t, err)
		require.Equal(t, []float64{0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, got.ToSlice())
		_, err = c.Recv(mpiarr.Typed(ndarray.Must(got.SliceExpr("2:5")), 2, mpiarr.Double), 0, 1)
		require.NoError(t, err)
		require.Equal(t, []float64{0, 1, 2, 3, 0, 0, 0, 0, 0, 0}, got.ToSlice())
	}
}

func TestProcNullAndSendrecv(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	data := ndarray.Arange[float64](0, 10, 1).Scale(float64(rank + 1))
	got := ndarray.Full[float64](-1, 10)
	right, left := rank+1, rank-1
	if right == size {
		right = mpiarr.ProcNull
	}
	if left < 0 {
		left = mpiarr.ProcNull
	}
	st, err := c.Sendrecv(data, right, 0, got, left, 0)
	require.NoError(t, err)
	if left == mpiarr.ProcNull {
		require.Equal(t, mpiarr.ProcNull, st.Source)
		require.Equal(t, 0, st.Count)
		require.Equal(t, ndarray.Full[float64](-1, 10).ToSlice(), got.ToSlice())
	} else {
		require.Equal(t, left, st.Source)
		require.Equal(t, ndarray.Arange[float64](0, 10, 1).Scale(float64(left+1)).ToSlice(), got.ToSlice())
	}
	require.NoError(t, c.Send(data, mpiarr.ProcNull, 0))
}

func TestArgumentErrors(t *testing.T) {
	c := mpitest.Comm(t)
	a := ndarray.Zeros[float64](3)
	err := c.Send(a, c.Size(), 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "destination rank")
	require.ErrorIs(t, c.Send(a, 0, -5), mpiarr.ErrArg)
	_, err = c.Recv(a, -7, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	b := ndarray.Must(ndarray.Zeros[float64](3).BroadcastTo(2, 3))
	_, err = c.Recv(b, 0, 0)
	require.ErrorIs(t, err, mpiarr.ErrReadOnly)
	var nilArr *ndarray.Array[float64]
	require.ErrorIs(t, c.Send(nilArr, 0, 0), mpiarr.ErrArg)
	require.ErrorIs(t, c.Send(nil, 0, 0), mpiarr.ErrArg)
}
