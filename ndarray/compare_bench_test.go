package ndarray

import (
	"math/rand/v2"
	"testing"
)

// The benchmark: Greater and Where on 4096 x 4096 float64 arrays,
// C-contiguous and as every-second-column views of 4096 x 8192 arrays.
// NumPy's timings to compare with: python3 -m timeit -s "import numpy as
// np; a = np.random.rand(4096, 4096); b = np.random.rand(4096, 4096);
// m = a > b" "a > b" (and "np.where(m, a, b)", and a[:, ::2] for the
// strided case).

func benchCompareInputs(strided bool) (a, b *Array[float64]) {
	r := rand.New(rand.NewPCG(1, 2))
	cols := 4096
	if strided {
		cols = 8192
	}
	mk := func() *Array[float64] {
		x := Zeros[float64](4096, cols)
		for i := range x.data {
			x.data[i] = r.Float64()
		}
		if strided {
			return Must(x.Slice(Colon, Colon.Step(2)))
		}
		return x
	}
	return mk(), mk()
}

func BenchmarkGreater4096(b *testing.B) {
	for _, strided := range []bool{false, true} {
		name := "contiguous"
		if strided {
			name = "strided"
		}
		x, y := benchCompareInputs(strided)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(x.Size()) * 17)
			for b.Loop() {
				if _, err := Greater(x, y); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/Into", func(b *testing.B) {
			dst := Zeros[bool](x.shape...)
			b.SetBytes(int64(x.Size()) * 17)
			for b.Loop() {
				if err := GreaterInto(dst, x, y); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWhere4096(b *testing.B) {
	for _, strided := range []bool{false, true} {
		name := "contiguous"
		if strided {
			name = "strided"
		}
		x, y := benchCompareInputs(strided)
		m := Must(Greater(x, y))
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(x.Size()) * 25)
			for b.Loop() {
				if _, err := Where(m, x, y); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/Into", func(b *testing.B) {
			dst := Zeros[float64](x.shape...)
			b.SetBytes(int64(x.Size()) * 25)
			for b.Loop() {
				if err := WhereInto(dst, m, x, y); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
