/*
 * errors.c - error classes and texts, for errors that come back instead of
 * aborting.
 *
 * The binding sets MPI_ERRORS_RETURN everywhere, so every failure reaches
 * Go as an error code. A code is not a class: MPICH packs extra bits into
 * its codes (OpenMPI's codes happen to equal their classes), so the Go side
 * names an error by its class, asked of MPI here, and compares classes,
 * never raw codes. The class table is built from mpi.h because the class
 * values, too, differ between implementations.
 */
#include "internal.h"

#define CLASS(x) { #x, x }
static const ndmpi_named_int error_classes[] = {
	CLASS(MPI_SUCCESS),
	CLASS(MPI_ERR_BUFFER),
	CLASS(MPI_ERR_COUNT),
	CLASS(MPI_ERR_TYPE),
	CLASS(MPI_ERR_TAG),
	CLASS(MPI_ERR_COMM),
	CLASS(MPI_ERR_RANK),
	CLASS(MPI_ERR_REQUEST),
	CLASS(MPI_ERR_ROOT),
	CLASS(MPI_ERR_GROUP),
	CLASS(MPI_ERR_OP),
	CLASS(MPI_ERR_TOPOLOGY),
	CLASS(MPI_ERR_DIMS),
	CLASS(MPI_ERR_ARG),
	CLASS(MPI_ERR_UNKNOWN),
	CLASS(MPI_ERR_TRUNCATE),
	CLASS(MPI_ERR_OTHER),
	CLASS(MPI_ERR_INTERN),
	CLASS(MPI_ERR_IN_STATUS),
	CLASS(MPI_ERR_PENDING),
	CLASS(MPI_ERR_KEYVAL),
	CLASS(MPI_ERR_NO_MEM),
	CLASS(MPI_ERR_BASE),
	CLASS(MPI_ERR_INFO_KEY),
	CLASS(MPI_ERR_INFO_VALUE),
	CLASS(MPI_ERR_INFO_NOKEY),
	CLASS(MPI_ERR_INFO),
	CLASS(MPI_ERR_SPAWN),
	CLASS(MPI_ERR_PORT),
	CLASS(MPI_ERR_SERVICE),
	CLASS(MPI_ERR_NAME),
	CLASS(MPI_ERR_WIN),
	CLASS(MPI_ERR_SIZE),
	CLASS(MPI_ERR_DISP),
	CLASS(MPI_ERR_LOCKTYPE),
	CLASS(MPI_ERR_ASSERT),
	CLASS(MPI_ERR_RMA_CONFLICT),
	CLASS(MPI_ERR_RMA_SYNC),
	CLASS(MPI_ERR_RMA_RANGE),
	CLASS(MPI_ERR_RMA_ATTACH),
	CLASS(MPI_ERR_RMA_SHARED),
	CLASS(MPI_ERR_RMA_FLAVOR),
	CLASS(MPI_ERR_FILE),
	CLASS(MPI_ERR_NOT_SAME),
	CLASS(MPI_ERR_AMODE),
	CLASS(MPI_ERR_UNSUPPORTED_DATAREP),
	CLASS(MPI_ERR_UNSUPPORTED_OPERATION),
	CLASS(MPI_ERR_NO_SUCH_FILE),
	CLASS(MPI_ERR_FILE_EXISTS),
	CLASS(MPI_ERR_BAD_FILE),
	CLASS(MPI_ERR_ACCESS),
	CLASS(MPI_ERR_NO_SPACE),
	CLASS(MPI_ERR_QUOTA),
	CLASS(MPI_ERR_READ_ONLY),
	CLASS(MPI_ERR_FILE_IN_USE),
	CLASS(MPI_ERR_DUP_DATAREP),
	CLASS(MPI_ERR_CONVERSION),
	CLASS(MPI_ERR_IO),
	CLASS(MPI_ERR_LASTCODE),
};
#undef CLASS

const ndmpi_named_int *ndmpi_error_classes(int *n)
{
	*n = (int)(sizeof error_classes / sizeof error_classes[0]);
	return error_classes;
}

int nd_error_class(int code)
{
	int cls = MPI_ERR_UNKNOWN;
	if (code == MPI_SUCCESS)
		return MPI_SUCCESS;
	if (MPI_Error_class(code, &cls) != MPI_SUCCESS)
		return MPI_ERR_UNKNOWN;
	return cls;
}

int ndmpi_error_info(int code, int *cls, char *msg, int msglen)
{
	char buf[MPI_MAX_ERROR_STRING + 1];
	int len = 0;
	*cls = nd_error_class(code);
	if (!msg || msglen <= 0)
		return 0;
	if (MPI_Error_string(code, buf, &len) != MPI_SUCCESS || len < 0)
		len = 0;
	if (len >= msglen)
		len = msglen - 1;
	memcpy(msg, buf, (size_t)len);
	msg[len] = '\0';
	return len;
}

