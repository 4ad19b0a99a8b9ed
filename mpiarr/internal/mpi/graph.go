package mpi

/*
#include "graph.h"

#cgo noescape ndmpi_topo_kinds
#cgo nocallback ndmpi_topo_kinds
#cgo noescape ndmpi_topo_test
#cgo nocallback ndmpi_topo_test
#cgo noescape ndmpi_dist_graph_create_adjacent
#cgo nocallback ndmpi_dist_graph_create_adjacent
#cgo noescape ndmpi_dist_graph_neighbors_count
#cgo nocallback ndmpi_dist_graph_neighbors_count
#cgo noescape ndmpi_dist_graph_neighbors
#cgo nocallback ndmpi_dist_graph_neighbors
#cgo noescape ndmpi_graph_create
#cgo nocallback ndmpi_graph_create
#cgo noescape ndmpi_graph_neighbors_count
#cgo nocallback ndmpi_graph_neighbors_count
#cgo noescape ndmpi_graph_neighbors
#cgo nocallback ndmpi_graph_neighbors
*/
import "C"

// Topology kinds, as TopoTest reports them (Undefined for none).
var (
	// Cart is MPI_CART.
	Cart int
	// Graph is MPI_GRAPH.
	Graph int
	// DistGraph is MPI_DIST_GRAPH.
	DistGraph int
)

func init() {
	var c, g, d C.int
	C.ndmpi_topo_kinds(&c, &g, &d)
	Cart, Graph, DistGraph = int(c), int(g), int(d)
}

// TopoTest is MPI_Topo_test: Cart, Graph, DistGraph or Undefined.
func TopoTest(c Comm) (int, error) {
	var s C.int
	if rc := C.ndmpi_topo_test(C.ndmpi_h(c), &s); rc != 0 {
		return 0, newError("MPI_Topo_test", rc)
	}
	return int(s), nil
}

// weightsPtr passes weights to C; nil means MPI_UNWEIGHTED. An empty,
// non-nil slice still means weighted, so it gets a valid address.
func weightsPtr(w []int) *C.int64_t {
	if w == nil {
		return nil
	}
	if len(w) == 0 {
		w = make([]int, 1)
	}
	return i64ptr(w)
}

// DistGraphCreateAdjacent is MPI_Dist_graph_create_adjacent (with
// MPI_INFO_NULL): this rank receives from sources and sends to
// destinations. Nil weights are MPI_UNWEIGHTED; otherwise both weight
// slices are given, one per neighbour. The new communicator has
// MPI_ERRORS_RETURN.
func DistGraphCreateAdjacent(c Comm, sources, sourceWeights, destinations, destWeights []int, reorder bool) (Comm, error) {
	const op = "MPI_Dist_graph_create_adjacent"
	if (sourceWeights == nil) != (destWeights == nil) ||
		(sourceWeights != nil && (len(sourceWeights) != len(sources) || len(destWeights) != len(destinations))) {
		return CommNull, argError(op, ErrArg, "weights must be given for every neighbour or for none")
	}
	var out C.ndmpi_h
	rc := C.ndmpi_dist_graph_create_adjacent(C.ndmpi_h(c), C.int(len(sources)), i64ptr(sources), weightsPtr(sourceWeights),
		C.int(len(destinations)), i64ptr(destinations), weightsPtr(destWeights), cbool(reorder), &out)
	return handleOf(op, rc, out, CommNull)
}

// DistGraphNeighborsCount is MPI_Dist_graph_neighbors_count.
func DistGraphNeighborsCount(c Comm) (indegree, outdegree int, weighted bool, err error) {
	var in, out, w C.int
	if rc := C.ndmpi_dist_graph_neighbors_count(C.ndmpi_h(c), &in, &out, &w); rc != 0 {
		return 0, 0, false, newError("MPI_Dist_graph_neighbors_count", rc)
	}
	return int(in), int(out), w != 0, nil
}

// DistGraphNeighbors is MPI_Dist_graph_neighbors, sized by
// DistGraphNeighborsCount; the weights are nil for an unweighted graph.
func DistGraphNeighbors(c Comm) (sources, sourceWeights, destinations, destWeights []int, err error) {
	in, out, weighted, err := DistGraphNeighborsCount(c)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	sources, destinations = make([]int, in), make([]int, out)
	if weighted {
		sourceWeights, destWeights = make([]int, in), make([]int, out)
	}
	rc := C.ndmpi_dist_graph_neighbors(C.ndmpi_h(c), C.int(in), i64ptr(sources), weightsPtr(sourceWeights),
		C.int(out), i64ptr(destinations), weightsPtr(destWeights))
	if rc != 0 {
		return nil, nil, nil, nil, newError("MPI_Dist_graph_neighbors", rc)
	}
	return sources, sourceWeights, destinations, destWeights, nil
}

// GraphCreate is MPI_Graph_create: index and edges describe the whole
// graph as MPI does (index[i] is the number of edges of nodes 0..i). The
// new communicator has MPI_ERRORS_RETURN; ranks outside the graph get
// CommNull.
func GraphCreate(c Comm, index, edges []int, reorder bool) (Comm, error) {
	var out C.ndmpi_h
	rc := C.ndmpi_graph_create(C.ndmpi_h(c), C.int(len(index)), i64ptr(index), C.int(len(edges)), i64ptr(edges), cbool(reorder), &out)
	return handleOf("MPI_Graph_create", rc, out, CommNull)
}

// GraphNeighbors is MPI_Graph_neighbors (with MPI_Graph_neighbors_count):
// the neighbours of rank in a graph communicator.
func GraphNeighbors(c Comm, rank int) ([]int, error) {
	var n C.int
	if rc := C.ndmpi_graph_neighbors_count(C.ndmpi_h(c), cint(rank), &n); rc != 0 {
		return nil, newError("MPI_Graph_neighbors_count", rc)
	}
	out := make([]int, n)
	if rc := C.ndmpi_graph_neighbors(C.ndmpi_h(c), cint(rank), n, i64ptr(out)); rc != 0 {
		return nil, newError("MPI_Graph_neighbors", rc)
	}
	return out, nil
}
