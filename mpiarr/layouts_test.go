package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// layoutNames are views of 12 elements of a 6x8 array in the layouts that
// matter: C, F, transposed, stepped, reversed, 3-D with a new axis.
var layoutNames = []string{"C", "F", "T", "stepped", "reversed", "newaxis"}

func layoutView[T ndarray.Element](name string) *ndarray.Array[T] {
	base := ndarray.Must(ndarray.Arange[T](0, 48, 1).Reshape(6, 8))
	switch name {
	case "C":
		return ndarray.Must(base.SliceExpr(":4, :3")).Copy(ndarray.OrderC)
	case "F":
		return ndarray.Must(base.SliceExpr(":4, :3")).Copy(ndarray.OrderF)
	case "T":
		return ndarray.Must(base.SliceExpr("1:4, 2:6")).T()
	case "stepped":
		return ndarray.Must(base.SliceExpr("::2, 1::2"))
	case "reversed":
		return ndarray.Must(base.SliceExpr("4:0:-1, 7:4:-1"))
	case "newaxis":
		return ndarray.Must(base.SliceExpr("2:6, None, 5::-2"))
	}
	panic(name)
}

// Every dtype, sent from every layout into every layout, under Pack and
// Derived: the logical values arrive. Under Refuse, only C to C passes.
func TestEveryDTypeEveryLayout(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	t.Run("bool", func(t *testing.T) { everyLayout[bool](t, c) })
	t.Run("int8", func(t *testing.T) { everyLayout[int8](t, c) })
	t.Run("int16", func(t *testing.T) { everyLayout[int16](t, c) })
	t.Run("int32", func(t *testing.T) { everyLayout[int32](t, c) })
	t.Run("int64", func(t *testing.T) { everyLayout[int64](t, c) })
	t.Run("uint8", func(t *testing.T) { everyLayout[uint8](t, c) })
	t.Run("uint16", func(t *testing.T) { everyLayout[uint16](t, c) })
	t.Run("uint32", func(t *testing.T) { everyLayout[uint32](t, c) })
	t.Run("uint64", func(t *testing.T) { everyLayout[uint64](t, c) })
	t.Run("float32", func(t *testing.T) { everyLayout[float32](t, c) })
	t.Run("float64", func(t *testing.T) { everyLayout[float64](t, c) })
	t.Run("complex64", func(t *testing.T) { everyLayout[complex64](t, c) })
	t.Run("complex128", func(t *testing.T) { everyLayout[complex128](t, c) })
}

func everyLayout[T ndarray.Element](t *testing.T, c *mpiarr.Comm) {
	for _, policy := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived, mpiarr.Refuse} {
		lc := c.WithLayout(policy)
		for _, from := range layoutNames {
			for _, to := range layoutNames {
				src := layoutView[T](from)
				contiguous := func(name string) bool { return name == "C" }
				if policy == mpiarr.Refuse && !(contiguous(from) && contiguous(to)) {
					if c.Rank() == 0 && !contiguous(from) {
						require.ErrorIs(t, lc.Send(src, 1, 0), mpiarr.ErrLayout, "%s", from)
					}
					if c.Rank() == 1 && !contiguous(to) {
						dst := layoutView[T](to)
						_, err := lc.Recv(dst, 0, 0)
						require.ErrorIs(t, err, mpiarr.ErrLayout, "%s", to)
					}
					continue
				}
				switch c.Rank() {
				case 0:
					require.NoError(t, lc.Send(src, 1, 0), "%v %s", policy, from)
				case 1:
					dst := layoutView[T](to)
					require.NoError(t, dst.Fill(*new(T)))
					st, err := lc.Recv(dst, 0, 0)
					require.NoError(t, err, "%v %s -> %s", policy, from, to)
					require.Equal(t, 12, st.Count)
					require.Equal(t, src.ToSlice(), dst.ToSlice(), "%v %s -> %s", policy, from, to)
				}
			}
		}
	}
}

// Sendrecv, Probe and Count on non-contiguous views.
func TestSendrecvProbeCountViews(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t).WithLayout(mpiarr.Derived)
	rank := c.Rank()
	if rank > 1 {
		return
	}
	other := 1 - rank
	send := layoutView[float32]("reversed").Scale(float32(rank + 1))
	recv := layoutView[float32]("T")
	st, err := c.Sendrecv(send, other, 3, recv, other, 3)
	require.NoError(t, err)
	require.Equal(t, other, st.Source)
	require.Equal(t, layoutView[float32]("reversed").Scale(float32(other+1)).ToSlice(), recv.ToSlice())

	// Count of a view packs a prefix.
	if rank == 0 {
		require.NoError(t, c.Send(mpiarr.Count(layoutView[float32]("stepped"), 5), 1, 4))
	} else {
		st, err := c.Probe(0, 4)
		require.NoError(t, err)
		require.Equal(t, 20, st.Bytes)
		require.Equal(t, 5, st.CountOf(ndarray.Float32))
		got := ndarray.Full[float32](-1, 3, 4)
		st, err = c.Recv(mpiarr.Count(got.T(), 7), 0, 4)
		require.NoError(t, err)
		require.Equal(t, 5, st.Count)
		want := layoutView[float32]("stepped").ToSlice()[:5]
		require.Equal(t, want, got.T().ToSlice()[:5])
		require.Equal(t, float32(-1), got.T().ToSlice()[5])
		ok, _, err := c.Iprobe(0, 4)
		require.NoError(t, err)
		require.False(t, ok)
	}
}

func TestSplitAndDup(t *testing.T) {
	c := mpitest.Comm(t)
	half, err := c.Split(c.Rank()%2, c.Rank())
	require.NoError(t, err)
	defer half.Free()
	require.Equal(t, (c.Size()+1-c.Rank()%2)/2, half.Size())
	require.Equal(t, c.Rank()/2, half.Rank())
	sum := ndarray.Zeros[int64](1)
	require.NoError(t, half.Allreduce(ndarray.Full[int64](1, 1), sum, mpiarr.Sum))
	require.Equal(t, int64(half.Size()), sum.At(0))

	none, err := c.Split(mpiarr.Undefined, 0)
	require.NoError(t, err)
	require.Nil(t, none)

	d, err := c.WithLayout(mpiarr.Pack).Dup()
	require.NoError(t, err)
	require.Equal(t, mpiarr.Pack, d.Layout())
	require.NoError(t, d.Free())
	require.NoError(t, c.WithLayout(mpiarr.Pack).Free(), "freeing a handle is a no-op")
}
