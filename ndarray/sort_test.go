package ndarray

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

var nan = math.NaN()

// Cases checked against NumPy 1.24: np.sort(x, axis, kind="stable") and
// np.argsort(x, axis, kind="stable").
func TestSortNumPy(t *testing.T) {
	negZero := math.Copysign(0, -1)
	cases := []struct {
		name      string
		x         *Array[float64]
		axis      int
		sorted    []float64
		order     []int64
		shape     []int
		argsShape []int
	}{
		{"nan last", Must(FromSlice([]float64{3, nan, -1, math.Inf(1), nan, math.Inf(-1)})), -1,
			[]float64{math.Inf(-1), -1, 3, math.Inf(1), nan, nan}, []int64{5, 2, 0, 3, 1, 4}, []int{6}, []int{6}},
		{"zeros tie", Must(FromSlice([]float64{0, negZero, 0, negZero, -1})), 0,
			[]float64{-1, 0, negZero, 0, negZero}, []int64{4, 0, 1, 2, 3}, []int{5}, []int{5}},
		{"axis 0", Must(FromSlice([]float64{3, 1, 2, 0}, 2, 2)), 0,
			[]float64{2, 0, 3, 1}, []int64{1, 1, 0, 0}, []int{2, 2}, []int{2, 2}},
		{"flat", Must(FromSlice([]float64{3, 1, 2, 0}, 2, 2)), Flat,
			[]float64{0, 1, 2, 3}, []int64{3, 1, 2, 0}, []int{4}, []int{4}},
		{"0-d flat", Scalar(5.0), Flat, []float64{5}, []int64{0}, []int{1}, []int{1}},
		{"empty", Zeros[float64](0, 3), 1, nil, nil, []int{0, 3}, []int{0, 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Sort(c.x, c.axis)
			require.NoError(t, err)
			require.Equal(t, c.shape, s.Shape())
			requireSameFloats(t, c.sorted, s.ToSlice())
			o, err := ArgSort(c.x, c.axis)
			require.NoError(t, err)
			require.Equal(t, c.argsShape, o.Shape())
			require.Equal(t, c.order, nilIfEmpty(o.ToSlice()))
		})
	}
}

func nilIfEmpty[T any](x []T) []T {
	if len(x) == 0 {
		return nil
	}
	return x
}

// requireSameFloats compares bits: the sign of zeros and NaN count.
func requireSameFloats(t *testing.T, want, got []float64) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		if math.IsNaN(want[i]) {
			require.True(t, math.IsNaN(got[i]), "element %d: %v, want NaN", i, got[i])
			continue
		}
		require.Equal(t, math.Float64bits(want[i]), math.Float64bits(got[i]), "element %d: %v, want %v", i, got[i], want[i])
	}
}

// np.sort(np.array([nan+1j, 1+nanj, nan+nanj, 1+1j, nan+2j, nan-1j, inf+0j, 1+infj]))
func TestSortComplexNumPy(t *testing.T) {
	x := Must(FromSlice([]complex128{complex(nan, 1), complex(1, nan), complex(nan, nan), 1 + 1i,
		complex(nan, 2), complex(nan, -1), complex(math.Inf(1), 0), complex(1, math.Inf(1))}))
	o, err := ArgSort(x, -1)
	require.NoError(t, err)
	require.Equal(t, []int64{3, 7, 6, 1, 5, 0, 4, 2}, o.ToSlice())
	s, err := Sort(x, 0)
	require.NoError(t, err)
	require.Equal(t, 1+1i, s.At(0))
	require.Equal(t, complex(1, math.Inf(1)), s.At(1))
}

func TestSortBools(t *testing.T) {
	x := Must(FromSlice([]bool{true, false, true, false}))
	s, err := Sort(x, -1)
	require.NoError(t, err)
	require.Equal(t, []bool{false, false, true, true}, s.ToSlice())
	o, err := ArgSort(x, -1)
	require.NoError(t, err)
	require.Equal(t, []int64{1, 3, 0, 2}, o.ToSlice())
}

// Axes out of range are NumPy's AxisError; a 0-d array sorts only with
// axis None, and argsorts as a 1-D array.
func TestSortAxisErrors(t *testing.T) {
	cases := []struct {
		name string
		x    *Array[int32]
		axis int
		sort bool // Sort refuses
		arg  bool // ArgSort refuses
	}{
		{"axis 2 of 2-D", Zeros[int32](2, 3), 2, true, true},
		{"axis -3 of 2-D", Zeros[int32](2, 3), -3, true, true},
		{"axis -1 of 0-d", Scalar[int32](1), -1, true, false},
		{"axis 0 of 0-d", Scalar[int32](1), 0, true, false},
		{"axis 1 of 0-d", Scalar[int32](1), 1, true, true},
		{"axis -2 of 1-D", Zeros[int32](4), -2, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Sort(c.x, c.axis)
			if c.sort {
				require.ErrorIs(t, err, ErrAxis)
			} else {
				require.NoError(t, err)
			}
			o, err := ArgSort(c.x, c.axis)
			if c.arg {
				require.ErrorIs(t, err, ErrAxis)
			} else {
				require.NoError(t, err)
				require.Equal(t, []int{1}, o.Shape())
			}
		})
	}
}

// refLess is NumPy's sort order written as npysort writes it, to check
// the kernels against.
func refLess[T Element](x, y T) bool {
	switch a := any(x).(type) {
	case bool:
		return !a && any(y).(bool)
	case complex64:
		return refComplexLess(complex128(a), complex128(any(y).(complex64)))
	case complex128:
		return refComplexLess(a, any(y).(complex128))
	case float32:
		b := any(y).(float32)
		return a < b || (b != b && a == a)
	case float64:
		b := any(y).(float64)
		return a < b || (b != b && a == a)
	}
	return toComplexOrdered(x) < toComplexOrdered(y)
}

// toComplexOrdered orders integers exactly, as a big float would.
func toComplexOrdered[T Element](x T) float64 {
	switch v := any(x).(type) {
	case int64:
		return float64(v>>11) + float64(v&2047)/2048
	case uint64:
		return float64(v>>11)*2048 + float64(v&2047)
	}
	return real(toComplex(x))
}

// npysort's CDOUBLE_LT.
func refComplexLess(a, b complex128) bool {
	ar, ai, br, bi := real(a), imag(a), real(b), imag(b)
	switch {
	case ar < br:
		return ai == ai || bi != bi
	case ar > br:
		return bi != bi && ai == ai
	case ar == br || (ar != ar && br != br):
		return ai < bi || (bi != bi && ai == ai)
	}
	return br != br
}

// Every dtype, lengths on both sides of the kernels' thresholds, ties,
// NaNs and zeros of either sign, every layout: ArgSort is the stable
// order refLess gives, and Sort the elements in that order.
func TestSortKernels(t *testing.T) {
	checkSortKernels[bool](t)
	checkSortKernels[int8](t)
	checkSortKernels[uint8](t)
	checkSortKernels[int16](t)
	checkSortKernels[uint16](t)
	checkSortKernels[int32](t)
	checkSortKernels[uint32](t)
	checkSortKernels[int64](t)
	checkSortKernels[uint64](t)
	checkSortKernels[float32](t)
	checkSortKernels[float64](t)
	checkSortKernels[complex64](t)
	checkSortKernels[complex128](t)
}

func randomSortValues[T Element](r *rand.Rand, n int) []T {
	specials := []float64{nan, math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1)}
	x := make([]T, n)
	for i := range x {
		var v T
		switch p := any(&v).(type) {
		case *bool:
			*p = r.IntN(2) == 1
		case *int64:
			*p = int64(r.Uint64()) >> r.IntN(64)
		case *uint64:
			*p = r.Uint64() >> r.IntN(64)
		case *complex64:
			*p = complex(float32(randomFloat(r, specials)), float32(randomFloat(r, specials)))
		case *complex128:
			*p = complex(randomFloat(r, specials), randomFloat(r, specials))
		case *float32:
			*p = float32(randomFloat(r, specials))
		case *float64:
			*p = randomFloat(r, specials)
		default:
			v = fromFloat[T](float64(r.IntN(600) - 300))
		}
		x[i] = v
	}
	return x
}

func randomFloat(r *rand.Rand, specials []float64) float64 {
	switch k := r.IntN(10); {
	case k == 0:
		return specials[r.IntN(len(specials))]
	case k < 4:
		return float64(r.IntN(7) - 3)
	}
	return r.NormFloat64() * 1e3
}

func checkSortKernels[T Element](t *testing.T) {
	r := rand.New(rand.NewPCG(7, uint64(DTypeOf[T]())))
	for _, n := range []int{0, 1, 2, 7, 30, 64, 255, 256, 1000} {
		for _, layout := range []string{"C", "F", "T", "strided"} {
			rows := 3
			values := randomSortValues[T](r, rows*n)
			x := inLayout(Must(FromSlice(values, rows, n)), layout)
			for _, axis := range []int{-1, 0, Flat} {
				s, err := Sort(x, axis)
				require.NoError(t, err)
				o, err := ArgSort(x, axis)
				require.NoError(t, err)
				require.Equal(t, s.Shape(), o.Shape())
				lines, stride, length := sortLines(rows, n, axis)
				got, order := s.ToSlice(), o.ToSlice()
				for _, start := range lines {
					want := make([]int64, length)
					for i := range want {
						want[i] = int64(i)
					}
					at := func(i int64) T { return values[start+int(i)*stride] }
					slices.SortStableFunc(want, func(p, q int64) int {
						switch {
						case refLess(at(p), at(q)):
							return -1
						case refLess(at(q), at(p)):
							return 1
						}
						return 0
					})
					outStart, outStride := start, stride
					if axis == Flat {
						outStart, outStride = 0, 1
					}
					for i, w := range want {
						g, v := order[outStart+i*outStride], got[outStart+i*outStride]
						if g != w || !sameBits(at(w), v) {
							require.Failf(t, "wrong order", "%s n=%d %s axis %d: position %d holds %d (%v), want %d (%v)",
								DTypeOf[T](), n, layout, axis, i, g, v, w, at(w))
						}
					}
				}
			}
		}
	}
}

// sortLines gives the starts of the lines along axis in a C-ordered
// rows x n array, the step between their elements and their length.
func sortLines(rows, n, axis int) (starts []int, stride, length int) {
	switch axis {
	case Flat:
		return []int{0}, 1, rows * n
	case 0:
		for j := range n {
			starts = append(starts, j)
		}
		return starts, n, rows
	}
	for i := range rows {
		starts = append(starts, i*n)
	}
	return starts, 1, n
}

// sameBits compares elements with NaN equal to NaN and the sign of zero
// compared.
func sameBits[T Element](want, got T) bool {
	wc, gc := toComplex(want), toComplex(got)
	same := func(a, b float64) bool {
		return (math.IsNaN(a) && math.IsNaN(b)) || math.Float64bits(a) == math.Float64bits(b)
	}
	return want == got || (same(real(wc), real(gc)) && same(imag(wc), imag(gc)))
}

// inLayout lays c out in memory as the corpus's layouts do.
func inLayout[T Element](c *Array[T], layout string) *Array[T] {
	switch layout {
	case "F":
		return c.Copy(OrderF)
	case "T":
		return c.T().Copy(OrderC).T()
	case "strided":
		big := make([]int, c.Ndim())
		idx := make([]Index, c.Ndim())
		for i, d := range c.Shape() {
			big[i] = 2 * d
			idx[i] = Colon.Step(2)
		}
		v := Must(Zeros[T](big...).Slice(idx...))
		if err := v.Assign(c); err != nil {
			panic(err)
		}
		return v
	}
	return c
}

// Large arrays sort on several workers, each copying and sorting its own
// lines: the result is the serial ArgSort's order, in every layout.
func TestSortParallel(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	rows, n := 700, 400
	values := randomSortValues[float64](r, rows*n)
	for _, layout := range []string{"C", "F", "T", "strided"} {
		x := inLayout(Must(FromSlice(values, rows, n)), layout)
		for _, axis := range []int{-1, 0} {
			s, err := Sort(x, axis)
			require.NoError(t, err)
			o, err := ArgSort(x, axis)
			require.NoError(t, err)
			lines, stride, _ := sortLines(rows, n, axis)
			got, order := s.ToSlice(), o.ToSlice()
			for _, start := range lines {
				for i := range len(got) / len(lines) {
					p := start + i*stride
					if w := values[start+int(order[p])*stride]; !sameBits(w, got[p]) {
						require.Failf(t, "wrong element", "%s axis %d: element %d is %v, want %v", layout, axis, p, got[p], w)
					}
				}
			}
		}
	}
}
