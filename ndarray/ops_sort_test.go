package ndarray

import "fmt"

// Handlers of the corpus's sorting and set operations.

func init() {
	instances := []func() (DType, map[string]opHandler){
		sortOps[float64], sortOps[float32], sortOps[int32], sortOps[int64], sortOps[uint8],
		sortOps[int16], sortOps[int8], sortOps[uint16], sortOps[uint32], sortOps[uint64],
		sortOps[bool], sortOps[complex64], sortOps[complex128],
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

// sortOps returns the handlers of the family's operations for inputs of
// dtype T.
func sortOps[T Element]() (DType, map[string]opHandler) {
	first := func(in []any) *Array[T] { return in[0].(*Array[T]) }
	return DTypeOf[T](), map[string]opHandler{
		"sort":    func(in []any, p opParams) (any, error) { return Sort(first(in), joinAxis(p, "axis")) },
		"argsort": func(in []any, p opParams) (any, error) { return ArgSort(first(in), joinAxis(p, "axis")) },
		"unique":  func(in []any, _ opParams) (any, error) { return Unique(first(in)), nil },
		"unique_counts": func(in []any, _ opParams) (any, error) {
			values, counts := UniqueCounts(first(in))
			return []any{values, counts}, nil
		},
		"searchsorted": func(in []any, p opParams) (any, error) {
			sides := map[string]Side{"left": Left, "right": Right}
			side, ok := sides[p["side"].(string)]
			if !ok {
				return nil, fmt.Errorf("unknown side %v", p["side"])
			}
			return SearchSorted(first(in), in[1].(*Array[T]), side)
		},
	}
}
