package mpiarr_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// programs are small MPI programs run in a process of their own by
// runProgram; each prints what it saw and returns the exit code.
var programs = map[string]func() int{
	"after-finalize": afterFinalize,
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

func TestCallsAfterFinalize(t *testing.T) {
	if mpitest.UnderLauncher() {
		t.Skip("runs its own process, once")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "MPIARR_TEST_PROGRAM=after-finalize")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.True(t, strings.HasSuffix(strings.TrimSpace(string(out)), "done"), "%s", out)
}
