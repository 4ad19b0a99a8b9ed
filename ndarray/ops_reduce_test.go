package ndarray

// Handlers of the corpus's reductions.

func init() {
	instances := []func() (DType, map[string]opHandler){
		reduceOps[float64], reduceOps[float32], reduceOps[int32], reduceOps[int64], reduceOps[uint8],
		reduceOps[int16], reduceOps[bool],
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

// reduced applies an axis reduction as NumPy's axis= and keepdims= say.
func reduced[R, T Element](f func(*Array[T], ...int) (*Array[R], error), a *Array[T], p opParams) (any, error) {
	axes := p.ints("axis") // nil for None: every axis
	r, err := f(a, axes...)
	if err != nil || p["keepdims"] != true {
		return r, err
	}
	if axes == nil {
		for i := range a.Ndim() {
			axes = append(axes, i)
		}
	}
	norm := make([]int, len(axes))
	for i, ax := range axes {
		norm[i] = normalized(ax, a.Ndim())
	}
	return r.ExpandDims(norm...)
}

// defaultSum reduces in NumPy's default dtype of sums and products: int64
// for smaller signed integers and bool, uint64 for smaller unsigned ones,
// the input type otherwise.
func defaultSum[T Element](f64 func(*Array[T], ...int) (*Array[int64], error),
	u64 func(*Array[T], ...int) (*Array[uint64], error), own func(*Array[T], ...int) (*Array[T], error),
	a *Array[T], p opParams) (any, error) {
	switch DTypeOf[T]() {
	case Bool, Int8, Int16, Int32:
		return reduced(f64, a, p)
	case Uint8, Uint16, Uint32:
		return reduced(u64, a, p)
	}
	return reduced(own, a, p)
}

// inexact reduces in float64 for integer and bool inputs, in T for
// floating-point ones: NumPy's dtype of means, variances and medians.
func inexact[T Element](f64 func(*Array[T], ...int) (*Array[float64], error),
	own func(*Array[T], ...int) (*Array[T], error), a *Array[T], p opParams) (any, error) {
	switch DTypeOf[T]().Kind() {
	case 'f', 'c':
		return reduced(own, a, p)
	}
	return reduced(f64, a, p)
}

// reduceOps returns the handlers of the family's operations for inputs of
// dtype T.
func reduceOps[T Element]() (DType, map[string]opHandler) {
	first := func(in []any) *Array[T] { return in[0].(*Array[T]) }
	return DTypeOf[T](), map[string]opHandler{
		"sum": func(in []any, p opParams) (any, error) {
			return defaultSum(SumAxis[int64, T], SumAxis[uint64, T], SumAxis[T, T], first(in), p)
		},
		"prod": func(in []any, p opParams) (any, error) {
			return defaultSum(ProdAxis[int64, T], ProdAxis[uint64, T], ProdAxis[T, T], first(in), p)
		},
		"min": func(in []any, p opParams) (any, error) { return reduced(MinAxis[T], first(in), p) },
		"max": func(in []any, p opParams) (any, error) { return reduced(MaxAxis[T], first(in), p) },
		"any": func(in []any, p opParams) (any, error) { return reduced(AnyAxis[T], first(in), p) },
		"all": func(in []any, p opParams) (any, error) { return reduced(AllAxis[T], first(in), p) },
		"count_nonzero": func(in []any, p opParams) (any, error) {
			return reduced(CountNonzeroAxis[T], first(in), p)
		},
		"ptp":    func(in []any, p opParams) (any, error) { return reduced(PtpAxis[T], first(in), p) },
		"nanmin": func(in []any, p opParams) (any, error) { return reduced(NanMinAxis[T], first(in), p) },
		"nanmax": func(in []any, p opParams) (any, error) { return reduced(NanMaxAxis[T], first(in), p) },
		"nansum": func(in []any, p opParams) (any, error) {
			return defaultSum(NanSumAxis[int64, T], NanSumAxis[uint64, T], NanSumAxis[T, T], first(in), p)
		},
		"nanmean": func(in []any, p opParams) (any, error) {
			return inexact(NanMeanAxis[float64, T], NanMeanAxis[T, T], first(in), p)
		},
		"cumsum": func(in []any, p opParams) (any, error) {
			return defaultSum(oneAxis(CumSumAxis[int64, T], p), oneAxis(CumSumAxis[uint64, T], p),
				oneAxis(CumSumAxis[T, T], p), first(in), opParams{})
		},
		"cumprod": func(in []any, p opParams) (any, error) {
			return defaultSum(oneAxis(CumProdAxis[int64, T], p), oneAxis(CumProdAxis[uint64, T], p),
				oneAxis(CumProdAxis[T, T], p), first(in), opParams{})
		},
		"argmin": func(in []any, p opParams) (any, error) {
			return reduced(oneAxis(ArgMinAxis[T], p), first(in), opParams{})
		},
		"argmax": func(in []any, p opParams) (any, error) {
			return reduced(oneAxis(ArgMaxAxis[T], p), first(in), opParams{})
		},
		"mean": func(in []any, p opParams) (any, error) {
			return inexact(MeanAxis[float64, T], MeanAxis[T, T], first(in), p)
		},
		"var": func(in []any, p opParams) (any, error) {
			return inexact(withDDOF(VarAxis[float64, T], p), withDDOF(VarAxis[T, T], p), first(in), p)
		},
		"std": func(in []any, p opParams) (any, error) {
			return inexact(withDDOF(StdAxis[float64, T], p), withDDOF(StdAxis[T, T], p), first(in), p)
		},
		"median": func(in []any, p opParams) (any, error) {
			return inexact(MedianAxis[float64, T], MedianAxis[T, T], first(in), p)
		},
	}
}

// oneAxis adapts a function of one axis (Flat for None) to reduced's
// form; the axis comes from p.
func oneAxis[R, T Element](f func(*Array[T], int) (*Array[R], error), p opParams) func(*Array[T], ...int) (*Array[R], error) {
	axis := Flat
	if ax := p.ints("axis"); ax != nil {
		axis = ax[0]
	}
	return func(a *Array[T], _ ...int) (*Array[R], error) { return f(a, axis) }
}

// withDDOF adapts VarAxis or StdAxis to reduced's form; ddof comes from
// p (0 when absent, NumPy's default).
func withDDOF[R, T Element](f func(*Array[T], int, ...int) (*Array[R], error), p opParams) func(*Array[T], ...int) (*Array[R], error) {
	ddof := 0
	if _, ok := p["ddof"]; ok {
		ddof = p.int("ddof")
	}
	return func(a *Array[T], axes ...int) (*Array[R], error) { return f(a, ddof, axes...) }
}
