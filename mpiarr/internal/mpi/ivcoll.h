/*
 * ivcoll.h - the nonblocking v-collectives (ivcoll.c).
 *
 * MPI reads the count and displacement arrays of a nonblocking
 * v-collective until the request completes, so these take them as C ints
 * in memory the caller keeps (pinned Go memory) until then, instead of
 * converting int64 arrays into temporaries as vcoll.c does. A count or
 * displacement beyond the int range has no large-count path here (one
 * request must cover the whole operation): the Go side refuses it.
 */
#ifndef NDMPI_IVCOLL_H
#define NDMPI_IVCOLL_H

#include "ndmpi.h"

int ndmpi_igatherv(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		   const int *rcounts, const int *rdispls, ndmpi_h rdt, int root, ndmpi_h comm, ndmpi_h *req);
int ndmpi_iscatterv(const uint8_t *sbuf, const int *scounts, const int *sdispls, ndmpi_h sdt, uint8_t *rbuf,
		    int inplace, int64_t rcount, ndmpi_h rdt, int root, ndmpi_h comm, ndmpi_h *req);
int ndmpi_iallgatherv(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		      const int *rcounts, const int *rdispls, ndmpi_h rdt, ndmpi_h comm, ndmpi_h *req);
int ndmpi_ialltoallv(const uint8_t *sbuf, const int *scounts, const int *sdispls, ndmpi_h sdt, uint8_t *rbuf,
		     const int *rcounts, const int *rdispls, ndmpi_h rdt, ndmpi_h comm, ndmpi_h *req);

#endif /* NDMPI_IVCOLL_H */
