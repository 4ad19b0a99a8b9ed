// Package mpitest runs a package's tests under MPI from a plain `go test`.
//
// Use it as the package's TestMain:
//
//	func TestMain(m *testing.M) { mpitest.Main(m) }
//
// Started by `go test`, the test binary first runs the tests as a world of
// one rank (MPI's singleton mode), then runs itself again under the MPI
// launcher of the build (OpenMPI's mpirun, or mpiexec.mpich with the mpich
// build tag) with 2 and then 4 ranks, relaying every rank's output with
// "[np=N]" and the rank in front of each line, and fails if any rank of
// any run fails. Started by a launcher, the binary just runs the tests on
// its rank. The flags -test.run, -test.skip, -test.v, -test.count,
// -test.failfast, -test.short and -test.timeout are passed on; a run that
// hangs is ended by -test.timeout on its ranks and by the launcher's
// timeout here.
//
// Tests take a private communicator from Comm, so that messages of one
// test can never match receives of another, and skip themselves with
// NeedRanks when the world is too small for them. Every rank runs the
// same tests in the same order, so collectives line up.
//
// NDMPI_RANKS=2,3 chooses other job sizes; NDMPI_RANKS=0 or
// NDMPI_NO_LAUNCH=1 runs only the one-rank pass.
package mpitest

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// DefaultRanks are the job sizes Main launches when none are given.
var DefaultRanks = []int{2, 4}

var world *mpiarr.Comm

// Main runs the tests of m as described in the package documentation and
// exits. ranks are the job sizes to launch (DefaultRanks if none).
func Main(m *testing.M, ranks ...int) {
	os.Exit(run(m, Options{Ranks: ranks}))
}

// Options adjust MainWith.
type Options struct {
	// Ranks are the job sizes to launch (DefaultRanks if empty).
	Ranks []int
	// Run restricts the launched runs to the tests matching this
	// -test.run pattern when the caller gave none, e.g. "^TestMulti" for
	// packages whose other tests only make sense on one rank.
	Run string
}

// MainWith is Main with options.
func MainWith(m *testing.M, o Options) {
	os.Exit(run(m, o))
}

// UnderLauncher reports whether an MPI launcher started this process.
func UnderLauncher() bool {
	return os.Getenv("OMPI_COMM_WORLD_SIZE") != "" || os.Getenv("PMI_SIZE") != ""
}

func run(m *testing.M, o Options) int {
	ranks := o.Ranks
	flag.Parse()
	// A fuzzing run and its workers fuzz decoders of bytes, which need no
	// MPI: starting a singleton MPI in every worker slows the fuzzer's
	// workers down past its deadlines.
	fuzzing := flagValue("test.fuzz") != "" || flagValue("test.fuzzworker") == "true"
	if fuzzing {
		return m.Run()
	}
	c, err := mpiarr.Init()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mpitest:", err)
		return 1
	}
	world = c
	code := m.Run()
	if err := mpiarr.Finalize(); err != nil {
		fmt.Fprintln(os.Stderr, "mpitest:", err)
		code = 1
	}
	if UnderLauncher() || os.Getenv("NDMPI_NO_LAUNCH") == "1" {
		return code
	}
	if len(ranks) == 0 {
		ranks = DefaultRanks
	}
	if env := os.Getenv("NDMPI_RANKS"); env != "" {
		ranks = nil
		for _, f := range strings.Split(env, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
				ranks = append(ranks, n)
			}
		}
	}
	for _, np := range ranks {
		if err := launch(np, o.Run); err != nil {
			fmt.Printf("--- FAIL: the tests with %d ranks (%s): %v\n", np, mpi.Launcher, err)
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

// launch runs this test binary under the MPI launcher with np ranks; run
// is the -test.run pattern to use when the caller gave none.
func launch(np int, run string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	var args []string
	if run != "" && flagValue("test.run") == "" {
		args = append(args, "-test.run="+run)
	}
	for _, name := range []string{"test.run", "test.skip", "test.v", "test.count", "test.failfast", "test.short", "test.timeout"} {
		if f := flag.Lookup(name); f != nil && f.Value.String() != f.DefValue {
			args = append(args, "-"+name+"="+f.Value.String())
		}
	}
	timeout := 10 * time.Minute
	if d, err := time.ParseDuration(flagValue("test.timeout")); err == nil && d > 0 {
		timeout = d + 30*time.Second // let the ranks' own timeout report first
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := Command(np, exe, args...)
	out := newPrefixWriter(os.Stdout, fmt.Sprintf("[np=%d] ", np))
	cmd.Stdout, cmd.Stderr = out, out
	if flagValue("test.v") == "true" {
		fmt.Printf("=== launching %s\n", strings.Join(cmd.Args, " "))
	}
	err = runContext(ctx, cmd)
	out.Flush()
	if ctx.Err() != nil {
		return fmt.Errorf("timed out after %v", timeout)
	}
	return err
}

// World returns the world communicator Main initialised.
func World() *mpiarr.Comm { return world }

// Comm returns a private duplicate of the world communicator for one test,
// freed when the test ends. Every rank must call it: it is collective.
func Comm(t testing.TB) *mpiarr.Comm {
	t.Helper()
	if world == nil {
		t.Fatal("mpitest: MPI is not initialised: call mpitest.Main from TestMain")
	}
	c, err := world.Dup()
	if err != nil {
		t.Fatalf("mpitest: Dup: %v", err)
	}
	t.Cleanup(func() {
		if err := c.Free(); err != nil {
			t.Errorf("mpitest: Free: %v", err)
		}
	})
	return c
}

// NeedRanks skips the test unless the world has at least n ranks.
func NeedRanks(t testing.TB, n int) {
	t.Helper()
	if world == nil || world.Size() < n {
		t.Skipf("needs %d ranks", n)
	}
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

// Flush ends a last unterminated line.
func (p *prefixWriter) Flush() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.bol {
		p.w.WriteByte('\n')
		p.bol = true
	}
	p.w.Flush()
}

// runContext runs cmd, killing it when ctx ends.
func runContext(ctx context.Context, cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		<-done
		return ctx.Err()
	}
}
