/*
 * sendmodes.h - the buffered and ready send modes, and the attach buffer
 * buffered sends copy into (sendmodes.c).
 *
 * Declared apart from ndmpi.h, which it includes, so that the concept
 * lives in one header, one C file and one Go file. ndmpi_ibsend and
 * ndmpi_irsend keep the buffer they are given until the request completes
 * (they are never noescape); the others forget every pointer on return.
 */
#ifndef NDMPI_SENDMODES_H
#define NDMPI_SENDMODES_H

#include "ndmpi.h"

/* ndmpi_buffer_attach mallocs size bytes and attaches them as the
 * process's buffer for buffered sends; ndmpi_buffer_detach detaches it
 * (waiting, as MPI_Buffer_detach does, until every message buffered in it
 * has been transmitted) and frees it, reporting the size it had. */
int ndmpi_buffer_attach(int64_t size);
int ndmpi_buffer_detach(int64_t *size);
int ndmpi_bsend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm);
int ndmpi_ibsend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		 ndmpi_h *req);
int ndmpi_rsend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm);
int ndmpi_irsend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		 ndmpi_h *req);

#endif /* NDMPI_SENDMODES_H */
