package examples_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/examples/internal/runner"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// poisson3d on one rank and on several (a slab on 3, a pencil on 4, the
// odd size with uneven blocks and an odd last axis for rfftn) prints the
// same lines but for the one naming the grids, solves to rounding (the
// exact solution is band-limited), and writes solutions that agree to
// 1e-12.
func TestPoisson3D(t *testing.T) {
	needLauncher(t)
	bin := filepath.Join(t.TempDir(), "poisson3d")
	args := []string{"build", "-o", bin}
	if mpitest.BuildTags != "" {
		args = append(args, "-tags", mpitest.BuildTags)
	}
	build := exec.Command("go", append(args, "./poisson3d")...)
	out, err := build.CombinedOutput()
	require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), out)

	for _, tc := range []struct {
		n     int
		ranks []int
		grid  string // the grids line on the most ranks
	}{
		{32, []int{1, 4}, "4 ranks on a 2x2x1 process grid; the spectrum 32x32x17 on 1x2x2"},
		{19, []int{1, 3, 4}, "4 ranks on a 2x2x1 process grid; the spectrum 19x19x10 on 1x2x2"},
	} {
		dir := t.TempDir()
		var u1 *ndarray.Array[float64]
		for _, np := range tc.ranks {
			t.Run(fmt.Sprintf("n=%d/np=%d", tc.n, np), func(t *testing.T) {
				file := filepath.Join(dir, fmt.Sprintf("u%d.npy", np))
				o := runner.RunIn(dir, bin, np, timeout, "-n", strconv.Itoa(tc.n), "-out", file)
				require.NoError(t, o.Err, o.ErrContext())
				lines := strings.Split(strings.TrimSpace(o.Text()), "\n")
				require.Len(t, lines, 4, o.Text())
				require.Equal(t, fmt.Sprintf("Poisson equation -lap(u) = f on a periodic %dx%dx%d grid, solved with rfftn and irfftn", tc.n, tc.n, tc.n), lines[0])
				if np == 4 {
					require.Equal(t, tc.grid, lines[1])
				}
				e, ok := strings.CutPrefix(lines[2], "max |u - exact| = ")
				require.True(t, ok, lines[2])
				maxErr, err := strconv.ParseFloat(e, 64)
				require.NoError(t, err)
				require.Less(t, maxErr, 1e-13, "spectral accuracy for a band-limited solution")
				require.Equal(t, "rms of u = 0.500000000000", lines[3])

				u, err := ndarray.Load[float64](file)
				require.NoError(t, err)
				require.Equal(t, []int{tc.n, tc.n, tc.n}, u.Shape())
				if u1 == nil {
					u1 = u
					return
				}
				worst, err := runner.MaxAbsDiff(u, u1)
				require.NoError(t, err)
				require.LessOrEqual(t, worst, 1e-12, "max |u on %d ranks - u on 1 rank|", np)
			})
		}
	}
}
