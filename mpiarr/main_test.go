package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
)

// The tests run on one rank, then under mpirun with 2, 3 and 4 ranks (see
// package mpitest).
func TestMain(m *testing.M) { mpitest.Main(m, 2, 3, 4) }
