package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// postReceives starts n receives from rank 1 with tags 0..n-1 into
// F-ordered buffers that Pack stages: each must be unpacked when its
// request completes, whichever function completes it.
func postReceives(t *testing.T, c *mpiarr.Comm, n int) ([]*mpiarr.Request, []*ndarray.Array[int32]) {
	t.Helper()
	reqs := make([]*mpiarr.Request, n)
	bufs := make([]*ndarray.Array[int32], n)
	for i := range reqs {
		bufs[i] = ndarray.Zeros[int32](3, 2).T()
		r, err := c.Irecv(bufs[i], 1, i)
		require.NoError(t, err)
		reqs[i] = r
	}
	return reqs, bufs
}

// sendAll sends, from rank 1, message i with tag i holding i in every
// element, in the order given.
func sendAll(t *testing.T, c *mpiarr.Comm, order ...int) {
	t.Helper()
	for _, i := range order {
		require.NoError(t, c.Send(ndarray.Full(int32(i), 2, 3), 0, i))
	}
}

func TestWaitAnyWaitSomeTestAllTestAny(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t).WithLayout(mpiarr.Pack)
	const n = 4
	order := []int{2, 0, 3, 1}
	for _, tc := range []struct {
		name     string
		complete func(t *testing.T, reqs []*mpiarr.Request) []int // the indexes completed, each once
	}{
		{"WaitAny", func(t *testing.T, reqs []*mpiarr.Request) []int {
			var got []int
			for {
				i, st, err := mpiarr.WaitAny(reqs...)
				require.NoError(t, err)
				if i == mpiarr.Undefined {
					return got
				}
				require.Equal(t, i, st.Tag)
				require.Equal(t, 6, st.Count)
				got = append(got, i)
			}
		}},
		{"WaitSome", func(t *testing.T, reqs []*mpiarr.Request) []int {
			var got []int
			for {
				idx, sts, err := mpiarr.WaitSome(reqs...)
				require.NoError(t, err)
				if idx == nil {
					return got
				}
				require.IsIncreasing(t, idx)
				for k, i := range idx {
					require.Equal(t, i, sts[k].Tag)
				}
				got = append(got, idx...)
			}
		}},
		{"TestAny", func(t *testing.T, reqs []*mpiarr.Request) []int {
			var got []int
			for {
				i, ok, st, err := mpiarr.TestAny(reqs...)
				require.NoError(t, err)
				switch {
				case ok && i == mpiarr.Undefined:
					return got
				case ok:
					require.Equal(t, i, st.Tag)
					got = append(got, i)
				}
			}
		}},
		{"TestAll", func(t *testing.T, reqs []*mpiarr.Request) []int {
			for {
				ok, sts, err := mpiarr.TestAll(reqs...)
				require.NoError(t, err)
				if ok {
					for i, st := range sts {
						require.Equal(t, i, st.Tag)
					}
					return []int{0, 1, 2, 3}
				}
			}
		}},
	} {
		switch c.Rank() {
		case 0:
			reqs, bufs := postReceives(t, c, n)
			require.NoError(t, c.Barrier())
			got := tc.complete(t, reqs)
			require.ElementsMatch(t, []int{0, 1, 2, 3}, got, tc.name)
			for i, b := range bufs {
				require.True(t, reqs[i].Done(), tc.name)
				require.Equal(t, ndarray.Full(int32(i), 2, 3).ToSlice(), b.ToSlice(), tc.name)
			}
		case 1:
			require.NoError(t, c.Barrier())
			sendAll(t, c, order...)
		default:
			require.NoError(t, c.Barrier())
		}
	}
	i, st, err := mpiarr.WaitAny(nil, nil)
	require.NoError(t, err)
	require.Equal(t, mpiarr.Undefined, i)
	require.Equal(t, mpiarr.Status{}, st)
}

// Free lets a send complete unobserved; Cancel and Free refuse what MPI
// or the library cannot do.
func TestRequestFreeAndCancel(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t)
	switch c.Rank() {
	case 0:
		r, err := c.Isend(ndarray.Iota[float64](5), 1, 3)
		require.NoError(t, err)
		require.NoError(t, r.Free())
		require.True(t, r.Done())
		staged, err := c.WithLayout(mpiarr.Pack).Irecv(ndarray.Zeros[float64](3, 2).T(), 1, 4)
		require.NoError(t, err)
		err = staged.Free()
		require.ErrorIs(t, err, mpiarr.ErrArg)
		require.ErrorContains(t, err, "delivered into the array by Wait")
		_, err = staged.Wait()
		require.NoError(t, err)
	case 1:
		got := ndarray.Zeros[float64](5)
		_, err := c.Recv(got, 0, 3)
		require.NoError(t, err)
		require.Equal(t, ndarray.Iota[float64](5).ToSlice(), got.ToSlice())
		require.NoError(t, c.Send(ndarray.Ones[float64](6), 0, 4))
	}
	r, err := c.Ibarrier()
	require.NoError(t, err)
	require.ErrorIs(t, r.Cancel(), mpiarr.ErrArg)
	require.ErrorIs(t, r.Free(), mpiarr.ErrArg)
	_, err = r.Wait()
	require.NoError(t, err)
	require.NoError(t, r.Cancel(), "cancelling a completed request does nothing")
}

// WaitAny returns the requests as they complete, each once, then
// Undefined (here a rank talks to itself).
func ExampleWaitAny() {
	comm := mpitest.World()
	me := comm.Rank()
	a, b := ndarray.Zeros[int32](2), ndarray.Zeros[int32](2)
	ra, _ := comm.Irecv(a, me, 1)
	rb, _ := comm.Irecv(b, me, 2)
	_ = comm.Send(ndarray.Full[int32](2, 2), me, 2)
	_ = comm.Send(ndarray.Full[int32](1, 2), me, 1)
	got := 0
	for {
		i, _, err := mpiarr.WaitAny(ra, rb)
		if err != nil || i == mpiarr.Undefined {
			break
		}
		got++
	}
	fmt.Println(got, a, b)
	// Output:
	// 2 [1 1] [2 2]
}
