package ndarray

import "testing"

// Benchmarks of arithmetic and reductions on 4096 x 4096 float64 arrays
// (128 MiB each), the sizes the project's goals are stated for.
// testdata/bench_numpy.py times the same operations in NumPy:
//
//	go test -run '^$' -bench 'Math|Reduce|MatMul' ./ndarray/
//	/usr/bin/python3 ndarray/testdata/bench_numpy.py

func benchOperands(b *testing.B) (x, y *Array[float64]) {
	b.Helper()
	x = benchArray(b)
	y = Must(Arange[float64](1, benchN*benchN+1, 1).Reshape(benchN, benchN))
	return x, y
}

func BenchmarkMathAdd(b *testing.B) {
	x, y := benchOperands(b)
	for b.Loop() {
		if _, err := Add(x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMathAddInto(b *testing.B) {
	x, y := benchOperands(b)
	dst := Zeros[float64](benchN, benchN)
	b.ReportAllocs()
	for b.Loop() {
		if err := AddInto(dst, x, y); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMathAddScalar(b *testing.B) {
	x, _ := benchOperands(b)
	s := Scalar(2.5)
	dst := Zeros[float64](benchN, benchN)
	b.ReportAllocs()
	for b.Loop() {
		if err := AddInto(dst, x, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMathAddRow(b *testing.B) {
	x, _ := benchOperands(b)
	row := Arange[float64](0, benchN, 1)
	dst := Zeros[float64](benchN, benchN)
	for b.Loop() {
		if err := AddInto(dst, x, row); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMathAddTransposed(b *testing.B) {
	x, y := benchOperands(b)
	yt := y.T()
	for b.Loop() {
		if _, err := Add(x, yt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReduceSum(b *testing.B) {
	x := benchArray(b)
	for b.Loop() {
		_ = Sum[float64](x)
	}
}

func BenchmarkReduceSumAxis0(b *testing.B) {
	x := benchArray(b)
	for b.Loop() {
		if _, err := SumAxis[float64](x, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReduceSumAxis1(b *testing.B) {
	x := benchArray(b)
	for b.Loop() {
		if _, err := SumAxis[float64](x, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// MatMul of two 512 x 512 matrices: gonum's BLAS against NumPy's.
func BenchmarkMatMul512(b *testing.B) {
	const m = 512
	x := Must(Arange[float64](0, m*m, 1).Reshape(m, m)).Scale(1.0 / (m * m))
	y := x.T().Copy(OrderC)
	b.SetBytes(int64(x.NBytes()))
	for b.Loop() {
		if _, err := MatMul(x, y); err != nil {
			b.Fatal(err)
		}
	}
}
