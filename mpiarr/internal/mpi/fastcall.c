/*
 * fastcall.c - the shims of the fast calls (see fastcall.h and, for why
 * they are safe, fastcall.go). Each unpacks its args, calls the helper it
 * is named after and nothing else, and writes the results back.
 */
#include "fastcall.h"
#include "persist.h"
#include "spin.h"
#include "win.h"

/* fits reports whether count elements of dt are at most NDMPI_FAST_BYTES
 * of data. An invalid count or type fits: the helper then fails at once. */
static int fits(int64_t count, ndmpi_h dt)
{
	MPI_Count size = 0;

	if (count <= 0 || MPI_Type_size_x(ndmpi_type(dt), &size) != MPI_SUCCESS)
		return 1;
	if (size < 0) /* MPI_UNDEFINED: beyond MPI_Count */
		return 0;
	return size == 0 || count <= NDMPI_FAST_BYTES / size;
}

#define P2P(args) ((ndmpi_p2p_args *)(args))
#define RMA(args) ((ndmpi_rma_args *)(args))
#define DEFER_UNLESS(a, count, dt)                                                                 \
	do {                                                                                       \
		if ((a)->bounded && !fits((count), (dt)))                                          \
			return NDMPI_FAST_DEFER;                                                   \
	} while (0)

int32_t ndmpi_send_spin_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);
	ndmpi_send_started out;

	DEFER_UNLESS(a, a->count, a->dt);
	out = ndmpi_send_spin(a->sync, a->buf, a->count, a->dt, a->peer, a->tag, a->comm,
			      a->spin_ns);
	a->req = out.req;
	return out.error;
}

int32_t ndmpi_recv_spin_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);
	ndmpi_recv_started out;

	DEFER_UNLESS(a, a->count, a->dt);
	out = ndmpi_recv_spin(a->buf, a->count, a->dt, a->peer, a->tag, a->comm, a->spin_ns);
	a->req = out.req;
	a->st = out.st;
	return out.st.error;
}

/* A probe moves no data. */
int32_t ndmpi_mprobe_spin_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);

	return ndmpi_mprobe_spin(a->peer, a->tag, a->comm, a->spin_ns, &a->flag, &a->msg, &a->st);
}

int32_t ndmpi_mrecv_spin_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);
	ndmpi_recv_started out;

	DEFER_UNLESS(a, a->count, a->dt);
	out = ndmpi_mrecv_spin(a->buf, a->count, a->dt, a->msg, a->spin_ns);
	a->req = out.req;
	a->msg = out.msg;
	a->st = out.st;
	return out.st.error;
}

/* The tests cannot see how much data their request moves: the caller
 * vouches for it (fastcall.go). */
int32_t ndmpi_test_spin_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);

	a->st = ndmpi_test_spin(&a->req, a->dt, a->spin_ns, &a->flag);
	return a->st.error;
}

int32_t ndmpi_test_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);

	return ndmpi_test(&a->req, &a->flag, &a->st);
}

int32_t ndmpi_isend_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);

	DEFER_UNLESS(a, a->count, a->dt);
	return ndmpi_isend(a->buf, a->count, a->dt, a->peer, a->tag, a->comm, &a->req);
}

int32_t ndmpi_issend_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);

	DEFER_UNLESS(a, a->count, a->dt);
	return ndmpi_issend(a->buf, a->count, a->dt, a->peer, a->tag, a->comm, &a->req);
}

int32_t ndmpi_irecv_fast(void *args)
{
	ndmpi_p2p_args *a = P2P(args);

	DEFER_UNLESS(a, a->count, a->dt);
	return ndmpi_irecv(a->buf, a->count, a->dt, a->peer, a->tag, a->comm, &a->req);
}

/* As for the tests, the caller vouches for the size of what the requests
 * move. */
int32_t ndmpi_startall_fast(void *args)
{
	ndmpi_start_args *a = args;

	return ndmpi_startall(a->n, a->reqs, &a->started);
}

int32_t ndmpi_put_fast(void *args)
{
	ndmpi_rma_args *a = RMA(args);

	DEFER_UNLESS(a, a->ocount, a->odt);
	return ndmpi_put(a->origin, a->ocount, a->odt, a->target, a->disp, a->tcount, a->tdt,
			 a->win);
}

int32_t ndmpi_get_fast(void *args)
{
	ndmpi_rma_args *a = RMA(args);

	DEFER_UNLESS(a, a->ocount, a->odt);
	return ndmpi_get(a->origin, a->ocount, a->odt, a->target, a->disp, a->tcount, a->tdt,
			 a->win);
}

int32_t ndmpi_accumulate_fast(void *args)
{
	ndmpi_rma_args *a = RMA(args);

	DEFER_UNLESS(a, a->ocount, a->odt);
	return ndmpi_accumulate(a->origin, a->ocount, a->odt, a->target, a->disp, a->tcount,
				a->tdt, a->op, a->win);
}

int32_t ndmpi_get_accumulate_fast(void *args)
{
	ndmpi_rma_args *a = RMA(args);

	DEFER_UNLESS(a, a->ocount, a->odt);
	DEFER_UNLESS(a, a->rcount, a->rdt);
	return ndmpi_get_accumulate(a->origin, a->ocount, a->odt, a->result, a->rcount, a->rdt,
				    a->target, a->disp, a->tcount, a->tdt, a->op, a->win);
}

int32_t ndmpi_rput_fast(void *args)
{
	ndmpi_rma_args *a = RMA(args);

	DEFER_UNLESS(a, a->ocount, a->odt);
	return ndmpi_rput(a->origin, a->ocount, a->odt, a->target, a->disp, a->tcount, a->tdt,
			  a->win, &a->req);
}

int32_t ndmpi_rget_fast(void *args)
{
	ndmpi_rma_args *a = RMA(args);

	DEFER_UNLESS(a, a->ocount, a->odt);
	return ndmpi_rget(a->origin, a->ocount, a->odt, a->target, a->disp, a->tcount, a->tdt,
			  a->win, &a->req);
}

/* As for the tests, the caller vouches for the size of the reduction. */
int32_t ndmpi_ireduce_fast(void *args)
{
	ndmpi_ireduce_args *a = args;

	return ndmpi_ireduce(a->sbuf, a->inplace, a->rbuf, a->count, a->dt, a->op, a->root, a->comm,
			     &a->req);
}

int32_t ndmpi_iallreduce_fast(void *args)
{
	ndmpi_ireduce_args *a = args;

	return ndmpi_iallreduce(a->sbuf, a->inplace, a->rbuf, a->count, a->dt, a->op, a->comm,
				&a->req);
}

int32_t ndmpi_fast_cgocall(void *fn, void *args)
{
	return ((int32_t(*)(void *))fn)(args);
}

int32_t ndmpi_wtime_fast(void *args)
{
	((ndmpi_wtime_args *)args)->t = ndmpi_wtime();
	return 0;
}
