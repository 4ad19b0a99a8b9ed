package runner

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ndmpi/ndmpi/ndarray"
)

// A CrossCheck runs an example of distributed computation on several
// numbers of ranks and compares what the runs computed: a distributed
// program must give what it gives on one rank. make demo runs them after
// the examples; the examples' tests run them too.
type CrossCheck struct {
	Name  string // the example's directory under examples/
	Shows string // what is compared, in a few words
	// Run runs the check with the example's binary, in an empty
	// directory, each run bounded by timeout. It returns what agreed, in a
	// line, or what did not.
	Run func(bin, dir string, timeout time.Duration) (string, error)
}

// CrossChecks are the examples' cross-checks.
var CrossChecks = []CrossCheck{
	{"heat2d", "a checkpoint written on 2 ranks and restarted on 3, and a run on 1 rank: the same bits", heat2DRestart},
	{"stats", "the statistics of one file on 1 rank and on 4", statsOnRanks},
	{"poisson3d", "the solution on 1 rank and on 4 (a pencil grid)", poissonOnRanks},
}

// heat2DRestart runs heat2d straight on 2 ranks, writing a checkpoint
// half way, restarts it from that checkpoint on 3 ranks, and runs it on
// 1: the three results must be the same bytes.
func heat2DRestart(bin, dir string, timeout time.Duration) (string, error) {
	const n, steps, half = "23", "40", "20"
	runs := []struct {
		np   int
		out  string
		args []string
	}{
		{2, "straight.npy", []string{"-checkpoint-at", half}},
		{3, "restarted.npy", []string{"-restart-at", half}},
		{1, "one.npy", nil},
	}
	var first []byte
	for _, r := range runs {
		args := append([]string{"-n", n, "-steps", steps, "-out", r.out}, r.args...)
		if o := RunIn(dir, bin, r.np, timeout, args...); o.Err != nil {
			return "", fmt.Errorf("heat2d %s on %d ranks: %w\n%s", strings.Join(args, " "), r.np, o.Err, o.ErrContext())
		}
		got, err := os.ReadFile(filepath.Join(dir, r.out))
		if err != nil {
			return "", err
		}
		if first == nil {
			first = got
		} else if !bytes.Equal(first, got) {
			return "", fmt.Errorf("heat2d on %d ranks (%s) ends with other bits than on 2 (%s)", r.np, r.out, runs[0].out)
		}
	}
	return fmt.Sprintf("%sx%s grid after %s steps: straight on 2 ranks, restarted on 3 from the checkpoint of step %s, and on 1 rank, the same %d bytes",
		n, n, steps, half, len(first)), nil
}

// statsOnRanks runs stats on 1 rank and on 4: every line but the one
// naming the ranks must be the same.
func statsOnRanks(bin, dir string, timeout time.Duration) (string, error) {
	var outs []string
	for _, np := range []int{1, 4} {
		d := filepath.Join(dir, fmt.Sprintf("np%d", np))
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", err
		}
		o := RunIn(d, bin, np, timeout)
		if o.Err != nil {
			return "", fmt.Errorf("stats on %d ranks: %w\n%s", np, o.Err, o.ErrContext())
		}
		outs = append(outs, WithoutRanks(o.Text()))
	}
	if outs[0] != outs[1] {
		return "", fmt.Errorf("stats prints other statistics on 4 ranks than on 1:\n1 rank:\n%s\n4 ranks:\n%s", outs[0], outs[1])
	}
	return fmt.Sprintf("%d lines of statistics, the same on 1 rank and on 4", strings.Count(outs[0], "\n")), nil
}

// WithoutRanks drops the line of stats's output that names the number of
// ranks.
func WithoutRanks(out string) string {
	return DropLines(out, func(l string) bool { return strings.HasPrefix(l, "on ") })
}

// DropLines returns out without the lines drop reports true for: the
// lines of an example's output that depend on the number of ranks.
func DropLines(out string, drop func(line string) bool) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if !drop(l) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// MaxAbsDiff is max |a - b| (NumPy's abs(a - b).max()), NaN where a
// difference is.
func MaxAbsDiff(a, b *ndarray.Array[float64]) (float64, error) {
	d, err := ndarray.Subtract(a, b)
	if err != nil {
		return 0, err
	}
	d, err = ndarray.Absolute(d)
	if err != nil {
		return 0, err
	}
	return ndarray.Max(d)
}

// poissonTolerance bounds the difference of solutions computed on
// different grids: their FFTs add in other orders.
const poissonTolerance = 1e-12

// poissonOnRanks solves on 1 rank and on 4: the solutions written must
// agree to poissonTolerance.
func poissonOnRanks(bin, dir string, timeout time.Duration) (string, error) {
	var us []*ndarray.Array[float64]
	for _, np := range []int{1, 4} {
		file := filepath.Join(dir, fmt.Sprintf("u%d.npy", np))
		if o := RunIn(dir, bin, np, timeout, "-out", file); o.Err != nil {
			return "", fmt.Errorf("poisson3d on %d ranks: %w\n%s", np, o.Err, o.ErrContext())
		}
		u, err := ndarray.Load[float64](file)
		if err != nil {
			return "", err
		}
		us = append(us, u)
	}
	worst, err := MaxAbsDiff(us[1], us[0])
	if err != nil {
		return "", fmt.Errorf("poisson3d's solutions on 1 rank and on 4: %w", err)
	}
	if !(worst <= poissonTolerance) { // NaN too
		return "", fmt.Errorf("poisson3d's solutions on 1 rank and on 4 differ by %g, more than %g", worst, poissonTolerance)
	}
	return fmt.Sprintf("solution %v: max |u on 4 ranks - u on 1| = %.2g", us[0].Shape(), worst), nil
}
