package ndarray

import "testing"

// kernelPaths runs f once for each way this CPU computes a vector kernel:
// AVX-512 and AVX2 where it has them, each with the wider ones turned off,
// and the Go loops, with both turned off. name says which path runs.
func kernelPaths(t *testing.T, f func(t *testing.T, name string)) {
	t.Helper()
	old512, old2 := useAVX512, useAVX2
	defer func() { useAVX512, useAVX2 = old512, old2 }()
	paths := []struct {
		name         string
		avx512, avx2 bool
	}{
		{"avx512", old512, old2},
		{"avx2", false, old2},
		{"go", false, false},
	}
	for _, p := range paths {
		if (p.name == "avx512" && !old512) || (p.name == "avx2" && !old2) {
			continue
		}
		useAVX512, useAVX2 = p.avx512, p.avx2
		f(t, p.name)
	}
}

func TestKernelPathsDetected(t *testing.T) {
	t.Logf("AVX-512: %v, AVX2+FMA: %v", useAVX512, useAVX2)
	if useAVX512 && !useAVX2 {
		t.Errorf("AVX-512 detected without AVX2 and FMA")
	}
}
