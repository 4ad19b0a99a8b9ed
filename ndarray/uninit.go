package ndarray

import (
	"github.com/ndmpi/ndmpi/internal/hugepage"
	"github.com/ndmpi/ndmpi/strides"
)

// allocUninit is alloc for results whose every element the caller writes
// before anything reads them (a join, a ufunc's or a comparison's result):
// their storage is not cleared (hugepage.MakeUninit), as NumPy's np.empty
// is not. For a copy-bound operation such as Concatenate the clearing
// would be a third of its memory traffic, for Add a quarter. The whole
// test suite passes with this storage filled with 0x5A bytes instead,
// which is how a new caller should check that it writes everything.
func allocUninit[T Element](order strides.Order, shape []int) *Array[T] {
	return allocFrom(order, shape, hugepage.MakeUninit[T])
}
