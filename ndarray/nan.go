package ndarray

// This file holds the reductions that ignore NaN, as numpy.nansum,
// nanmin, nanmax and nanmean do: a NaN counts as missing. For integer and
// bool arrays, which hold no NaN, each is its plain reduction. NumPy's
// nansum and nanmean replace NaN by zero in a copy and sum that copy, so
// the sums here do the same and give their bits.

// NanSum returns the sum of the elements that are not NaN, reduced in R,
// as numpy.nansum(a, dtype=R): 0 if there are none. A complex element
// with a NaN part counts as missing.
func NanSum[R, T Element](a *Array[T]) R { return Sum[R](withoutNaN(a)) }

// NanSumAxis returns the sums of the non-NaN elements along the given
// axes (every axis if none), as numpy.nansum(a, axis=axes, dtype=R); see
// SumAxis.
func NanSumAxis[R, T Element](a *Array[T], axes ...int) (*Array[R], error) {
	return reduceAxes[R](withoutNaN(a), "NanSumAxis", redSum, axes)
}

// NanMin returns the smallest element that is not NaN, as
// numpy.nanmin(a): NaN if every element is NaN (where NumPy warns). An
// empty array is an ErrValue error.
func NanMin[T Element](a *Array[T]) (T, error) { return extreme(a, "NanMin", redFMin) }

// NanMax returns the largest element that is not NaN, as numpy.nanmax(a);
// see NanMin.
func NanMax[T Element](a *Array[T]) (T, error) { return extreme(a, "NanMax", redFMax) }

// NanMinAxis returns the smallest non-NaN elements along the given axes,
// as numpy.nanmin(a, axis=axes): NaN where a slice is all NaN. A reduced
// axis of length 0 is an ErrValue error.
func NanMinAxis[T Element](a *Array[T], axes ...int) (*Array[T], error) {
	return reduceAxes[T](a, "NanMinAxis", redFMin, axes)
}

// NanMaxAxis returns the largest non-NaN elements along the given axes,
// as numpy.nanmax(a, axis=axes); see NanMinAxis.
func NanMaxAxis[T Element](a *Array[T], axes ...int) (*Array[T], error) {
	return reduceAxes[T](a, "NanMaxAxis", redFMax, axes)
}

// NanMean returns the mean of the elements that are not NaN, computed in
// R, as numpy.nanmean(a, dtype=R): NaN if there are none (where NumPy
// warns). For integer arrays it is Mean.
func NanMean[R, T Element](a *Array[T]) R {
	b := withoutNaN(a)
	return meanOf(Sum[R](b), a.Size()-nanCount(a))
}

// NanMeanAxis returns the means of the non-NaN elements along the given
// axes, as numpy.nanmean(a, axis=axes, dtype=R); see NanMean and SumAxis.
func NanMeanAxis[R, T Element](a *Array[T], axes ...int) (*Array[R], error) {
	sum, err := reduceAxes[R](withoutNaN(a), "NanMeanAxis", redSum, axes)
	if err != nil {
		return nil, err
	}
	n := reducedCount(a.shape, axes)
	if !hasNaNs[T]() {
		divideAll(sum.data, n)
		return sum, nil
	}
	nan, _ := CountNonzeroAxis(IsNaN(a), axes...)
	for i, v := range sum.data {
		sum.data[i] = meanOf(v, n-int(nan.data[i]))
	}
	return sum, nil
}

// hasNaNs reports whether elements of T can be NaN.
func hasNaNs[T Element]() bool {
	k := DTypeOf[T]().Kind()
	return k == 'f' || k == 'c'
}

// nanCount is the number of NaN elements of a.
func nanCount[T Element](a *Array[T]) int {
	if !hasNaNs[T]() {
		return 0
	}
	return CountNonzero(IsNaN(a))
}

// withoutNaN returns a with NaN elements replaced by zero: a itself when
// T has no NaN or a holds none, else a C-ordered copy.
func withoutNaN[T Element](a *Array[T]) *Array[T] {
	if nanCount(a) == 0 {
		return a
	}
	b := a.Copy(OrderC)
	switch d := any(b.data).(type) {
	case []float32:
		zeroNaN(d)
	case []float64:
		zeroNaN(d)
	case []complex64:
		zeroNaNComplex(d)
	case []complex128:
		zeroNaNComplex(d)
	}
	return b
}

func zeroNaN[E floating](d []E) {
	for i, v := range d {
		if v != v {
			d[i] = 0
		}
	}
}

func zeroNaNComplex[E complexNum](d []E) {
	for i, v := range d {
		if hasNaN(v) {
			d[i] = 0
		}
	}
}
