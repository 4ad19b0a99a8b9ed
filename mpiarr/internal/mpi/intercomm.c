/*
 * intercomm.c - intercommunicators. Both the intercommunicator and the
 * intracommunicator Merge makes of it get MPI_ERRORS_RETURN like every
 * communicator the binding creates.
 */
#include "internal.h"
#include "intercomm.h"

int ndmpi_intercomm_create(ndmpi_h local, int local_leader, ndmpi_h peer, int remote_leader,
			   int tag, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Intercomm_create(ndmpi_comm(local), local_leader, ndmpi_comm(peer),
				      remote_leader, tag, &c);
	return nd_comm_made(rc, c, out);
}

int ndmpi_intercomm_merge(ndmpi_h inter, int high, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Intercomm_merge(ndmpi_comm(inter), high, &c);
	return nd_comm_made(rc, c, out);
}

int ndmpi_comm_test_inter(ndmpi_h comm, int *flag) { return MPI_Comm_test_inter(ndmpi_comm(comm), flag); }

int ndmpi_comm_remote_size(ndmpi_h comm, int *size)
{
	return MPI_Comm_remote_size(ndmpi_comm(comm), size);
}
