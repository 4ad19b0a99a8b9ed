package ndarray

import (
	"strconv"
	"strings"

	"github.com/ndmpi/ndmpi/strides"
)

// Index is one entry of a NumPy basic index: an integer, a slice
// start:stop:step, NewAxis (None) or Ellipsis (...). Build them with Int,
// Range, From, To, Colon, Step, NewAxis and Ellipsis; the zero Index is
// Colon (":").
//
// a.Slice(ndarray.Range(1, 5).Step(2), ndarray.Colon.Step(-1), ndarray.NewAxis,
// ndarray.Ellipsis, ndarray.Int(3)) is a[1:5:2, ::-1, None, ..., 3].
type Index struct {
	kind              indexKind
	start, stop, step int
	hasStart, hasStop bool
	hasStep           bool
}

type indexKind uint8

const (
	sliceIndex indexKind = iota
	intIndex
	newAxisIndex
	ellipsisIndex
)

var (
	// Colon is the full slice ":".
	Colon = Index{}
	// NewAxis inserts an axis of length 1 (NumPy's None / np.newaxis).
	NewAxis = Index{kind: newAxisIndex}
	// Ellipsis stands for as many full slices as needed to index every
	// axis ("...").
	Ellipsis = Index{kind: ellipsisIndex}
)

// Int selects position i along an axis and removes the axis; negative i
// counts from the end.
func Int(i int) Index { return Index{kind: intIndex, start: i} }

// Range is the slice start:stop. Bounds are clipped as in Python, and
// negative bounds count from the end.
func Range(start, stop int) Index {
	return Index{start: start, stop: stop, hasStart: true, hasStop: true}
}

// From is the slice start: (to the end).
func From(start int) Index { return Index{start: start, hasStart: true} }

// To is the slice :stop (from the beginning).
func To(stop int) Index { return Index{stop: stop, hasStop: true} }

// Step returns the slice x with the given step; a negative step walks
// backwards, and omitted bounds then default to the end and the start.
// On an index that is not a slice it yields an index Slice rejects.
func (x Index) Step(step int) Index {
	x.step, x.hasStep = step, true
	return x
}

// String returns x in Python's index syntax: "3", "1:5:2", "::-1",
// "None", "...".
func (x Index) String() string {
	switch x.kind {
	case intIndex:
		return strconv.Itoa(x.start)
	case newAxisIndex:
		return "None"
	case ellipsisIndex:
		return "..."
	}
	var b strings.Builder
	if x.hasStart {
		b.WriteString(strconv.Itoa(x.start))
	}
	b.WriteByte(':')
	if x.hasStop {
		b.WriteString(strconv.Itoa(x.stop))
	}
	if x.hasStep {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(x.step))
	}
	return b.String()
}

// bounds resolves a slice against an axis of length n as Python's
// PySlice_AdjustIndices does: the first position, the step, and how many
// positions the slice selects.
func (x Index) bounds(n int) (start, step, count int) {
	step = 1
	if x.hasStep {
		step = x.step
	}
	var stop int
	if step > 0 {
		start, stop = 0, n
	} else {
		start, stop = n-1, -1
	}
	clip := func(v int) int {
		if v < 0 {
			v += n
			if v < 0 {
				if step < 0 {
					return -1
				}
				return 0
			}
		} else if v >= n {
			if step < 0 {
				return n - 1
			}
			return n
		}
		return v
	}
	if x.hasStart {
		start = clip(x.start)
	}
	if x.hasStop {
		stop = clip(x.stop)
	}
	switch {
	case step < 0 && stop < start:
		count = (start-stop-1)/(-step) + 1
	case step > 0 && start < stop:
		count = (stop-start-1)/step + 1
	}
	return start, step, count
}

// Slice returns the view NumPy's basic indexing a[idx...] gives: integers
// pick a position and drop the axis, slices keep the axis with a stride
// multiplied by the step, NewAxis adds an axis of length 1, Ellipsis
// expands to full slices; axes not indexed are kept whole. The result
// always shares memory with a: indexing every axis with integers gives a
// 0-d view, not a copy.
func (a *Array[T]) Slice(idx ...Index) (*Array[T], error) { return a.sub("Slice", idx) }

func (a *Array[T]) sub(op string, idx []Index) (*Array[T], error) {
	consumed, newAxes, ellipsis := 0, 0, -1
	for i, x := range idx {
		switch x.kind {
		case intIndex:
			consumed++
		case sliceIndex:
			if x.hasStep && x.step == 0 {
				return nil, opError(op, ErrValue, "slice step cannot be zero (index %d: %s)", i, x)
			}
			consumed++
		case newAxisIndex:
			newAxes++
		case ellipsisIndex:
			if ellipsis >= 0 {
				return nil, opError(op, ErrIndex, "an index can only have a single ellipsis ('...')")
			}
			ellipsis = i
		default:
			return nil, opError(op, ErrValue, "invalid index %d", i)
		}
		if x.hasStep && x.kind != sliceIndex {
			return nil, opError(op, ErrValue, "Step applies to slices, not to index %d (%s)", i, x)
		}
	}
	nd := len(a.shape)
	if consumed > nd {
		return nil, opError(op, ErrIndex, "too many indices for array: array is %d-dimensional, but %d were indexed", nd, consumed)
	}
	outNd := nd - consumed + newAxes
	for _, x := range idx {
		if x.kind == sliceIndex {
			outNd++
		}
	}
	fill := nd - consumed // axes covered by the ellipsis or left implicit
	sh, st := dims(outNd)
	offset := a.offset
	ax, out := 0, 0
	keep := func(n int) {
		for ; n > 0; n-- {
			sh[out], st[out] = a.shape[ax], a.strides[ax]
			out++
			ax++
		}
	}
	for i, x := range idx {
		switch x.kind {
		case ellipsisIndex:
			keep(fill)
		case newAxisIndex:
			sh[out], st[out] = 1, 0
			out++
		case intIndex:
			n, j := a.shape[ax], x.start
			if j < -n || j >= n {
				return nil, opError(op, ErrIndex, "index %d is out of bounds for axis %d with size %d (index %d)", j, ax, n, i)
			}
			if j < 0 {
				j += n
			}
			offset += j * a.strides[ax]
			ax++
		case sliceIndex:
			start, step, count := x.bounds(a.shape[ax])
			if count > 0 {
				offset += start * a.strides[ax]
			}
			sh[out], st[out] = count, a.strides[ax]*step
			out++
			ax++
		}
	}
	if ellipsis < 0 {
		keep(fill)
	}
	if strides.Size(sh) == 0 {
		// No element to point at: keep the offset inside the storage.
		offset = min(max(offset, 0), len(a.data))
	}
	return a.view(offset, sh, st), nil
}
