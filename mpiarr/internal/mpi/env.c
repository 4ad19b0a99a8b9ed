/*
 * env.c - MPI's life in the process: starting it so that errors return,
 * ending it, and what can be asked of it at any time.
 *
 * Init does more than MPI_Init_thread because everything after it relies
 * on what it sets up: MPI_ERRORS_RETURN on the predefined communicators
 * (so that an error reaches Go instead of aborting the job), the tag the
 * v-collectives' fallback reserves, the replacement reduction operations
 * (op.c), and, for MPICH 4.0, the choice of a collective algorithm that
 * does not crash.
 */
#include "internal.h"

/* Tag used by the point-to-point fallback of the v-collectives; read from
 * MPI_TAG_UB once MPI is initialized. */
static int reserved_tag = -1;

int nd_reserved_tag(void)
{
	if (reserved_tag < 0) {
		int *v = NULL, flag = 0;
		if (MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &v, &flag) == MPI_SUCCESS && flag)
			reserved_tag = *v;
		else
			reserved_tag = 32767; /* the minimum MPI guarantees */
	}
	return reserved_tag;
}

int ndmpi_init(int required, int *provided, int *tag_ub)
{
	int flag = 0, rc;

	rc = MPI_Finalized(&flag);
	if (rc != MPI_SUCCESS)
		return rc;
	if (flag)
		return MPI_ERR_OTHER;
	rc = MPI_Initialized(&flag);
	if (rc != MPI_SUCCESS)
		return rc;
	if (flag) {
		rc = MPI_Query_thread(provided);
	} else {
#if defined(MPICH_NUMVERSION) && MPICH_NUMVERSION < 40100000
		/* The ch4 device-level MPI_Reduce of MPICH 4.0 dereferences
		 * MPI_IN_PLACE (segfault) for in-place reductions at a root
		 * other than 0 once the message is a few hundred KB. Use the
		 * generic MPIR algorithms instead, unless the user decided. */
		if (!getenv("MPIR_CVAR_REDUCE_DEVICE_COLLECTIVE"))
			setenv("MPIR_CVAR_REDUCE_DEVICE_COLLECTIVE", "0", 0);
#endif
		rc = MPI_Init_thread(NULL, NULL, required, provided);
	}
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
	if (rc != MPI_SUCCESS)
		return rc;
	reserved_tag = -1;
	*tag_ub = nd_reserved_tag();
	return nd_op_setup();
}

int ndmpi_finalize(void)
{
	nd_op_teardown();
	return MPI_Finalize();
}

/* MPI_Initialized and MPI_Finalized may be called at any time, before
 * MPI_Init and after MPI_Finalize included. */

int ndmpi_initialized(void)
{
	int flag = 0;
	MPI_Initialized(&flag);
	return flag;
}

int ndmpi_finalized(void)
{
	int flag = 0;
	MPI_Finalized(&flag);
	return flag;
}

int ndmpi_query_thread(int *provided) { return MPI_Query_thread(provided); }

int ndmpi_is_thread_main(int *flag) { return MPI_Is_thread_main(flag); }

int ndmpi_abort(ndmpi_h comm, int code) { return MPI_Abort(ndmpi_comm(comm), code); }

double ndmpi_wtime(void) { return MPI_Wtime(); }

double ndmpi_wtick(void) { return MPI_Wtick(); }

int ndmpi_processor_name(char *buf, int *len) { return MPI_Get_processor_name(buf, len); }

int ndmpi_library_version(char *buf, int *len) { return MPI_Get_library_version(buf, len); }
