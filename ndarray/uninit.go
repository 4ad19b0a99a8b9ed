package ndarray

import (
	"github.com/ndmpi/ndmpi/internal/hugepage"
	"github.com/ndmpi/ndmpi/strides"
)

// allocUninit is alloc for results whose every element the caller writes
// before anything reads them (a join): their storage is not cleared
// (hugepage.MakeUninit). For a copy-bound operation such as Concatenate
// the clearing would be a third of its memory traffic.
func allocUninit[T Element](order strides.Order, shape []int) *Array[T] {
	return allocFrom(order, shape, hugepage.MakeUninit[T])
}
