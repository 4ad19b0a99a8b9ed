package ndarray

import "fmt"

// Handlers of the corpus's joins, splits and rearrangements, and of its
// indexing beyond views (masks, take, fancy indexing, nonzero).

func init() {
	instances := []func() (DType, map[string]opHandler){
		joinOps[float64], joinOps[float32], joinOps[int32], joinOps[int64],
		joinOps[bool], joinOps[complex128], joinOps[uint8], joinOps[int16],
	}
	byName := map[string][]func() (DType, opHandler){}
	for _, inst := range instances {
		d, ops := inst()
		for name, h := range ops {
			byName[name] = append(byName[name], func() (DType, opHandler) { return d, h })
		}
	}
	for name, insts := range byName {
		registerOp(name, perDType(insts...))
	}
}

// joinOps returns the handlers of the family's operations for inputs of
// dtype T.
func joinOps[T Element]() (DType, map[string]opHandler) {
	arrays := func(in []any) []*Array[T] { return inputsAs[T](in) }
	first := func(in []any) *Array[T] { return in[0].(*Array[T]) }
	return DTypeOf[T](), map[string]opHandler{
		"concatenate": func(in []any, p opParams) (any, error) { return Concatenate(arrays(in), joinAxis(p, "axis")) },
		"stack":       func(in []any, p opParams) (any, error) { return Stack(arrays(in), p.int("axis")) },
		"vstack":      func(in []any, p opParams) (any, error) { return VStack(arrays(in)...) },
		"hstack":      func(in []any, p opParams) (any, error) { return HStack(arrays(in)...) },
		"split": func(in []any, p opParams) (any, error) {
			if _, ok := p["sections"]; ok {
				return partsList(Split(first(in), p.int("sections"), p.int("axis")))
			}
			return partsList(SplitAt(first(in), p.ints("indices"), p.int("axis")))
		},
		"array_split": func(in []any, p opParams) (any, error) {
			if _, ok := p["sections"]; ok {
				return partsList(ArraySplit(first(in), p.int("sections"), p.int("axis")))
			}
			return partsList(SplitAt(first(in), p.ints("indices"), p.int("axis")))
		},
		"tile": func(in []any, p opParams) (any, error) { return Tile(first(in), p.ints("reps")...) },
		"repeat": func(in []any, p opParams) (any, error) {
			if _, many := p["repeats"].([]any); many {
				return RepeatEach(first(in), p.ints("repeats"), joinAxis(p, "axis"))
			}
			return Repeat(first(in), p.int("repeats"), joinAxis(p, "axis"))
		},
		"flip": func(in []any, p opParams) (any, error) { return Flip(first(in), p.ints("axis")...) },
		"roll": func(in []any, p opParams) (any, error) {
			_, shifts := p["shift"].([]any)
			_, axes := p["axis"].([]any)
			if shifts || axes {
				return RollAxes(first(in), p.ints("shift"), p.ints("axis"))
			}
			return Roll(first(in), p.int("shift"), joinAxis(p, "axis"))
		},
		"pad": func(in []any, p opParams) (any, error) {
			raw := p["pad_width"].([]any)
			widths := make([][2]int, len(raw))
			for i, w := range raw {
				pair := w.([]any)
				widths[i] = [2]int{int(pair[0].(float64)), int(pair[1].(float64))}
			}
			modes := map[string]PadMode{"constant": PadConstant, "edge": PadEdge, "wrap": PadWrap,
				"reflect": PadReflect, "symmetric": PadSymmetric}
			mode, ok := modes[p["mode"].(string)]
			if !ok {
				return nil, fmt.Errorf("unknown pad mode %v", p["mode"])
			}
			if v, ok := p["constant_values"].(float64); ok {
				return PadWith(first(in), widths, scalarAs[T](complex(v, 0)))
			}
			return Pad(first(in), widths, mode)
		},
		"diff":     func(in []any, p opParams) (any, error) { return Diff(first(in), p.int("n"), p.int("axis")) },
		"diagonal": func(in []any, p opParams) (any, error) { return Diagonal(first(in), p.int("offset"), 0, 1) },
		"trace":    func(in []any, p opParams) (any, error) { return traceDefault(first(in), p.int("offset")) },
		"triu":     func(in []any, p opParams) (any, error) { return Triu(first(in), p.int("k")) },
		"tril":     func(in []any, p opParams) (any, error) { return Tril(first(in), p.int("k")) },
		"mask": func(in []any, _ opParams) (any, error) {
			return Extract(in[1].(*Array[bool]), first(in))
		},
		"mask_assign": func(in []any, p opParams) (any, error) {
			v, err := scalarOf(p["value"])
			if err != nil {
				return nil, err
			}
			out := first(in).Copy(OrderC)
			return out, PutMask(out, in[1].(*Array[bool]), scalarAs[T](v))
		},
		"take": func(in []any, p opParams) (any, error) {
			return Take(first(in), p.ints("indices"), joinAxis(p, "axis"))
		},
		// NumPy's x[:, [1, -2]]: Take along the axis.
		"fancy": func(in []any, p opParams) (any, error) { return Take(first(in), p.ints("indices"), p.int("axis")) },
		"nonzero": func(in []any, _ opParams) (any, error) {
			var list []any
			for _, x := range Nonzero(first(in)) {
				list = append(list, x)
			}
			return list, nil
		},
		"argwhere": func(in []any, _ opParams) (any, error) { return ArgWhere(first(in)), nil },
	}
}

// joinAxis reads an axis parameter: an int, or null for Flat.
func joinAxis(p opParams, name string) int {
	if p[name] == nil {
		return Flat
	}
	return p.int(name)
}

// partsList turns a list of arrays into the []any a handler returns.
func partsList[T Element](parts []*Array[T], err error) (any, error) {
	if err != nil {
		return nil, err
	}
	list := make([]any, len(parts))
	for i, x := range parts {
		list[i] = x
	}
	return list, nil
}

// traceDefault is numpy.trace with NumPy's default dtype: the sum's, int64
// for small signed integers and bool, uint64 for small unsigned ones.
func traceDefault[T Element](a *Array[T], offset int) (any, error) {
	switch any(a).(type) {
	case *Array[bool], *Array[int8], *Array[int16], *Array[int32]:
		v, err := Trace[int64](a, offset)
		return Scalar(v), err
	case *Array[uint8], *Array[uint16], *Array[uint32]:
		v, err := Trace[uint64](a, offset)
		return Scalar(v), err
	}
	v, err := Trace[T](a, offset)
	return Scalar(v), err
}
