package examples_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/examples/internal/runner"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heat2d prints the same lines for any number of ranks, but for the one
// naming the number of ranks and the process grid; the files it writes
// are the distributed and the serial result, which NumPy must read as the
// same N x N array.
func TestHeat2D(t *testing.T) {
	needLauncher(t)
	want, err := os.ReadFile(filepath.Join("testdata", "heat2d.out"))
	require.NoError(t, err)
	python := numpyPython()
	sizes := []int{1, 2, 3, 4}
	if testing.Short() {
		sizes = []int{4}
	}
	for _, np := range sizes {
		t.Run(fmt.Sprintf("np=%d", np), func(t *testing.T) {
			dir := t.TempDir()
			o := runner.RunIn(dir, built(t, "heat2d"), np, timeout)
			require.NoError(t, o.Err, "%s\n%s", runner.LauncherCommand("heat2d", np), o.ErrContext())
			assert.Equal(t, withoutGrid(string(want)), withoutGrid(o.Text()), "output with %d ranks against testdata/heat2d.out, but for the process grid line", np)
			ranks := fmt.Sprintf("%d ranks on a ", np)
			if np == 1 {
				ranks = "1 rank on a 1x1 process grid"
			}
			assert.Contains(t, o.Text(), ranks)
			checkNPY(t, python, dir, "heat2d.npy", "heat2d_serial.npy", 64, totalHeat(t, o.Text()))
		})
	}
	// Uneven blocks on both axes of a 2x2 grid (19 and 18 cells), and
	// -out into another directory.
	t.Run("np=4/n=37", func(t *testing.T) {
		if testing.Short() {
			t.Skip("-short")
		}
		dir := t.TempDir()
		out := filepath.Join(dir, "sub", "u.npy")
		require.NoError(t, os.Mkdir(filepath.Dir(out), 0o755))
		o := runner.RunIn(dir, built(t, "heat2d"), 4, timeout, "-n", "37", "-steps", "60", "-out", out)
		require.NoError(t, o.Err, o.ErrContext())
		assert.Contains(t, o.Text(), "against serial on rank 0: max |difference| = 0\n")
		assert.Contains(t, o.Text(), "redistributed onto the process grid (Redistribute): max |difference| = 0\n")
		checkNPY(t, python, filepath.Dir(out), "u.npy", "u_serial.npy", 37, totalHeat(t, o.Text()))
	})
}

// withoutGrid drops the line that names the number of ranks and the
// process grid.
func withoutGrid(out string) string {
	return runner.DropLines(out, func(l string) bool { return strings.Contains(l, "process grid; rank 0's block") })
}

// totalHeat is the total heat heat2d printed.
func totalHeat(t *testing.T, out string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(l, "total heat (sum over the grid): "); ok {
			return v
		}
	}
	t.Fatalf("no total heat in the output:\n%s", out)
	return ""
}

// numpyPython is a Python that imports NumPy ("" if none).
func numpyPython() string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import numpy").Run() == nil {
			return p
		}
	}
	return ""
}

// checkNPY loads the two files with NumPy: both N x N float64 arrays,
// equal, their sum the total heat heat2d printed.
func checkNPY(t *testing.T, python, dir, dist, serial string, n int, heat string) {
	t.Helper()
	if python == "" {
		t.Skip("no python3 with numpy (make deps installs it): the .npy files are not checked")
	}
	script := `import sys, numpy as np
a, b, n = np.load(sys.argv[1]), np.load(sys.argv[2]), int(sys.argv[3])
assert a.shape == (n, n) and a.dtype == np.float64, (a.shape, a.dtype)
assert b.shape == (n, n) and b.dtype == np.float64, (b.shape, b.dtype)
assert (a == b).all(), "the distributed and the serial result differ"
print("%.6f" % float(a.sum()))`
	cmd := exec.Command(python, "-c", script, filepath.Join(dir, dist), filepath.Join(dir, serial), strconv.Itoa(n))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "numpy.load of %s and %s:\n%s", dist, serial, out)
	assert.Equal(t, heat, strings.TrimSpace(string(out)), "numpy's sum of %s against heat2d's total heat", dist)
	// Header included: WriteNPY and ndarray.Save both write what
	// numpy.save would.
	a, err := os.ReadFile(filepath.Join(dir, dist))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, serial))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "%s and %s differ", dist, serial)
}
