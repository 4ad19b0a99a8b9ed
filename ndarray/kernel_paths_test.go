package ndarray

import "testing"

// kernelPath is one way this CPU computes a vector kernel: the flags
// that select it.
type kernelPath struct {
	name         string
	avx512, avx2 bool
}

// kernelPathList returns the paths this CPU has: the Go loops, AVX2 with
// AVX-512 turned off, and AVX-512, as far as the CPU goes.
func kernelPathList() []kernelPath {
	paths := []kernelPath{{"go", false, false}}
	if useAVX2 {
		paths = append(paths, kernelPath{"avx2", false, true})
	}
	if useAVX512 {
		paths = append(paths, kernelPath{"avx512", true, useAVX2})
	}
	return paths
}

// withPath selects p for the duration of f.
func withPath(p kernelPath, f func()) {
	old512, old2 := useAVX512, useAVX2
	defer func() { useAVX512, useAVX2 = old512, old2 }()
	useAVX512, useAVX2 = p.avx512, p.avx2
	f()
}

// kernelPaths runs f once for each path of kernelPathList; name says
// which path runs.
func kernelPaths(t *testing.T, f func(t *testing.T, name string)) {
	t.Helper()
	for _, p := range kernelPathList() {
		withPath(p, func() { f(t, p.name) })
	}
}

// benchKernelPaths runs f as a sub-benchmark per path of kernelPathList.
func benchKernelPaths(b *testing.B, f func(b *testing.B)) {
	for _, p := range kernelPathList() {
		b.Run(p.name, func(b *testing.B) { withPath(p, func() { f(b) }) })
	}
}

func TestKernelPathsDetected(t *testing.T) {
	t.Logf("AVX-512: %v, AVX2+FMA: %v", useAVX512, useAVX2)
	if useAVX512 && !useAVX2 {
		t.Errorf("AVX-512 detected without AVX2 and FMA")
	}
}
