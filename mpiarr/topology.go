// Which process topology a communicator carries, and who its neighbours
// are in the order the neighbour collectives use: what every kind of
// topology (Cartesian, graph, distributed graph) answers alike.

package mpiarr

import (
	"fmt"
	"slices"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// Topology is the kind of process topology of a communicator.
type Topology int

// The kinds of topology, MPI's values read at start-up.
var (
	// NoTopology is MPI.UNDEFINED: a communicator without a topology.
	NoTopology = Topology(mpi.Undefined)
	// Cart is MPI.CART (CreateCart).
	Cart = Topology(mpi.Cart)
	// Graph is MPI.GRAPH (CreateGraph).
	Graph = Topology(mpi.Graph)
	// DistGraph is MPI.DIST_GRAPH (CreateDistGraphAdjacent).
	DistGraph = Topology(mpi.DistGraph)
)

// String returns MPI's name of the kind, e.g. "MPI_CART".
func (t Topology) String() string {
	switch t {
	case NoTopology:
		return "MPI_UNDEFINED"
	case Cart:
		return "MPI_CART"
	case Graph:
		return "MPI_GRAPH"
	case DistGraph:
		return "MPI_DIST_GRAPH"
	}
	return fmt.Sprintf("Topology(%d)", int(t))
}

// Topology returns the kind of topology the communicator carries
// (mpi4py's comm.Get_topology(), MPI_Topo_test), NoTopology if none.
func (c *Comm) Topology() (Topology, error) {
	const op = "Topology"
	if err := c.usable(op); err != nil {
		return 0, err
	}
	enter()
	t, err := mpi.TopoTest(c.h)
	leave()
	if err != nil {
		return 0, mpiError(op, err)
	}
	return Topology(t), nil
}

// InOutEdges returns the ranks this rank receives from (sources) and
// sends to (destinations) in the neighbour collectives, in the order of
// their parts in the buffers (mpi4py's comm.inoutedges): on a Cartesian
// grid, for each dimension the rank one step behind, then the rank one
// step ahead, ProcNull off a non-periodic edge (its parts are sent
// nowhere and left untouched on receipt); on a graph, the neighbours of
// this rank, both ways; on a distributed graph, the sources and
// destinations it was created with. A communicator without a topology is
// an ErrArg error.
func (c *Comm) InOutEdges() (sources, destinations []int, err error) {
	return c.edges("InOutEdges")
}

// edges is InOutEdges attributed to op.
func (c *Comm) edges(op string) (sources, destinations []int, err error) {
	if err := c.usable(op); err != nil {
		return nil, nil, err
	}
	enter()
	defer leave()
	t, err := mpi.TopoTest(c.h)
	if err != nil {
		return nil, nil, mpiError(op, err)
	}
	switch t {
	case mpi.Cart:
		dims, _, _, err := mpi.CartGet(c.h)
		if err != nil {
			return nil, nil, mpiError(op, err)
		}
		sources = make([]int, 0, 2*len(dims))
		for k := range dims {
			s, d, err := mpi.CartShift(c.h, k, 1)
			if err != nil {
				return nil, nil, mpiError(op, err)
			}
			sources = append(sources, s, d)
		}
		return sources, slices.Clone(sources), nil
	case mpi.Graph:
		nb, err := mpi.GraphNeighbors(c.h, c.rank)
		if err != nil {
			return nil, nil, mpiError(op, err)
		}
		return nb, slices.Clone(nb), nil
	case mpi.DistGraph:
		s, _, d, _, err := mpi.DistGraphNeighbors(c.h)
		if err != nil {
			return nil, nil, mpiError(op, err)
		}
		return s, d, nil
	}
	return nil, nil, newError(op, ErrArg, "the communicator of %d ranks has no process topology: make one with CreateCart, CreateGraph or CreateDistGraphAdjacent", c.size)
}
