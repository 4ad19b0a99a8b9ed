/*
 * neighbor.h - neighbourhood collectives on Cartesian and graph
 * communicators, implemented in neighbor.c. Declared apart from ndmpi.h
 * so that this concept's interface stays in one place.
 */
#ifndef NDMPI_NEIGHBOR_H
#define NDMPI_NEIGHBOR_H

#include "ndmpi.h"

int ndmpi_neighbor_allgather(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
			     int64_t rcount, ndmpi_h rdt, ndmpi_h comm);
int ndmpi_neighbor_allgatherv(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
			      const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv,
			      ndmpi_h rdt, ndmpi_h comm);
int ndmpi_neighbor_alltoall(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
			    int64_t rcount, ndmpi_h rdt, ndmpi_h comm);
int ndmpi_neighbor_alltoallv(const uint8_t *sbuf, const int64_t *scounts, const int64_t *sdispls,
			     int64_t nsend, ndmpi_h sdt, uint8_t *rbuf, const int64_t *rcounts,
			     const int64_t *rdispls, int64_t nrecv, ndmpi_h rdt, ndmpi_h comm);

#endif /* NDMPI_NEIGHBOR_H */
