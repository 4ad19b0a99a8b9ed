package mpiarr

import (
	"sync"

	"github.com/ndmpi/ndmpi/internal/arraymem"
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/strides"
)

// Derived datatypes are built once per layout (dtype, shape, strides) and
// kept: building and committing one costs microseconds, a lookup does not
// allocate. The cache is bounded. An entry is reference-counted from the
// lookup until the message that uses it is released, so that making room
// for new layouts never frees a handle another goroutine is about to pass
// to MPI: evicted entries that are in use are freed by their last user.

const maxCachedTypes = 1024

// derived is one committed derived datatype.
type derived struct {
	handle  mpi.Datatype
	dtype   uint8
	shape   []int
	strides []int // elements
	refs    int   // messages using the handle; guarded by typeCache
	evicted bool  // out of the cache: the last release frees it
}

var typeCache struct {
	sync.Mutex
	byHash map[uint64][]*derived
	n      int
}

// layoutHash is FNV-1a over the dtype, shape and element strides.
func layoutHash(mem arraymem.Memory) uint64 {
	h := uint64(14695981039346656037)
	mix := func(v int) {
		for i := 0; i < 8; i++ {
			h ^= uint64(byte(v >> (8 * i)))
			h *= 1099511628211
		}
	}
	mix(int(mem.DType))
	mix(len(mem.Shape))
	for i := range mem.Shape {
		mix(mem.Shape[i])
		mix(mem.Strides[i])
	}
	return h
}

// derivedType returns the committed MPI datatype that covers every element
// of mem's view in logical C order, starting at mem.Ptr, with a reference
// the caller gives back with release once MPI has the handle.
func derivedType(mem arraymem.Memory) (*derived, error) {
	h := layoutHash(mem)
	typeCache.Lock()
	defer typeCache.Unlock()
	for _, d := range typeCache.byHash[h] {
		if d.dtype == mem.DType && strides.Equal(d.shape, mem.Shape) && strides.Equal(d.strides, mem.Strides) {
			d.refs++
			return d, nil
		}
	}
	b := strides.Describe(mem.Shape, mem.ByteStrides(), mem.ItemSize)
	counts := make([]int, len(b.Levels))
	steps := make([]int, len(b.Levels))
	for i, l := range b.Levels {
		counts[i], steps[i] = l.Count, l.Stride
	}
	enter()
	handle, err := mpi.TypeStrided(basicType(dtypeOf(mem)), b.Run, counts, steps)
	leave()
	if err != nil {
		return nil, err
	}
	if typeCache.n >= maxCachedTypes {
		evictUnused()
	}
	if typeCache.byHash == nil {
		typeCache.byHash = make(map[uint64][]*derived)
	}
	d := &derived{
		handle:  handle,
		dtype:   mem.DType,
		shape:   append([]int(nil), mem.Shape...),
		strides: append([]int(nil), mem.Strides...),
		refs:    1,
	}
	typeCache.byHash[h] = append(typeCache.byHash[h], d)
	typeCache.n++
	return d, nil
}

// release gives back a reference from derivedType.
func (d *derived) release() {
	typeCache.Lock()
	defer typeCache.Unlock()
	d.refs--
	if d.refs == 0 && d.evicted {
		d.free()
	}
}

// free frees the handle; the caller holds the cache lock.
func (d *derived) free() {
	enter()
	_ = mpi.TypeFree(&d.handle)
	leave()
}

// evictUnused empties the cache: entries no message uses are freed now,
// the others by their last release. The caller holds the lock.
func evictUnused() {
	for _, list := range typeCache.byHash {
		for _, d := range list {
			d.evicted = true
			if d.refs == 0 {
				d.free()
			}
		}
	}
	typeCache.byHash = nil
	typeCache.n = 0
}

// freeTypeCache frees every cached datatype, before MPI_Finalize (MPICH
// reports handles still alive then). No message is in flight by then.
func freeTypeCache() {
	typeCache.Lock()
	defer typeCache.Unlock()
	evictUnused()
}
