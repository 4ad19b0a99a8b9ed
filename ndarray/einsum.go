package ndarray

// This file is numpy.einsum, the Einstein summation convention: subscripts
// label the axes of each operand, and the result sums the products of the
// operands over every label the output leaves out. It is evaluated as
// NumPy's einsum with optimize=True evaluates it, one pair of operands at
// a time from the left, each pair as a stack of matrix products:
//   - a label repeated within an operand takes that operand's diagonal
//     (a view, its strides summed);
//   - a label of one operand that nothing later needs is summed first;
//   - a label of both operands is a stack axis of the product if something
//     later needs it (the output or a later operand), and the inner length
//     of the product otherwise; a label of one operand only is a row (or
//     column) axis;
//   - the operands are transposed (views) and reshaped into stacks of
//     matrices, which copies only what cannot be read in place.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ndmpi/ndmpi/strides"
)

// Einsum evaluates the Einstein summation convention on the operands, as
// numpy.einsum(subscripts, *operands). The subscripts name each operand's
// axes with letters, the operands separated by commas, and optionally the
// output's after "->":
//
//	Einsum("ij,jk->ik", a, b)  // MatMul(a, b)
//	Einsum("ii->", a)          // the trace of a
//	Einsum("ii->i", a)         // the diagonal of a (a view)
//	Einsum("ij->ji", a)        // the transpose of a (a view)
//	Einsum("i,i", x, y)        // the inner product
//	Einsum("i,j", x, y)        // the outer product
//	Einsum("bij,bjk->bik", a, b)  // a stack of matrix products
//	Einsum("...ij,...jk", a, b)   // MatMul of stacks, broadcast
//
// Labels the output leaves out are summed over; a label repeated within an
// operand takes a diagonal. Without "->" the output is, as in NumPy, the
// axes of "..." and then the labels that occur once, in alphabetical
// order (upper case before lower case). "..." stands for the axes an
// operand has beyond its letters; those of the operands broadcast
// together, aligned at the right, as do axes of length 1 under one label.
// Spaces are ignored.
//
// With one operand and nothing summed, the result is a view of the operand
// (a transpose, a diagonal), writeable when the operand is, as in NumPy;
// otherwise it is a new C-ordered array. Sums of products are computed in
// T, as NumPy's einsum does for operands of one dtype: integers wrap and
// bool is the or of ands. Products go through the kernels of MatMul, so
// floating-point results may differ from NumPy's (which sums in another
// order) in the last bits.
//
// Subscripts that do not parse, or that do not fit the operands (their
// number, an operand's dimensions, an output label that is repeated or
// no input has), are ErrValue errors; lengths that differ under one label
// are ErrShape errors, naming the label and the operands.
func Einsum[T Element](subscripts string, operands ...*Array[T]) (*Array[T], error) {
	if err := nilOperand("Einsum", operands...); err != nil {
		return nil, err
	}
	ndims := make([]int, len(operands))
	for i, x := range operands {
		ndims[i] = len(x.shape)
	}
	spec, err := parseEinsum(subscripts, ndims)
	if err != nil {
		return nil, err
	}
	terms := make([]einsumTerm[T], len(operands))
	dims := map[int]einsumDim{}
	for i, x := range operands {
		if terms[i], err = diagonalTerm(x, spec.inputs[i], i); err != nil {
			return nil, err
		}
		if err := dimsOf(dims, terms[i], i); err != nil {
			return nil, err
		}
	}
	if len(terms) == 1 {
		return einsumOne(terms[0], spec.output), nil
	}
	cur := terms[0]
	for i := 1; i < len(terms); i++ {
		keep := slices.Clone(spec.output)
		for _, t := range terms[i+1:] {
			keep = append(keep, t.labels...)
		}
		cur = contract(cur, terms[i], keep)
	}
	out := cur.permuted(spec.output)
	if !out.IsCContiguous() {
		out = out.Copy(OrderC)
	}
	return out, nil
}

// einsumSpec is parsed subscripts: the labels of each operand's axes and
// of the output's. A label is a letter's byte value, or ellipsisLabel + i
// for the i-th axis of the broadcast "..." axes.
type einsumSpec struct {
	inputs [][]int
	output []int
}

// ellipsisLabel is the first label of the "..." axes, above every letter.
const ellipsisLabel = 128

// labelName is how messages name a label.
func labelName(l int) string {
	if l >= ellipsisLabel {
		return "..."
	}
	return fmt.Sprintf("%q", rune(l))
}

// parseEinsum parses the subscripts for operands of the given numbers of
// dimensions.
func parseEinsum(subscripts string, ndims []int) (einsumSpec, error) {
	bad := func(format string, args ...any) (einsumSpec, error) {
		return einsumSpec{}, opError("Einsum", ErrValue, "subscripts %q: "+format, append([]any{subscripts}, args...)...)
	}
	if len(ndims) == 0 {
		return bad("einsum needs at least one operand")
	}
	in, out, explicit := strings.Cut(subscripts, "->")
	termStrs := strings.Split(in, ",")
	switch {
	case len(termStrs) < len(ndims):
		return bad("more operands (%d) than the subscripts specify (%d)", len(ndims), len(termStrs))
	case len(termStrs) > len(ndims):
		return bad("fewer operands (%d) than the subscripts specify (%d)", len(ndims), len(termStrs))
	}
	// Each term's letters, and where its "..." stands (-1 if nowhere).
	letters := make([][]int, len(termStrs))
	ellipsisAt := make([]int, len(termStrs))
	broadcast := 0 // the number of "..." axes, once broadcast
	for i, s := range termStrs {
		var err error
		letters[i], ellipsisAt[i], err = parseTerm(s)
		if err != nil {
			return bad("operand %d: %v", i, err)
		}
		extra := ndims[i] - len(letters[i])
		switch {
		case extra < 0:
			return bad("%d subscripts for operand %d, which has %d dimensions", len(letters[i]), i, ndims[i])
		case extra > 0 && ellipsisAt[i] < 0:
			return bad("operand %d has %d dimensions, more than its %d subscripts; use '...' to broadcast the extra dimensions",
				i, ndims[i], len(letters[i]))
		}
		broadcast = max(broadcast, extra)
	}
	var spec einsumSpec
	count := map[int]int{}
	for i, ls := range letters {
		extra := ndims[i] - len(ls)
		spec.inputs = append(spec.inputs, expandEllipsis(ls, ellipsisAt[i], extra, broadcast))
		for _, l := range ls {
			count[l]++
		}
	}
	if !explicit {
		// "..." first, then the letters that occur once, in ASCII order.
		spec.output = expandEllipsis(nil, 0, broadcast, broadcast)
		for l := 'A'; l <= 'z'; l++ {
			if count[int(l)] == 1 {
				spec.output = append(spec.output, int(l))
			}
		}
		return spec, nil
	}
	ls, at, err := parseTerm(out)
	if err != nil {
		return bad("output: %v", err)
	}
	for i, l := range ls {
		if slices.Contains(ls[:i], l) {
			return bad("output subscript %s is given more than once", labelName(l))
		}
		if count[l] == 0 {
			return bad("output subscript %s is in no operand", labelName(l))
		}
	}
	if at < 0 && broadcast > 0 {
		return bad("the operands' '...' stands for %d dimensions, which the output, without '...', leaves out", broadcast)
	}
	spec.output = expandEllipsis(ls, at, broadcast, broadcast)
	return spec, nil
}

// parseTerm reads the letters of one operand's subscripts (spaces
// ignored) and the position among them of its "...", or -1.
func parseTerm(s string) (letters []int, ellipsisAt int, err error) {
	ellipsisAt = -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letters = append(letters, int(c))
		case c == '.':
			if !strings.HasPrefix(s[i:], "...") {
				return nil, 0, fmt.Errorf("a '.' that is not part of an ellipsis ('...')")
			}
			if ellipsisAt >= 0 {
				return nil, 0, fmt.Errorf("more than one ellipsis ('...')")
			}
			ellipsisAt = len(letters)
			i += 2
		default:
			return nil, 0, fmt.Errorf("invalid subscript %q: subscripts must be letters", rune(c))
		}
	}
	return letters, ellipsisAt, nil
}

// expandEllipsis returns the labels of a term: its letters, with its
// extra axes at the ellipsis's place labelled as the last extra of the
// broadcast "..." axes (aligned at the right, as broadcasting aligns).
func expandEllipsis(letters []int, at, extra, broadcast int) []int {
	if at < 0 {
		return letters
	}
	out := slices.Clone(letters[:at])
	for j := broadcast - extra; j < broadcast; j++ {
		out = append(out, ellipsisLabel+j)
	}
	return append(out, letters[at:]...)
}

// einsumTerm is an operand with one label per axis, no label repeated.
type einsumTerm[T Element] struct {
	a      *Array[T]
	labels []int
}

// diagonalTerm takes the diagonal of every label repeated in operand i
// (the lengths must be equal), as a view whose axis for the label steps
// along all of its axes at once.
func diagonalTerm[T Element](x *Array[T], labels []int, i int) (einsumTerm[T], error) {
	var t einsumTerm[T]
	var shape, st []int
	for ax, l := range labels {
		j := slices.Index(t.labels, l)
		if j < 0 {
			t.labels = append(t.labels, l)
			shape = append(shape, x.shape[ax])
			st = append(st, x.strides[ax])
			continue
		}
		if shape[j] != x.shape[ax] {
			return t, opError("Einsum", ErrShape, "dimensions in operand %d for collapsing index %s don't match (%d != %d)",
				i, labelName(l), shape[j], x.shape[ax])
		}
		st[j] += x.strides[ax]
	}
	if len(t.labels) == len(labels) {
		t.a = x
	} else {
		t.a = x.view(x.offset, shape, st)
	}
	return t, nil
}

// einsumDim is the length of a label, and the operand that gave it.
type einsumDim struct{ n, operand int }

// dimsOf records the lengths of term i's labels in dims, checking that
// they broadcast with those of the terms before it: equal, or 1.
func dimsOf[T Element](dims map[int]einsumDim, t einsumTerm[T], i int) error {
	for ax, l := range t.labels {
		n := t.a.shape[ax]
		d, seen := dims[l]
		switch {
		case !seen || d.n == 1:
			dims[l] = einsumDim{n, i}
		case n != d.n && n != 1:
			return opError("Einsum", ErrShape, "operands could not be broadcast together: subscript %s has length %d in operand %d and %d in operand %d",
				labelName(l), d.n, d.operand, n, i)
		}
	}
	return nil
}

// einsumOne evaluates a single operand: its labels the output leaves out
// summed, the rest permuted into the output's order. Nothing summed gives
// a view, as NumPy does.
func einsumOne[T Element](t einsumTerm[T], output []int) *Array[T] {
	if s := t.summed(output); s.a != t.a {
		out := s.permuted(output)
		if !out.IsCContiguous() {
			out = out.Copy(OrderC)
		}
		return out
	}
	out := t.permuted(output)
	if out == t.a { // a fresh view, never the operand itself
		out = out.view(out.offset, slices.Clone(out.shape), slices.Clone(out.strides))
	}
	return out
}

// summed returns the term with the labels not in keep summed over, or t
// itself if every label is kept.
func (t einsumTerm[T]) summed(keep []int) einsumTerm[T] {
	var axes []int
	var labels []int
	for ax, l := range t.labels {
		if slices.Contains(keep, l) {
			labels = append(labels, l)
		} else {
			axes = append(axes, ax)
		}
	}
	if len(axes) == 0 {
		return t
	}
	s, err := SumAxis[T](t.a, axes...)
	if err != nil {
		panic(wrapError("Einsum", err)) // the axes are distinct and in range
	}
	return einsumTerm[T]{a: s, labels: labels}
}

// permuted returns a view of the term with its axes in the order of
// labels, which holds each of its labels once.
func (t einsumTerm[T]) permuted(labels []int) *Array[T] {
	perm := make([]int, len(labels))
	identity := true
	for i, l := range labels {
		perm[i] = slices.Index(t.labels, l)
		identity = identity && perm[i] == i
	}
	if identity {
		return t.a
	}
	return Must(t.a.Transpose(perm...))
}

// contract returns the product of two terms, summed over the labels keep
// does not hold: a stack of matrix products whose stack axes are the
// labels of both that keep holds, whose inner length is the labels of both
// it does not, and whose rows and columns are the labels of one only. Its
// labels are the stack's, x's rows', then y's columns'.
func contract[T Element](x, y einsumTerm[T], keep []int) einsumTerm[T] {
	x = x.summed(slices.Concat(keep, y.labels))
	y = y.summed(slices.Concat(keep, x.labels))
	var batch, inner, rows, cols []int
	for _, l := range x.labels {
		switch {
		case !slices.Contains(y.labels, l):
			rows = append(rows, l)
		case slices.Contains(keep, l):
			batch = append(batch, l)
		default:
			inner = append(inner, l)
		}
	}
	for _, l := range y.labels {
		if !slices.Contains(x.labels, l) {
			cols = append(cols, l)
		}
	}
	// Axes of length 1 under a label both share stretch to the other's
	// length, as broadcasting does.
	x, y = x.stretched(y), y.stretched(x)
	lengths := func(t einsumTerm[T], ls []int) ([]int, int) {
		shape, n := make([]int, len(ls)), 1
		for i, l := range ls {
			shape[i] = t.a.shape[slices.Index(t.labels, l)]
			n *= shape[i]
		}
		return shape, n
	}
	bshape, _ := lengths(x, batch)
	rshape, m := lengths(x, rows)
	_, k := lengths(x, inner)
	cshape, n := lengths(y, cols)
	xs := Must(x.permuted(slices.Concat(batch, rows, inner)).Reshape(slices.Concat(bshape, []int{m, k})...))
	ys := Must(y.permuted(slices.Concat(batch, inner, cols)).Reshape(slices.Concat(bshape, []int{k, n})...))
	out := alloc[T](strides.RowMajor, slices.Concat(bshape, []int{m, n}))
	productInto(out, xs, ys)
	return einsumTerm[T]{
		a:      Must(out.Reshape(slices.Concat(bshape, rshape, cshape)...)),
		labels: slices.Concat(batch, rows, cols),
	}
}

// stretched returns t with each axis of length 1 whose label o has with
// another length broadcast to that length (a view with stride 0).
func (t einsumTerm[T]) stretched(o einsumTerm[T]) einsumTerm[T] {
	var shape, st []int
	for ax, l := range t.labels {
		j := slices.Index(o.labels, l)
		if j < 0 || t.a.shape[ax] != 1 || o.a.shape[j] == 1 {
			continue
		}
		if shape == nil {
			shape, st = slices.Clone(t.a.shape), slices.Clone(t.a.strides)
		}
		shape[ax], st[ax] = o.a.shape[j], 0
	}
	if shape == nil {
		return t
	}
	return einsumTerm[T]{a: t.a.view(t.a.offset, shape, st), labels: t.labels}
}
