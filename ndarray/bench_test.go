package ndarray

import "testing"

// Benchmarks on a 4096 x 4096 float64 array (128 MiB), the sizes the
// project's goals are stated for. bench/ compares them with NumPy.

const benchN = 4096

func benchArray(b *testing.B) *Array[float64] {
	b.Helper()
	a := Must(Arange[float64](0, benchN*benchN, 1).Reshape(benchN, benchN))
	b.SetBytes(int64(a.NBytes()))
	return a
}

func BenchmarkCopyContiguous(b *testing.B) {
	a := benchArray(b)
	for b.Loop() {
		_ = a.Copy(OrderC)
	}
}

func BenchmarkCopyTransposed(b *testing.B) {
	a := benchArray(b).T()
	for b.Loop() {
		_ = a.Copy(OrderC)
	}
}

func BenchmarkCopyEveryOther(b *testing.B) {
	a := Must(benchArray(b).SliceExpr("::2, ::2"))
	b.SetBytes(int64(a.NBytes()))
	for b.Loop() {
		_ = a.Copy(OrderC)
	}
}

func BenchmarkCopyLeftHalf(b *testing.B) {
	a := Must(benchArray(b).SliceExpr(":, :2048"))
	b.SetBytes(int64(a.NBytes()))
	for b.Loop() {
		_ = a.Copy(OrderC)
	}
}

func BenchmarkViewT(b *testing.B) {
	a := Zeros[float64](benchN, benchN)
	b.ReportAllocs()
	for b.Loop() {
		_ = a.T()
	}
}

func BenchmarkViewExpr(b *testing.B) {
	a := Zeros[float64](64, 64, 64)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = a.SliceExpr("1:5:2, ::-1, 3:")
	}
}
