// How two communicators or two groups relate (MPI_Comm_compare,
// MPI_Group_compare): the same object, the same ranks in the same order,
// the same ranks in another order, or not the same ranks.

package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Comparison is the result of Comm.Compare and Group.Compare.
type Comparison int

// The results of a comparison, MPI's values read at start-up.
var (
	// Ident is MPI.IDENT: the same communicator (or group), not a copy.
	Ident = Comparison(mpi.Ident)
	// Congruent is MPI.CONGRUENT: communicators with the same ranks in the
	// same order but separate message spaces (a Dup).
	Congruent = Comparison(mpi.Congruent)
	// Similar is MPI.SIMILAR: the same processes in another order.
	Similar = Comparison(mpi.Similar)
	// Unequal is MPI.UNEQUAL: not the same processes.
	Unequal = Comparison(mpi.Unequal)
)

// String returns MPI's name of the result, e.g. "MPI_CONGRUENT".
func (r Comparison) String() string {
	switch r {
	case Ident:
		return "MPI_IDENT"
	case Congruent:
		return "MPI_CONGRUENT"
	case Similar:
		return "MPI_SIMILAR"
	case Unequal:
		return "MPI_UNEQUAL"
	}
	return fmt.Sprintf("Comparison(%d)", int(r))
}

// Compare tells how c and other relate (mpi4py's comm.Compare(other),
// MPI_Comm_compare): Ident for handles on the same MPI communicator,
// whatever their policies; Congruent for a Dup; Similar for the same
// processes in another order; Unequal otherwise. It is local: no rank
// waits for another.
func (c *Comm) Compare(other *Comm) (Comparison, error) {
	const op = "Compare"
	if err := c.usable(op); err != nil {
		return 0, err
	}
	if other == nil {
		return 0, newError(op, ErrArg, "the other communicator is nil (a rank outside a Split, SplitType or Create gets nil)")
	}
	enter()
	r, err := mpi.CommCompare(c.h, other.h)
	leave()
	if err != nil {
		return 0, mpiError(op, err)
	}
	return Comparison(r), nil
}
