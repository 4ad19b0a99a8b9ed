// Graph and distributed-graph process topologies: communicators whose
// ranks exchange with the neighbours an application names, for the
// neighbour collectives (mpi4py's Graphcomm and Distgraphcomm).

package mpiarr

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// DistGraphComm is a communicator with a distributed-graph topology
// (mpi4py's MPI.Distgraphcomm), made by Comm.CreateDistGraphAdjacent. It
// is a Comm: every method of Comm applies, and the neighbour collectives
// receive from its sources and send to its destinations.
type DistGraphComm struct {
	*Comm
}

// CreateDistGraphAdjacent makes a communicator on which this rank
// receives from sources and sends to destinations, ranks of c (mpi4py's
// comm.Create_dist_graph_adjacent(sources, destinations, sourceweights,
// destweights, reorder=reorder), MPI_Dist_graph_create_adjacent). Weights
// are nil (MPI.UNWEIGHTED) or one non-negative weight per neighbour, on
// both sides. Every rank of c calls it; with reorder MPI may renumber the
// ranks to suit the machine. The result has c's policies; Free it when
// done.
//
// The edges must match: rank a lists b among its destinations exactly as
// often as b lists a among its sources. Before creating anything, every
// rank tells every other how many edges it has to it (one Alltoall of a
// count per rank), so that ranks out of range, weights of the wrong
// length and edges that do not match are an error on every rank, not a
// neighbour collective that waits for ever.
//
// Several edges between the same two ranks are allowed, but MPI libraries
// differ in which part of a NeighborAlltoall travels along which: OpenMPI
// matches them in the order of the lists, MPICH 4 does not. Keep the
// edges between two ranks unique when their parts differ.
func (c *Comm) CreateDistGraphAdjacent(sources, destinations []int, sourceWeights, destWeights []int, reorder bool) (*DistGraphComm, error) {
	const op = "CreateDistGraphAdjacent"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	mine := c.checkAdjacency(op, sources, destinations, sourceWeights, destWeights)
	if err := c.edgesMatch(op, sources, destinations, mine); err != nil {
		return nil, err
	}
	enter()
	h, err := mpi.DistGraphCreateAdjacent(c.h, sources, sourceWeights, destinations, destWeights, reorder)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	d, err := c.adopt(h)
	if err != nil {
		return nil, err
	}
	return &DistGraphComm{Comm: d}, nil
}

// checkAdjacency checks one rank's lists on their own.
func (c *Comm) checkAdjacency(op string, sources, destinations, sourceWeights, destWeights []int) error {
	if (sourceWeights == nil) != (destWeights == nil) {
		return newError(op, ErrArg, "weights on one side only (%d source, %d destination weights): give them on both sides or on neither",
			len(sourceWeights), len(destWeights))
	}
	for _, side := range []struct {
		name          string
		ranks, weight []int
	}{{"source", sources, sourceWeights}, {"destination", destinations, destWeights}} {
		for i, r := range side.ranks {
			if r < 0 || r >= c.size {
				return newError(op, ErrArg, "%s %d (entry %d) out of range for a communicator of %d ranks", side.name, r, i, c.size)
			}
		}
		if side.weight == nil {
			continue
		}
		if len(side.weight) != len(side.ranks) {
			return newError(op, ErrCount, "%d %s weights for %d %ss", len(side.weight), side.name, len(side.ranks), side.name)
		}
		for i, w := range side.weight {
			if w < 0 {
				return newError(op, ErrArg, "negative %s weight %d (entry %d)", side.name, w, i)
			}
		}
	}
	return nil
}

// edgesMatch exchanges the number of edges between every pair of ranks
// and returns an error on every rank if any rank's own lists were wrong
// (mine) or the two ends of some edge disagree.
func (c *Comm) edgesMatch(op string, sources, destinations []int, mine error) error {
	out := make([]int64, c.size) // edges this rank sends to each rank
	in := make([]int64, c.size)  // edges this rank expects from each rank
	if mine == nil {
		for _, d := range destinations {
			out[d]++
		}
		for _, s := range sources {
			in[s]++
		}
	}
	told := make([]int64, c.size) // what each rank says it sends here
	enter()
	err := mpi.Alltoall(unsafe.Pointer(&out[0]), 1, mpi.Int64, unsafe.Pointer(&told[0]), 1, mpi.Int64, c.h)
	leave()
	if err != nil {
		return mpiError(op, err)
	}
	local := mine
	if local == nil {
		for r := range told {
			if told[r] != in[r] {
				local = newError(op, ErrArg, "rank %d lists rank %d %d times among its destinations, but rank %d lists it %d times among its sources",
					r, c.rank, told[r], c.rank, in[r])
				break
			}
		}
	}
	return c.anyFailed(op, local)
}

// GetDistNeighbors returns the sources and destinations of this rank,
// with their weights (nil for an unweighted graph) (mpi4py's
// comm.Get_dist_neighbors(), MPI_Dist_graph_neighbors).
func (g *DistGraphComm) GetDistNeighbors() (sources, destinations, sourceWeights, destWeights []int, err error) {
	const op = "GetDistNeighbors"
	if err := g.usable(op); err != nil {
		return nil, nil, nil, nil, err
	}
	enter()
	sources, sourceWeights, destinations, destWeights, err = mpi.DistGraphNeighbors(g.h)
	leave()
	if err != nil {
		return nil, nil, nil, nil, mpiError(op, err)
	}
	return sources, destinations, sourceWeights, destWeights, nil
}

// GetDistNeighborsCount returns the number of sources and destinations
// of this rank and whether the graph is weighted (mpi4py's
// comm.Get_dist_neighbors_count(), MPI_Dist_graph_neighbors_count).
func (g *DistGraphComm) GetDistNeighborsCount() (indegree, outdegree int, weighted bool, err error) {
	const op = "GetDistNeighborsCount"
	if err := g.usable(op); err != nil {
		return 0, 0, false, err
	}
	enter()
	indegree, outdegree, weighted, err = mpi.DistGraphNeighborsCount(g.h)
	leave()
	if err != nil {
		return 0, 0, false, mpiError(op, err)
	}
	return indegree, outdegree, weighted, nil
}

// WithLayout returns a handle on the same graph with layout policy l.
func (g *DistGraphComm) WithLayout(l Layout) *DistGraphComm {
	return &DistGraphComm{Comm: g.Comm.WithLayout(l)}
}

// GraphComm is a communicator with a graph topology (mpi4py's
// MPI.Graphcomm), made by Comm.CreateGraph: every rank knows the whole
// graph, and the neighbour collectives exchange with a rank's neighbours
// both ways.
type GraphComm struct {
	*Comm
}

// CreateGraph arranges the ranks of c as the nodes of an undirected graph
// (mpi4py's comm.Create_graph(index, edges, reorder), MPI_Graph_create),
// given whole on every rank: index[i] is the number of edges of nodes 0
// to i together, edges lists the neighbours of node 0, then of node 1, and
// so on. The graph may have fewer nodes than c has ranks: the ranks
// beyond it get nil. A graph larger than c, index that does not
// increase, and edges out of range or of another count than index's last
// entry are ErrArg errors on every rank. Free the result when done.
func (c *Comm) CreateGraph(index, edges []int, reorder bool) (*GraphComm, error) {
	const op = "CreateGraph"
	if err := c.usable(op); err != nil {
		return nil, err
	}
	n := len(index)
	if n > c.size {
		return nil, newError(op, ErrArg, "a graph of %d nodes on a communicator of %d ranks", n, c.size)
	}
	prev := 0
	for i, x := range index {
		if x < prev {
			return nil, newError(op, ErrArg, "index %v decreases at entry %d: entry i counts the edges of nodes 0 to i", index, i)
		}
		prev = x
	}
	if prev != len(edges) {
		return nil, newError(op, ErrCount, "index ends at %d edges, edges has %d", prev, len(edges))
	}
	for i, e := range edges {
		if e < 0 || e >= n {
			return nil, newError(op, ErrArg, "edge %d (entry %d) names no node of a graph of %d nodes", e, i, n)
		}
	}
	enter()
	h, err := mpi.GraphCreate(c.h, index, edges, reorder)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	if h == mpi.CommNull {
		return nil, nil
	}
	d, err := c.adopt(h)
	if err != nil {
		return nil, err
	}
	return &GraphComm{Comm: d}, nil
}

// GetNeighbors returns the neighbours of rank in the graph (mpi4py's
// graph.Get_neighbors(rank), MPI_Graph_neighbors).
func (g *GraphComm) GetNeighbors(rank int) ([]int, error) {
	const op = "GetNeighbors"
	if err := g.usable(op); err != nil {
		return nil, err
	}
	if rank < 0 || rank >= g.size {
		return nil, newError(op, ErrArg, "rank %d out of range for a graph of %d nodes", rank, g.size)
	}
	enter()
	nb, err := mpi.GraphNeighbors(g.h, rank)
	leave()
	if err != nil {
		return nil, mpiError(op, err)
	}
	return nb, nil
}
