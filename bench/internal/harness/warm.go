package harness

import "runtime"

// MaxWarm bounds the untimed calls of WarmHeap.
const MaxWarm = 16

// WarmHeap makes the untimed calls of a kernel before its timed ones: at
// least min, then, while the calls allocate, until two collections have
// completed since the first (at most MaxWarm calls in all). A kernel that
// returns a large array grows Go's heap to about twice the live data
// before the collector frees anything (GOGC=100), and memory new to the
// process is slow to touch on a virtual machine whose host backs guest
// memory lazily: fresh huge pages cost about 5 ms per 2 MiB here
// against 0.24 ms for pages already used. Concatenate along axis 0 of
// two 4096x4096 float64 arrays took 540-900 ms in its first four calls
// and 12 ms from the fifth on; NumPy, which frees each result at once and
// gets the same warm pages back, sees no such phase.
// Two collections after the first call, the heap has its steady size.
func WarmHeap(min int, call func()) {
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < MaxWarm; i++ {
		call()
		if i+1 < min {
			continue
		}
		var now runtime.MemStats
		runtime.ReadMemStats(&now)
		allocs := now.TotalAlloc - before.TotalAlloc
		if allocs < uint64(i+1)<<20 || now.NumGC >= before.NumGC+2 {
			return // under 1 MiB a call, or steady
		}
	}
}
