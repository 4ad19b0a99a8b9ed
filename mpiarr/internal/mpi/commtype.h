/*
 * commtype.h - splitting a communicator by the kind of resource its ranks
 * share (MPI_Comm_split_type), implemented in comm.c beside the other
 * communicator constructors. Declared apart from ndmpi.h so that this
 * concept's interface stays in one place.
 */
#ifndef NDMPI_COMMTYPE_H
#define NDMPI_COMMTYPE_H

#include "ndmpi.h"

/* ndmpi_comm_type_shared is MPI_COMM_TYPE_SHARED, which is a macro whose
 * value differs between implementations. */
int ndmpi_comm_type_shared(void);
int ndmpi_comm_split_type(ndmpi_h comm, int split_type, int key, ndmpi_h *out);

#endif /* NDMPI_COMMTYPE_H */
