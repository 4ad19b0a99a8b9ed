/*
 * persist.c - persistent requests: MPI_Send_init (and its synchronous,
 * buffered and ready forms), MPI_Recv_init, MPI_Start.
 *
 * Counts beyond INT_MAX go through a big type made for the request and
 * freed at once: MPI keeps a datatype alive while a request refers to it,
 * persistent ones included.
 */
#include "persist.h"
#include "internal.h"

int ndmpi_send_init(int mode, const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag,
		    ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	MPI_Comm c = ndmpi_comm(comm);
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);

	*req = ndmpi_req_h(MPI_REQUEST_NULL);
	if (rc != MPI_SUCCESS)
		return rc;
	switch (mode) {
	case NDMPI_MODE_STANDARD:
		rc = MPI_Send_init(buf, b.count, b.type, dest, tag, c, &r);
		break;
	case NDMPI_MODE_SYNCHRONOUS:
		rc = MPI_Ssend_init(buf, b.count, b.type, dest, tag, c, &r);
		break;
	case NDMPI_MODE_BUFFERED:
		rc = MPI_Bsend_init(buf, b.count, b.type, dest, tag, c, &r);
		break;
	case NDMPI_MODE_READY:
		rc = MPI_Rsend_init(buf, b.count, b.type, dest, tag, c, &r);
		break;
	default:
		rc = MPI_ERR_ARG;
	}
	nd_msgbuf_done(&b);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_recv_init(uint8_t *buf, int64_t count, ndmpi_h dt, int source, int tag, ndmpi_h comm,
		    ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);

	*req = ndmpi_req_h(MPI_REQUEST_NULL);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Recv_init(buf, b.count, b.type, source, tag, ndmpi_comm(comm), &r);
	nd_msgbuf_done(&b);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_start(ndmpi_h *req)
{
	MPI_Request r = ndmpi_req(*req);
	int rc = MPI_Start(&r);
	*req = ndmpi_req_h(r);
	return rc;
}

/* One MPI_Start per request rather than MPI_Startall: MPI_Startall is
 * defined as those calls in some order, and its failure would not say
 * which requests it started, which the caller must know to wait for them
 * (or not) later. */
int ndmpi_startall(int n, ndmpi_h *reqs, int *started)
{
	*started = 0;
	if (n < 0)
		return MPI_ERR_COUNT;
	for (int i = 0; i < n; i++) {
		int rc = ndmpi_start(&reqs[i]);
		if (rc != MPI_SUCCESS)
			return rc;
		*started = i + 1;
	}
	return MPI_SUCCESS;
}
