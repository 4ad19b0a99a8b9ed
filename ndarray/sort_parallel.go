package ndarray

import (
	"runtime"
	"sync"

	"github.com/ndmpi/ndmpi/strides"
)

// Sorting a large array splits its lines among the processors, and each
// worker copies its lines into the result a batch at a time and sorts the
// batch while it is still in cache: the copy of a large result costs as
// much as its sorting (the first touch of fresh memory faults its pages
// in), so it is shared and overlapped too, instead of a serial pass
// before the sort.

// parallelSortMin is the number of elements from which Sort uses several
// workers; parallelRowMin the line length below which the per-line
// bookkeeping would cost more than the copy it organises.
const (
	parallelSortMin = 1 << 18
	parallelRowMin  = 64
	sortBatchRows   = 16
)

// sortedAxisLast returns a new C-ordered array holding a with axis ax
// moved last and every line along it sorted.
func sortedAxisLast[T Element](a *Array[T], ax int) *Array[T] {
	shape, st := axisLast(a.shape, a.strides, ax)
	nd := len(shape)
	n := shape[nd-1]
	size := strides.Size(shape)
	workers := runtime.GOMAXPROCS(0)
	if size < parallelSortMin || n < parallelRowMin || workers < 2 {
		work := axisLastCopy(a, ax)
		if size > 0 && n > 1 {
			sortRows(work.data, n)
		}
		return work
	}
	out := alloc[T](strides.RowMajor, shape)
	rows := size / n
	workers = min(workers, rows)
	step := st[nd-1]
	var wg sync.WaitGroup
	for w := range workers {
		r0, r1 := rows*w/workers, rows*(w+1)/workers
		wg.Go(func() {
			for b := r0; b < r1; b += sortBatchRows {
				e := min(b+sortBatchRows, r1)
				for r := b; r < e; r++ {
					dst := out.data[r*n : (r+1)*n]
					off := lineOffset(a.offset, shape[:nd-1], st, r)
					if step == 1 {
						copy(dst, a.data[off:off+n])
						continue
					}
					for i := range dst {
						dst[i] = a.data[off+i*step]
					}
				}
				sortRows(out.data[b*n:e*n], n)
			}
		})
	}
	wg.Wait()
	return out
}

// lineOffset is the storage index of the first element of line r, in C
// order over the leading axes lead with strides st.
func lineOffset(off int, lead, st []int, r int) int {
	for i := len(lead) - 1; i >= 0; i-- {
		off += (r % lead[i]) * st[i]
		r /= lead[i]
	}
	return off
}
