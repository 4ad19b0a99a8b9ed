package mpi_test

// Multi-rank test harness, self-contained in this file.
//
// Plain `go test` starts the test binary as one process. TestMain then
//  1. initializes MPI as a singleton (no launcher needed) and runs the
//     selected tests on that one rank (TestMulti* tests run too, with size
//     1, skipping what needs more ranks), and
//  2. re-executes the test binary itself under the MPI launcher of the
//     build (mpi.Launcher: mpirun for OpenMPI, mpiexec.mpich for MPICH) with
//     2 and then 3 ranks, restricted to the TestMulti* tests
//     (-test.run=^TestMulti, or the caller's -test.run pattern if it names
//     Multi tests), passing -test.v, -test.count, -test.failfast and
//     -test.short through. Each rank's output is relayed with a
//     "[np=N] " prefix, and the launcher tags lines with the rank. The run
//     fails if any rank fails (the launcher's exit status).
//
// A process started by a launcher (OMPI_COMM_WORLD_SIZE or PMI_SIZE is
// set) just initializes MPI, runs the selected tests and finalizes.
// Step 2 is skipped when -test.run selects no Multi test, or when
// NDMPI_NO_LAUNCH=1.

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// launchRanks are the job sizes the multi-rank tests run with.
var launchRanks = []int{2, 3}

// defaultLaunchTimeout bounds one launcher run when -test.timeout is 0.
const defaultLaunchTimeout = 10 * time.Minute

func TestMain(m *testing.M) {
	os.Exit(mpiTestMain(m))
}

// underLauncher reports whether an MPI launcher (OpenMPI's mpirun or
// MPICH's Hydra) started this process.
func underLauncher() bool {
	return os.Getenv("OMPI_COMM_WORLD_SIZE") != "" || os.Getenv("PMI_SIZE") != ""
}

func mpiTestMain(m *testing.M) int {
	flag.Parse()
	if _, err := mpi.Init(mpi.ThreadMultiple); err != nil {
		fmt.Fprintln(os.Stderr, "mpi.Init:", err)
		return 1
	}
	code := m.Run()
	if err := mpi.Finalize(); err != nil {
		fmt.Fprintln(os.Stderr, "mpi.Finalize:", err)
		code = 1
	}
	if underLauncher() || os.Getenv("NDMPI_NO_LAUNCH") == "1" {
		return code
	}
	run := flagValue("test.run")
	if run != "" && !strings.Contains(run, "Multi") {
		return code
	}
	if run == "" {
		run = "^TestMulti"
	}
	for _, np := range launchRanks {
		if err := launch(np, run); err != nil {
			fmt.Fprintf(os.Stdout, "FAIL: multi-rank tests with %d ranks (%s): %v\n", np, mpi.Launcher, err)
			code = 1
			if flagValue("test.failfast") == "true" {
				break
			}
		}
	}
	return code
}

func flagValue(name string) string {
	if f := flag.Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}

// launch runs the test binary under the MPI launcher with np ranks.
func launch(np int, run string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	args := append(mpi.LauncherArgs(np), mpi.LauncherTagOutput, exe, "-test.run="+run)
	if v := flagValue("test.v"); v != "" && v != "false" {
		args = append(args, "-test.v=true")
	}
	for _, name := range []string{"test.count", "test.failfast", "test.short", "test.skip"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != f.DefValue {
			args = append(args, "-"+name+"="+f.Value.String())
		}
	}
	// Each rank gets the same -test.timeout as this process (go test's
	// default is 10m), so a hung rank panics with a stack dump; the
	// launcher itself is killed a minute later.
	timeout := defaultLaunchTimeout
	if f := flag.Lookup("test.timeout"); f != nil {
		if d, ok := f.Value.(flag.Getter).Get().(time.Duration); ok && d > 0 {
			timeout = d
		}
	}
	args = append(args, "-test.timeout="+timeout.String())
	launchTimeout := timeout + time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), launchTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, mpi.Launcher, args...)
	cmd.Env = append(os.Environ(), mpi.LauncherEnv()...)
	out := newPrefixWriter(os.Stdout, fmt.Sprintf("[np=%d] ", np))
	cmd.Stdout, cmd.Stderr = out, out
	fmt.Fprintf(os.Stdout, "=== launching %s %s\n", mpi.Launcher, strings.Join(args, " "))
	err = cmd.Run()
	out.Flush()
	if ctx.Err() != nil {
		return fmt.Errorf("timed out after %v", launchTimeout)
	}
	return err
}

// prefixWriter prefixes every line written through it.
type prefixWriter struct {
	mu     sync.Mutex
	w      *bufio.Writer
	prefix string
	bol    bool
}

func newPrefixWriter(w io.Writer, prefix string) *prefixWriter {
	return &prefixWriter{w: bufio.NewWriter(w), prefix: prefix, bol: true}
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range b {
		if p.bol {
			p.w.WriteString(p.prefix)
			p.bol = false
		}
		p.w.WriteByte(c)
		if c == '\n' {
			p.bol = true
			p.w.Flush()
		}
	}
	return len(b), nil
}

func (p *prefixWriter) Flush() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.bol {
		p.w.WriteByte('\n')
		p.bol = true
	}
	p.w.Flush()
}
