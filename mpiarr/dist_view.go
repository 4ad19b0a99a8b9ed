package mpiarr

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// DistView returns the Dist holding d[idx...] with NumPy's basic
// indexing of the global array, as ndarray's Slice takes it: slices with
// steps (negative too), integers (which drop an axis), NewAxis and
// Ellipsis. Heat's x[::2]. NumPy returns a view; a view of a distributed
// array would leave most ranks idle after x[:10], so the result is a new
// Dist, balanced over o's grid (by default d's, when the number of axes
// stays), filled by one MPI_Alltoallv of the selected elements: each
// rank sends every other rank the strided part of its block that lands
// in that rank's block. An index NumPy refuses is the same ErrArg error
// (wrapping ndarray's) on every rank, and so is one that indexes every
// axis with integers: a Dist has at least one axis (use Locate).
// Collective over d's communicator.
func DistView[T ndarray.Element](d *Dist[T], o DistOptions, idx ...ndarray.Index) (*Dist[T], error) {
	const op = "DistView"
	if err := d.Comm.usable(op); err != nil {
		return nil, err
	}
	p, err := viewPiece(op, d, idx)
	if err != nil {
		return nil, err
	}
	global := make([]int, len(p.axes))
	for j, m := range p.axes {
		global[j] = m.n
	}
	out, err := resultDist(d, global, o)
	if err != nil {
		return nil, err
	}
	if err := remap(op, out, []piece[T]{p}); err != nil {
		_ = out.Free()
		return nil, err
	}
	return out, nil
}

// viewPiece resolves idx against d's global shape. ndarray checks the
// index first, on a broadcast array of the global shape that owns one
// element, so that every refusal is NumPy's own.
func viewPiece[T ndarray.Element](op string, d *Dist[T], idx []ndarray.Index) (piece[T], error) {
	probe, err := ndarray.Zeros[uint8]().BroadcastTo(d.Global...)
	if err == nil {
		probe, err = probe.Slice(idx...)
	}
	if err != nil {
		return piece[T]{}, wrapError(op, ErrArg, fmt.Errorf("global shape %s: %w", strides.Tuple(d.Global), err))
	}
	if probe.Ndim() == 0 {
		return piece[T]{}, newError(op, ErrArg, "index %s picks one element of shape %s: a distributed array needs an axis (Locate finds the element's rank)", indexTuple(idx), strides.Tuple(d.Global))
	}
	nd := len(d.Global)
	p := piece[T]{from: d, fixed: make([]int, nd)}
	for k := range p.fixed {
		p.fixed[k] = -1
	}
	consumed := 0
	for _, x := range idx {
		if s := x.String(); s != "None" && s != "..." {
			consumed++
		}
	}
	k := 0
	keep := func(n int) {
		for ; n > 0; n-- {
			p.axes = append(p.axes, axisMap{src: k, n: d.Global[k], step: 1})
			k++
		}
	}
	for _, x := range idx {
		s := x.String()
		switch {
		case s == "None":
			p.axes = append(p.axes, axisMap{src: -1, n: 1, step: 1})
		case s == "...":
			keep(nd - consumed)
			consumed = nd // a second ellipsis was refused above
		case !strings.Contains(s, ":"):
			i, _ := strconv.Atoi(s)
			if i < 0 {
				i += d.Global[k]
			}
			p.fixed[k] = i
			k++
		default:
			start, step, count := sliceBounds(s, d.Global[k])
			p.axes = append(p.axes, axisMap{src: k, n: count, start: start, step: step})
			k++
		}
	}
	keep(nd - k)
	if got := probe.Shape(); len(got) != len(p.axes) {
		return p, newError(op, ErrArg, "index %s of shape %s resolved to %d axes, ndarray to %s", indexTuple(idx), strides.Tuple(d.Global), len(p.axes), strides.Tuple(got))
	}
	return p, nil
}

// sliceBounds resolves a slice written as Index.String writes it
// ("1:5:2", "::-1", ":") against an axis of length n, as Python's
// PySlice_AdjustIndices: the first position, the step and the count.
// ndarray has checked it already.
func sliceBounds(s string, n int) (start, step, count int) {
	parts := strings.Split(s, ":")
	num := func(i int) (int, bool) {
		if i >= len(parts) || parts[i] == "" {
			return 0, false
		}
		v, err := strconv.Atoi(parts[i])
		return v, err == nil
	}
	step = 1
	if v, ok := num(2); ok {
		step = v
	}
	clip := func(v int) int {
		switch {
		case v < 0:
			v += n
			if v < 0 {
				if step < 0 {
					return -1
				}
				return 0
			}
		case v >= n:
			if step < 0 {
				return n - 1
			}
			return n
		}
		return v
	}
	stop := n
	if step < 0 {
		start, stop = n-1, -1
	}
	if v, ok := num(0); ok {
		start = clip(v)
	}
	if v, ok := num(1); ok {
		stop = clip(v)
	}
	switch {
	case step < 0 && stop < start:
		count = (start-stop-1)/(-step) + 1
	case step > 0 && start < stop:
		count = (stop-start-1)/step + 1
	}
	return start, step, count
}

// indexTuple writes an index as Python does between brackets.
func indexTuple(idx []ndarray.Index) string {
	s := make([]string, len(idx))
	for i, x := range idx {
		s[i] = x.String()
	}
	return "[" + strings.Join(s, ", ") + "]"
}
