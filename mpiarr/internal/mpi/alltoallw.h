/*
 * alltoallw.h - MPI_Alltoallw (alltoallw.c).
 */
#ifndef NDMPI_ALLTOALLW_H
#define NDMPI_ALLTOALLW_H

#include "ndmpi.h"

/* n is the length of every array: the communicator size. Counts and
 * displacements (in bytes) beyond the C int range are MPI_ERR_COUNT: the
 * operation has no large-count fallback, which would need every rank to
 * agree on it first, and mpi4py peers do not take part in such a round. */
int ndmpi_alltoallw(const uint8_t *sbuf, int inplace, const int64_t *scounts, const int64_t *sdispls,
		    const ndmpi_h *stypes, uint8_t *rbuf, const int64_t *rcounts, const int64_t *rdispls,
		    const ndmpi_h *rtypes, int64_t n, ndmpi_h comm);

#endif /* NDMPI_ALLTOALLW_H */
