/*
 * comm.c - communicators, each created with MPI_ERRORS_RETURN.
 *
 * A new communicator inherits the error handler of the one it came from,
 * which is MPI_ERRORS_RETURN only if the binding set it there; a
 * communicator the user's C code or another library created might carry
 * MPI_ERRORS_ARE_FATAL. Setting it explicitly on every communicator the
 * binding creates keeps the promise that errors come back to Go.
 */
#include "internal.h"
#include "commtype.h"

int nd_comm_made(int rc, MPI_Comm c, ndmpi_h *out)
{
	if (rc == MPI_SUCCESS && c != MPI_COMM_NULL)
		rc = MPI_Comm_set_errhandler(c, MPI_ERRORS_RETURN);
	*out = ndmpi_comm_h(c);
	return rc;
}

int ndmpi_comm_rank(ndmpi_h comm, int *rank) { return MPI_Comm_rank(ndmpi_comm(comm), rank); }

int ndmpi_comm_size(ndmpi_h comm, int *size) { return MPI_Comm_size(ndmpi_comm(comm), size); }

int ndmpi_comm_dup(ndmpi_h comm, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Comm_dup(ndmpi_comm(comm), &c);
	return nd_comm_made(rc, c, out);
}

int ndmpi_comm_split(ndmpi_h comm, int color, int key, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Comm_split(ndmpi_comm(comm), color, key, &c);
	return nd_comm_made(rc, c, out);
}

int ndmpi_comm_free(ndmpi_h *comm)
{
	MPI_Comm c = ndmpi_comm(*comm);
	int rc = MPI_Comm_free(&c);
	*comm = ndmpi_comm_h(c);
	return rc;
}

int ndmpi_comm_compare(ndmpi_h a, ndmpi_h b, int *result)
{
	return MPI_Comm_compare(ndmpi_comm(a), ndmpi_comm(b), result);
}

int ndmpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }

int ndmpi_comm_split_type(ndmpi_h comm, int split_type, int key, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Comm_split_type(ndmpi_comm(comm), split_type, key, MPI_INFO_NULL, &c);
	return nd_comm_made(rc, c, out);
}
