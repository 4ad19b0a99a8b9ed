/*
 * icoll.c - nonblocking collectives.
 *
 * Each helper starts one request and hands it to Go. A count beyond
 * INT_MAX travels in a big type (datatype.c), freed as soon as the request
 * has started: MPI keeps a type alive while an operation uses it. The
 * reductions cannot do that (predefined operations need predefined types)
 * and, unlike their blocking forms, cannot be cut in chunks either, since
 * one request must cover the whole operation: they refuse such counts with
 * MPI_ERR_COUNT. The operation handed to MPI is nd_effective_op's (op.c),
 * as for the blocking reductions.
 */
#include "internal.h"

int ndmpi_ibarrier(ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = MPI_Ibarrier(ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_ibcast(uint8_t *buf, int64_t count, ndmpi_h dt, int root, ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Ibcast(buf, b.count, b.type, root, ndmpi_comm(comm), &r);
	nd_msgbuf_done(&b);
	*req = ndmpi_req_h(r);
	return rc;
}

/* ---- reductions --------------------------------------------------------- */

enum { IRED_REDUCE, IRED_ALLREDUCE, IRED_SCAN, IRED_EXSCAN };

static int ireduce_any(int kind, const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count,
		       ndmpi_h dth, ndmpi_h oph, int root, ndmpi_h commh, ndmpi_h *req)
{
	MPI_Datatype dt = ndmpi_type(dth);
	MPI_Op op = nd_effective_op(ndmpi_op(oph), dt);
	MPI_Comm comm = ndmpi_comm(commh);
	const void *s = inplace ? MPI_IN_PLACE : (const void *)sbuf;
	MPI_Request r = MPI_REQUEST_NULL;
	int rc;

	*req = ndmpi_req_h(r);
	if (!fits_count(count))
		return MPI_ERR_COUNT;
	switch (kind) {
	case IRED_REDUCE:
		rc = MPI_Ireduce(s, rbuf, (int)count, dt, op, root, comm, &r);
		break;
	case IRED_ALLREDUCE:
		rc = MPI_Iallreduce(s, rbuf, (int)count, dt, op, comm, &r);
		break;
	case IRED_SCAN:
		rc = MPI_Iscan(s, rbuf, (int)count, dt, op, comm, &r);
		break;
	default:
		rc = MPI_Iexscan(s, rbuf, (int)count, dt, op, comm, &r);
	}
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_ireduce(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		  ndmpi_h op, int root, ndmpi_h comm, ndmpi_h *req)
{
	return ireduce_any(IRED_REDUCE, sbuf, inplace, rbuf, count, dt, op, root, comm, req);
}

int ndmpi_iallreduce(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		     ndmpi_h op, ndmpi_h comm, ndmpi_h *req)
{
	return ireduce_any(IRED_ALLREDUCE, sbuf, inplace, rbuf, count, dt, op, 0, comm, req);
}

int ndmpi_iscan(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		ndmpi_h op, ndmpi_h comm, ndmpi_h *req)
{
	return ireduce_any(IRED_SCAN, sbuf, inplace, rbuf, count, dt, op, 0, comm, req);
}

int ndmpi_iexscan(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		  ndmpi_h op, ndmpi_h comm, ndmpi_h *req)
{
	return ireduce_any(IRED_EXSCAN, sbuf, inplace, rbuf, count, dt, op, 0, comm, req);
}

/* ---- one block per rank ------------------------------------------------- */

enum { IBLK_SCATTER, IBLK_GATHER, IBLK_ALLGATHER, IBLK_ALLTOALL };

/* iblocks_any starts the call of kind with the buffers as MPI gets them
 * (MPI_IN_PLACE included) and the counts that matter on this rank (0 where
 * MPI ignores one), as coll.c's blocks_any does for the blocking forms. */
static int iblocks_any(int kind, const void *s, int64_t scount, ndmpi_h sdt, void *rbuf,
		       int64_t rcount, ndmpi_h rdt, int root, MPI_Comm comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	nd_msgbuf sb, rb;
	int rc;

	*req = ndmpi_req_h(r);
	rc = nd_msgbuf_pair(scount, ndmpi_type(sdt), &sb, rcount, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS)
		return rc;
	switch (kind) {
	case IBLK_SCATTER:
		rc = MPI_Iscatter(s, sb.count, sb.type, rbuf, rb.count, rb.type, root, comm, &r);
		break;
	case IBLK_GATHER:
		rc = MPI_Igather(s, sb.count, sb.type, rbuf, rb.count, rb.type, root, comm, &r);
		break;
	case IBLK_ALLGATHER:
		rc = MPI_Iallgather(s, sb.count, sb.type, rbuf, rb.count, rb.type, comm, &r);
		break;
	default:
		rc = MPI_Ialltoall(s, sb.count, sb.type, rbuf, rb.count, rb.type, comm, &r);
	}
	nd_msgbuf_pair_done(&sb, &rb);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_iscatter(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf, int inplace,
		   int64_t rcount, ndmpi_h rdt, int root, ndmpi_h commh, ndmpi_h *req)
{
	MPI_Comm comm = ndmpi_comm(commh);
	int rank, rc = MPI_Comm_rank(comm, &rank);
	if (rc != MPI_SUCCESS)
		return rc;
	return iblocks_any(IBLK_SCATTER, sbuf, rank == root ? scount : 0, sdt,
			   inplace ? MPI_IN_PLACE : rbuf, inplace ? 0 : rcount, rdt, root, comm, req);
}

int ndmpi_igather(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		  int64_t rcount, ndmpi_h rdt, int root, ndmpi_h commh, ndmpi_h *req)
{
	MPI_Comm comm = ndmpi_comm(commh);
	int rank, rc = MPI_Comm_rank(comm, &rank);
	if (rc != MPI_SUCCESS)
		return rc;
	return iblocks_any(IBLK_GATHER, inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : scount, sdt, rbuf,
			   rank == root ? rcount : 0, rdt, root, comm, req);
}

int ndmpi_iallgather(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		     int64_t rcount, ndmpi_h rdt, ndmpi_h comm, ndmpi_h *req)
{
	return iblocks_any(IBLK_ALLGATHER, inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : scount, sdt,
			   rbuf, rcount, rdt, 0, ndmpi_comm(comm), req);
}

int ndmpi_ialltoall(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		    int64_t rcount, ndmpi_h rdt, ndmpi_h comm, ndmpi_h *req)
{
	return iblocks_any(IBLK_ALLTOALL, inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : scount, sdt,
			   rbuf, rcount, rdt, 0, ndmpi_comm(comm), req);
}
