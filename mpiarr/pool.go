package mpiarr

import (
	"math/bits"
	"sync"
	"unsafe"
)

// A stage is a contiguous buffer a packed message goes through. Stages are
// pooled by power-of-two size class, so that packing allocates nothing
// once the pool holds a buffer of the size in use.
type stage struct {
	buf   []byte // len is the requested size; cap the class size
	words []uint64
	class int
}

var stagePools [64]sync.Pool

// getStage returns a stage of at least n bytes, aligned for any element
// type (8 bytes; complex128 needs no more in Go).
func getStage(n int) *stage {
	class := 0
	if n > 1 {
		class = bits.Len(uint(n - 1))
	}
	st, _ := stagePools[class].Get().(*stage)
	if st == nil {
		words := make([]uint64, (1<<class+7)/8)
		st = &stage{words: words, class: class}
	}
	st.buf = unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(st.words))), len(st.words)*8)[:n]
	return st
}

func putStage(st *stage) {
	st.buf = nil
	stagePools[st.class].Put(st)
}
