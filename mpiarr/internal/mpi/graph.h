/*
 * graph.h - graph and distributed-graph process topologies, and which
 * topology a communicator has, implemented in graph.c. Declared apart
 * from ndmpi.h so that this concept's interface stays in one place.
 */
#ifndef NDMPI_GRAPH_H
#define NDMPI_GRAPH_H

#include "ndmpi.h"

/* ndmpi_topo_kinds reads MPI_CART, MPI_GRAPH and MPI_DIST_GRAPH, whose
 * values differ between implementations. */
void ndmpi_topo_kinds(int *cart, int *graph, int *dist_graph);
int ndmpi_topo_test(ndmpi_h comm, int *status);
/* Null weights are MPI_UNWEIGHTED. */
int ndmpi_dist_graph_create_adjacent(ndmpi_h comm, int indegree, const int64_t *sources,
				     const int64_t *sourceweights, int outdegree,
				     const int64_t *destinations, const int64_t *destweights,
				     int reorder, ndmpi_h *out);
int ndmpi_dist_graph_neighbors_count(ndmpi_h comm, int *indegree, int *outdegree, int *weighted);
/* Weights are written only when the arrays are not null. */
int ndmpi_dist_graph_neighbors(ndmpi_h comm, int maxindegree, int64_t *sources,
			       int64_t *sourceweights, int maxoutdegree, int64_t *destinations,
			       int64_t *destweights);
int ndmpi_graph_create(ndmpi_h comm, int nnodes, const int64_t *index, int nedges,
		       const int64_t *edges, int reorder, ndmpi_h *out);
int ndmpi_graph_neighbors_count(ndmpi_h comm, int rank, int *n);
int ndmpi_graph_neighbors(ndmpi_h comm, int rank, int max, int64_t *neighbors);

#endif /* NDMPI_GRAPH_H */
