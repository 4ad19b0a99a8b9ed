package mpiarr

import (
	"runtime"
	"sync"
)

// MPI calls the thread that ran MPI_Init_thread its main thread and wants
// MPI_Finalize called on it too. A goroutine stays on one thread only
// while it is locked to it, and a locked goroutine pays at every
// scheduling point: when it yields (the scheduling points of
// schedpoint.go and polled.go) or sysmon preempts it, its thread hands
// the P to another thread, which finds the goroutine runnable and hands
// the P back: two thread wake-ups, each a wait for the core when ranks
// share cores. An unlocked goroutine yields in a trip through the
// scheduler on its own thread. So Init and Finalize run on a goroutine of
// their own, locked to its thread from MPI_Init_thread to MPI_Finalize
// and parked in between, and no goroutine of the program is locked.
// Measured against the locked main goroutine (medians of 3-5 interleaved
// runs, bench/go/calls and coll): two ranks bound to a core each,
// Iallreduce of 8 B + 200 µs of computation + Wait 207.3 -> 205.9 µs (C
// 201.8), Bcast of 8 B 0.50 -> 0.28 µs (C 0.18). Four ranks on two cores
// gain in Allreduce and Alltoall (64 KiB: 136 -> 128 and 82 -> 77 µs);
// Bcast of 8 B was slower in three sittings (0.82-1.03 -> 1.15-1.32 µs,
// C 0.68-0.81) and even in a fourth (0.85 -> 0.86 µs, C 0.79).
var mpiThread struct {
	mu    sync.Mutex
	calls chan func() // nil until Init, and after Finalize
}

// onMPIThread runs f on MPI's main thread, starting that thread's
// goroutine if none is running, and returns when f has. With last, the
// goroutine ends after f, and its thread with it.
func onMPIThread(f func(), last bool) {
	t := &mpiThread
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.calls == nil {
		t.calls = make(chan func())
		go serveMPIThread(t.calls)
	}
	done := make(chan struct{})
	t.calls <- func() {
		defer close(done)
		f()
	}
	<-done
	if last {
		close(t.calls)
		t.calls = nil
	}
}

// serveMPIThread runs the calls it receives on its thread, to which it
// stays locked: a locked goroutine that returns takes its thread with it.
func serveMPIThread(calls <-chan func()) {
	runtime.LockOSThread()
	for f := range calls {
		f()
	}
}
