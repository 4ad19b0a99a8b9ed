package ndarray

import "strings"

// Flags describes an array's memory as NumPy's ndarray.flags does.
//
// CContiguous and FContiguous follow NumPy's relaxed rules: axes of length
// one are ignored and an empty array is both. A 1-D contiguous array, or a
// 0-d one, is both.
type Flags struct {
	CContiguous bool // elements in row-major order, no gaps
	FContiguous bool // elements in column-major order, no gaps
	OwnData     bool // the array allocated its storage (not a view, not a wrapped slice)
	Writeable   bool // Set, Fill, Assign and receives may write it
	Aligned     bool // elements sit at addresses aligned for their type; always true for Go memory
	// WriteBackIfCopy is always false: the flag exists in NumPy's block
	// and is printed for fidelity, but this library never makes
	// write-back copies.
	WriteBackIfCopy bool
}

// String is str(a.flags) in NumPy, trailing newline included, so that
// fmt.Println(a.Flags()) prints what Python's print(a.flags) does:
//
//	C_CONTIGUOUS : True
//	F_CONTIGUOUS : False
//	OWNDATA : True
//	WRITEABLE : True
//	ALIGNED : True
//	WRITEBACKIFCOPY : False
func (f Flags) String() string {
	var b strings.Builder
	line := func(name string, v bool) {
		b.WriteString("  ")
		b.WriteString(name)
		b.WriteString(" : ")
		if v {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
		b.WriteByte('\n')
	}
	line("C_CONTIGUOUS", f.CContiguous)
	line("F_CONTIGUOUS", f.FContiguous)
	line("OWNDATA", f.OwnData)
	line("WRITEABLE", f.Writeable)
	line("ALIGNED", f.Aligned)
	line("WRITEBACKIFCOPY", f.WriteBackIfCopy)
	return b.String()
}

// Contiguous reports whether the array is C- or F-contiguous: one gapless
// block of memory, which MPI can take as it is.
func (f Flags) Contiguous() bool { return f.CContiguous || f.FContiguous }
