/*
 * win.c - one-sided communication: windows, Put/Get/Accumulate and their
 * synchronisation (win.h).
 *
 * Every window gets MPI_ERRORS_RETURN as soon as it exists, because a
 * window's default handler is MPI_ERRORS_ARE_FATAL, whatever its
 * communicator's: without it an operation outside an epoch, or a target
 * out of range, would abort the job. Counts beyond INT_MAX go through the
 * big types of datatype.c, on the origin and the target side alike.
 */
#include "internal.h"
#include "win.h"

ndmpi_h ndmpi_win_null(void) { return ndmpi_win_h(MPI_WIN_NULL); }
ndmpi_h ndmpi_op_no_op(void) { return ndmpi_op_h(MPI_NO_OP); }

/* mode maps the bits of win.h to MPI's assert values. */
static int mode(int bits)
{
	int m = 0;
	if (bits & ndmpi_mode_nocheck)
		m |= MPI_MODE_NOCHECK;
	if (bits & ndmpi_mode_nostore)
		m |= MPI_MODE_NOSTORE;
	if (bits & ndmpi_mode_noput)
		m |= MPI_MODE_NOPUT;
	if (bits & ndmpi_mode_noprecede)
		m |= MPI_MODE_NOPRECEDE;
	if (bits & ndmpi_mode_nosucceed)
		m |= MPI_MODE_NOSUCCEED;
	return m;
}

/* win_made finishes a call that may have created w and returned rc, as
 * nd_comm_made does for communicators. */
static int win_made(int rc, MPI_Win w, ndmpi_h *out)
{
	if (rc == MPI_SUCCESS && w != MPI_WIN_NULL)
		rc = MPI_Win_set_errhandler(w, MPI_ERRORS_RETURN);
	*out = ndmpi_win_h(w);
	return rc;
}

/* ---- creation ----------------------------------------------------------- */

int ndmpi_win_create(uint8_t *base, int64_t bytes, int disp_unit, ndmpi_h comm, ndmpi_h *win)
{
	MPI_Win w = MPI_WIN_NULL;
	int rc = MPI_Win_create(base, (MPI_Aint)bytes, disp_unit, MPI_INFO_NULL, ndmpi_comm(comm), &w);
	return win_made(rc, w, win);
}

/* alloc_size is the size to ask MPI for. MPICH 4.0.2 places node-local
 * segments of MPI_Win_allocate wrongly when a rank's size is not a
 * multiple of 16 bytes: with 24 bytes on each of 3 ranks, rank 1's part
 * aliases rank 0's (each reads the other's stores, Gets from rank 1
 * return rank 0's data). Rounding every size up to 16 bytes avoids it;
 * the bytes past the array are never reached, since the Go side checks
 * every access against the sizes it asked for. */
static MPI_Aint alloc_size(int64_t bytes)
{
#if defined(MPICH)
	return (MPI_Aint)((bytes + 15) / 16 * 16);
#else
	return (MPI_Aint)bytes;
#endif
}

/* The memory is zeroed by its owner, then a barrier makes sure no other
 * rank's first access (a Put through the window, a load through shared
 * memory) can come before the zeroing. */
int ndmpi_win_allocate(int64_t bytes, int disp_unit, int shared, ndmpi_h comm, uint8_t **base,
		       ndmpi_h *win)
{
	MPI_Win w = MPI_WIN_NULL;
	void *p = NULL;
	int rc;

	if (shared)
		rc = MPI_Win_allocate_shared(alloc_size(bytes), disp_unit, MPI_INFO_NULL,
					     ndmpi_comm(comm), &p, &w);
	else
		rc = MPI_Win_allocate(alloc_size(bytes), disp_unit, MPI_INFO_NULL, ndmpi_comm(comm),
				      &p, &w);
	rc = win_made(rc, w, win);
	*base = NULL;
	if (rc != MPI_SUCCESS)
		return rc;
	if (bytes > 0 && p)
		memset(p, 0, (size_t)bytes);
	*base = bytes > 0 ? p : NULL;
	return MPI_Barrier(ndmpi_comm(comm));
}

int ndmpi_win_shared_query(ndmpi_h win, int rank, int64_t *bytes, int *disp_unit, uint8_t **base)
{
	MPI_Aint size = 0;
	void *p = NULL;
	int rc = MPI_Win_shared_query(ndmpi_win(win), rank, &size, disp_unit, &p);
	*bytes = size;
	*base = size > 0 ? p : NULL;
	return rc;
}

int ndmpi_win_free(ndmpi_h *win)
{
	MPI_Win w = ndmpi_win(*win);
	int rc = MPI_Win_free(&w);
	*win = ndmpi_win_h(w);
	return rc;
}

/* ---- operations --------------------------------------------------------- */

/* rma_op is every operation with an origin and a target side; kind picks
 * the MPI call. */
enum { op_put, op_get, op_acc, op_rput, op_rget };

static int rma_op(int kind, const uint8_t *origin, int64_t ocount, ndmpi_h odt, int target,
		  int64_t disp, int64_t tcount, ndmpi_h tdt, ndmpi_h op, ndmpi_h win, ndmpi_h *req)
{
	nd_msgbuf ob, tb;
	MPI_Request r = MPI_REQUEST_NULL;
	MPI_Win w = ndmpi_win(win);
	int rc = nd_msgbuf_pair(ocount, ndmpi_type(odt), &ob, tcount, ndmpi_type(tdt), &tb);
	if (rc != MPI_SUCCESS)
		return rc;
	switch (kind) {
	case op_put:
		rc = MPI_Put(origin, ob.count, ob.type, target, (MPI_Aint)disp, tb.count, tb.type, w);
		break;
	case op_get:
		rc = MPI_Get((void *)origin, ob.count, ob.type, target, (MPI_Aint)disp, tb.count,
			     tb.type, w);
		break;
	case op_acc:
		rc = MPI_Accumulate(origin, ob.count, ob.type, target, (MPI_Aint)disp, tb.count,
				    tb.type, ndmpi_op(op), w);
		break;
	case op_rput:
		rc = MPI_Rput(origin, ob.count, ob.type, target, (MPI_Aint)disp, tb.count, tb.type, w,
			      &r);
		break;
	case op_rget:
		rc = MPI_Rget((void *)origin, ob.count, ob.type, target, (MPI_Aint)disp, tb.count,
			      tb.type, w, &r);
		break;
	}
	nd_msgbuf_pair_done(&ob, &tb);
	if (req)
		*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_put(const uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
	      int64_t tcount, ndmpi_h tdt, ndmpi_h win)
{
	return rma_op(op_put, origin, ocount, odt, target, disp, tcount, tdt, 0, win, NULL);
}

int ndmpi_get(uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
	      int64_t tcount, ndmpi_h tdt, ndmpi_h win)
{
	return rma_op(op_get, origin, ocount, odt, target, disp, tcount, tdt, 0, win, NULL);
}

int ndmpi_accumulate(const uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
		     int64_t tcount, ndmpi_h tdt, ndmpi_h op, ndmpi_h win)
{
	return rma_op(op_acc, origin, ocount, odt, target, disp, tcount, tdt, op, win, NULL);
}

int ndmpi_rput(const uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
	       int64_t tcount, ndmpi_h tdt, ndmpi_h win, ndmpi_h *req)
{
	return rma_op(op_rput, origin, ocount, odt, target, disp, tcount, tdt, 0, win, req);
}

int ndmpi_rget(uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
	       int64_t tcount, ndmpi_h tdt, ndmpi_h win, ndmpi_h *req)
{
	return rma_op(op_rget, origin, ocount, odt, target, disp, tcount, tdt, 0, win, req);
}

/* With MPI_NO_OP the origin is ignored: MPI allows it to be NULL. */
int ndmpi_get_accumulate(const uint8_t *origin, int64_t ocount, ndmpi_h odt, uint8_t *result,
			 int64_t rcount, ndmpi_h rdt, int target, int64_t disp, int64_t tcount,
			 ndmpi_h tdt, ndmpi_h op, ndmpi_h win)
{
	nd_msgbuf ob, rb, tb;
	int rc = nd_msgbuf_pair(ocount, ndmpi_type(odt), &ob, rcount, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = nd_msgbuf_make(tcount, ndmpi_type(tdt), &tb);
	if (rc != MPI_SUCCESS) {
		nd_msgbuf_pair_done(&ob, &rb);
		return rc;
	}
	rc = MPI_Get_accumulate(origin, ob.count, ob.type, result, rb.count, rb.type, target,
				(MPI_Aint)disp, tb.count, tb.type, ndmpi_op(op), ndmpi_win(win));
	nd_msgbuf_pair_done(&ob, &rb);
	nd_msgbuf_done(&tb);
	return rc;
}

/* ---- synchronisation ---------------------------------------------------- */

int ndmpi_win_fence(int assert, ndmpi_h win) { return MPI_Win_fence(mode(assert), ndmpi_win(win)); }

int ndmpi_win_lock(int exclusive, int rank, int assert, ndmpi_h win)
{
	return MPI_Win_lock(exclusive ? MPI_LOCK_EXCLUSIVE : MPI_LOCK_SHARED, rank, mode(assert),
			    ndmpi_win(win));
}

int ndmpi_win_unlock(int rank, ndmpi_h win) { return MPI_Win_unlock(rank, ndmpi_win(win)); }

int ndmpi_win_lock_all(int assert, ndmpi_h win)
{
	return MPI_Win_lock_all(mode(assert), ndmpi_win(win));
}

int ndmpi_win_unlock_all(ndmpi_h win) { return MPI_Win_unlock_all(ndmpi_win(win)); }

int ndmpi_win_flush(int rank, int local, ndmpi_h win)
{
	return local ? MPI_Win_flush_local(rank, ndmpi_win(win)) : MPI_Win_flush(rank, ndmpi_win(win));
}

int ndmpi_win_flush_all(int local, ndmpi_h win)
{
	return local ? MPI_Win_flush_local_all(ndmpi_win(win)) : MPI_Win_flush_all(ndmpi_win(win));
}

int ndmpi_win_sync(ndmpi_h win) { return MPI_Win_sync(ndmpi_win(win)); }

/* with_group calls MPI_Win_post (post) or MPI_Win_start with the group of
 * the given ranks of the window's communicator. MPI keeps what it needs
 * of a group: it is freed at once. */
static int with_group(int post, const int64_t *ranks, int64_t n, int assert, ndmpi_h win)
{
	MPI_Group all = MPI_GROUP_NULL, sub = MPI_GROUP_NULL;
	intvec v = {0};
	MPI_Win w = ndmpi_win(win);
	int rc;

	if (!fits_count(n))
		return MPI_ERR_COUNT;
	rc = intvec_from(&v, ranks, n);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Win_get_group(w, &all);
	if (rc == MPI_SUCCESS)
		rc = MPI_Group_incl(all, (int)n, v.p, &sub);
	if (rc == MPI_SUCCESS)
		rc = post ? MPI_Win_post(sub, mode(assert), w) : MPI_Win_start(sub, mode(assert), w);
	if (sub != MPI_GROUP_NULL)
		MPI_Group_free(&sub);
	if (all != MPI_GROUP_NULL)
		MPI_Group_free(&all);
	intvec_free(&v);
	return rc;
}

int ndmpi_win_post(const int64_t *ranks, int64_t n, int assert, ndmpi_h win)
{
	return with_group(1, ranks, n, assert, win);
}

int ndmpi_win_start(const int64_t *ranks, int64_t n, int assert, ndmpi_h win)
{
	return with_group(0, ranks, n, assert, win);
}

int ndmpi_win_complete(ndmpi_h win) { return MPI_Win_complete(ndmpi_win(win)); }
int ndmpi_win_wait(ndmpi_h win) { return MPI_Win_wait(ndmpi_win(win)); }
int ndmpi_win_test(int *flag, ndmpi_h win) { return MPI_Win_test(ndmpi_win(win), flag); }
