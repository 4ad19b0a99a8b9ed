// Package runner builds the example programs and runs them under the MPI
// launcher, for the examples' test and for the demo (make demo).
//
// Output of different ranks interleaves arbitrarily, so the launcher tags
// every line with its rank (mpirun --tag-output, mpiexec.mpich -l) and
// Output.Text puts it back in order: every line of rank 0, in the order
// rank 0 printed them, then every line of rank 1, and so on. That is the
// form of the expected outputs in examples/testdata.
package runner

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
)

// Example is one program of examples/.
type Example struct {
	Name  string // its directory under examples/
	Title string // what it is, for headings
	Seed  string // the tutorial and the slide or section it mirrors
	Shows string // what it demonstrates, in a few words
}

// The two tutorials the examples come from.
const (
	seed1 = "mpi4py and NumPy"
	seed2 = "Fast communication of large arrays"
)

// Examples are every example program, in the order of the tutorials.
var Examples = []Example{
	{"flags", "contiguity and strides", seed1 + `: ".flags", "Strides"`, ".flags, .T, .copy(), .strides as NumPy prints them"},
	{"sendrecv", "Send / Recv", seed1 + `: "Send / Recv"`, "the seed's output, word for word"},
	{"sendrecv_status", "receive buffers too large and too small; check status", seed1 + `: "Send / Recv - exercise", "best practice: check status"`, "Status.Count; ErrTruncate instead of an abort; Probe"},
	{"sendrecv_count", "[data, n, MPI.DOUBLE]", seed1 + `: "Send / Recv with buffer size"`, "Typed and Count; a wrong datatype is an error"},
	{"sendrecv_slice", "[data[2:5], 2, MPI.DOUBLE]", seed1 + `: "... use array slicing"`, "sending from and receiving into a slice"},
	{"sendrecv_2d", "2-D arrays, .T and .T.copy()", seed1 + `: "Send / Recv with 2D array"`, "Refuse's error; Pack, Derived; MemoryOrder = mpi4py's transpose"},
	{"noncontiguous", "sending non-contiguous arrays", seed1 + `: "Send / Recv - exercise"`, "column slice and .T under Refuse, Pack, Derived, MemoryOrder"},
	{"isend_irecv", "Isend / Irecv", seed1 + `: "Isend / Irecv"`, "requests, Wait, WaitAll; the exercises, non-blocking"},
	{"bcast", "Bcast", seed1 + `: "Bcast"`, "Bcast of int32; size mismatch: the same error everywhere"},
	{"scatterv", "Scatterv", seed1 + `: "Scatterv"`, "uneven split, counts broadcast first"},
	{"gatherv", "Scatterv and Gatherv", seed1 + `: "Gatherv"`, "the parts gathered back on the root"},
	{"reduce", "Scatterv and Reduce; Reduce of arrays", seed1 + `: "Reduce"`, "reduce of scalars (ReduceObj), Reduce of arrays"},
	{"sendrecv_exchange", "Sendrecv and PROC_NULL", seed2 + `: "Combined send and receive"`, "pairwise swap; a chain with PROC_NULL ends"},
	{"typed_buffer", "[buffer, count, datatype]", seed2 + `: "Manual definition of a memory buffer"`, "MPI.DOUBLE, MPI.INT; datatype checked"},
	{"objects", "lower-case (object) and upper-case (buffer) methods", seed2 + `: introduction`, "BcastObj/SendObj vs Send; SendArray"},
	{"onesided", "one-sided communication: Put, Get, Accumulate", "beyond the tutorials: mpi4py's MPI.Win", "WinAllocate, Fence epochs, origins in any layout, bounds checked at the origin"},
	{"sharedmem", "node-local shared memory", "beyond the tutorials: Split_type and Win.Allocate_shared", "SplitType(CommTypeShared), WinAllocateShared, SharedQuery views read in place"},
	{"heat2d", "2-D heat equation on a distributed array", "beyond the tutorials: a stencil code on mpiarr.Dist", "Dist: halo exchange, stencil on views, .npy by MPI-IO"},
	{"poisson3d", "spectral Poisson solver on a periodic 3-D grid", "beyond the tutorials: mpi4py-fft's PFFT on mpiarr.Dist", "DistRFFTN and DistIRFFTN on a pencil grid, FFTGrid's transposed alignment"},
	{"stats", "statistics of the columns of a .npy file", "beyond the tutorials: Heat's and NumPy's reductions on mpiarr.Dist", "ReadNPY by blocks of rows; DistMeanAxis, DistStdAxis, DistArgMaxAxis; medians by DistSort; WriteNPZ"},
}

// Files are the files an example writes into its working directory (see
// RunIn), for the examples that write any.
var Files = map[string][]string{
	"heat2d": {"heat2d.npy", "heat2d_serial.npy"},
	"stats":  {"stats.npy", "stats.npz"},
}

// ModuleRoot returns the directory of the go.mod of the module the
// current directory belongs to.
func ModuleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if gomod := strings.TrimSpace(string(out)); err == nil && gomod != "" && gomod != os.DevNull {
		return filepath.Dir(gomod), nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in the current directory or above: run from inside the ndmpi module")
		}
		dir = parent
	}
}

// Build builds every example into outDir with one go build, with the
// build tags this package was built with.
func Build(root, outDir string) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	args := []string{"build", "-o", outDir + string(filepath.Separator)}
	if mpitest.BuildTags != "" {
		args = append(args, "-tags", mpitest.BuildTags)
	}
	for _, e := range Examples {
		args = append(args, "./examples/"+e.Name)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// Launcher is the MPI launcher the examples run under: OpenMPI's mpirun,
// or mpiexec.mpich with the build tag mpich.
const Launcher = mpitest.LauncherName

// LauncherCommand is the command line Run uses for np ranks, for display.
func LauncherCommand(bin string, np int) string {
	return strings.Join(mpitest.Command(np, bin).Args, " ")
}

// Output is what a run printed.
type Output struct {
	// Ranks holds each rank's lines of standard output, in the order the
	// rank printed them.
	Ranks map[int][]string
	// Untagged holds the lines of standard output without a rank tag:
	// the launcher's own.
	Untagged []string
	// Stderr is the standard error of the run, rank tags included.
	Stderr string
	// Err is the run's failure: a non-zero exit status or a timeout.
	Err error
	// Elapsed is the run's wall time.
	Elapsed time.Duration
}

// Text is the standard output in rank order: every line of rank 0, then
// every line of rank 1, ..., then any untagged line.
func (o *Output) Text() string {
	var b strings.Builder
	for _, r := range slices.Sorted(maps.Keys(o.Ranks)) {
		for _, l := range o.Ranks[r] {
			b.WriteString(l + "\n")
		}
	}
	for _, l := range o.Untagged {
		b.WriteString(l + "\n")
	}
	return b.String()
}

// Run runs bin under the launcher with np ranks. A run that outlives
// timeout is killed, with every process it started, and reported as
// hung.
func Run(bin string, np int, timeout time.Duration) *Output { return RunIn("", bin, np, timeout) }

// RunIn is Run with the ranks started in directory dir ("": the current
// directory), where the example writes its Files, and with arguments
// args. A relative bin is relative to dir.
func RunIn(dir, bin string, np int, timeout time.Duration, args ...string) *Output {
	cmd := mpitest.Command(np, bin, args...)
	cmd.Dir = dir
	o := run(cmd, timeout)
	lines := o.Untagged
	o.Untagged = nil
	o.Ranks = map[int][]string{}
	for _, l := range lines {
		if r, text, ok := mpitest.SplitTag(l); ok {
			o.Ranks[r] = append(o.Ranks[r], text)
		} else {
			o.Untagged = append(o.Untagged, l)
		}
	}
	return o
}

// RunAlone runs bin without a launcher: MPI makes it a world of one rank,
// rank 0, which prints every line.
func RunAlone(bin string, timeout time.Duration) *Output { return RunAloneIn("", bin, timeout) }

// RunAloneIn is RunAlone in directory dir, with arguments args.
func RunAloneIn(dir, bin string, timeout time.Duration, args ...string) *Output {
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	o := run(cmd, timeout)
	o.Ranks = map[int][]string{0: o.Untagged}
	o.Untagged = nil
	return o
}

// run runs cmd in a process group of its own, so that a hung job can be
// ended whole, and returns its standard output lines in Untagged.
func run(cmd *exec.Cmd, timeout time.Duration) *Output {
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	o := &Output{}
	if err := cmd.Start(); err != nil {
		o.Err = err
		return o
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case o.Err = <-done:
	case <-time.After(timeout):
		pgid := cmd.Process.Pid
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-done
		}
		o.Err = fmt.Errorf("still running after %v (hung?): killed", timeout)
	}
	o.Elapsed = time.Since(start)
	o.Stderr = stderr.String()
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		o.Untagged = append(o.Untagged, sc.Text())
	}
	return o
}

// ErrContext decorates a run's failure with its standard error, so that a
// failing example says why.
func (o *Output) ErrContext() string {
	if o.Err == nil {
		return ""
	}
	s := o.Err.Error()
	if e := strings.TrimSpace(o.Stderr); e != "" {
		s += "\n" + e
	}
	return s
}

// Expected returns the expected output of example name, from
// examples/testdata/<name>.out under root.
func Expected(root, name string) (string, error) {
	b, err := os.ReadFile(ExpectedPath(root, name))
	return string(b), err
}

// ExpectedPath is the file holding the expected output of example name.
func ExpectedPath(root, name string) string {
	return filepath.Join(root, "examples", "testdata", name+".out")
}
