/*
 * userop.c - the trampolines of user-defined operations (userop.h).
 *
 * Trampoline i is MPI's user function for the operation in slot i: it
 * hands the buffers to Go's ndmpiUserOp with i, which finds the Go
 * function. MPI may split a reduction into several calls of the function,
 * each with its own length.
 */
#include "internal.h"
#include "userop.h"
#include "_cgo_export.h"

#define TRAMPOLINE(i)                                                                      \
	static void trampoline_##i(void *in, void *inout, int *len, MPI_Datatype *dt)       \
	{                                                                                    \
		ndmpiUserOp(i, in, inout, *len, ndmpi_type_h(*dt));                          \
	}

TRAMPOLINE(0)
TRAMPOLINE(1)
TRAMPOLINE(2)
TRAMPOLINE(3)
TRAMPOLINE(4)
TRAMPOLINE(5)
TRAMPOLINE(6)
TRAMPOLINE(7)
TRAMPOLINE(8)
TRAMPOLINE(9)
TRAMPOLINE(10)
TRAMPOLINE(11)
TRAMPOLINE(12)
TRAMPOLINE(13)
TRAMPOLINE(14)
TRAMPOLINE(15)
TRAMPOLINE(16)
TRAMPOLINE(17)
TRAMPOLINE(18)
TRAMPOLINE(19)
TRAMPOLINE(20)
TRAMPOLINE(21)
TRAMPOLINE(22)
TRAMPOLINE(23)
TRAMPOLINE(24)
TRAMPOLINE(25)
TRAMPOLINE(26)
TRAMPOLINE(27)
TRAMPOLINE(28)
TRAMPOLINE(29)
TRAMPOLINE(30)
TRAMPOLINE(31)
TRAMPOLINE(32)
TRAMPOLINE(33)
TRAMPOLINE(34)
TRAMPOLINE(35)
TRAMPOLINE(36)
TRAMPOLINE(37)
TRAMPOLINE(38)
TRAMPOLINE(39)
TRAMPOLINE(40)
TRAMPOLINE(41)
TRAMPOLINE(42)
TRAMPOLINE(43)
TRAMPOLINE(44)
TRAMPOLINE(45)
TRAMPOLINE(46)
TRAMPOLINE(47)
TRAMPOLINE(48)
TRAMPOLINE(49)
TRAMPOLINE(50)
TRAMPOLINE(51)
TRAMPOLINE(52)
TRAMPOLINE(53)
TRAMPOLINE(54)
TRAMPOLINE(55)
TRAMPOLINE(56)
TRAMPOLINE(57)
TRAMPOLINE(58)
TRAMPOLINE(59)
TRAMPOLINE(60)
TRAMPOLINE(61)
TRAMPOLINE(62)
TRAMPOLINE(63)
TRAMPOLINE(64)
TRAMPOLINE(65)
TRAMPOLINE(66)
TRAMPOLINE(67)
TRAMPOLINE(68)
TRAMPOLINE(69)
TRAMPOLINE(70)
TRAMPOLINE(71)
TRAMPOLINE(72)
TRAMPOLINE(73)
TRAMPOLINE(74)
TRAMPOLINE(75)
TRAMPOLINE(76)
TRAMPOLINE(77)
TRAMPOLINE(78)
TRAMPOLINE(79)
TRAMPOLINE(80)
TRAMPOLINE(81)
TRAMPOLINE(82)
TRAMPOLINE(83)
TRAMPOLINE(84)
TRAMPOLINE(85)
TRAMPOLINE(86)
TRAMPOLINE(87)
TRAMPOLINE(88)
TRAMPOLINE(89)
TRAMPOLINE(90)
TRAMPOLINE(91)
TRAMPOLINE(92)
TRAMPOLINE(93)
TRAMPOLINE(94)
TRAMPOLINE(95)
TRAMPOLINE(96)
TRAMPOLINE(97)
TRAMPOLINE(98)
TRAMPOLINE(99)
TRAMPOLINE(100)
TRAMPOLINE(101)
TRAMPOLINE(102)
TRAMPOLINE(103)
TRAMPOLINE(104)
TRAMPOLINE(105)
TRAMPOLINE(106)
TRAMPOLINE(107)
TRAMPOLINE(108)
TRAMPOLINE(109)
TRAMPOLINE(110)
TRAMPOLINE(111)
TRAMPOLINE(112)
TRAMPOLINE(113)
TRAMPOLINE(114)
TRAMPOLINE(115)
TRAMPOLINE(116)
TRAMPOLINE(117)
TRAMPOLINE(118)
TRAMPOLINE(119)
TRAMPOLINE(120)
TRAMPOLINE(121)
TRAMPOLINE(122)
TRAMPOLINE(123)
TRAMPOLINE(124)
TRAMPOLINE(125)
TRAMPOLINE(126)
TRAMPOLINE(127)

static MPI_User_function *const trampolines[NDMPI_USER_OPS] = {
	trampoline_0, trampoline_1, trampoline_2, trampoline_3, trampoline_4, trampoline_5,
	trampoline_6, trampoline_7, trampoline_8, trampoline_9, trampoline_10, trampoline_11,
	trampoline_12, trampoline_13, trampoline_14, trampoline_15, trampoline_16, trampoline_17,
	trampoline_18, trampoline_19, trampoline_20, trampoline_21, trampoline_22, trampoline_23,
	trampoline_24, trampoline_25, trampoline_26, trampoline_27, trampoline_28, trampoline_29,
	trampoline_30, trampoline_31, trampoline_32, trampoline_33, trampoline_34, trampoline_35,
	trampoline_36, trampoline_37, trampoline_38, trampoline_39, trampoline_40, trampoline_41,
	trampoline_42, trampoline_43, trampoline_44, trampoline_45, trampoline_46, trampoline_47,
	trampoline_48, trampoline_49, trampoline_50, trampoline_51, trampoline_52, trampoline_53,
	trampoline_54, trampoline_55, trampoline_56, trampoline_57, trampoline_58, trampoline_59,
	trampoline_60, trampoline_61, trampoline_62, trampoline_63, trampoline_64, trampoline_65,
	trampoline_66, trampoline_67, trampoline_68, trampoline_69, trampoline_70, trampoline_71,
	trampoline_72, trampoline_73, trampoline_74, trampoline_75, trampoline_76, trampoline_77,
	trampoline_78, trampoline_79, trampoline_80, trampoline_81, trampoline_82, trampoline_83,
	trampoline_84, trampoline_85, trampoline_86, trampoline_87, trampoline_88, trampoline_89,
	trampoline_90, trampoline_91, trampoline_92, trampoline_93, trampoline_94, trampoline_95,
	trampoline_96, trampoline_97, trampoline_98, trampoline_99, trampoline_100, trampoline_101,
	trampoline_102, trampoline_103, trampoline_104, trampoline_105, trampoline_106, trampoline_107,
	trampoline_108, trampoline_109, trampoline_110, trampoline_111, trampoline_112, trampoline_113,
	trampoline_114, trampoline_115, trampoline_116, trampoline_117, trampoline_118, trampoline_119,
	trampoline_120, trampoline_121, trampoline_122, trampoline_123, trampoline_124, trampoline_125,
	trampoline_126, trampoline_127,
};

_Static_assert(sizeof trampolines / sizeof trampolines[0] == NDMPI_USER_OPS, "one trampoline per slot");

int ndmpi_op_create(int slot, int commute, ndmpi_h *op)
{
	MPI_Op o = MPI_OP_NULL;
	int rc;
	*op = ndmpi_op_h(o);
	if (slot < 0 || slot >= NDMPI_USER_OPS)
		return MPI_ERR_ARG;
	rc = MPI_Op_create(trampolines[slot], commute, &o);
	*op = ndmpi_op_h(o);
	return rc;
}

int ndmpi_op_free(ndmpi_h *op)
{
	MPI_Op o = ndmpi_op(*op);
	int rc = MPI_Op_free(&o);
	*op = ndmpi_op_h(o);
	return rc;
}

int ndmpi_reduce_cb(int kind, const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count,
		    const int64_t *counts, int64_t n, ndmpi_h dt, ndmpi_h op, int root, ndmpi_h comm)
{
	switch (kind) {
	case NDMPI_CB_REDUCE:
		return ndmpi_reduce(sbuf, inplace, rbuf, count, dt, op, root, comm);
	case NDMPI_CB_ALLREDUCE:
		return ndmpi_allreduce(sbuf, inplace, rbuf, count, dt, op, comm);
	case NDMPI_CB_SCAN:
		return ndmpi_scan(sbuf, inplace, rbuf, count, dt, op, comm);
	case NDMPI_CB_EXSCAN:
		return ndmpi_exscan(sbuf, inplace, rbuf, count, dt, op, comm);
	case NDMPI_CB_REDUCE_SCATTER_BLOCK:
		return ndmpi_reduce_scatter_block(sbuf, inplace, rbuf, count, dt, op, comm);
	case NDMPI_CB_REDUCE_SCATTER:
		return ndmpi_reduce_scatter(sbuf, inplace, rbuf, counts, n, dt, op, comm);
	}
	return MPI_ERR_ARG;
}
