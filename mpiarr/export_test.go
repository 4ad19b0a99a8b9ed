package mpiarr

import (
	"errors"
	"runtime"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// SetCheckTimeout sets how long checked mode's agreement waits, for tests
// of the timeout, and returns a function that restores the previous value.
func SetCheckTimeout(d time.Duration) (restore func()) {
	old := agreementTimeout().Swap(int64(d))
	return func() { agreementTimeout().Store(old) }
}

// ThreadMain reports what MPI_Is_thread_main answers on the thread that
// ran Init's MPI_Init_thread, and on another thread.
func ThreadMain() (onMPIThreadMain, elsewhere bool, err error) {
	var err1, err2 error
	onMPIThread(func() { onMPIThreadMain, err1 = mpi.IsThreadMain() }, false)
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread() // a new thread: the goroutine ends locked
		elsewhere, err2 = mpi.IsThreadMain()
	}()
	<-done
	return onMPIThreadMain, elsewhere, errors.Join(err1, err2)
}
