package examples_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/examples/internal/runner"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stats prints the same statistics on 1 and 4 ranks (the line naming the
// number of ranks aside), and they are NumPy's for the file it wrote; the
// archive it writes is numpy.savez's. A data set of fewer rows than
// ranks leaves a rank no rows, and still works.
func TestStats(t *testing.T) {
	needLauncher(t)
	python := numpyPython()
	for _, args := range [][]string{nil, {"-rows", "3", "-cols", "5"}} {
		t.Run(strings.Join(append([]string{"args"}, args...), " "), func(t *testing.T) {
			outs := map[int]string{}
			for _, np := range []int{1, 4} {
				dir := t.TempDir()
				o := runner.RunIn(dir, built(t, "stats"), np, timeout, args...)
				require.NoError(t, o.Err, "%s\n%s", runner.LauncherCommand("stats", np), o.ErrContext())
				require.Contains(t, o.Text(), fmt.Sprintf("on %d %s: rank 0 read rows", np, map[bool]string{true: "rank", false: "ranks"}[np == 1]))
				outs[np] = runner.WithoutRanks(o.Text())
				if np == 4 {
					checkStatsNumPy(t, python, dir, o.Text())
				}
			}
			assert.Equal(t, outs[1], outs[4], "the output on 1 rank and on 4, but for the line naming the ranks")
		})
	}
}

// checkStatsNumPy prints the table stats prints, computed by NumPy from
// the file stats wrote, and compares; and checks the archive.
func checkStatsNumPy(t *testing.T, python, dir, out string) {
	t.Helper()
	if python == "" {
		t.Log("no python3 with numpy (make deps installs it): the statistics are not checked against NumPy")
		return
	}
	script := `import numpy as np
a = np.load("stats.npy")
print("%-8s %14s %14s %14s %14s %14s %10s" % ("column", "mean", "std", "min", "max", "median", "argmax"))
for j in range(a.shape[1]):
    c = a[:, j]
    print("%-8d %14.6f %14.6f %14.6f %14.6f %14.6f %10d" % (j, c.mean(), c.std(), c.min(), c.max(), np.median(c), c.argmax()))
k = int(a.argmax())
print("mean of every value: %.6f; largest value at flat index %d (row %d, column %d)" % (a.mean(), k, k // a.shape[1], k % a.shape[1]))
z = np.load("stats.npz")
assert z.files == ["data", "sorted0"], z.files
assert (z["data"] == a).all() and (z["sorted0"] == np.sort(a[:, 0])).all()`
	cmd := exec.Command(python, "-c", script)
	cmd.Dir = dir
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "NumPy's statistics of %s:\n%s", filepath.Join(dir, "stats.npy"), b)
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		assert.Contains(t, out, l+"\n", "NumPy's line is not in stats's output")
	}
}
