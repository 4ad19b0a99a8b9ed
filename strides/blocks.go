package strides

// Level is one level of nesting in Blocks: Count repetitions of the level
// inside it, Stride bytes apart (negative for reversed axes, never zero
// unless Count is 1).
type Level struct {
	Count  int
	Stride int
}

// Blocks describes every element of a strided layout, in logical C order,
// as nested regular blocks: Levels (outermost first) repeat a contiguous
// run of Run bytes. Offsets are relative to the first element.
//
// This is the shape of an MPI derived datatype: a contiguous type of Run
// bytes wrapped in one MPI_Type_create_hvector per level, innermost first.
// A contiguous layout has no levels; a layout with no elements has Run 0.
type Blocks struct {
	Run    int
	Levels []Level
}

// Elements is the number of elements the blocks cover, of itemSize bytes.
func (b Blocks) Elements(itemSize int) int {
	if b.Run == 0 {
		return 0
	}
	n := b.Run / itemSize
	for _, l := range b.Levels {
		n *= l.Count
	}
	return n
}

// Runs is the number of separate contiguous runs.
func (b Blocks) Runs() int {
	if b.Run == 0 {
		return 0
	}
	n := 1
	for _, l := range b.Levels {
		n *= l.Count
	}
	return n
}

// Describe returns the Blocks of a layout: its axes coalesced, the
// innermost axis folded into the run when its stride is itemSize. Zero
// strides (broadcast axes) become levels that repeat the same bytes, which
// is correct for sending and meaningless for receiving; callers that write
// through the description must refuse them first.
func Describe(shape, strides []int, itemSize int) Blocks {
	if Size(shape) == 0 {
		return Blocks{}
	}
	cshape, cs := Coalesce(shape, strides)
	st := cs[0]
	b := Blocks{Run: itemSize}
	n := len(cshape)
	if n > 0 && st[n-1] == itemSize {
		b.Run = itemSize * cshape[n-1]
		n--
	}
	if n > 0 {
		b.Levels = make([]Level, n)
		for i := 0; i < n; i++ {
			b.Levels[i] = Level{Count: cshape[i], Stride: st[i]}
		}
	}
	return b
}
