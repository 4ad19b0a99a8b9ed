package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ndmpi/ndmpi/ndarray"
)

// seeded returns a rows x cols array of values in [0, 1): the k-th in C
// order is the k-th output of SplitMix64 started at seed, its top 53 bits
// scaled by 2^-53. The arithmetic is exact and wraps, so NumPy's uint64
// arrays reproduce it element for element (bench/py/ops.py, seeded): both
// programs work on the same values without a file between them. The array
// comes from ndarray's allocator, as NumPy's come from its own: both put
// arrays of 4 MiB or more on transparent huge pages.
func seeded(seed uint64, rows, cols int) *ndarray.Array[float64] {
	a := ndarray.Empty[float64](rows, cols)
	out, err := a.Data()
	if err != nil {
		panic(err) // a fresh array is contiguous and writeable
	}
	z0 := seed
	for k := range out {
		z0 += 0x9E3779B97F4A7C15
		z := z0
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		z ^= z >> 31
		out[k] = float64(z>>11) * 0x1p-53
	}
	return a
}

// checksum describes a result as bench/py/ops.py's checksum does: its
// shape and the sum over the C-order index k of r[k] * (1 + k%7), which
// depends on the values and on their order (a sort, a mask's order). The
// seven sums of the residue classes are each accumulated in blocks, so
// that the rounding error stays far below the tolerance runbench compares
// the two programs' sums with.
func checksum(v any) string {
	var shape []int
	var total float64
	switch r := v.(type) {
	case *ndarray.Array[float64]:
		shape, total = r.Shape(), weighted(r, func(x float64) float64 { return x })
	case *ndarray.Array[int64]:
		shape, total = r.Shape(), weighted(r, func(x int64) float64 { return float64(x) })
	case *ndarray.Array[bool]:
		shape, total = r.Shape(), weighted(r, func(x bool) float64 {
			if x {
				return 1
			}
			return 0
		})
	default:
		panic(fmt.Sprintf("checksum of a %T", v))
	}
	return fmt.Sprintf("shape %s checksum %s", pyTuple(shape), strconv.FormatFloat(total, 'g', -1, 64))
}

func weighted[T ndarray.Element](r *ndarray.Array[T], f func(T) float64) float64 {
	const block = 4096
	var class, part [7]float64
	k := 0
	for x := range r.Values() {
		part[k%7] += f(x)
		k++
		if k%block == 0 {
			for c := range part {
				class[c] += part[c]
				part[c] = 0
			}
		}
	}
	var total float64
	for c := range class {
		total += float64(c+1) * (class[c] + part[c])
	}
	return total
}

// pyTuple formats a shape as Python prints a tuple: (4096, 4096), (8,).
func pyTuple(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
