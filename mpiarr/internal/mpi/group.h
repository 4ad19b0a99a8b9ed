/*
 * group.h - process groups (MPI_Group) and the communicators made from
 * them, implemented in group.c. Declared apart from ndmpi.h so that this
 * concept's interface stays in one place.
 */
#ifndef NDMPI_GROUP_H
#define NDMPI_GROUP_H

#include "ndmpi.h"

_Static_assert(sizeof(MPI_Group) <= sizeof(uint64_t), "MPI_Group does not fit in 64 bits");

static inline MPI_Group ndmpi_group(ndmpi_h h) { MPI_Group v; memcpy(&v, &h, sizeof v); return v; }
static inline ndmpi_h ndmpi_group_h(MPI_Group v) { ndmpi_h h = 0; memcpy(&h, &v, sizeof v); return h; }

/* ndmpi_group_null is MPI_GROUP_NULL, whose value differs between
 * implementations. */
ndmpi_h ndmpi_group_null(void);
int ndmpi_comm_group(ndmpi_h comm, ndmpi_h *out);
int ndmpi_comm_remote_group(ndmpi_h comm, ndmpi_h *out);
int ndmpi_group_size(ndmpi_h g, int *size);
int ndmpi_group_rank(ndmpi_h g, int *rank);
int ndmpi_group_incl(ndmpi_h g, int n, const int64_t *ranks, ndmpi_h *out);
int ndmpi_group_excl(ndmpi_h g, int n, const int64_t *ranks, ndmpi_h *out);
int ndmpi_group_union(ndmpi_h a, ndmpi_h b, ndmpi_h *out);
int ndmpi_group_intersection(ndmpi_h a, ndmpi_h b, ndmpi_h *out);
int ndmpi_group_difference(ndmpi_h a, ndmpi_h b, ndmpi_h *out);
int ndmpi_group_translate_ranks(ndmpi_h a, int n, const int64_t *ranks, ndmpi_h b, int64_t *out);
int ndmpi_group_compare(ndmpi_h a, ndmpi_h b, int *result);
int ndmpi_group_free(ndmpi_h *g);
int ndmpi_comm_create(ndmpi_h comm, ndmpi_h group, ndmpi_h *out);
int ndmpi_comm_create_group(ndmpi_h comm, ndmpi_h group, int tag, ndmpi_h *out);

#endif /* NDMPI_GROUP_H */
