/*
 * consts.c - the implementation's constants, read once for Go.
 *
 * MPI's predefined handles and integer constants are macros whose values
 * differ between OpenMPI and MPICH (handles are pointers in one and ints in
 * the other), and some are not compile-time constants at all. Rather than
 * hard-code any of them on the Go side, package initialization reads them
 * all here, in one cgo call, from the mpi.h the package was built against.
 */
#include "internal.h"

void ndmpi_get_consts(ndmpi_consts *c)
{
	memset(c, 0, sizeof *c);
	c->comm_world = ndmpi_comm_h(MPI_COMM_WORLD);
	c->comm_self = ndmpi_comm_h(MPI_COMM_SELF);
	c->comm_null = ndmpi_comm_h(MPI_COMM_NULL);

	c->datatype_null = ndmpi_type_h(MPI_DATATYPE_NULL);
	c->c_bool = ndmpi_type_h(MPI_C_BOOL);
	c->int8 = ndmpi_type_h(MPI_INT8_T);
	c->int16 = ndmpi_type_h(MPI_INT16_T);
	c->int32 = ndmpi_type_h(MPI_INT32_T);
	c->int64 = ndmpi_type_h(MPI_INT64_T);
	c->uint8 = ndmpi_type_h(MPI_UINT8_T);
	c->uint16 = ndmpi_type_h(MPI_UINT16_T);
	c->uint32 = ndmpi_type_h(MPI_UINT32_T);
	c->uint64 = ndmpi_type_h(MPI_UINT64_T);
	c->float_ = ndmpi_type_h(MPI_FLOAT);
	c->double_ = ndmpi_type_h(MPI_DOUBLE);
	c->c_float_complex = ndmpi_type_h(MPI_C_FLOAT_COMPLEX);
	c->c_double_complex = ndmpi_type_h(MPI_C_DOUBLE_COMPLEX);
	c->byte = ndmpi_type_h(MPI_BYTE);
	c->int_ = ndmpi_type_h(MPI_INT);
	c->char_ = ndmpi_type_h(MPI_CHAR);
	c->long_ = ndmpi_type_h(MPI_LONG);
	c->long_long = ndmpi_type_h(MPI_LONG_LONG);
	c->double_int = ndmpi_type_h(MPI_DOUBLE_INT);
	c->two_int = ndmpi_type_h(MPI_2INT);

	c->op_null = ndmpi_op_h(MPI_OP_NULL);
	c->op_sum = ndmpi_op_h(MPI_SUM);
	c->op_prod = ndmpi_op_h(MPI_PROD);
	c->op_min = ndmpi_op_h(MPI_MIN);
	c->op_max = ndmpi_op_h(MPI_MAX);
	c->op_land = ndmpi_op_h(MPI_LAND);
	c->op_lor = ndmpi_op_h(MPI_LOR);
	c->op_lxor = ndmpi_op_h(MPI_LXOR);
	c->op_band = ndmpi_op_h(MPI_BAND);
	c->op_bor = ndmpi_op_h(MPI_BOR);
	c->op_bxor = ndmpi_op_h(MPI_BXOR);
	c->op_maxloc = ndmpi_op_h(MPI_MAXLOC);
	c->op_minloc = ndmpi_op_h(MPI_MINLOC);
	c->op_replace = ndmpi_op_h(MPI_REPLACE);

	c->request_null = ndmpi_req_h(MPI_REQUEST_NULL);
	c->file_null = ndmpi_file_h(MPI_FILE_NULL);

	c->proc_null = MPI_PROC_NULL;
	c->any_source = MPI_ANY_SOURCE;
	c->any_tag = MPI_ANY_TAG;
	c->undefined = MPI_UNDEFINED;
	c->root = MPI_ROOT;

	c->thread_single = MPI_THREAD_SINGLE;
	c->thread_funneled = MPI_THREAD_FUNNELED;
	c->thread_serialized = MPI_THREAD_SERIALIZED;
	c->thread_multiple = MPI_THREAD_MULTIPLE;

	c->ident = MPI_IDENT;
	c->congruent = MPI_CONGRUENT;
	c->similar = MPI_SIMILAR;
	c->unequal = MPI_UNEQUAL;

	c->mode_rdonly = MPI_MODE_RDONLY;
	c->mode_wronly = MPI_MODE_WRONLY;
	c->mode_rdwr = MPI_MODE_RDWR;
	c->mode_create = MPI_MODE_CREATE;
	c->mode_excl = MPI_MODE_EXCL;
	c->mode_delete_on_close = MPI_MODE_DELETE_ON_CLOSE;
	c->mode_unique_open = MPI_MODE_UNIQUE_OPEN;
	c->mode_sequential = MPI_MODE_SEQUENTIAL;
	c->mode_append = MPI_MODE_APPEND;

	c->order_c = MPI_ORDER_C;
	c->order_fortran = MPI_ORDER_FORTRAN;

	c->max_error_string = MPI_MAX_ERROR_STRING;
	c->max_processor_name = MPI_MAX_PROCESSOR_NAME;
	c->max_library_version_string = MPI_MAX_LIBRARY_VERSION_STRING;
	/* MPI_Get_version may be called before MPI_Init */
	if (MPI_Get_version(&c->version, &c->subversion) != MPI_SUCCESS) {
		c->version = MPI_VERSION;
		c->subversion = MPI_SUBVERSION;
	}
}
