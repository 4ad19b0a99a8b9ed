/*
 * win.h - one-sided communication (MPI-3 RMA): windows, the operations
 * that move data through them, and their synchronisation. Declared apart
 * from ndmpi.h so that this concept's interface stays in one place;
 * implemented in win.c.
 *
 * Displacements and counts are in elements: a window's displacement unit
 * is the size of its element, and the target side of every operation is
 * a run of count elements of a basic type. Asserts are the bits of
 * ndmpi_mode_* below, mapped to MPI_MODE_* in C because their values
 * differ between implementations.
 */
#ifndef NDMPI_WIN_H
#define NDMPI_WIN_H

#include "ndmpi.h"

_Static_assert(sizeof(MPI_Win) <= sizeof(uint64_t), "MPI_Win does not fit in 64 bits");

static inline MPI_Win ndmpi_win(ndmpi_h h) { MPI_Win v; memcpy(&v, &h, sizeof v); return v; }
static inline ndmpi_h ndmpi_win_h(MPI_Win v) { ndmpi_h h = 0; memcpy(&h, &v, sizeof v); return h; }

/* The assert bits the Go side passes. */
enum {
	ndmpi_mode_nocheck = 1,
	ndmpi_mode_nostore = 2,
	ndmpi_mode_noput = 4,
	ndmpi_mode_noprecede = 8,
	ndmpi_mode_nosucceed = 16
};

/* The null handles of this concept (MPI_WIN_NULL, MPI_NO_OP). */
ndmpi_h ndmpi_win_null(void);
ndmpi_h ndmpi_op_no_op(void);

/* Creation. Each window gets MPI_ERRORS_RETURN. ndmpi_win_create keeps
 * base for the window's life; ndmpi_win_allocate returns memory MPI
 * allocated (node-local shared memory if shared), zeroed on every rank
 * before it returns. */
int ndmpi_win_create(uint8_t *base, int64_t bytes, int disp_unit, ndmpi_h comm, ndmpi_h *win);
int ndmpi_win_allocate(int64_t bytes, int disp_unit, int shared, ndmpi_h comm, uint8_t **base,
		       ndmpi_h *win);
int ndmpi_win_shared_query(ndmpi_h win, int rank, int64_t *bytes, int *disp_unit, uint8_t **base);
int ndmpi_win_free(ndmpi_h *win);

/* Operations. The origin buffer is MPI's until the operation completes
 * (the end of its epoch, a flush, or the request of rput and rget). */
int ndmpi_put(const uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
	      int64_t tcount, ndmpi_h tdt, ndmpi_h win);
int ndmpi_get(uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
	      int64_t tcount, ndmpi_h tdt, ndmpi_h win);
int ndmpi_accumulate(const uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
		     int64_t tcount, ndmpi_h tdt, ndmpi_h op, ndmpi_h win);
int ndmpi_get_accumulate(const uint8_t *origin, int64_t ocount, ndmpi_h odt, uint8_t *result,
			 int64_t rcount, ndmpi_h rdt, int target, int64_t disp, int64_t tcount,
			 ndmpi_h tdt, ndmpi_h op, ndmpi_h win);
int ndmpi_rput(const uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
	       int64_t tcount, ndmpi_h tdt, ndmpi_h win, ndmpi_h *req);
int ndmpi_rget(uint8_t *origin, int64_t ocount, ndmpi_h odt, int target, int64_t disp,
	       int64_t tcount, ndmpi_h tdt, ndmpi_h win, ndmpi_h *req);

/* Synchronisation. ranks name ranks of the window's communicator. */
int ndmpi_win_fence(int assert, ndmpi_h win);
int ndmpi_win_lock(int exclusive, int rank, int assert, ndmpi_h win);
int ndmpi_win_unlock(int rank, ndmpi_h win);
int ndmpi_win_lock_all(int assert, ndmpi_h win);
int ndmpi_win_unlock_all(ndmpi_h win);
int ndmpi_win_flush(int rank, int local, ndmpi_h win);
int ndmpi_win_flush_all(int local, ndmpi_h win);
int ndmpi_win_sync(ndmpi_h win);
int ndmpi_win_post(const int64_t *ranks, int64_t n, int assert, ndmpi_h win);
int ndmpi_win_start(const int64_t *ranks, int64_t n, int assert, ndmpi_h win);
int ndmpi_win_complete(ndmpi_h win);
int ndmpi_win_wait(ndmpi_h win);
int ndmpi_win_test(int *flag, ndmpi_h win);

#endif /* NDMPI_WIN_H */
