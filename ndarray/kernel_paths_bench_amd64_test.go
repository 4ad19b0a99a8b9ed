package ndarray

import (
	"math/rand/v2"
	"testing"
)

// The vector kernels of Maximum, ArgMax (extreme and find) and Less on
// 1<<22 float64 elements, each path this CPU has against the Go loop, in
// one run:
// go test -run '^$' -bench 'KernelPath' ./ndarray/

const kernelPathN = 1 << 22

func kernelPathInputs() (x, y []float64) {
	r := rand.New(rand.NewPCG(1, 2))
	x, y = make([]float64, kernelPathN), make([]float64, kernelPathN)
	for i := range x {
		x[i], y[i] = r.Float64(), r.Float64()
	}
	return x, y
}

func BenchmarkKernelPathMax64(b *testing.B) {
	x, y := kernelPathInputs()
	d := make([]float64, len(x))
	benchKernelPaths(b, func(b *testing.B) {
		b.SetBytes(3 * 8 * kernelPathN)
		for b.Loop() {
			maxFloatK(d, x, y)
		}
	})
}

func BenchmarkKernelPathArgMax64(b *testing.B) {
	x, _ := kernelPathInputs()
	benchKernelPaths(b, func(b *testing.B) {
		b.SetBytes(8 * kernelPathN)
		for b.Loop() {
			argFloat64(x, true)
		}
	})
}

func BenchmarkKernelPathLess64(b *testing.B) {
	x, y := kernelPathInputs()
	d := make([]bool, len(x))
	benchKernelPaths(b, func(b *testing.B) {
		b.SetBytes(17 * kernelPathN)
		for b.Loop() {
			lessLoop(d, 0, 1, x, 0, 1, y, 0, 1, len(d))
		}
	})
}

// The public calls of the comparison with NumPy, per path:
// Maximum and Greater of 4096x4096, ArgMax of 4096x8192 whole and along
// the last axis.
func BenchmarkKernelPathOps(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	mk := func(m, n int) *Array[float64] {
		a := Zeros[float64](m, n)
		for i := range a.data {
			a.data[i] = r.Float64()
		}
		return a
	}
	x, y, z := mk(4096, 4096), mk(4096, 4096), mk(4096, 8192)
	b.Run("Maximum", func(b *testing.B) {
		benchKernelPaths(b, func(b *testing.B) {
			for b.Loop() {
				Must(Maximum(x, y))
			}
		})
	})
	b.Run("Greater", func(b *testing.B) {
		benchKernelPaths(b, func(b *testing.B) {
			for b.Loop() {
				Must(Greater(x, y))
			}
		})
	})
	b.Run("ArgMax", func(b *testing.B) {
		benchKernelPaths(b, func(b *testing.B) {
			for b.Loop() {
				_, _ = ArgMax(z)
			}
		})
	})
	b.Run("ArgMaxAxis1", func(b *testing.B) {
		benchKernelPaths(b, func(b *testing.B) {
			for b.Loop() {
				Must(ArgMaxAxis(z, 1))
			}
		})
	})
}
