package mpiarr

import (
	"slices"
	"sync"
	"testing"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

func memOf[T ndarray.Element](t *testing.T, a *ndarray.Array[T]) arraymem.Memory {
	t.Helper()
	m, ok := arraymem.Of(a)
	require.True(t, ok)
	return m
}

// A handle looked up but not yet used survives the cache filling up
// behind it: before reference counting, the eviction freed it (a SIGSEGV
// in OpenMPI, a yaksa assertion in MPICH, when MPI then used it).
func TestDerivedTypeSurvivesEviction(t *testing.T) {
	base := ndarray.Iota[float64](8, 8)
	held := ndarray.Must(base.SliceExpr("::2, 1::3"))
	d, err := derivedType(memOf(t, held))
	require.NoError(t, err)
	for i := 0; i <= maxCachedTypes; i++ {
		v := ndarray.Must(ndarray.Zeros[float64](2, i+2).SliceExpr(":, ::2"))
		other, err := derivedType(memOf(t, v))
		require.NoError(t, err)
		other.release()
	}
	typeCache.Lock()
	evicted := d.evicted
	typeCache.Unlock()
	require.True(t, evicted, "the cache was emptied while the handle was held")

	// The handle still describes the view: send it to ourselves.
	got := ndarray.Zeros[float64](4, 3)
	gm := memOf(t, got)
	enter()
	_, err = mpi.Sendrecv(memOf(t, held).Ptr, 1, d.handle, 0, 9, gm.Ptr, 12, mpi.Double, 0, 9, mpi.CommSelf)
	leave()
	require.NoError(t, err)
	require.Equal(t, held.ToSlice(), got.ToSlice())
	d.release()
}

// Goroutines that fill the cache while others send through it never use
// a freed handle.
func TestDerivedTypeCacheConcurrent(t *testing.T) {
	self := &Comm{h: mpi.CommSelf, size: 1, layout: Derived, state: &commState{}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 400; i++ {
				n := 3 + (g*400+i)%700
				src := ndarray.Must(ndarray.Iota[int32](2, n).SliceExpr(":, ::2"))
				dst := ndarray.Must(ndarray.Zeros[int32](2, n).SliceExpr(":, ::2"))
				if _, err := self.Sendrecv(src, 0, g, dst, 0, g); err != nil {
					t.Error(err)
					return
				}
				if !slices.Equal(src.ToSlice(), dst.ToSlice()) {
					t.Errorf("goroutine %d, layout %d: wrong data", g, i)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}
