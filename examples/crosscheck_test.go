package examples_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/examples/internal/runner"
	"github.com/stretchr/testify/require"
)

// TestCrossChecks runs make demo's cross-checks: each distributed example
// computes on other numbers of ranks what it computes on one.
func TestCrossChecks(t *testing.T) {
	needLauncher(t)
	for _, c := range runner.CrossChecks {
		t.Run(c.Name, func(t *testing.T) {
			what, err := c.Run(built(t, c.Name), t.TempDir(), timeout)
			require.NoError(t, err)
			t.Log(what)
		})
	}
}
