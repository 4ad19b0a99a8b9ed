/*
 * message.c - MPI_Improbe and MPI_Imrecv, beside MPI_Mprobe and MPI_Mrecv
 * of p2p.c: a probe that takes the message it finds out of the matching
 * queue, and the receive of exactly that message.
 */
#include "message.h"
#include "internal.h"

int ndmpi_improbe(int source, int tag, ndmpi_h comm, int *flag, ndmpi_h *msg, ndmpi_status *st)
{
	MPI_Status s;
	MPI_Message m = MPI_MESSAGE_NULL;
	int rc;

	nd_status_init(&s);
	*flag = 0;
	rc = MPI_Improbe(source, tag, ndmpi_comm(comm), flag, &m, &s);
	if (*flag || rc != MPI_SUCCESS)
		nd_fill_status(&s, MPI_BYTE, rc, st);
	*msg = ndmpi_message_h(m);
	return rc;
}

int ndmpi_imrecv(uint8_t *buf, int64_t count, ndmpi_h dt, ndmpi_h *msg, ndmpi_h *req)
{
	MPI_Message m = ndmpi_message(*msg);
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = nd_imrecv(buf, count, ndmpi_type(dt), &m, &r);

	*msg = ndmpi_message_h(m);
	*req = ndmpi_req_h(r);
	return rc;
}
