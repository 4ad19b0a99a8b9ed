/*
 * graph.c - graph and distributed-graph topologies.
 *
 * Ranks, degrees, weights and edge lists arrive as int64 slices from Go;
 * values outside the int range are refused here before MPI sees them, as
 * in topo.c. New communicators get MPI_ERRORS_RETURN like every
 * communicator the binding creates.
 */
#include "internal.h"
#include "graph.h"

/* ints_from converts n values, refusing a negative n and values outside
 * the int range with err. */
static int ints_from(intvec *v, int n, const int64_t *src, int err)
{
	if (n < 0)
		return err;
	for (int i = 0; i < n; i++)
		if (!fits_displ(src[i]))
			return err;
	return intvec_from(v, src, n);
}

/* ints_to copies n ints back to int64s. */
static void ints_to(int64_t *dst, const int *src, int n)
{
	for (int i = 0; i < n; i++)
		dst[i] = src[i];
}

void ndmpi_topo_kinds(int *cart, int *graph, int *dist_graph)
{
	*cart = MPI_CART;
	*graph = MPI_GRAPH;
	*dist_graph = MPI_DIST_GRAPH;
}

int ndmpi_topo_test(ndmpi_h comm, int *status) { return MPI_Topo_test(ndmpi_comm(comm), status); }

int ndmpi_dist_graph_create_adjacent(ndmpi_h comm, int indegree, const int64_t *sources,
				     const int64_t *sourceweights, int outdegree,
				     const int64_t *destinations, const int64_t *destweights,
				     int reorder, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	intvec s = {0}, sw = {0}, d = {0}, dw = {0};
	int weighted = sourceweights != NULL;
	int rc = ints_from(&s, indegree, sources, MPI_ERR_RANK);
	if (rc == MPI_SUCCESS)
		rc = ints_from(&d, outdegree, destinations, MPI_ERR_RANK);
	if (rc == MPI_SUCCESS && weighted)
		rc = ints_from(&sw, indegree, sourceweights, MPI_ERR_ARG);
	if (rc == MPI_SUCCESS && weighted)
		rc = ints_from(&dw, outdegree, destweights, MPI_ERR_ARG);
	if (rc == MPI_SUCCESS)
		rc = MPI_Dist_graph_create_adjacent(ndmpi_comm(comm), indegree, s.p,
						    weighted ? sw.p : MPI_UNWEIGHTED, outdegree, d.p,
						    weighted ? dw.p : MPI_UNWEIGHTED, MPI_INFO_NULL,
						    reorder, &c);
	intvec_free(&dw);
	intvec_free(&sw);
	intvec_free(&d);
	intvec_free(&s);
	return nd_comm_made(rc, c, out);
}

int ndmpi_dist_graph_neighbors_count(ndmpi_h comm, int *indegree, int *outdegree, int *weighted)
{
	return MPI_Dist_graph_neighbors_count(ndmpi_comm(comm), indegree, outdegree, weighted);
}

int ndmpi_dist_graph_neighbors(ndmpi_h comm, int maxindegree, int64_t *sources,
			       int64_t *sourceweights, int maxoutdegree, int64_t *destinations,
			       int64_t *destweights)
{
	intvec s = {0}, sw = {0}, d = {0}, dw = {0};
	int weighted = sourceweights != NULL;
	int rc = intvec_init(&s, maxindegree);
	if (rc == MPI_SUCCESS)
		rc = intvec_init(&d, maxoutdegree);
	if (rc == MPI_SUCCESS && weighted)
		rc = intvec_init(&sw, maxindegree);
	if (rc == MPI_SUCCESS && weighted)
		rc = intvec_init(&dw, maxoutdegree);
	if (rc == MPI_SUCCESS)
		rc = MPI_Dist_graph_neighbors(ndmpi_comm(comm), maxindegree, s.p,
					      weighted ? sw.p : MPI_UNWEIGHTED, maxoutdegree, d.p,
					      weighted ? dw.p : MPI_UNWEIGHTED);
	if (rc == MPI_SUCCESS) {
		ints_to(sources, s.p, maxindegree);
		ints_to(destinations, d.p, maxoutdegree);
		if (weighted) {
			ints_to(sourceweights, sw.p, maxindegree);
			ints_to(destweights, dw.p, maxoutdegree);
		}
	}
	intvec_free(&dw);
	intvec_free(&sw);
	intvec_free(&d);
	intvec_free(&s);
	return rc;
}

int ndmpi_graph_create(ndmpi_h comm, int nnodes, const int64_t *index, int nedges,
		       const int64_t *edges, int reorder, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	intvec ix = {0}, e = {0};
	int rc = ints_from(&ix, nnodes, index, MPI_ERR_ARG);
	if (rc == MPI_SUCCESS)
		rc = ints_from(&e, nedges, edges, MPI_ERR_RANK);
	if (rc == MPI_SUCCESS)
		rc = MPI_Graph_create(ndmpi_comm(comm), nnodes, ix.p, e.p, reorder, &c);
	intvec_free(&e);
	intvec_free(&ix);
	return nd_comm_made(rc, c, out);
}

int ndmpi_graph_neighbors_count(ndmpi_h comm, int rank, int *n)
{
	return MPI_Graph_neighbors_count(ndmpi_comm(comm), rank, n);
}

int ndmpi_graph_neighbors(ndmpi_h comm, int rank, int max, int64_t *neighbors)
{
	intvec v;
	int rc = intvec_init(&v, max);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Graph_neighbors(ndmpi_comm(comm), rank, max, v.p);
	if (rc == MPI_SUCCESS)
		ints_to(neighbors, v.p, max);
	intvec_free(&v);
	return rc;
}
