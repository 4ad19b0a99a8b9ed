/*
 * persist.h - persistent requests (persist.c): a send or receive set up
 * once and started any number of times.
 *
 * ndmpi_send_init and ndmpi_recv_init keep the buffer they are given for
 * the life of the request, across every start, until it is freed: they
 * are never noescape. ndmpi_start and ndmpi_startall keep nothing.
 */
#ifndef NDMPI_PERSIST_H
#define NDMPI_PERSIST_H

#include "ndmpi.h"

/* The send modes of ndmpi_send_init. */
enum { NDMPI_MODE_STANDARD, NDMPI_MODE_SYNCHRONOUS, NDMPI_MODE_BUFFERED, NDMPI_MODE_READY };

int ndmpi_send_init(int mode, const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag,
		    ndmpi_h comm, ndmpi_h *req);
int ndmpi_recv_init(uint8_t *buf, int64_t count, ndmpi_h dt, int source, int tag, ndmpi_h comm,
		    ndmpi_h *req);
int ndmpi_start(ndmpi_h *req);
/* ndmpi_startall starts n requests in order and reports in *started how
 * many it started before one failed (n when all did). */
int ndmpi_startall(int n, ndmpi_h *reqs, int *started);

#endif /* NDMPI_PERSIST_H */
