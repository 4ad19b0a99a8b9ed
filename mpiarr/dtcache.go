package mpiarr

import (
	"sync"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Derived datatypes are built once per layout (dtype, shape, strides) and
// kept: building and committing one costs microseconds, a lookup does not
// allocate. The cache is bounded; when it is full it is emptied, which is
// safe because MPI keeps a freed datatype alive until the operations
// using it complete.

const maxCachedTypes = 1024

type cachedType struct {
	dtype   ndarray.DType
	shape   []int
	strides []int // elements
	dt      mpi.Datatype
}

var typeCache struct {
	sync.Mutex
	byHash map[uint64][]cachedType
	n      int
}

// layoutHash is FNV-1a over the dtype, shape and element strides.
func layoutHash(raw ndarray.Raw) uint64 {
	h := uint64(14695981039346656037)
	mix := func(v int) {
		for i := 0; i < 8; i++ {
			h ^= uint64(byte(v >> (8 * i)))
			h *= 1099511628211
		}
	}
	mix(int(raw.DType))
	mix(len(raw.Shape))
	for i := range raw.Shape {
		mix(raw.Shape[i])
		mix(raw.ElemStrides[i])
	}
	return h
}

// derivedType returns the committed MPI datatype that covers every element
// of raw's view in logical C order, starting at raw.Ptr.
func derivedType(raw ndarray.Raw) (mpi.Datatype, error) {
	h := layoutHash(raw)
	typeCache.Lock()
	defer typeCache.Unlock()
	for _, c := range typeCache.byHash[h] {
		if c.dtype == raw.DType && strides.Equal(c.shape, raw.Shape) && strides.Equal(c.strides, raw.ElemStrides) {
			return c.dt, nil
		}
	}
	size := raw.DType.ItemSize()
	b := strides.Describe(raw.Shape, raw.ByteStrides(), size)
	counts := make([]int, len(b.Levels))
	steps := make([]int, len(b.Levels))
	for i, l := range b.Levels {
		counts[i], steps[i] = l.Count, l.Stride
	}
	dt, err := mpi.TypeStrided(basicType(raw.DType), b.Run, counts, steps)
	if err != nil {
		return dt, err
	}
	if typeCache.n >= maxCachedTypes || typeCache.byHash == nil {
		freeTypes()
		typeCache.byHash = make(map[uint64][]cachedType)
	}
	typeCache.byHash[h] = append(typeCache.byHash[h], cachedType{
		dtype:   raw.DType,
		shape:   append([]int(nil), raw.Shape...),
		strides: append([]int(nil), raw.ElemStrides...),
		dt:      dt,
	})
	typeCache.n++
	return dt, nil
}

// freeTypeCache frees every cached datatype, before MPI_Finalize (MPICH
// reports handles still alive then).
func freeTypeCache() {
	typeCache.Lock()
	defer typeCache.Unlock()
	freeTypes()
}

// freeTypes frees the cached datatypes and empties the cache; the caller
// holds the lock.
func freeTypes() {
	for _, list := range typeCache.byHash {
		for _, c := range list {
			_ = mpi.TypeFree(&c.dt)
		}
	}
	typeCache.byHash = nil
	typeCache.n = 0
}
