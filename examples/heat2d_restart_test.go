package examples_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ndmpi/ndmpi/examples/internal/runner"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heat2d run straight on 2 ranks with a checkpoint half way, then
// restarted from that checkpoint on 3 ranks (and on 1 and 4), ends with
// the same bits: the .npy files of the results are equal byte for byte,
// and each run equals the serial run on its rank 0.
func TestHeat2DRestart(t *testing.T) {
	needLauncher(t)
	const n, steps, half = "23", "40", "20"
	dir := t.TempDir()
	bin := built(t, "heat2d")
	o := runner.RunIn(dir, bin, 2, timeout, "-n", n, "-steps", steps, "-checkpoint-at", half, "-out", "straight.npy")
	require.NoError(t, o.Err, o.ErrContext())
	assert.Contains(t, o.Text(), "checkpoint after step 20: heat2d_checkpoint.npy, written by 2 ranks (WriteNPY)\n")
	assert.Contains(t, o.Text(), "against serial on rank 0: max |difference| = 0\n")
	straight, err := os.ReadFile(filepath.Join(dir, "straight.npy"))
	require.NoError(t, err)

	sizes := []int{3, 1, 4}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, np := range sizes {
		t.Run(fmt.Sprintf("np=%d", np), func(t *testing.T) {
			out := fmt.Sprintf("restart%d.npy", np)
			o := runner.RunIn(dir, bin, np, timeout, "-n", n, "-steps", steps, "-restart-at", half, "-out", out)
			require.NoError(t, o.Err, o.ErrContext())
			rank := "ranks"
			if np == 1 {
				rank = "rank"
			}
			assert.Contains(t, o.Text(), fmt.Sprintf("restart after step 20 from heat2d_checkpoint.npy, read by %d %s (ReadNPY)\n", np, rank))
			assert.Contains(t, o.Text(), "against serial on rank 0: max |difference| = 0\n")
			got, err := os.ReadFile(filepath.Join(dir, out))
			require.NoError(t, err)
			assert.True(t, bytes.Equal(straight, got), "the run restarted on %d ranks ends with other bits than the straight run on 2", np)
		})
	}

	// A checkpoint that does not exist, and steps out of range, stop the
	// program with an error on every rank.
	for _, args := range [][]string{
		{"-restart-at", "5", "-checkpoint", "missing.npy"},
		{"-restart-at", "50"},
		{"-checkpoint-at", "3", "-restart-at", half},
	} {
		o := runner.RunIn(dir, bin, 2, timeout, append([]string{"-n", n, "-steps", steps}, args...)...)
		assert.Error(t, o.Err, "%v:\n%s", args, o.Text())
	}
}
