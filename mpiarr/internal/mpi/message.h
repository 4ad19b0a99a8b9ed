/*
 * message.h - the matched-probe calls p2p.c does not have (message.c):
 * MPI_Improbe and MPI_Imrecv. ndmpi_imrecv keeps the buffer it is given
 * until the request completes: it is never noescape.
 */
#ifndef NDMPI_MESSAGE_H
#define NDMPI_MESSAGE_H

#include "ndmpi.h"

int ndmpi_improbe(int source, int tag, ndmpi_h comm, int *flag, ndmpi_h *msg, ndmpi_status *st);
int ndmpi_imrecv(uint8_t *buf, int64_t count, ndmpi_h dt, ndmpi_h *msg, ndmpi_h *req);

#endif /* NDMPI_MESSAGE_H */
