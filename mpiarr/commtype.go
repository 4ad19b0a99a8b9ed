// Splitting a communicator by what its ranks share (MPI_Comm_split_type):
// the ranks of one node, which can share memory.

package mpiarr

import "github.com/ndmpi/ndmpi/mpiarr/internal/mpi"

// CommType is the kind of resource SplitType groups ranks by.
type CommType int

// CommTypeShared is MPI.COMM_TYPE_SHARED: SplitType groups the ranks that
// can share memory, the ranks of one node.
var CommTypeShared = CommType(mpi.CommTypeShared)

// SplitType partitions the communicator by the resource its ranks share
// (mpi4py's comm.Split_type(split_type, key)): with CommTypeShared, the
// ranks of each node form a communicator of their own, ordered by key
// (ties by rank in c). A rank passing CommType(Undefined) takes part but
// gets nil. Every rank of c must call it; a split type other than
// CommTypeShared or Undefined is an ErrArg error, before any
// communication. Free the result when done.
func (c *Comm) SplitType(splitType CommType, key int) (*Comm, error) {
	const op = "SplitType"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	if splitType != CommTypeShared && int(splitType) != Undefined {
		return nil, newError(op, ErrArg, "split type %d: use CommTypeShared (%d) or CommType(Undefined)", splitType, CommTypeShared)
	}
	enter()
	h, err := mpi.CommSplitType(c.h, int(splitType), key)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	if h == mpi.CommNull {
		return nil, nil
	}
	return c.adopt(h)
}
