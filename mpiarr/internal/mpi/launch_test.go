package mpi_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
)

// Plain `go test` runs every test on one rank (a singleton: TestMulti*
// tests skip what needs more ranks), then the TestMulti* tests under the
// MPI launcher of the build with 2 and 3 ranks; see package mpitest.
func TestMain(m *testing.M) {
	activeBeforeInit = mpi.Active()
	mpitest.MainWith(m, mpitest.Options{Ranks: []int{2, 3}, Run: "^TestMulti"})
}

// activeBeforeInit is what Active said before mpitest called Init.
var activeBeforeInit bool

func underLauncher() bool { return mpitest.UnderLauncher() }
