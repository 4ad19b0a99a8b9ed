package mpiarr_test

import (
	"fmt"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/stretchr/testify/require"
)

// The object collectives' results, unchecked and checked, with values of
// different sizes per destination (so that the byte counts differ).
func TestObjectCollectives(t *testing.T) {
	base := mpitest.Comm(t)
	rank, size := base.Rank(), base.Size()
	for _, checked := range []bool{false, true} {
		c := base.WithCheck(checked)
		name := fmt.Sprintf("checked=%v", checked)

		sum, err := mpiarr.AllreduceObj(c, float64(rank+1), mpiarr.OpFunc[float64](mpiarr.Sum))
		require.NoError(t, err, name)
		require.Equal(t, float64(size*(size+1)/2), sum, name)
		// The fold is in rank order on every rank: a non-commutative f shows it.
		order, err := mpiarr.AllreduceObj(c, fmt.Sprint(rank), func(a, b string) string { return a + "," + b })
		require.NoError(t, err, name)
		want := "0"
		for r := 1; r < size; r++ {
			want += fmt.Sprintf(",%d", r)
		}
		require.Equal(t, want, order, name)

		for _, root := range []int{0, size - 1} {
			var vs []map[string][]int
			if rank == root {
				for i := range size {
					vs = append(vs, map[string][]int{"to": make([]int, i+1)})
				}
			}
			got, err := mpiarr.ScatterObj(c, vs, root)
			require.NoError(t, err, name)
			require.Len(t, got["to"], rank+1, name)
		}

		out := make([][]string, size)
		for i := range out {
			out[i] = []string{fmt.Sprintf("%d->%d", rank, i)}
			for range i {
				out[i] = append(out[i], "pad")
			}
		}
		in, err := mpiarr.AlltoallObj(c, out)
		require.NoError(t, err, name)
		require.Len(t, in, size, name)
		for r, v := range in {
			require.Equal(t, fmt.Sprintf("%d->%d", r, rank), v[0], name)
			require.Len(t, v, rank+1, name)
		}
	}
}

// Bad input on one rank is an error on every rank, checked or not: a
// wrong number of values at ScatterObj's root or at one AlltoallObj rank,
// a value gob cannot encode. The communicator stays usable.
func TestObjectCollectiveErrors(t *testing.T) {
	base := mpitest.Comm(t)
	rank, size := base.Rank(), base.Size()
	last := size - 1
	for _, checked := range []bool{false, true} {
		c := base // WithCheck(false) would verify the mode on the first call
		if checked {
			c = base.WithCheck(true)
		}
		kindAt := func(self, others error) error {
			if checked && rank != last {
				return mpiarr.ErrMismatch
			}
			if rank == last {
				return self
			}
			return others
		}
		tests := []struct {
			name string
			run  func() error
			want error
		}{
			{"ScatterObj short", func() error {
				vs := make([]int, size)
				if rank == last {
					vs = vs[:size-1]
				}
				_, err := mpiarr.ScatterObj(c, vs, last)
				return err
			}, kindAt(mpiarr.ErrCount, mpiarr.ErrCount)},
			{"ScatterObj unencodable", func() error {
				vs := make([]any, size)
				for i := range vs {
					vs[i] = i
				}
				vs[0] = make(chan int)
				_, err := mpiarr.ScatterObj(c, vs, last)
				return err
			}, kindAt(mpiarr.ErrArg, mpiarr.ErrArg)},
			{"AlltoallObj long", func() error {
				vs := make([]int, size)
				if rank == last {
					vs = append(vs, 1)
				}
				_, err := mpiarr.AlltoallObj(c, vs)
				return err
			}, kindAt(mpiarr.ErrCount, mpiarr.ErrCount)},
			{"AlltoallObj unencodable", func() error {
				vs := make([]any, size)
				for i := range vs {
					vs[i] = i
				}
				if rank == last {
					vs[0] = func() {}
				}
				_, err := mpiarr.AlltoallObj(c, vs)
				return err
			}, kindAt(mpiarr.ErrArg, mpiarr.ErrArg)},
			{"AllreduceObj nil f", func() error {
				_, err := mpiarr.AllreduceObj[int](c, 1, nil)
				return err
			}, mpiarr.ErrArg},
			{"ScatterObj root out of range", func() error {
				_, err := mpiarr.ScatterObj(c, []int{1}, size)
				return err
			}, mpiarr.ErrArg},
		}
		for _, tt := range tests {
			err := tt.run()
			require.ErrorIs(t, err, tt.want, "%s checked=%v", tt.name, checked)
			if !checked && tt.want == mpiarr.ErrCount && rank != last {
				require.ErrorContains(t, err, fmt.Sprintf("rank %d passed", last), tt.name)
			}
			// Still usable: every rank gets the next collective right.
			got, err := mpiarr.AllgatherObj(c, rank)
			require.NoError(t, err, tt.name)
			require.Equal(t, last, got[last], tt.name)
		}
	}
}

// Checked mode compares the Go types of an object collective's ranks.
func TestObjectCollectiveTypeMismatch(t *testing.T) {
	mpitest.NeedRanks(t, 2)
	c := mpitest.Comm(t).WithCheck(true)
	var err error
	if c.Rank() == 0 {
		_, err = mpiarr.AlltoallObj(c, make([]int, c.Size()))
	} else {
		_, err = mpiarr.AlltoallObj(c, make([]string, c.Size()))
	}
	require.ErrorIs(t, err, mpiarr.ErrMismatch)
	require.ErrorContains(t, err, "Go type")
}

// SendrecvObj in a ring, IsendObj and IrecvObj crossing in both
// directions with values large enough for MPI's rendezvous protocol, and
// Test before and after arrival.
func TestObjectPointToPoint(t *testing.T) {
	c := mpitest.Comm(t)
	rank, size := c.Rank(), c.Size()
	next, prev := (rank+1)%size, (rank+size-1)%size

	var got []string
	st, err := c.SendrecvObj([]string{"from", fmt.Sprint(rank)}, next, 3, &got, prev, 3)
	require.NoError(t, err)
	require.Equal(t, prev, st.Source)
	require.Equal(t, []string{"from", fmt.Sprint(prev)}, got)

	_, err = c.SendrecvObj(1, next, 3, got, prev, 3)
	require.ErrorIs(t, err, mpiarr.ErrArg)

	big := make([]float64, 1<<17) // 1 MiB: sent only once a receive matches it
	big[0] = float64(rank)
	rr, err := mpiarr.IrecvObj[[]float64](c, prev, 4)
	require.NoError(t, err)
	sr, err := c.IsendObj(big, next, 4)
	require.NoError(t, err)
	big[0] = -1 // encoded at the call: later changes do not travel
	v, st, err := rr.Wait()
	require.NoError(t, err)
	require.True(t, rr.Done())
	require.Equal(t, prev, st.Source)
	require.Equal(t, float64(prev), v[0])
	require.Len(t, v, 1<<17)
	_, err = sr.Wait()
	require.NoError(t, err)
	v2, _, err := rr.Wait() // again: the same value
	require.NoError(t, err)
	require.Equal(t, v[0], v2[0])

	// Test polls until the value is there; the wrong type is an ErrDType
	// error naming the sender's type.
	rr2, err := mpiarr.IrecvObj[int](c, prev, 5)
	require.NoError(t, err)
	sr, err = c.IsendObj(map[string]int{"x": 1}, next, 5)
	require.NoError(t, err)
	for {
		done, _, _, err := rr2.Test()
		if done {
			require.ErrorIs(t, err, mpiarr.ErrDType)
			require.ErrorContains(t, err, "map[string]int")
			break
		}
		require.NoError(t, err)
	}
	_, err = sr.Wait()
	require.NoError(t, err)

	// ProcNull: nothing arrives, at once.
	pn, err := mpiarr.IrecvObj[int](c, mpiarr.ProcNull, 0)
	require.NoError(t, err)
	done, x, st, err := pn.Test()
	require.NoError(t, err)
	require.True(t, done)
	require.Equal(t, 0, x)
	require.Equal(t, mpiarr.ProcNull, st.Source)

	_, err = mpiarr.IrecvObj[int](c, size, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	_, err = c.IsendObj(make(chan int), next, 0)
	require.ErrorIs(t, err, mpiarr.ErrArg)
}
