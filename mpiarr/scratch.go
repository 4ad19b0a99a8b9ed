package mpiarr

import "sync/atomic"

// scratch lends the per-rank arrays a collective works out for itself
// (packed displacements, NumPy's even split, sizes and counts learned from
// the other ranks) from room in a value on the caller's stack, so that a
// call on a communicator of up to 16 ranks allocates none of them; larger
// communicators, or a nil *scratch, get them from the heap. Slices lent
// here must not outlive the call: if one reached anything that escapes (a
// nonblocking collective's counts), the escape analysis would move the
// whole room to the heap, on every call.
type scratch struct {
	room      [64]int
	words     [32]int64 // the int64 arrays exchanged with MPI
	used      int
	usedWords int
}

// ints returns n zeroed ints.
func (s *scratch) ints(n int) []int {
	if s == nil {
		return make([]int, n)
	}
	return lend(s.room[:], &s.used, n)
}

// int64s returns n zeroed int64s.
func (s *scratch) int64s(n int) []int64 {
	if s == nil {
		return make([]int64, n)
	}
	return lend(s.words[:], &s.usedWords, n)
}

// lend returns the n elements of room after the *used already lent, or
// new ones when room has too few left.
func lend[E int | int64](room []E, used *int, n int) []E {
	if n > len(room)-*used {
		return make([]E, n)
	}
	p := room[*used : *used+n : *used+n]
	*used += n
	return p
}

// slot is a one-item cache for the scratch a collective cannot keep on
// the stack because the binding passes it on to code the escape analysis
// cannot follow (the Go callback of a user-defined operation): Exscan's
// receive buffer on rank 0, the counts ReduceScatter learns. Unlike a
// sync.Pool, which a garbage collection clears and the race detector
// empties at random, a slot keeps its item, so that a program calling one
// collective in a loop allocates nothing; two calls at once simply
// allocate, and the item given back last stays.
type slot[T any] struct{ p atomic.Pointer[T] }

// take returns the item, or nil when the slot is empty.
func (s *slot[T]) take() *T { return s.p.Swap(nil) }

// give puts v in the slot.
func (s *slot[T]) give(v *T) { s.p.Store(v) }

// lentStage lends Exscan's rank 0 a stage to receive nothing into.
var lentStage slot[stage]

// takeStage returns a stage of at least n bytes (in its words: its buf is
// not set) from lentStage, or from the pool when lentStage holds none that
// large; giveStage puts it back.
func takeStage(n int) *stage {
	if st := lentStage.take(); st != nil {
		if len(st.words)*bytesPerWord >= n {
			return st
		}
		putStage(st)
	}
	return getStage(n)
}

// giveStage keeps small stages in lentStage and returns large ones, which
// sit on huge pages, to the pool's free list.
func giveStage(st *stage) {
	if st.class >= bigStage {
		putStage(st)
		return
	}
	lentStage.give(st)
}

// lentCounts lends ReduceScatter the counts it learns from the ranks.
var lentCounts slot[[]int]

// takeCounts returns n zeroed ints from lentCounts, or new ones; give them
// back with giveCounts.
func takeCounts(n int) *[]int {
	p := lentCounts.take()
	if p == nil || cap(*p) < n {
		s := make([]int, n)
		return &s
	}
	*p = (*p)[:n]
	clear(*p)
	return p
}
