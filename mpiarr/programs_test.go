package mpiarr_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// programs are small MPI programs run in a process of their own by
// runProgram; each prints what it saw and returns the exit code.
var programs = map[string]func() int{
	"after-finalize":  afterFinalize,
	"checked-vs-peer": checkedAgainstPeer,
	"off-main":        offMain,
}

func runProgram(name string) int {
	p, ok := programs[name]
	if !ok {
		fmt.Fprintln(os.Stderr, "no test program", name)
		return 2
	}
	return p()
}

// afterFinalize calls every kind of operation after Finalize: each must
// return ErrFinalized, where MPI itself would abort the job.
func afterFinalize() int {
	c, err := mpiarr.Init()
	if err != nil {
		fmt.Println("Init:", err)
		return 1
	}
	a := ndarray.Zeros[float64](4)
	req, err := c.Irecv(a, mpiarr.ProcNull, 0)
	if err != nil {
		fmt.Println("Irecv:", err)
		return 1
	}
	if err := mpiarr.Finalize(); err != nil {
		fmt.Println("Finalize:", err)
		return 1
	}
	calls := map[string]func() error{
		"Send":    func() error { return c.Send(a, 0, 0) },
		"Recv":    func() error { _, err := c.Recv(a, 0, 0); return err },
		"Barrier": c.Barrier,
		"Bcast":   func() error { return c.Bcast(a, 0) },
		"Allreduce": func() error {
			return c.Allreduce(a, ndarray.Zeros[float64](4), mpiarr.Sum)
		},
		"NewDist": func() error {
			_, err := mpiarr.NewDist[float64](c, []int{4}, mpiarr.DistOptions{})
			return err
		},
		"RecvArray": func() error { _, _, err := mpiarr.RecvArray[float64](c, 0, 0); return err },
		"SendObj":   func() error { return c.SendObj(1, 0, 0) },
		"Wait":      func() error { _, err := req.Wait(); return err },
		"Dup":       func() error { _, err := c.Dup(); return err },
		"Init again": func() error {
			_, err := mpiarr.Init()
			return err
		},
	}
	code := 0
	for name, call := range calls {
		err := call()
		switch {
		case name == "Wait" && err == nil:
			// The request from ProcNull completed at once: nothing to refuse.
		case !errors.Is(err, mpiarr.ErrFinalized) && !(name == "Init again" && err != nil):
			fmt.Printf("%s after Finalize: %v, want ErrFinalized\n", name, err)
			code = 1
		}
	}
	fmt.Println("done")
	return code
}

// offMain calls Init and Finalize from goroutines other than main and
// communicates from main in between: MPI's main thread is the package's
// own, the one that ran MPI_Init_thread, whatever goroutine called Init.
func offMain() int {
	var c *mpiarr.Comm
	var err error
	done := make(chan struct{})
	go func() { defer close(done); c, err = mpiarr.Init() }()
	<-done
	if err != nil {
		fmt.Println("Init:", err)
		return 1
	}
	sum := ndarray.Zeros[float64](1)
	if err := c.Allreduce(ndarray.Full(1.0, 1), sum, mpiarr.Sum); err != nil || sum.At(0) != float64(c.Size()) {
		fmt.Println("Allreduce:", sum, err)
		return 1
	}
	main, elsewhere, err := mpiarr.ThreadMain()
	if err != nil || !main || elsewhere {
		fmt.Println("MPI_Is_thread_main: on the MPI thread", main, "elsewhere", elsewhere, err)
		return 1
	}
	finalized := make(chan struct{})
	go func() { defer close(finalized); err = mpiarr.Finalize() }()
	<-finalized
	if err != nil {
		fmt.Println("Finalize:", err)
		return 1
	}
	fmt.Println("done")
	return 0
}

func TestInitFinalizeOffMain(t *testing.T) {
	out := runOwnProcess(t, "off-main")
	require.Equal(t, "done", out)
}

func TestCallsAfterFinalize(t *testing.T) {
	out := runOwnProcess(t, "after-finalize")
	require.True(t, strings.HasSuffix(out, "done"), "%s", out)
}

// runOwnProcess runs the test program name in a process of its own,
// started without a launcher (a world of one rank), once: under mpirun
// the test is skipped. It returns the program's output, trimmed, once the
// program has succeeded.
func runOwnProcess(t *testing.T, name string) string {
	t.Helper()
	if mpitest.UnderLauncher() {
		t.Skip("runs its own process, once")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "MPIARR_TEST_PROGRAM="+name)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return strings.TrimSpace(string(out))
}

// checkedAgainstPeer is rank 0 of a job whose other ranks run mpi4py: its
// checked Bcast must end in an error after the agreement's deadline, not
// wait for ever. It exits non-zero so that the launcher ends the job (the
// mpi4py rank still waits in its Bcast).
func checkedAgainstPeer() int {
	c, err := mpiarr.Init()
	if err != nil {
		fmt.Println("Init:", err)
		return 1
	}
	err = c.WithCheck(true).Bcast(ndarray.Iota[float64](4), 0)
	fmt.Println("checked Bcast:", err)
	if errors.Is(err, mpiarr.ErrMismatch) {
		return 3
	}
	return 1
}

// An mpi4py peer cannot take part in checked mode's agreement: the Go
// rank reports it within the deadline instead of hanging.
func TestCheckedModeAgainstMPI4Py(t *testing.T) {
	if mpitest.UnderLauncher() {
		t.Skip("runs its own job, once")
	}
	if mpitest.Implementation != "openmpi" {
		t.Skip("Debian's mpi4py is linked to OpenMPI")
	}
	if exec.Command("/usr/bin/python3", "-c", "import mpi4py, numpy").Run() != nil {
		t.Skip("no /usr/bin/python3 with mpi4py and numpy (make deps installs them)")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(mpitest.LauncherName, "--oversubscribe", "--bind-to", "none",
		"-np", "1", "-x", "MPIARR_TEST_PROGRAM=checked-vs-peer", "-x", "NDMPI_CHECK_TIMEOUT=2s", exe, ":",
		"-np", "1", "/usr/bin/python3", "testdata/mpi4py_bcast_peer.py")
	cmd.Env = append(os.Environ(), "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "the job ends with the Go rank's non-zero exit")
	require.Less(t, time.Since(start), 60*time.Second)
	require.Contains(t, string(out), "not every rank joined checked mode's agreement within 2s", "%s", out)
	require.Contains(t, string(out), "not an ndmpi program", "%s", out)
}
