/*
 * fastcall.h - the shims of the fast calls (fastcall.go, fastcall.c).
 *
 * A shim is an int32_t fn(void *args): the calling convention of the Go
 * runtime's asmcgocall, which runs fn on the thread's system stack without
 * cgo's hand-off to the scheduler. It unpacks its args struct, which lies
 * on the calling goroutine's stack, calls the C helper it is named after,
 * and writes the results back into the struct. Shims are reached only
 * through their addresses, never called by name from Go, so they carry no
 * "#cgo" directives; ndmpi_fast_cgocall, the one that runs a shim through
 * an ordinary cgo call, does.
 *
 * A shim wraps only a helper that is nocallback and returns in bounded
 * time (directives_test.go checks the list). The helpers whose time grows
 * with the data they move check it first when args->bounded is set:
 * above NDMPI_FAST_BYTES they do nothing and return NDMPI_FAST_DEFER, and
 * Go makes the call again through cgo.
 */
#ifndef NDMPI_FASTCALL_H
#define NDMPI_FASTCALL_H

#include "ndmpi.h"

enum {
	/* NDMPI_FAST_DEFER is what a shim returns when it declines a
	 * transfer too large for a fast call; MPI's codes are never negative. */
	NDMPI_FAST_DEFER = -1,
	/* NDMPI_FAST_BYTES is the largest transfer a fast call starts: its
	 * copy (or reduction) inside one MPI_Test takes at most about 100 µs,
	 * the longest a fast call holds up the garbage collector. It is not
	 * smaller because a cgo call lasting past sysmon's 20 µs tick loses
	 * its P: 2-rank ping-pong of 1 MiB, 64 KiB here: 70 000-75 000
	 * context switches per rank in 7 600 round trips, 1 MiB: 18 000, and
	 * 103-198 against 111-131 µs one way (C: 300 switches). */
	NDMPI_FAST_BYTES = 1 << 20
};

/* ndmpi_p2p_args: sends, receives and the tests of their requests. */
typedef struct {
	int32_t bounded; /* in: defer a transfer above NDMPI_FAST_BYTES */
	int32_t sync;    /* in: a synchronous send */
	uint8_t *buf;
	int64_t count;
	ndmpi_h dt, comm;
	int peer, tag; /* dest or source */
	int64_t spin_ns;
	ndmpi_h req;     /* in for tests; out */
	ndmpi_h msg;     /* a matched message: out of probes, in to receives */
	int flag;        /* out: the request completed */
	ndmpi_status st; /* out: the status when it did (or failed) */
} ndmpi_p2p_args;

/* ndmpi_rma_args: the one-sided operations. result is Get_accumulate's. */
typedef struct {
	int32_t bounded; /* in: defer a transfer above NDMPI_FAST_BYTES */
	int target;
	uint8_t *origin;
	int64_t ocount;
	ndmpi_h odt;
	uint8_t *result;
	int64_t rcount;
	ndmpi_h rdt;
	int64_t disp, tcount;
	ndmpi_h tdt, op, win;
	ndmpi_h req; /* out: Rput's and Rget's */
} ndmpi_rma_args;

/* ndmpi_start_args: MPI_Start of n persistent requests. */
typedef struct {
	int n, started;
	ndmpi_h *reqs;
} ndmpi_start_args;

/* ndmpi_ireduce_args: MPI_Ireduce and MPI_Iallreduce with a predefined
 * operation, whose caller vouches that they reduce at most
 * NDMPI_FAST_BYTES. */
typedef struct {
	const uint8_t *sbuf;
	uint8_t *rbuf;
	int64_t count;
	ndmpi_h dt, op, comm;
	int inplace, root;
	ndmpi_h req; /* out */
} ndmpi_ireduce_args;

/* ndmpi_wtime_args: MPI_Wtime, whose clock a timing loop reads often. */
typedef struct {
	double t; /* out */
} ndmpi_wtime_args;

/* The shims, each named after the helper it calls. */
int32_t ndmpi_send_spin_fast(void *args);
int32_t ndmpi_recv_spin_fast(void *args);
int32_t ndmpi_mprobe_spin_fast(void *args);
int32_t ndmpi_mrecv_spin_fast(void *args);
int32_t ndmpi_test_spin_fast(void *args);
int32_t ndmpi_test_fast(void *args);
int32_t ndmpi_isend_fast(void *args);
int32_t ndmpi_issend_fast(void *args);
int32_t ndmpi_irecv_fast(void *args);
int32_t ndmpi_startall_fast(void *args);
int32_t ndmpi_put_fast(void *args);
int32_t ndmpi_get_fast(void *args);
int32_t ndmpi_accumulate_fast(void *args);
int32_t ndmpi_get_accumulate_fast(void *args);
int32_t ndmpi_rput_fast(void *args);
int32_t ndmpi_rget_fast(void *args);
int32_t ndmpi_ireduce_fast(void *args);
int32_t ndmpi_iallreduce_fast(void *args);
int32_t ndmpi_wtime_fast(void *args);

/* ndmpi_fast_cgocall runs the shim fn on args: the ordinary cgo call, for
 * a deferred transfer and for builds with the tag ndmpi_cgocall. */
int32_t ndmpi_fast_cgocall(void *fn, void *args);

#endif /* NDMPI_FASTCALL_H */
