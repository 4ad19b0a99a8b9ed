package mpiarr

import (
	"os"
	"runtime"
)

// A rank bound to one core (mpirun --bind-to core, srun --cpu-bind=cores)
// gets GOMAXPROCS=1 from Go, which sizes it from the affinity mask. With a
// single P, the runtime's sysmon retakes the P of a thread that stays in
// one cgo call across two of its ticks, because no other P is idle; a
// blocking collective or a window synchronisation that waits for a peer
// for some tens of microseconds is such a call. Each retake also resets
// sysmon's sleep to 20 µs for its next 50 ticks, so in a loop of such
// calls sysmon never backs off: it wakes on the rank's core every 20-90 µs
// for the whole loop and preempts MPI's polling there. With a second, idle
// P, sysmon leaves a thread in a cgo call alone for 10 ms, backs off to a
// 10 ms sleep and stays there until a call lasts 10 ms. On 2 ranks bound
// to a core each, in one interleaved run of 20 000 calls: 8-byte Put +
// Fence took 18.1-19.1 µs with one P, 12.5-13.7 µs with two (C: 9.5-10.1
// µs). In another, of 40 000 calls in 8 rounds: 12.6 µs against 8.9 µs (C:
// 6.8 µs), and about 4 400 context switches per rank against 1 000 (C:
// 300); with one P, most of rank 0's switches were to and from sysmon.
//
// The second P shares the rank's core: it runs other goroutines (and the
// garbage collector's idle workers) while the main goroutine waits in C,
// and cannot take a core from another rank, since the mask stays as it
// is. minProcs is therefore applied only where Go chose a single P; an
// explicit GOMAXPROCS in the environment is the user's, and is kept.
const minProcs = 2

// raiseProcs gives the runtime minProcs Ps where it has fewer and the
// user did not choose GOMAXPROCS.
func raiseProcs() {
	if _, set := os.LookupEnv("GOMAXPROCS"); set {
		return
	}
	if runtime.GOMAXPROCS(0) < minProcs {
		runtime.GOMAXPROCS(minProcs)
	}
}
