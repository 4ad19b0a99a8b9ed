package ndarray

import (
	"testing"
)

// The elementwise and reduction benchmarks on n x n float64
// (bench/go/ops measures the same calls against NumPy in one run):
// go test -run '^$' -bench 'Kernel' ./ndarray/. The strided cases run on
// [::2, ::2] views of 2n x 2n arrays, as the ops suite's do.

const kernelBenchN = 2048

func kernelBenchInputs(b *testing.B, strided bool) (x, y *Array[float64]) {
	b.Helper()
	n := kernelBenchN
	if strided {
		n *= 2
	}
	mk := func(seed uint64) *Array[float64] {
		a := Zeros[float64](n, n)
		z := seed
		for i := range a.data {
			// SplitMix64, as bench/go/ops/data.go.
			z += 0x9E3779B97F4A7C15
			v := z
			v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9
			v = (v ^ (v >> 27)) * 0x94D049BB133111EB
			v ^= v >> 31
			a.data[i] = float64(v>>11) * 0x1p-53
		}
		if strided {
			return Must(a.SliceExpr("::2, ::2"))
		}
		return a
	}
	return mk(1), mk(2)
}

func benchLayouts(b *testing.B, f func(b *testing.B, x, y *Array[float64])) {
	for _, strided := range []bool{false, true} {
		name := "contiguous"
		if strided {
			name = "strided"
		}
		b.Run(name, func(b *testing.B) {
			x, y := kernelBenchInputs(b, strided)
			b.SetBytes(int64(x.Size()) * 8)
			b.ResetTimer()
			f(b, x, y)
		})
	}
}

func BenchmarkKernelSqrt(b *testing.B) {
	benchLayouts(b, func(b *testing.B, x, _ *Array[float64]) {
		for b.Loop() {
			Must(Sqrt(x))
		}
	})
}

func BenchmarkKernelExp(b *testing.B) {
	benchLayouts(b, func(b *testing.B, x, _ *Array[float64]) {
		for b.Loop() {
			Must(Exp(x))
		}
	})
}

func BenchmarkKernelMaximum(b *testing.B) {
	benchLayouts(b, func(b *testing.B, x, y *Array[float64]) {
		for b.Loop() {
			Must(Maximum(x, y))
		}
	})
}

func BenchmarkKernelGreater(b *testing.B) {
	benchLayouts(b, func(b *testing.B, x, y *Array[float64]) {
		for b.Loop() {
			Must(Greater(x, y))
		}
	})
}

func BenchmarkKernelSumAxis0(b *testing.B) {
	benchLayouts(b, func(b *testing.B, x, _ *Array[float64]) {
		for b.Loop() {
			Must(SumAxis[float64](x, 0))
		}
	})
}

func BenchmarkKernelSumAxis1(b *testing.B) {
	benchLayouts(b, func(b *testing.B, x, _ *Array[float64]) {
		for b.Loop() {
			Must(SumAxis[float64](x, 1))
		}
	})
}

func BenchmarkKernelArgMaxAxis0(b *testing.B) {
	benchLayouts(b, func(b *testing.B, x, _ *Array[float64]) {
		for b.Loop() {
			Must(ArgMaxAxis(x, 0))
		}
	})
}

func BenchmarkKernelArgMaxAxis1(b *testing.B) {
	benchLayouts(b, func(b *testing.B, x, _ *Array[float64]) {
		for b.Loop() {
			Must(ArgMaxAxis(x, 1))
		}
	})
}
