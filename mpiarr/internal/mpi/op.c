/*
 * op.c - wrapping sums of small integers under OpenMPI 4.1.
 *
 * The op/avx component of OpenMPI 4.1 computes MPI_SUM of 8- and 16-bit
 * integers with saturating vector additions: int8 100+100 gives 127 where
 * C, Go, NumPy and MPI's own base component give -56. Those sums (and only
 * those) go through a user-defined operation with wrapping arithmetic, so
 * that every other reduction keeps op/avx's speed (float64 sums of 64 KiB
 * run about twice as fast with it) rather than disabling the component for
 * all of them. Every reduction of the binding (coll.c) asks
 * nd_effective_op which operation to hand MPI; with any other library
 * the answer is always the operation asked for.
 */
#include "internal.h"

#if defined(OPEN_MPI) && OMPI_MAJOR_VERSION < 5

static MPI_Op wrap_sum_op = MPI_OP_NULL;

/* WRAP_SUM adds in T's unsigned twin U, where overflow wraps by definition,
 * and converts back. */
#define WRAP_SUM(T, U)                                                          \
	do {                                                                    \
		const T *a = in;                                                \
		T *b = inout;                                                   \
		for (int i = 0; i < *len; i++)                                  \
			b[i] = (T)(U)((U)a[i] + (U)b[i]);                       \
	} while (0)

static void wrap_sum(void *in, void *inout, int *len, MPI_Datatype *dt)
{
	MPI_Datatype t = *dt;
	if (t == MPI_INT8_T || t == MPI_SIGNED_CHAR)
		WRAP_SUM(int8_t, uint8_t);
	else if (t == MPI_UINT8_T || t == MPI_UNSIGNED_CHAR)
		WRAP_SUM(uint8_t, uint8_t);
	else if (t == MPI_INT16_T || t == MPI_SHORT)
		WRAP_SUM(int16_t, uint16_t);
	else if (t == MPI_UINT16_T || t == MPI_UNSIGNED_SHORT)
		WRAP_SUM(uint16_t, uint16_t);
}

static int small_int(MPI_Datatype t)
{
	return t == MPI_INT8_T || t == MPI_SIGNED_CHAR || t == MPI_UINT8_T || t == MPI_UNSIGNED_CHAR ||
	       t == MPI_INT16_T || t == MPI_SHORT || t == MPI_UINT16_T || t == MPI_UNSIGNED_SHORT;
}

int nd_op_setup(void)
{
	if (wrap_sum_op != MPI_OP_NULL)
		return MPI_SUCCESS;
	return MPI_Op_create(wrap_sum, 1, &wrap_sum_op);
}

void nd_op_teardown(void)
{
	if (wrap_sum_op != MPI_OP_NULL)
		MPI_Op_free(&wrap_sum_op);
}

MPI_Op nd_effective_op(MPI_Op op, MPI_Datatype dt)
{
	if (op == MPI_SUM && wrap_sum_op != MPI_OP_NULL && small_int(dt))
		return wrap_sum_op;
	return op;
}

#else

int nd_op_setup(void) { return MPI_SUCCESS; }

void nd_op_teardown(void) {}

MPI_Op nd_effective_op(MPI_Op op, MPI_Datatype dt)
{
	(void)dt;
	return op;
}

#endif
