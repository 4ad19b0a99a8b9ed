package ndarray

// On amd64 CPUs with AVX-512, or with AVX2 and FMA, Sqrt and Exp of
// float64 and float32 run on vector kernels (kernel_unary_amd64.s): Go
// compiles math.Sqrt to the scalar SQRTSD and math.Exp to a scalar
// routine, where NumPy 1.24 uses 512-bit vectors, or 256-bit ones on CPUs
// without AVX-512. Other CPUs run the Go loops of kernel_unary.go.

// useAVX512 reports that the CPU and the operating system support
// AVX-512 Foundation: the CPUID feature bit, and the opmask and ZMM
// register state enabled in XCR0. Tests turn it off to check the Go
// loops against the vector ones.
var useAVX512 = hasAVX512()

func hasAVX512() bool {
	if maxLeaf, _, _, _ := cpuid(0, 0); maxLeaf < 7 {
		return false
	}
	if _, _, ecx, _ := cpuid(1, 0); ecx&(1<<27) == 0 { // OSXSAVE
		return false
	}
	// XMM, YMM, opmask, ZMM0-15 upper halves, ZMM16-31.
	if xcr0, _ := xgetbv(); xcr0&0xe6 != 0xe6 {
		return false
	}
	_, ebx, _, _ := cpuid(7, 0)
	return ebx&(1<<16) != 0
}

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

//go:noescape
func sqrt64AVX512(d, x *float64, n int)

//go:noescape
func sqrt32AVX512(d, x *float32, n int)

//go:noescape
func exp64AVX512(d, x *float64, n int)

//go:noescape
func sqrt64AVX2(d, x *float64, n int)

//go:noescape
func sqrt32AVX2(d, x *float32, n int)

//go:noescape
func exp64AVX2(d, x *float64, n int)

// The kernels take whole vectors: 8 float64 or 16 float32 with AVX-512,
// 4 or 8 with AVX2. The Go loop does the rest.

func sqrt64K(d, x []float64) {
	x = x[:len(d)]
	n := 0
	switch {
	case useAVX512:
		if n = len(d) &^ 7; n > 0 {
			sqrt64AVX512(&d[0], &x[0], n)
		}
	case useAVX2:
		if n = len(d) &^ 3; n > 0 {
			sqrt64AVX2(&d[0], &x[0], n)
		}
	}
	sqrtGoK(d[n:], x[n:])
}

func sqrt32K(d, x []float32) {
	x = x[:len(d)]
	n := 0
	switch {
	case useAVX512:
		if n = len(d) &^ 15; n > 0 {
			sqrt32AVX512(&d[0], &x[0], n)
		}
	case useAVX2:
		if n = len(d) &^ 7; n > 0 {
			sqrt32AVX2(&d[0], &x[0], n)
		}
	}
	sqrtGoK(d[n:], x[n:])
}

func exp64K(d, x []float64) {
	x = x[:len(d)]
	n := 0
	switch {
	case useAVX512:
		if n = len(d) &^ 7; n > 0 {
			exp64AVX512(&d[0], &x[0], n)
		}
	case useAVX2:
		if n = len(d) &^ 3; n > 0 {
			exp64AVX2(&d[0], &x[0], n)
		}
	}
	expGoK(d[n:], x[n:])
}

// exp32K widens float32 elements to float64 a chunk at a time for the
// vector kernel, whose result rounds to within a unit of NumPy's float32
// exp.
func exp32K(d, x []float32) {
	if !useAVX512 && !useAVX2 {
		expGoK(d, x)
		return
	}
	var buf [chunkLen]float64
	for len(d) > 0 {
		c := min(len(d), chunkLen)
		b, xs := buf[:c], x[:c]
		for i := range b {
			b[i] = float64(xs[i])
		}
		exp64K(b, b)
		ds := d[:c]
		for i := range ds {
			ds[i] = float32(b[i])
		}
		d, x = d[c:], x[c:]
	}
}
