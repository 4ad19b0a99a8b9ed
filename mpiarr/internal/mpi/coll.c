/*
 * coll.c - collectives with one count per rank, at any count.
 *
 * A single count beyond INT_MAX is carried by a big datatype (datatype.c)
 * used with count 1, except for reductions: MPI applies predefined
 * operations only to predefined datatypes, so a reduction is instead
 * repeated over chunks that fit an int. Every rank passes the same count
 * and so cuts the same chunks, which keeps the chunked calls matched. The
 * operation handed to MPI is nd_effective_op's (op.c), so that small
 * integer sums wrap under OpenMPI too.
 */
#include "internal.h"

int ndmpi_barrier(ndmpi_h comm) { return MPI_Barrier(ndmpi_comm(comm)); }

int ndmpi_bcast(uint8_t *buf, int64_t count, ndmpi_h dt, int root, ndmpi_h comm)
{
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Bcast(buf, b.count, b.type, root, ndmpi_comm(comm));
	nd_msgbuf_done(&b);
	return rc;
}

/* ---- reductions --------------------------------------------------------- */

/* Reductions beyond INT_MAX elements are split in chunks of at most
 * REDUCE_CHUNK elements; every rank passes the same count, so every rank
 * splits identically. */
#define REDUCE_CHUNK (INT_MAX / 2)

enum { RED_REDUCE, RED_ALLREDUCE, RED_SCAN, RED_EXSCAN };

static int reduce_call(int kind, const void *s, void *r, int n, MPI_Datatype dt, MPI_Op op,
		       int root, MPI_Comm comm)
{
	switch (kind) {
	case RED_REDUCE:
		return MPI_Reduce(s, r, n, dt, op, root, comm);
	case RED_ALLREDUCE:
		return MPI_Allreduce(s, r, n, dt, op, comm);
	case RED_SCAN:
		return MPI_Scan(s, r, n, dt, op, comm);
	default:
		return MPI_Exscan(s, r, n, dt, op, comm);
	}
}

static int reduce_any(int kind, const void *sbuf, int inplace, void *rbuf, int64_t count,
		      ndmpi_h dth, ndmpi_h oph, int root, ndmpi_h commh)
{
	MPI_Datatype dt = ndmpi_type(dth);
	MPI_Op op = nd_effective_op(ndmpi_op(oph), dt);
	MPI_Comm comm = ndmpi_comm(commh);
	MPI_Count lb, extent;
	int rc;

	if (count < 0)
		return MPI_ERR_COUNT;
	if (count <= INT_MAX)
		return reduce_call(kind, inplace ? MPI_IN_PLACE : sbuf, rbuf, (int)count, dt, op,
				   root, comm);
	rc = MPI_Type_get_extent_x(dt, &lb, &extent);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int64_t off = 0; off < count; off += REDUCE_CHUNK) {
		int64_t n = count - off < REDUCE_CHUNK ? count - off : REDUCE_CHUNK;
		const void *s = inplace ? MPI_IN_PLACE : offset_ptr(sbuf, off * extent);
		rc = reduce_call(kind, s, offset_ptr(rbuf, off * extent), (int)n, dt, op, root, comm);
		if (rc != MPI_SUCCESS)
			return rc;
	}
	return MPI_SUCCESS;
}

int ndmpi_reduce(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		 ndmpi_h op, int root, ndmpi_h comm)
{
	return reduce_any(RED_REDUCE, sbuf, inplace, rbuf, count, dt, op, root, comm);
}

int ndmpi_allreduce(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		    ndmpi_h op, ndmpi_h comm)
{
	return reduce_any(RED_ALLREDUCE, sbuf, inplace, rbuf, count, dt, op, 0, comm);
}

int ndmpi_scan(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
	       ndmpi_h op, ndmpi_h comm)
{
	return reduce_any(RED_SCAN, sbuf, inplace, rbuf, count, dt, op, 0, comm);
}

int ndmpi_exscan(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		 ndmpi_h op, ndmpi_h comm)
{
	return reduce_any(RED_EXSCAN, sbuf, inplace, rbuf, count, dt, op, 0, comm);
}

/* ndmpi_reduce_scatter_block: when size*rcount fits an int this is
 * MPI_Reduce_scatter_block; otherwise block i is reduced to rank i with
 * (chunked) reductions, i = 0..size-1 in order. In place, the input is
 * rbuf (size blocks) and the result goes to its first block; processing
 * blocks in increasing order makes moving block i to block 0 safe. */
int ndmpi_reduce_scatter_block(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t rcount,
			       ndmpi_h dth, ndmpi_h oph, ndmpi_h commh)
{
	MPI_Comm comm = ndmpi_comm(commh);
	MPI_Count lb, extent;
	int rc, rank, size;

	if (rcount < 0)
		return MPI_ERR_COUNT;
	rc = MPI_Comm_size(comm, &size);
	if (rc != MPI_SUCCESS)
		return rc;
	if (rcount * (int64_t)size <= INT_MAX)
		return MPI_Reduce_scatter_block(inplace ? MPI_IN_PLACE : sbuf, rbuf, (int)rcount,
						ndmpi_type(dth),
						nd_effective_op(ndmpi_op(oph), ndmpi_type(dth)), comm);
	rc = MPI_Comm_rank(comm, &rank);
	if (rc == MPI_SUCCESS)
		rc = MPI_Type_get_extent_x(ndmpi_type(dth), &lb, &extent);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int i = 0; i < size; i++) {
		MPI_Count blk = (MPI_Count)i * rcount * extent;
		if (inplace) {
			void *b = offset_ptr(rbuf, blk);
			rc = reduce_any(RED_REDUCE, b, i == rank, i == rank ? b : NULL, rcount, dth, oph,
				       i, commh);
			if (rc == MPI_SUCCESS && i == rank && i > 0)
				memmove(rbuf, b, (size_t)(rcount * extent));
		} else {
			rc = reduce_any(RED_REDUCE, offset_ptr(sbuf, blk), 0, i == rank ? rbuf : NULL,
					rcount, dth, oph, i, commh);
		}
		if (rc != MPI_SUCCESS)
			return rc;
	}
	return MPI_SUCCESS;
}

/* ndmpi_reduce_scatter: MPI_Reduce_scatter when the counts add up to an
 * int; otherwise, as for ndmpi_reduce_scatter_block, block i (counts[i]
 * elements after the blocks of the ranks before i) is reduced to rank i
 * with (chunked) reductions, in rank order. MPI requires the same counts on
 * every rank, so every rank takes the same path. In place, a rank's result
 * moves to the start of rbuf once its own block is reduced; the blocks of
 * later ranks lie beyond what the move writes. */
int ndmpi_reduce_scatter(const uint8_t *sbuf, int inplace, uint8_t *rbuf, const int64_t *counts,
			 int64_t n, ndmpi_h dth, ndmpi_h oph, ndmpi_h commh)
{
	MPI_Comm comm = ndmpi_comm(commh);
	MPI_Datatype dt = ndmpi_type(dth);
	MPI_Count lb, extent;
	int64_t total = 0, off = 0;
	int rc, rank, size;
	intvec v;

	rc = MPI_Comm_size(comm, &size);
	if (rc != MPI_SUCCESS)
		return rc;
	if (n != size)
		return MPI_ERR_ARG;
	for (int64_t i = 0; i < n; i++) {
		if (counts[i] < 0 || counts[i] > INT64_MAX - total)
			return MPI_ERR_COUNT;
		total += counts[i];
	}
	if (total <= INT_MAX) {
		rc = intvec_from(&v, counts, n);
		if (rc != MPI_SUCCESS)
			return rc;
		rc = MPI_Reduce_scatter(inplace ? MPI_IN_PLACE : sbuf, rbuf, v.p, dt,
					nd_effective_op(ndmpi_op(oph), dt), comm);
		intvec_free(&v);
		return rc;
	}
	rc = MPI_Comm_rank(comm, &rank);
	if (rc == MPI_SUCCESS)
		rc = MPI_Type_get_extent_x(dt, &lb, &extent);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int i = 0; i < size; off += counts[i], i++) {
		MPI_Count blk = (MPI_Count)off * extent;
		if (inplace) {
			void *b = offset_ptr(rbuf, blk);
			rc = reduce_any(RED_REDUCE, b, i == rank, i == rank ? b : NULL, counts[i], dth,
					oph, i, commh);
			if (rc == MPI_SUCCESS && i == rank && off > 0)
				memmove(rbuf, b, (size_t)(counts[i] * extent));
		} else {
			rc = reduce_any(RED_REDUCE, offset_ptr(sbuf, blk), 0, i == rank ? rbuf : NULL,
					counts[i], dth, oph, i, commh);
		}
		if (rc != MPI_SUCCESS)
			return rc;
	}
	return MPI_SUCCESS;
}

/* ---- one block per rank ------------------------------------------------- */

enum { BLK_SCATTER, BLK_GATHER, BLK_ALLGATHER, BLK_ALLTOALL };

static int blocks_call(int kind, const void *s, const nd_msgbuf *sb, void *r, const nd_msgbuf *rb,
		       int root, MPI_Comm comm)
{
	switch (kind) {
	case BLK_SCATTER:
		return MPI_Scatter(s, sb->count, sb->type, r, rb->count, rb->type, root, comm);
	case BLK_GATHER:
		return MPI_Gather(s, sb->count, sb->type, r, rb->count, rb->type, root, comm);
	case BLK_ALLGATHER:
		return MPI_Allgather(s, sb->count, sb->type, r, rb->count, rb->type, comm);
	default:
		return MPI_Alltoall(s, sb->count, sb->type, r, rb->count, rb->type, comm);
	}
}

/* blocks_any makes the call of kind with the buffers s and r as MPI gets
 * them (MPI_IN_PLACE included) and the counts that matter on this rank (0
 * where MPI ignores one); root is unused by Allgather and Alltoall. */
static int blocks_any(int kind, const void *s, int64_t scount, ndmpi_h sdt, void *r,
		      int64_t rcount, ndmpi_h rdt, int root, MPI_Comm comm)
{
	nd_msgbuf sb, rb;
	int rc = nd_msgbuf_pair(scount, ndmpi_type(sdt), &sb, rcount, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = blocks_call(kind, s, &sb, r, &rb, root, comm);
	nd_msgbuf_pair_done(&sb, &rb);
	return rc;
}

int ndmpi_scatter(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf, int inplace,
		  int64_t rcount, ndmpi_h rdt, int root, ndmpi_h commh)
{
	MPI_Comm comm = ndmpi_comm(commh);
	int rank, rc = MPI_Comm_rank(comm, &rank);
	if (rc != MPI_SUCCESS)
		return rc;
	/* sendcount only matters at the root, recvcount not with MPI_IN_PLACE */
	return blocks_any(BLK_SCATTER, sbuf, rank == root ? scount : 0, sdt,
			  inplace ? MPI_IN_PLACE : rbuf, inplace ? 0 : rcount, rdt, root, comm);
}

int ndmpi_gather(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		 int64_t rcount, ndmpi_h rdt, int root, ndmpi_h commh)
{
	MPI_Comm comm = ndmpi_comm(commh);
	int rank, rc = MPI_Comm_rank(comm, &rank);
	if (rc != MPI_SUCCESS)
		return rc;
	return blocks_any(BLK_GATHER, inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : scount, sdt, rbuf,
			  rank == root ? rcount : 0, rdt, root, comm);
}

int ndmpi_allgather(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		    int64_t rcount, ndmpi_h rdt, ndmpi_h comm)
{
	return blocks_any(BLK_ALLGATHER, inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : scount, sdt,
			  rbuf, rcount, rdt, 0, ndmpi_comm(comm));
}

int ndmpi_alltoall(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		   int64_t rcount, ndmpi_h rdt, ndmpi_h comm)
{
	return blocks_any(BLK_ALLTOALL, inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : scount, sdt,
			  rbuf, rcount, rdt, 0, ndmpi_comm(comm));
}
