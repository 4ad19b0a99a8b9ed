package mpiarr_test

import (
	"os"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
)

// The tests run on one rank, then under mpirun with 2, 3 and 4 ranks (see
// package mpitest). With MPIARR_TEST_PROGRAM set, the test binary runs
// that program of programs_test.go instead, for tests that need a process
// of their own (one that calls Finalize, for example).
func TestMain(m *testing.M) {
	if name := os.Getenv("MPIARR_TEST_PROGRAM"); name != "" {
		os.Exit(runProgram(name))
	}
	mpitest.Main(m, 2, 3, 4)
}
