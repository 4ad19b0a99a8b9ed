package mpiarr

import (
	"math/bits"
	"sync"
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/hugepage"
)

// A stage is a contiguous buffer a packed message goes through. Stages are
// pooled by power-of-two size class, so that packing allocates nothing
// once the pool holds a buffer of the size in use.
//
// Small stages live in a sync.Pool. Large ones (bigStage and up) are kept
// in a plain free list instead: a sync.Pool is emptied by every garbage
// collection, and refaulting tens of MiB of fresh memory costs as much as
// sending them. Large stages are mapped outside the Go heap
// (hugepage.Map), so that keeping them does not raise the collector's
// goal, and those the list has no room for are unmapped when put back. On
// Linux they sit on transparent huge pages, each aligned to one, on which
// MPI's shared-memory copies run faster: from 2 MiB, not only from 4 MiB
// as arrays do, since a pooled stage pays its padding once (a dict of
// three 64 Ki-element arrays, a 1.5 MiB message: 925 -> 735 µs one way,
// medians of 5 interleaved rounds of bench/go/objects).
type stage struct {
	buf    []byte // len is the requested size; cap the class size
	words  []uint64
	class  int
	mapped hugepage.Mapped // a large stage's memory
}

const (
	bigStage      = 21 // 2 MiB: stages from here on sit on huge pages
	bigStagesKept = 2  // per size class
	maxStageClass = 63
	bytesPerWord  = 8
)

var (
	smallStages [bigStage]sync.Pool
	bigStages   struct {
		sync.Mutex
		free [maxStageClass + 1][]*stage
	}
)

// getStage returns a stage of at least n bytes, aligned for any element
// type.
func getStage(n int) *stage {
	class := 0
	if n > 1 {
		class = bits.Len(uint(n - 1))
	}
	var st *stage
	if class < bigStage {
		st, _ = smallStages[class].Get().(*stage)
	} else {
		bigStages.Lock()
		if list := bigStages.free[class]; len(list) > 0 {
			st = list[len(list)-1]
			bigStages.free[class] = list[:len(list)-1]
		}
		bigStages.Unlock()
	}
	if st == nil {
		st = newStage(class)
	}
	st.buf = unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(st.words))), len(st.words)*bytesPerWord)[:n]
	return st
}

func putStage(st *stage) {
	st.buf = nil
	if st.class < bigStage {
		smallStages[st.class].Put(st)
		return
	}
	bigStages.Lock()
	kept := len(bigStages.free[st.class]) < bigStagesKept
	if kept {
		bigStages.free[st.class] = append(bigStages.free[st.class], st)
	}
	bigStages.Unlock()
	if !kept {
		_ = st.mapped.Unmap()
	}
}

// newStage allocates a stage of size class class: a large one outside the
// Go heap, or on it when mapping fails (the system's limit on mappings).
func newStage(class int) *stage {
	nw := (1<<class + bytesPerWord - 1) / bytesPerWord
	st := &stage{class: class}
	if class >= bigStage {
		if m, err := hugepage.Map(nw * bytesPerWord); err == nil {
			st.mapped = m
			st.words = unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(m.Bytes))), nw)
			return st
		}
		st.words = hugepage.MakeAligned[uint64](nw)
		return st
	}
	st.words = make([]uint64, nw)
	return st
}
