/*
 * intercomm.h - intercommunicators: two groups that talk to each other,
 * implemented in intercomm.c. Declared apart from ndmpi.h so that this
 * concept's interface stays in one place.
 */
#ifndef NDMPI_INTERCOMM_H
#define NDMPI_INTERCOMM_H

#include "ndmpi.h"

int ndmpi_intercomm_create(ndmpi_h local, int local_leader, ndmpi_h peer, int remote_leader,
			   int tag, ndmpi_h *out);
int ndmpi_intercomm_merge(ndmpi_h inter, int high, ndmpi_h *out);
int ndmpi_comm_test_inter(ndmpi_h comm, int *flag);
int ndmpi_comm_remote_size(ndmpi_h comm, int *size);

#endif /* NDMPI_INTERCOMM_H */
