/*
 * userop.h - user-defined reduction operations, whose function is Go's.
 *
 * MPI calls a user function with no argument of the caller's own, so the
 * binding creates each operation on one of NDMPI_USER_OPS C trampolines
 * (userop.c), and trampoline i calls Go with i: the slot Go's registry
 * maps to the function.
 *
 * ndmpi_reduce_cb is the one function of the binding that calls back into
 * Go (the trampolines run inside the MPI call on the calling thread): it
 * must not be marked nocallback, and the reductions of coll.c, which are,
 * must never be handed a user-defined operation from Go.
 */
#ifndef NDMPI_USEROP_H
#define NDMPI_USEROP_H

#include "ndmpi.h"

enum { NDMPI_USER_OPS = 128 };

/* The reductions ndmpi_reduce_cb runs, as coll.c's ndmpi_xxx. */
enum { NDMPI_CB_REDUCE, NDMPI_CB_ALLREDUCE, NDMPI_CB_SCAN, NDMPI_CB_EXSCAN, NDMPI_CB_REDUCE_SCATTER_BLOCK,
       NDMPI_CB_REDUCE_SCATTER };

int ndmpi_op_create(int slot, int commute, ndmpi_h *op);
int ndmpi_op_free(ndmpi_h *op);
/* count is the element count, or the block size of
 * NDMPI_CB_REDUCE_SCATTER_BLOCK; counts (n of them) are those of
 * NDMPI_CB_REDUCE_SCATTER. */
int ndmpi_reduce_cb(int kind, const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count,
		    const int64_t *counts, int64_t n, ndmpi_h dt, ndmpi_h op, int root, ndmpi_h comm);

#endif /* NDMPI_USEROP_H */
