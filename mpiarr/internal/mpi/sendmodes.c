/*
 * sendmodes.c - the send modes p2p.c does not have: buffered (MPI_Bsend,
 * MPI_Ibsend, copying into a buffer the process attached) and ready
 * (MPI_Rsend, MPI_Irsend, valid only when the receive is already posted).
 *
 * The attach buffer is malloc'ed here, never Go memory: MPI keeps it from
 * MPI_Buffer_attach to MPI_Buffer_detach, across any number of cgo calls,
 * and a Go buffer would have to stay pinned for all that time.
 */
#include "sendmodes.h"
#include "internal.h"

int ndmpi_buffer_attach(int64_t size)
{
	void *p;
	int rc;

	if (!fits_count(size))
		return MPI_ERR_COUNT;
	/* malloc(0) may return NULL: attach at least one byte. */
	p = malloc(size > 0 ? (size_t)size : 1);
	if (!p)
		return MPI_ERR_NO_MEM;
	rc = MPI_Buffer_attach(p, (int)size);
	if (rc != MPI_SUCCESS)
		free(p);
	return rc;
}

int ndmpi_buffer_detach(int64_t *size)
{
	void *p = NULL;
	int n = 0;
	int rc = MPI_Buffer_detach(&p, &n);

	*size = n;
	if (rc == MPI_SUCCESS)
		free(p);
	return rc;
}

/* mode_send sends count (possibly beyond INT_MAX) elements in buffered
 * (ready = 0) or ready (ready = 1) mode: blocking when req is NULL, else
 * starting *req. */
static int mode_send(int ready, const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag,
		     ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	MPI_Comm c = ndmpi_comm(comm);
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);

	if (rc != MPI_SUCCESS)
		return rc;
	if (req)
		rc = ready ? MPI_Irsend(buf, b.count, b.type, dest, tag, c, &r)
			   : MPI_Ibsend(buf, b.count, b.type, dest, tag, c, &r);
	else
		rc = ready ? MPI_Rsend(buf, b.count, b.type, dest, tag, c)
			   : MPI_Bsend(buf, b.count, b.type, dest, tag, c);
	nd_msgbuf_done(&b);
	if (req)
		*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_bsend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm)
{
	return mode_send(0, buf, count, dt, dest, tag, comm, NULL);
}

int ndmpi_ibsend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		 ndmpi_h *req)
{
	return mode_send(0, buf, count, dt, dest, tag, comm, req);
}

int ndmpi_rsend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm)
{
	return mode_send(1, buf, count, dt, dest, tag, comm, NULL);
}

int ndmpi_irsend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		 ndmpi_h *req)
{
	return mode_send(1, buf, count, dt, dest, tag, comm, req);
}
