package ndarray

// On amd64 CPUs with AVX-512, or else AVX2, ArgMax and ArgMin of float64
// runs (whole arrays, and each run along the axis of ArgMaxAxis and
// ArgMinAxis through argRun) go through kernel_arg_amd64.s: a vector pass
// per chunk for the extreme and for NaN, then a vector search for the
// first element equal to the extreme in the chunk that first held it.
// Equal zeros of either sign compare equal, so the first of them is
// found, as NumPy's scalar order finds it.

//go:noescape
func extreme64AVX512(x *float64, n int, max, stream bool) (m float64, nan bool)

//go:noescape
func findEq64AVX512(x *float64, n int, v float64) int

//go:noescape
func extreme64AVX2(x *float64, n int, max bool) (m float64, nan bool)

//go:noescape
func findEq64AVX2(x *float64, n int, v float64) int

// argChunk is how many elements argFloat64 reads between its vector
// passes: the search for the first extreme re-reads only the chunk that
// holds it, from cache, so a long run is read from memory once, as NumPy's
// one-pass loop reads it. 16 KiB stays in the L1 cache for the re-read;
// along the rows of a 4096-column array (32 KiB each) that made ArgMax
// 3-5% faster than chunks of 8192, at 2% more time for one long run.
const argChunk = 2048

// streamRun is the length from which a run is read with extreme64AVX512's
// stream loops: a run that long the hardware prefetcher streams alone,
// and the PREFETCHT0s of the other loops (which paid off along the
// 4096-element rows of an axis reduction on the AVX-512 machine they were
// measured on) only take issue slots. Whole 8192x4096 arrays, 15
// interleaved rounds on an AMD EPYC with AVX-512 (family 26): ArgMax
// 10.1-10.4 ms with the prefetching loop, 8.6-8.9 ms with the stream
// loop, Sum 8.0-8.9 ms.
const streamRun = 1 << 16

// argFloat64 is argReal for float64 runs.
func argFloat64(x []float64, max bool) int {
	if !(useAVX512 || useAVX2) || len(x) < 16 {
		return argReal(x, max)
	}
	best, bestAt := 0.0, -1
	stream := len(x) >= streamRun
	for start := 0; start < len(x); start += argChunk {
		c := x[start:min(start+argChunk, len(x))]
		m, nan := chunkExtreme(c, max, stream)
		if nan {
			return start + firstNaN(c)
		}
		// Strict, so the earliest chunk holding the extreme keeps it.
		if bestAt < 0 || (max && m > best) || (!max && m < best) {
			best, bestAt = m, start
		}
	}
	c := x[bestAt:min(bestAt+argChunk, len(x))]
	n := len(c) &^ 15
	if n > 0 {
		if i := findEq64(&c[0], n, best); i < n {
			return bestAt + i
		}
	}
	for i, v := range c[n:] {
		if v == best {
			return bestAt + n + i
		}
	}
	return 0 // not reached: best is one of the elements
}

// chunkExtreme is the extreme of c and whether c holds a NaN.
func chunkExtreme(c []float64, max, stream bool) (m float64, nan bool) {
	n := len(c) &^ 15
	tail := c[n:]
	if n > 0 {
		if useAVX512 {
			m, nan = extreme64AVX512(&c[0], n, max, stream)
		} else {
			m, nan = extreme64AVX2(&c[0], n, max)
		}
		if nan {
			return m, true
		}
	} else {
		m, tail = c[0], c
	}
	for _, v := range tail {
		switch {
		case v != v:
			return m, true
		case max && v > m, !max && v < m:
			m = v
		}
	}
	return m, false
}

// findEq64 is the index of the first of x's n elements (a multiple of
// 16) equal to v, or n.
func findEq64(x *float64, n int, v float64) int {
	if useAVX512 {
		return findEq64AVX512(x, n, v)
	}
	return findEq64AVX2(x, n, v)
}

func firstNaN(x []float64) int {
	for i, v := range x {
		if v != v {
			return i
		}
	}
	return 0
}
