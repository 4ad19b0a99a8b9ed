/*
 * ndmpi.c - C helpers of the ndmpi cgo binding to MPI. See ndmpi.h.
 *
 * Large counts: MPI-3 (and OpenMPI 4.1, which has no MPI-4 "_c" functions)
 * takes int counts. Counts above INT_MAX are handled here:
 *   - point-to-point, Bcast, Scatter/Gather/Allgather/Alltoall, file access:
 *     the buffer is described by a derived datatype (BigMPI technique) used
 *     with count 1;
 *   - Reduce/Allreduce/Scan/Exscan: the operation is repeated over chunks of
 *     at most INT_MAX/2 elements (predefined ops need predefined types);
 *   - Scatterv/Gatherv/Allgatherv/Alltoallv: if any count or displacement on
 *     any rank does not fit an int, the operation is carried out with
 *     nonblocking point-to-point messages on the reserved tag (MPI_TAG_UB)
 *     of the communicator. Ranks agree on the path with one small
 *     MPI_Allreduce before every such call.
 */
#include "ndmpi.h"

#include <stdlib.h>

/* Tag used by the point-to-point fallback of the v-collectives. */
static int reserved_tag = -1;

/* ------------------------------------------------------------------------ */
/* constants                                                                 */
/* ------------------------------------------------------------------------ */

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

#define CLASS(x) { #x, x }
static const ndmpi_named_int error_classes[] = {
	CLASS(MPI_SUCCESS),
	CLASS(MPI_ERR_BUFFER),
	CLASS(MPI_ERR_COUNT),
	CLASS(MPI_ERR_TYPE),
	CLASS(MPI_ERR_TAG),
	CLASS(MPI_ERR_COMM),
	CLASS(MPI_ERR_RANK),
	CLASS(MPI_ERR_REQUEST),
	CLASS(MPI_ERR_ROOT),
	CLASS(MPI_ERR_GROUP),
	CLASS(MPI_ERR_OP),
	CLASS(MPI_ERR_TOPOLOGY),
	CLASS(MPI_ERR_DIMS),
	CLASS(MPI_ERR_ARG),
	CLASS(MPI_ERR_UNKNOWN),
	CLASS(MPI_ERR_TRUNCATE),
	CLASS(MPI_ERR_OTHER),
	CLASS(MPI_ERR_INTERN),
	CLASS(MPI_ERR_IN_STATUS),
	CLASS(MPI_ERR_PENDING),
	CLASS(MPI_ERR_KEYVAL),
	CLASS(MPI_ERR_NO_MEM),
	CLASS(MPI_ERR_BASE),
	CLASS(MPI_ERR_INFO_KEY),
	CLASS(MPI_ERR_INFO_VALUE),
	CLASS(MPI_ERR_INFO_NOKEY),
	CLASS(MPI_ERR_INFO),
	CLASS(MPI_ERR_SPAWN),
	CLASS(MPI_ERR_PORT),
	CLASS(MPI_ERR_SERVICE),
	CLASS(MPI_ERR_NAME),
	CLASS(MPI_ERR_WIN),
	CLASS(MPI_ERR_SIZE),
	CLASS(MPI_ERR_DISP),
	CLASS(MPI_ERR_LOCKTYPE),
	CLASS(MPI_ERR_ASSERT),
	CLASS(MPI_ERR_RMA_CONFLICT),
	CLASS(MPI_ERR_RMA_SYNC),
	CLASS(MPI_ERR_RMA_RANGE),
	CLASS(MPI_ERR_RMA_ATTACH),
	CLASS(MPI_ERR_RMA_SHARED),
	CLASS(MPI_ERR_RMA_FLAVOR),
	CLASS(MPI_ERR_FILE),
	CLASS(MPI_ERR_NOT_SAME),
	CLASS(MPI_ERR_AMODE),
	CLASS(MPI_ERR_UNSUPPORTED_DATAREP),
	CLASS(MPI_ERR_UNSUPPORTED_OPERATION),
	CLASS(MPI_ERR_NO_SUCH_FILE),
	CLASS(MPI_ERR_FILE_EXISTS),
	CLASS(MPI_ERR_BAD_FILE),
	CLASS(MPI_ERR_ACCESS),
	CLASS(MPI_ERR_NO_SPACE),
	CLASS(MPI_ERR_QUOTA),
	CLASS(MPI_ERR_READ_ONLY),
	CLASS(MPI_ERR_FILE_IN_USE),
	CLASS(MPI_ERR_DUP_DATAREP),
	CLASS(MPI_ERR_CONVERSION),
	CLASS(MPI_ERR_IO),
	CLASS(MPI_ERR_LASTCODE),
};
#undef CLASS

const ndmpi_named_int *ndmpi_error_classes(int *n)
{
	*n = (int)(sizeof error_classes / sizeof error_classes[0]);
	return error_classes;
}

int ndmpi_error_info(int code, int *cls, char *msg, int msglen)
{
	char buf[MPI_MAX_ERROR_STRING + 1];
	int len = 0;
	int rc = MPI_Error_class(code, cls);
	if (rc != MPI_SUCCESS)
		*cls = MPI_ERR_UNKNOWN;
	rc = MPI_Error_string(code, buf, &len);
	if (rc != MPI_SUCCESS)
		len = 0;
	if (len < 0)
		len = 0;
	if (!msg || msglen <= 0)
		return 0;
	if (len >= msglen)
		len = msglen - 1;
	memcpy(msg, buf, (size_t)len);
	msg[len] = '\0';
	return len;
}

/* ------------------------------------------------------------------------ */
/* small utilities                                                           */
/* ------------------------------------------------------------------------ */

/* offset_ptr advances p by bytes; a NULL buffer (legal with count 0, or on
 * ranks where MPI ignores it) stays NULL and is never dereferenced. */
static inline void *offset_ptr(const void *p, MPI_Count bytes)
{
	return p ? (void *)((const char *)p + bytes) : NULL;
}

/* intvec holds an int array converted from int64 values; small arrays
 * live in the struct, larger ones are malloc'ed. */
typedef struct {
	int *p;
	int small[64];
} intvec;

static int intvec_init(intvec *v, int64_t n)
{
	if (n <= 64) {
		v->p = v->small;
		return MPI_SUCCESS;
	}
	v->p = malloc((size_t)n * sizeof(int));
	return v->p ? MPI_SUCCESS : MPI_ERR_NO_MEM;
}

static void intvec_free(intvec *v)
{
	if (v->p != v->small)
		free(v->p);
	v->p = NULL;
}

/* intvec_from converts n int64 values (all known to fit) to ints. */
static int intvec_from(intvec *v, const int64_t *src, int64_t n)
{
	int rc = intvec_init(v, n);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int64_t i = 0; i < n; i++)
		v->p[i] = (int)src[i];
	return MPI_SUCCESS;
}

/* copy_cstr makes a NUL-terminated copy of (s, n) (Go strings are not
 * NUL-terminated). The result must be freed. */
static char *copy_cstr(const char *s, int64_t n)
{
	char *out = malloc((size_t)n + 1);
	if (!out)
		return NULL;
	if (n > 0)
		memcpy(out, s, (size_t)n);
	out[n] = '\0';
	return out;
}

static int get_reserved_tag(void)
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

/* ------------------------------------------------------------------------ */
/* large-count datatypes                                                     */
/* ------------------------------------------------------------------------ */

/* make_bigtype builds a committed datatype equivalent to count consecutive
 * elements of dt, for count > INT_MAX (BigMPI technique): a contiguous type
 * of nchunks chunks of INT_MAX elements, plus a contiguous remainder placed
 * after them with MPI_Type_create_struct. The result is resized to exactly
 * the lower bound of dt and count*extent(dt), so that it also works as a
 * block type in Gather/Scatter/Allgather/Alltoall. */
static int make_bigtype(int64_t count, MPI_Datatype dt, MPI_Datatype *out)
{
	MPI_Count lb, extent;
	MPI_Datatype chunk = MPI_DATATYPE_NULL, chunks = MPI_DATATYPE_NULL;
	MPI_Datatype rem = MPI_DATATYPE_NULL, joined = MPI_DATATYPE_NULL;
	int64_t nchunks = count / INT_MAX, nrem = count % INT_MAX;
	int rc;

	if (count < 0 || nchunks > INT_MAX)
		return MPI_ERR_COUNT;
	rc = MPI_Type_get_extent_x(dt, &lb, &extent);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Type_contiguous(INT_MAX, dt, &chunk);
	if (rc != MPI_SUCCESS)
		goto out;
	rc = MPI_Type_contiguous((int)nchunks, chunk, &chunks);
	if (rc != MPI_SUCCESS)
		goto out;
	if (nrem > 0) {
		int blocklens[2] = {1, 1};
		MPI_Aint displs[2] = {0, (MPI_Aint)(nchunks * (int64_t)INT_MAX * extent)};
		MPI_Datatype types[2];
		rc = MPI_Type_contiguous((int)nrem, dt, &rem);
		if (rc != MPI_SUCCESS)
			goto out;
		types[0] = chunks;
		types[1] = rem;
		rc = MPI_Type_create_struct(2, blocklens, displs, types, &joined);
		if (rc != MPI_SUCCESS)
			goto out;
	} else {
		rc = MPI_Type_dup(chunks, &joined);
		if (rc != MPI_SUCCESS)
			goto out;
	}
	rc = MPI_Type_create_resized(joined, (MPI_Aint)lb, (MPI_Aint)(count * extent), out);
	if (rc != MPI_SUCCESS)
		goto out;
	rc = MPI_Type_commit(out);
	if (rc != MPI_SUCCESS)
		MPI_Type_free(out);
out:
	if (chunk != MPI_DATATYPE_NULL)
		MPI_Type_free(&chunk);
	if (chunks != MPI_DATATYPE_NULL)
		MPI_Type_free(&chunks);
	if (rem != MPI_DATATYPE_NULL)
		MPI_Type_free(&rem);
	if (joined != MPI_DATATYPE_NULL)
		MPI_Type_free(&joined);
	return rc;
}

/* msgbuf is the (count, datatype) pair actually handed to MPI for a
 * (count64, dt) buffer: either the pair itself, or (1, bigtype). */
typedef struct {
	int count;
	MPI_Datatype type;
	int big;
} msgbuf;

static int msgbuf_make(int64_t count, MPI_Datatype dt, msgbuf *b)
{
	b->big = 0;
	b->type = dt;
	b->count = 0;
	if (count < 0)
		return MPI_ERR_COUNT;
	if (count <= INT_MAX) {
		b->count = (int)count;
		return MPI_SUCCESS;
	}
	b->big = 1;
	b->count = 1;
	return make_bigtype(count, dt, &b->type);
}

/* msgbuf_done frees a temporary big type. Freeing is allowed while a
 * nonblocking operation using the type is pending: MPI keeps it alive. */
static void msgbuf_done(msgbuf *b)
{
	if (b->big)
		MPI_Type_free(&b->type);
	b->big = 0;
}

/* ------------------------------------------------------------------------ */
/* status                                                                    */
/* ------------------------------------------------------------------------ */

/* fill_status converts an MPI_Status. dt is the element type of the call
 * (MPI_BYTE for calls that have none). The byte count comes from
 * MPI_Get_elements_x with MPI_BYTE (both OpenMPI and MPICH record the byte
 * count in the status), so it is exact beyond 2^31; count follows the
 * MPI_Get_count rule: whole elements of dt, MPI_UNDEFINED otherwise. */
static void fill_status_common(const MPI_Status *s, MPI_Datatype dt, int err, ndmpi_status *out);

/* fill_status fills out from a request's status: Wait, Test, Waitall. */
static void fill_status(const MPI_Status *s, MPI_Datatype dt, int err, ndmpi_status *out)
{
	int flag = 0;

	if (!out)
		return;
	if (MPI_Test_cancelled(s, &flag) != MPI_SUCCESS)
		flag = 0;
	out->cancelled = flag;
	fill_status_common(s, dt, err, out);
}

/* fill_status_blocking fills out from the status of a blocking call,
 * which cannot have been cancelled: it spares MPI_Test_cancelled on the
 * path of every small message. */
static void fill_status_blocking(const MPI_Status *s, MPI_Datatype dt, int err, ndmpi_status *out)
{
	if (!out)
		return;
	out->cancelled = 0;
	fill_status_common(s, dt, err, out);
}

static void fill_status_common(const MPI_Status *s, MPI_Datatype dt, int err, ndmpi_status *out)
{
	MPI_Count bytes = 0, size = 0;

	out->source = s->MPI_SOURCE;
	out->tag = s->MPI_TAG;
	out->error = err;
	if (MPI_Get_elements_x(s, MPI_BYTE, &bytes) != MPI_SUCCESS || bytes == MPI_UNDEFINED)
		bytes = 0;
	out->bytes = bytes;
	if (dt == MPI_BYTE) {
		out->count = bytes;
		return;
	}
	if (MPI_Type_size_x(dt, &size) != MPI_SUCCESS || size == MPI_UNDEFINED) {
		out->count = MPI_UNDEFINED;
		return;
	}
	if (size == 0)
		out->count = 0;
	else if (bytes % size != 0)
		out->count = MPI_UNDEFINED;
	else
		out->count = bytes / size;
}

static void status_init(MPI_Status *s)
{
	memset(s, 0, sizeof *s);
	s->MPI_SOURCE = MPI_ANY_SOURCE;
	s->MPI_TAG = MPI_ANY_TAG;
	s->MPI_ERROR = MPI_SUCCESS;
}

/* ------------------------------------------------------------------------ */
/* environment                                                               */
/* ------------------------------------------------------------------------ */

/* ---- wrapping sums of small integers ------------------------------------
 *
 * The op/avx component of OpenMPI 4.1 computes MPI_SUM of 8- and 16-bit
 * integers with saturating vector additions: int8 100+100 gives 127 where
 * C, Go, NumPy and MPI's own base component give -56. Those sums (and only
 * those) go through a user-defined operation with wrapping arithmetic, so
 * that every other reduction keeps op/avx's speed (float64 sums of 64 KiB
 * run about twice as fast with it). */

#if defined(OPEN_MPI) && OMPI_MAJOR_VERSION < 5
static MPI_Op wrap_sum_op = MPI_OP_NULL;

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

static int make_wrap_sum(void)
{
	if (wrap_sum_op != MPI_OP_NULL)
		return MPI_SUCCESS;
	return MPI_Op_create(wrap_sum, 1, &wrap_sum_op);
}

static void free_wrap_sum(void)
{
	if (wrap_sum_op != MPI_OP_NULL)
		MPI_Op_free(&wrap_sum_op);
}

/* effective_op is the operation MPI is asked to apply for op on dt. */
static MPI_Op effective_op(MPI_Op op, MPI_Datatype dt)
{
	if (op == MPI_SUM && wrap_sum_op != MPI_OP_NULL && small_int(dt))
		return wrap_sum_op;
	return op;
}
#else
static int make_wrap_sum(void) { return MPI_SUCCESS; }
static void free_wrap_sum(void) {}
static MPI_Op effective_op(MPI_Op op, MPI_Datatype dt)
{
	(void)dt;
	return op;
}
#endif

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
	*tag_ub = get_reserved_tag();
	return make_wrap_sum();
}

int ndmpi_finalize(void)
{
	free_wrap_sum();
	return MPI_Finalize();
}

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

/* ------------------------------------------------------------------------ */
/* communicators                                                             */
/* ------------------------------------------------------------------------ */

int ndmpi_comm_rank(ndmpi_h comm, int *rank) { return MPI_Comm_rank(ndmpi_comm(comm), rank); }

int ndmpi_comm_size(ndmpi_h comm, int *size) { return MPI_Comm_size(ndmpi_comm(comm), size); }

/* set_errors_return gives a new communicator MPI_ERRORS_RETURN. */
static int set_errors_return(MPI_Comm c)
{
	if (c == MPI_COMM_NULL)
		return MPI_SUCCESS;
	return MPI_Comm_set_errhandler(c, MPI_ERRORS_RETURN);
}

int ndmpi_comm_dup(ndmpi_h comm, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Comm_dup(ndmpi_comm(comm), &c);
	if (rc == MPI_SUCCESS)
		rc = set_errors_return(c);
	*out = ndmpi_comm_h(c);
	return rc;
}

int ndmpi_comm_split(ndmpi_h comm, int color, int key, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Comm_split(ndmpi_comm(comm), color, key, &c);
	if (rc == MPI_SUCCESS)
		rc = set_errors_return(c);
	*out = ndmpi_comm_h(c);
	return rc;
}

int ndmpi_comm_free(ndmpi_h *comm)
{
	MPI_Comm c = ndmpi_comm(*comm);
	int rc = MPI_Comm_free(&c);
	*comm = ndmpi_comm_h(c);
	return rc;
}

int ndmpi_comm_compare(ndmpi_h a, ndmpi_h b, int *result)
{
	return MPI_Comm_compare(ndmpi_comm(a), ndmpi_comm(b), result);
}

/* ------------------------------------------------------------------------ */
/* datatypes                                                                 */
/* ------------------------------------------------------------------------ */

/* contiguous builds an uncommitted contiguous type of count elements of
 * old; counts beyond INT_MAX use the big-type construction (which returns a
 * committed type; committing again is harmless). */
static int contiguous(int64_t count, MPI_Datatype old, MPI_Datatype *out)
{
	if (count < 0)
		return MPI_ERR_COUNT;
	if (count <= INT_MAX)
		return MPI_Type_contiguous((int)count, old, out);
	return make_bigtype(count, old, out);
}

int ndmpi_type_contiguous(int64_t count, ndmpi_h old, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	int rc = contiguous(count, ndmpi_type(old), &t);
	*out = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_hvector(int64_t count, int64_t blocklen, int64_t stride, ndmpi_h old, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	int rc;
	if (count < 0 || count > INT_MAX || blocklen < 0 || blocklen > INT_MAX)
		return MPI_ERR_COUNT;
	rc = MPI_Type_create_hvector((int)count, (int)blocklen, (MPI_Aint)stride, ndmpi_type(old), &t);
	*out = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_resized(ndmpi_h old, int64_t lb, int64_t extent, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	int rc = MPI_Type_create_resized(ndmpi_type(old), (MPI_Aint)lb, (MPI_Aint)extent, &t);
	*out = ndmpi_type_h(t);
	return rc;
}

/* ndmpi_type_strided builds, commits and returns the type of a strided
 * block: a contiguous run of run bytes (run/size(base) elements of base),
 * repeated counts[i] times with byte stride strides[i] at each level i,
 * level 0 being the outermost. Intermediate types are freed. */
int ndmpi_type_strided(ndmpi_h base, int64_t run, int ndims, const int64_t *counts,
		       const int64_t *strides, ndmpi_h *out)
{
	MPI_Datatype b = ndmpi_type(base), cur = MPI_DATATYPE_NULL, next;
	MPI_Count size = 0;
	int rc;

	*out = ndmpi_type_h(MPI_DATATYPE_NULL);
	rc = MPI_Type_size_x(b, &size);
	if (rc != MPI_SUCCESS)
		return rc;
	if (run < 0 || ndims < 0)
		return MPI_ERR_ARG;
	if (size == 0 || run % size != 0)
		return MPI_ERR_TYPE;
	for (int i = 0; i < ndims; i++)
		if (counts[i] < 0 || counts[i] > INT_MAX)
			return MPI_ERR_COUNT;

	rc = contiguous(run / size, b, &cur);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int i = ndims - 1; i >= 0; i--) {
		rc = MPI_Type_create_hvector((int)counts[i], 1, (MPI_Aint)strides[i], cur, &next);
		MPI_Type_free(&cur);
		if (rc != MPI_SUCCESS)
			return rc;
		cur = next;
	}
	rc = MPI_Type_commit(&cur);
	if (rc != MPI_SUCCESS) {
		MPI_Type_free(&cur);
		return rc;
	}
	*out = ndmpi_type_h(cur);
	return MPI_SUCCESS;
}

int ndmpi_type_subarray(int ndims, const int64_t *sizes, const int64_t *subsizes,
			const int64_t *starts, int order, ndmpi_h old, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	intvec sz, sub, st;
	int rc;

	*out = ndmpi_type_h(MPI_DATATYPE_NULL);
	if (ndims <= 0)
		return MPI_ERR_DIMS;
	for (int i = 0; i < ndims; i++)
		if (sizes[i] < 0 || sizes[i] > INT_MAX || subsizes[i] < 0 || subsizes[i] > INT_MAX ||
		    starts[i] < 0 || starts[i] > INT_MAX)
			return MPI_ERR_ARG;
	rc = intvec_from(&sz, sizes, ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = intvec_from(&sub, subsizes, ndims);
	if (rc != MPI_SUCCESS) {
		intvec_free(&sz);
		return rc;
	}
	rc = intvec_from(&st, starts, ndims);
	if (rc == MPI_SUCCESS) {
		rc = MPI_Type_create_subarray(ndims, sz.p, sub.p, st.p, order, ndmpi_type(old), &t);
		intvec_free(&st);
	}
	intvec_free(&sub);
	intvec_free(&sz);
	*out = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_dup(ndmpi_h old, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	int rc = MPI_Type_dup(ndmpi_type(old), &t);
	*out = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_commit(ndmpi_h *dt)
{
	MPI_Datatype t = ndmpi_type(*dt);
	int rc = MPI_Type_commit(&t);
	*dt = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_free(ndmpi_h *dt)
{
	MPI_Datatype t = ndmpi_type(*dt);
	int rc = MPI_Type_free(&t);
	*dt = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_size(ndmpi_h dt, int64_t *size)
{
	MPI_Count s = 0;
	int rc = MPI_Type_size_x(ndmpi_type(dt), &s);
	*size = s;
	return rc;
}

int ndmpi_type_extent(ndmpi_h dt, int64_t *lb, int64_t *extent)
{
	MPI_Count l = 0, e = 0;
	int rc = MPI_Type_get_extent_x(ndmpi_type(dt), &l, &e);
	*lb = l;
	*extent = e;
	return rc;
}

int ndmpi_type_true_extent(ndmpi_h dt, int64_t *lb, int64_t *extent)
{
	MPI_Count l = 0, e = 0;
	int rc = MPI_Type_get_true_extent_x(ndmpi_type(dt), &l, &e);
	*lb = l;
	*extent = e;
	return rc;
}

/* ------------------------------------------------------------------------ */
/* point-to-point                                                            */
/* ------------------------------------------------------------------------ */

int ndmpi_send(uintptr_t buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm)
{
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Send((const void *)buf, b.count, b.type, dest, tag, ndmpi_comm(comm));
	msgbuf_done(&b);
	return rc;
}

int ndmpi_ssend(const void *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm)
{
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Ssend(buf, b.count, b.type, dest, tag, ndmpi_comm(comm));
	msgbuf_done(&b);
	return rc;
}

ndmpi_status ndmpi_recv(uintptr_t buf, int64_t count, ndmpi_h dt, int source, int tag, ndmpi_h comm)
{
	ndmpi_status st = {0};
	MPI_Status s;
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS) {
		st.error = rc;
		return st;
	}
	status_init(&s);
	rc = MPI_Recv((void *)buf, b.count, b.type, source, tag, ndmpi_comm(comm), &s);
	msgbuf_done(&b);
	fill_status_blocking(&s, ndmpi_type(dt), rc, &st);
	return st;
}

static int isend_any(int mode, const void *buf, int64_t count, MPI_Datatype dt, int dest,
		     int tag, MPI_Comm comm, MPI_Request *req)
{
	msgbuf b;
	int rc = msgbuf_make(count, dt, &b);
	if (rc != MPI_SUCCESS)
		return rc;
	if (mode == 's')
		rc = MPI_Issend(buf, b.count, b.type, dest, tag, comm, req);
	else
		rc = MPI_Isend(buf, b.count, b.type, dest, tag, comm, req);
	msgbuf_done(&b);
	return rc;
}

static int irecv_any(void *buf, int64_t count, MPI_Datatype dt, int source, int tag,
		     MPI_Comm comm, MPI_Request *req)
{
	msgbuf b;
	int rc = msgbuf_make(count, dt, &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Irecv(buf, b.count, b.type, source, tag, comm, req);
	msgbuf_done(&b);
	return rc;
}

int ndmpi_isend(const void *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = isend_any('b', buf, count, ndmpi_type(dt), dest, tag, ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_issend(const void *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		 ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = isend_any('s', buf, count, ndmpi_type(dt), dest, tag, ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_irecv(void *buf, int64_t count, ndmpi_h dt, int source, int tag, ndmpi_h comm,
		ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = irecv_any(buf, count, ndmpi_type(dt), source, tag, ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_sendrecv(const void *sbuf, int64_t scount, ndmpi_h sdt, int dest, int stag,
		   void *rbuf, int64_t rcount, ndmpi_h rdt, int source, int rtag, ndmpi_h comm,
		   ndmpi_status *st)
{
	MPI_Status s;
	msgbuf sb, rb;
	int rc = msgbuf_make(scount, ndmpi_type(sdt), &sb);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = msgbuf_make(rcount, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS) {
		msgbuf_done(&sb);
		return rc;
	}
	status_init(&s);
	rc = MPI_Sendrecv(sbuf, sb.count, sb.type, dest, stag, rbuf, rb.count, rb.type, source, rtag,
			  ndmpi_comm(comm), &s);
	msgbuf_done(&sb);
	msgbuf_done(&rb);
	fill_status(&s, ndmpi_type(rdt), rc, st);
	return rc;
}

int ndmpi_sendrecv_replace(void *buf, int64_t count, ndmpi_h dt, int dest, int stag,
			   int source, int rtag, ndmpi_h comm, ndmpi_status *st)
{
	MPI_Status s;
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	status_init(&s);
	rc = MPI_Sendrecv_replace(buf, b.count, b.type, dest, stag, source, rtag, ndmpi_comm(comm),
				  &s);
	msgbuf_done(&b);
	fill_status(&s, ndmpi_type(dt), rc, st);
	return rc;
}

int ndmpi_probe(int source, int tag, ndmpi_h comm, ndmpi_status *st)
{
	MPI_Status s;
	int rc;
	status_init(&s);
	rc = MPI_Probe(source, tag, ndmpi_comm(comm), &s);
	fill_status(&s, MPI_BYTE, rc, st);
	return rc;
}

int ndmpi_iprobe(int source, int tag, ndmpi_h comm, int *flag, ndmpi_status *st)
{
	MPI_Status s;
	int rc;
	status_init(&s);
	*flag = 0;
	rc = MPI_Iprobe(source, tag, ndmpi_comm(comm), flag, &s);
	if (*flag)
		fill_status(&s, MPI_BYTE, rc, st);
	return rc;
}

/* Matched probe and receive (MPI-3): the probed message is taken out of
 * the matching queue, so that another thread's receive with the same
 * source and tag cannot take it between the probe and the receive. */
int ndmpi_mprobe(int source, int tag, ndmpi_h comm, ndmpi_h *msg, ndmpi_status *st)
{
	MPI_Status s;
	MPI_Message m = MPI_MESSAGE_NULL;
	int rc;
	status_init(&s);
	rc = MPI_Mprobe(source, tag, ndmpi_comm(comm), &m, &s);
	fill_status(&s, MPI_BYTE, rc, st);
	*msg = ndmpi_message_h(m);
	return rc;
}

ndmpi_status ndmpi_mrecv(uintptr_t buf, int64_t count, ndmpi_h dt, ndmpi_h *msg)
{
	ndmpi_status st = {0};
	MPI_Status s;
	MPI_Message m = ndmpi_message(*msg);
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS) {
		st.error = rc;
		return st;
	}
	status_init(&s);
	rc = MPI_Mrecv((void *)buf, b.count, b.type, &m, &s);
	msgbuf_done(&b);
	*msg = ndmpi_message_h(m);
	fill_status_blocking(&s, ndmpi_type(dt), rc, &st);
	return st;
}

int ndmpi_wait(ndmpi_h *req, ndmpi_status *st)
{
	MPI_Request r = ndmpi_req(*req);
	MPI_Status s;
	int rc;
	status_init(&s);
	rc = MPI_Wait(&r, &s);
	*req = ndmpi_req_h(r);
	fill_status(&s, MPI_BYTE, rc, st);
	return rc;
}

int ndmpi_test(ndmpi_h *req, int *flag, ndmpi_status *st)
{
	MPI_Request r = ndmpi_req(*req);
	MPI_Status s;
	int rc;
	status_init(&s);
	*flag = 0;
	rc = MPI_Test(&r, flag, &s);
	*req = ndmpi_req_h(r);
	if (*flag || rc != MPI_SUCCESS)
		fill_status(&s, MPI_BYTE, rc, st);
	return rc;
}

/* waitall is MPI_Waitall, except with OpenMPI. OpenMPI 4.1's
 * MPI_Waitall spins forever (in WAIT_SYNC_RELEASE) when one of the
 * requests has already completed in error by the time of the call and the
 * thread level is above MPI_THREAD_SINGLE; MPI_Wait does not have the
 * problem. With OpenMPI the requests are therefore waited for one by one
 * (all of them are already started, so the order does not matter for
 * progress), and MPI_ERR_IN_STATUS is reported as MPI_Waitall would. */
static int waitall(int n, MPI_Request *r, MPI_Status *s)
{
#ifdef OPEN_MPI
	int rc = MPI_SUCCESS;
	for (int i = 0; i < n; i++) {
		int err = MPI_Wait(&r[i], &s[i]);
		s[i].MPI_ERROR = err;
		if (err != MPI_SUCCESS)
			rc = MPI_ERR_IN_STATUS;
	}
	return rc;
#else
	return MPI_Waitall(n, r, s);
#endif
}

/* ndmpi_waitall completes n requests. On MPI_ERR_IN_STATUS each status
 * carries its own error (MPI_ERR_PENDING for requests not completed); on
 * success all errors are MPI_SUCCESS; on any other error all carry it. */
int ndmpi_waitall(int n, ndmpi_h *reqs, ndmpi_status *sts)
{
	MPI_Request small_r[16], *r = small_r;
	MPI_Status small_s[16], *s = small_s;
	int rc;

	if (n < 0)
		return MPI_ERR_COUNT;
	if (n == 0)
		return MPI_SUCCESS;
	if (n > 16) {
		r = malloc((size_t)n * sizeof *r);
		s = malloc((size_t)n * sizeof *s);
		if (!r || !s) {
			free(r);
			free(s);
			return MPI_ERR_NO_MEM;
		}
	}
	for (int i = 0; i < n; i++) {
		r[i] = ndmpi_req(reqs[i]);
		status_init(&s[i]);
	}
	rc = waitall(n, r, s);
	for (int i = 0; i < n; i++) {
		int err = rc == MPI_ERR_IN_STATUS ? s[i].MPI_ERROR : rc;
		reqs[i] = ndmpi_req_h(r[i]);
		fill_status(&s[i], MPI_BYTE, err, &sts[i]);
	}
	if (r != small_r) {
		free(r);
		free(s);
	}
	return rc;
}

int ndmpi_request_free(ndmpi_h *req)
{
	MPI_Request r = ndmpi_req(*req);
	int rc = MPI_Request_free(&r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_cancel(ndmpi_h *req)
{
	MPI_Request r = ndmpi_req(*req);
	return MPI_Cancel(&r);
}

/* ------------------------------------------------------------------------ */
/* collectives with one count                                                */
/* ------------------------------------------------------------------------ */

int ndmpi_barrier(ndmpi_h comm) { return MPI_Barrier(ndmpi_comm(comm)); }

int ndmpi_bcast(void *buf, int64_t count, ndmpi_h dt, int root, ndmpi_h comm)
{
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Bcast(buf, b.count, b.type, root, ndmpi_comm(comm));
	msgbuf_done(&b);
	return rc;
}

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
	MPI_Op op = effective_op(ndmpi_op(oph), dt);
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

int ndmpi_reduce(const void *sbuf, int inplace, void *rbuf, int64_t count, ndmpi_h dt,
		 ndmpi_h op, int root, ndmpi_h comm)
{
	return reduce_any(RED_REDUCE, sbuf, inplace, rbuf, count, dt, op, root, comm);
}

int ndmpi_allreduce(const void *sbuf, int inplace, void *rbuf, int64_t count, ndmpi_h dt,
		    ndmpi_h op, ndmpi_h comm)
{
	return reduce_any(RED_ALLREDUCE, sbuf, inplace, rbuf, count, dt, op, 0, comm);
}

int ndmpi_scan(const void *sbuf, int inplace, void *rbuf, int64_t count, ndmpi_h dt,
	       ndmpi_h op, ndmpi_h comm)
{
	return reduce_any(RED_SCAN, sbuf, inplace, rbuf, count, dt, op, 0, comm);
}

int ndmpi_exscan(const void *sbuf, int inplace, void *rbuf, int64_t count, ndmpi_h dt,
		 ndmpi_h op, ndmpi_h comm)
{
	return reduce_any(RED_EXSCAN, sbuf, inplace, rbuf, count, dt, op, 0, comm);
}

/* ndmpi_reduce_scatter_block: when size*rcount fits an int this is
 * MPI_Reduce_scatter_block; otherwise block i is reduced to rank i with
 * (chunked) reductions, i = 0..size-1 in order. In place, the input is
 * rbuf (size blocks) and the result goes to its first block; processing
 * blocks in increasing order makes moving block i to block 0 safe. */
int ndmpi_reduce_scatter_block(const void *sbuf, int inplace, void *rbuf, int64_t rcount,
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
						effective_op(ndmpi_op(oph), ndmpi_type(dth)), comm);
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

int ndmpi_scatter(const void *sbuf, int64_t scount, ndmpi_h sdt, void *rbuf, int inplace,
		  int64_t rcount, ndmpi_h rdt, int root, ndmpi_h commh)
{
	MPI_Comm comm = ndmpi_comm(commh);
	msgbuf sb, rb;
	int rc, rank;

	rc = MPI_Comm_rank(comm, &rank);
	if (rc != MPI_SUCCESS)
		return rc;
	/* sendcount only matters at the root, recvcount not with MPI_IN_PLACE */
	rc = msgbuf_make(rank == root ? scount : 0, ndmpi_type(sdt), &sb);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = msgbuf_make(inplace ? 0 : rcount, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS) {
		msgbuf_done(&sb);
		return rc;
	}
	rc = MPI_Scatter(sbuf, sb.count, sb.type, inplace ? MPI_IN_PLACE : rbuf, rb.count, rb.type,
			 root, comm);
	msgbuf_done(&sb);
	msgbuf_done(&rb);
	return rc;
}

int ndmpi_gather(const void *sbuf, int inplace, int64_t scount, ndmpi_h sdt, void *rbuf,
		 int64_t rcount, ndmpi_h rdt, int root, ndmpi_h commh)
{
	MPI_Comm comm = ndmpi_comm(commh);
	msgbuf sb, rb;
	int rc, rank;

	rc = MPI_Comm_rank(comm, &rank);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = msgbuf_make(inplace ? 0 : scount, ndmpi_type(sdt), &sb);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = msgbuf_make(rank == root ? rcount : 0, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS) {
		msgbuf_done(&sb);
		return rc;
	}
	rc = MPI_Gather(inplace ? MPI_IN_PLACE : sbuf, sb.count, sb.type, rbuf, rb.count, rb.type,
			root, comm);
	msgbuf_done(&sb);
	msgbuf_done(&rb);
	return rc;
}

int ndmpi_allgather(const void *sbuf, int inplace, int64_t scount, ndmpi_h sdt, void *rbuf,
		    int64_t rcount, ndmpi_h rdt, ndmpi_h comm)
{
	msgbuf sb, rb;
	int rc = msgbuf_make(inplace ? 0 : scount, ndmpi_type(sdt), &sb);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = msgbuf_make(rcount, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS) {
		msgbuf_done(&sb);
		return rc;
	}
	rc = MPI_Allgather(inplace ? MPI_IN_PLACE : sbuf, sb.count, sb.type, rbuf, rb.count, rb.type,
			   ndmpi_comm(comm));
	msgbuf_done(&sb);
	msgbuf_done(&rb);
	return rc;
}

int ndmpi_alltoall(const void *sbuf, int inplace, int64_t scount, ndmpi_h sdt, void *rbuf,
		   int64_t rcount, ndmpi_h rdt, ndmpi_h comm)
{
	msgbuf sb, rb;
	int rc = msgbuf_make(inplace ? 0 : scount, ndmpi_type(sdt), &sb);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = msgbuf_make(rcount, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS) {
		msgbuf_done(&sb);
		return rc;
	}
	rc = MPI_Alltoall(inplace ? MPI_IN_PLACE : sbuf, sb.count, sb.type, rbuf, rb.count, rb.type,
			  ndmpi_comm(comm));
	msgbuf_done(&sb);
	msgbuf_done(&rb);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* v-collectives                                                             */
/* ------------------------------------------------------------------------ */

/* Path selection, agreed on by all ranks (maximum over the communicator). */
enum { PATH_INT = 0, PATH_BIG = 1, PATH_BADARG = 2 };

static int fits_count(int64_t c) { return c >= 0 && c <= INT_MAX; }
static int fits_displ(int64_t d) { return d >= INT_MIN && d <= INT_MAX; }

/* classify_scalar returns the path needed for one local count; on a bad
 * argument it returns PATH_BADARG and sets *err. */
static int classify_scalar(int64_t count, int *err)
{
	if (count < 0) {
		*err = MPI_ERR_COUNT;
		return PATH_BADARG;
	}
	return fits_count(count) ? PATH_INT : PATH_BIG;
}

/* classify_arrays returns the path needed for a counts/displs pair that
 * must hold size entries (n is the length the caller passed). */
static int classify_arrays(const int64_t *counts, const int64_t *displs, int64_t n, int size,
			   int *err)
{
	int path = PATH_INT;
	if (!counts || !displs || n < size) {
		*err = MPI_ERR_ARG;
		return PATH_BADARG;
	}
	for (int i = 0; i < size; i++) {
		if (counts[i] < 0) {
			*err = MPI_ERR_COUNT;
			return PATH_BADARG;
		}
		if (!fits_count(counts[i]) || !fits_displ(displs[i]))
			path = PATH_BIG;
	}
	return path;
}

static int max2(int a, int b) { return a > b ? a : b; }

/* The error returned when some rank passed bad arguments: that rank
 * returns its own error, the others MPI_ERR_ARG. */
static int badarg_error(int local, int err) { return local == PATH_BADARG ? err : MPI_ERR_ARG; }

/* agree_path returns in *path the maximum of the local paths. */
static int agree_path(int local, MPI_Comm comm, int *path)
{
	return MPI_Allreduce(&local, path, 1, MPI_INT, MPI_MAX, comm);
}

/* choose_path: a hint of PATH_INT or PATH_BIG comes from a caller that
 * knows every rank's counts and passes the same hint on every rank, so no
 * agreement round is needed; a negative hint makes the ranks agree. */
static int choose_path(int local, int hint, MPI_Comm comm, int *path)
{
	if (hint < 0)
		return agree_path(local, comm, path);
	*path = local == PATH_BADARG ? PATH_BADARG : hint;
	return MPI_SUCCESS;
}

/* reqset collects the requests of a point-to-point fallback. */
typedef struct {
	MPI_Request *r;
	MPI_Status *s;
	int n;
} reqset;

static int reqset_init(reqset *rs, int64_t cap)
{
	size_t n = (size_t)(cap > 0 ? cap : 1);
	rs->n = 0;
	rs->r = malloc(n * sizeof(MPI_Request));
	rs->s = malloc(n * sizeof(MPI_Status));
	if (rs->r && rs->s)
		return MPI_SUCCESS;
	free(rs->r);
	free(rs->s);
	return MPI_ERR_NO_MEM;
}

/* reqset_finish waits for every posted request (also after an error, so
 * that no operation still refers to the caller's buffers) and frees. */
static int reqset_finish(reqset *rs, int rc)
{
	int wrc = MPI_SUCCESS;
	if (rs->n > 0)
		wrc = waitall(rs->n, rs->r, rs->s);
	if (wrc == MPI_ERR_IN_STATUS)
		for (int i = 0; i < rs->n; i++)
			if (rs->s[i].MPI_ERROR != MPI_SUCCESS) {
				wrc = rs->s[i].MPI_ERROR;
				break;
			}
	free(rs->r);
	free(rs->s);
	rs->r = NULL;
	rs->s = NULL;
	return rc != MPI_SUCCESS ? rc : wrc;
}

static int post_send(reqset *rs, const void *buf, int64_t count, MPI_Datatype dt, int dest,
		     MPI_Comm comm)
{
	return isend_any('b', buf, count, dt, dest, get_reserved_tag(), comm, &rs->r[rs->n++]);
}

static int post_recv(reqset *rs, void *buf, int64_t count, MPI_Datatype dt, int source,
		     MPI_Comm comm)
{
	return irecv_any(buf, count, dt, source, get_reserved_tag(), comm, &rs->r[rs->n++]);
}

static int get_extent(MPI_Datatype dt, MPI_Count *extent)
{
	MPI_Count lb;
	return MPI_Type_get_extent_x(dt, &lb, extent);
}

/* comm_shape returns the rank of the caller and the size of comm. */
static int comm_shape(MPI_Comm comm, int *rank, int *size)
{
	int rc = MPI_Comm_rank(comm, rank);
	if (rc == MPI_SUCCESS)
		rc = MPI_Comm_size(comm, size);
	return rc;
}

/* settle_path chooses the path of a v-collective (see choose_path) and
 * turns a bad argument found by any rank into the error every rank
 * returns. */
static int settle_path(int local, int err, int hint, MPI_Comm comm, int *path)
{
	int rc = choose_path(local, hint, comm, path);
	if (rc != MPI_SUCCESS)
		return rc;
	if (*path == PATH_BADARG)
		return badarg_error(local, err);
	return MPI_SUCCESS;
}

/* intpair holds counts and displacements converted to C ints for the
 * MPI calls of the int path. */
typedef struct {
	intvec counts, displs;
} intpair;

static int intpair_from(intpair *p, const int64_t *counts, const int64_t *displs, int n)
{
	int rc = intvec_from(&p->counts, counts, n);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = intvec_from(&p->displs, displs, n);
	if (rc != MPI_SUCCESS)
		intvec_free(&p->counts);
	return rc;
}

static void intpair_free(intpair *p)
{
	intvec_free(&p->counts);
	intvec_free(&p->displs);
}

/* Every fallback sends exactly one message per (sender, receiver) pair that
 * the collective defines, zero-sized ones included, so matching never
 * depends on counts being consistent between ranks. */

int ndmpi_scatterv(const void *sbuf, const int64_t *scounts, const int64_t *sdispls, int64_t nsend,
		   ndmpi_h sdth, void *rbuf, int inplace, int64_t rcount, ndmpi_h rdth, int root,
		   ndmpi_h commh, int hint)
{
	MPI_Comm comm = ndmpi_comm(commh);
	MPI_Datatype sdt = ndmpi_type(sdth), rdt = ndmpi_type(rdth);
	int rc, rank, size, local = PATH_INT, path, err = MPI_SUCCESS;

	rc = comm_shape(comm, &rank, &size);
	if (rc != MPI_SUCCESS)
		return rc;
	if (root < 0 || root >= size)
		return MPI_ERR_ROOT;
	if (rank == root)
		local = classify_arrays(scounts, sdispls, nsend, size, &err);
	if (!(rank == root && inplace))
		local = max2(local, classify_scalar(rcount, &err));
	rc = settle_path(local, err, hint, comm, &path);
	if (rc != MPI_SUCCESS)
		return rc;

	if (path == PATH_INT) {
		intpair cd = {0};
		if (rank == root)
			rc = intpair_from(&cd, scounts, sdispls, size);
		if (rc != MPI_SUCCESS)
			return rc;
		rc = MPI_Scatterv(sbuf, cd.counts.p, cd.displs.p, sdt, inplace ? MPI_IN_PLACE : rbuf,
				  (int)rcount, rdt, root, comm);
		if (rank == root)
			intpair_free(&cd);
		return rc;
	}

	/* point-to-point fallback */
	{
		reqset rs;
		MPI_Count sext = 0;
		if (rank == root)
			rc = get_extent(sdt, &sext);
		if (rc == MPI_SUCCESS)
			rc = reqset_init(&rs, (int64_t)size + 1);
		if (rc != MPI_SUCCESS)
			return rc;
		if (!(rank == root && inplace))
			rc = post_recv(&rs, rbuf, rcount, rdt, root, comm);
		if (rank == root)
			for (int i = 0; i < size && rc == MPI_SUCCESS; i++) {
				if (i == root && inplace)
					continue;
				rc = post_send(&rs, offset_ptr(sbuf, sdispls[i] * sext), scounts[i], sdt, i,
					       comm);
			}
		return reqset_finish(&rs, rc);
	}
}

int ndmpi_gatherv(const void *sbuf, int inplace, int64_t scount, ndmpi_h sdth, void *rbuf,
		  const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdth,
		  int root, ndmpi_h commh, int hint)
{
	MPI_Comm comm = ndmpi_comm(commh);
	MPI_Datatype sdt = ndmpi_type(sdth), rdt = ndmpi_type(rdth);
	int rc, rank, size, local = PATH_INT, path, err = MPI_SUCCESS;

	rc = comm_shape(comm, &rank, &size);
	if (rc != MPI_SUCCESS)
		return rc;
	if (root < 0 || root >= size)
		return MPI_ERR_ROOT;
	if (rank == root)
		local = classify_arrays(rcounts, rdispls, nrecv, size, &err);
	if (!(rank == root && inplace))
		local = max2(local, classify_scalar(scount, &err));
	rc = settle_path(local, err, hint, comm, &path);
	if (rc != MPI_SUCCESS)
		return rc;

	if (path == PATH_INT) {
		intpair cd = {0};
		if (rank == root)
			rc = intpair_from(&cd, rcounts, rdispls, size);
		if (rc != MPI_SUCCESS)
			return rc;
		rc = MPI_Gatherv(inplace ? MPI_IN_PLACE : sbuf, (int)scount, sdt, rbuf, cd.counts.p,
				 cd.displs.p, rdt, root, comm);
		if (rank == root)
			intpair_free(&cd);
		return rc;
	}

	{
		reqset rs;
		MPI_Count rext = 0;
		if (rank == root)
			rc = get_extent(rdt, &rext);
		if (rc == MPI_SUCCESS)
			rc = reqset_init(&rs, (int64_t)size + 1);
		if (rc != MPI_SUCCESS)
			return rc;
		if (rank == root)
			for (int i = 0; i < size && rc == MPI_SUCCESS; i++) {
				if (i == root && inplace)
					continue;
				rc = post_recv(&rs, offset_ptr(rbuf, rdispls[i] * rext), rcounts[i], rdt, i,
					       comm);
			}
		if (rc == MPI_SUCCESS && !(rank == root && inplace))
			rc = post_send(&rs, sbuf, scount, sdt, root, comm);
		return reqset_finish(&rs, rc);
	}
}

int ndmpi_allgatherv(const void *sbuf, int inplace, int64_t scount, ndmpi_h sdth, void *rbuf,
		     const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdth,
		     ndmpi_h commh, int hint)
{
	MPI_Comm comm = ndmpi_comm(commh);
	MPI_Datatype sdt = ndmpi_type(sdth), rdt = ndmpi_type(rdth);
	int rc, rank, size, local, path, err = MPI_SUCCESS;

	rc = comm_shape(comm, &rank, &size);
	if (rc != MPI_SUCCESS)
		return rc;
	local = classify_arrays(rcounts, rdispls, nrecv, size, &err);
	if (!inplace)
		local = max2(local, classify_scalar(scount, &err));
	rc = settle_path(local, err, hint, comm, &path);
	if (rc != MPI_SUCCESS)
		return rc;

	if (path == PATH_INT) {
		intpair cd;
		rc = intpair_from(&cd, rcounts, rdispls, size);
		if (rc != MPI_SUCCESS)
			return rc;
		rc = MPI_Allgatherv(inplace ? MPI_IN_PLACE : sbuf, (int)scount, sdt, rbuf, cd.counts.p,
				    cd.displs.p, rdt, comm);
		intpair_free(&cd);
		return rc;
	}

	{
		reqset rs;
		MPI_Count rext = 0;
		const void *mine = sbuf;
		int64_t mycount = scount;
		MPI_Datatype mytype = sdt;

		rc = get_extent(rdt, &rext);
		if (rc == MPI_SUCCESS)
			rc = reqset_init(&rs, 2 * (int64_t)size);
		if (rc != MPI_SUCCESS)
			return rc;
		if (inplace) {
			mine = offset_ptr(rbuf, rdispls[rank] * rext);
			mycount = rcounts[rank];
			mytype = rdt;
		}
		for (int i = 0; i < size && rc == MPI_SUCCESS; i++) {
			if (i == rank && inplace)
				continue;
			rc = post_recv(&rs, offset_ptr(rbuf, rdispls[i] * rext), rcounts[i], rdt, i, comm);
		}
		for (int i = 0; i < size && rc == MPI_SUCCESS; i++) {
			if (i == rank && inplace)
				continue;
			rc = post_send(&rs, mine, mycount, mytype, i, comm);
		}
		return reqset_finish(&rs, rc);
	}
}

/* alltoallv_inplace_p2p exchanges the blocks of rbuf pairwise with
 * MPI_Sendrecv_replace, visiting the pairs (i, j), i < j, in the same order
 * on every rank, as MPI implementations do for in-place Alltoallv. */
static int alltoallv_inplace_p2p(void *rbuf, const int64_t *rcounts, const int64_t *rdispls,
				 MPI_Datatype rdt, int rank, int size, MPI_Comm comm)
{
	MPI_Count rext;
	int rc = get_extent(rdt, &rext);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int i = 0; i < size; i++)
		for (int j = i + 1; j < size; j++) {
			int peer;
			msgbuf b;
			MPI_Status st;
			if (rank == i)
				peer = j;
			else if (rank == j)
				peer = i;
			else
				continue;
			rc = msgbuf_make(rcounts[peer], rdt, &b);
			if (rc != MPI_SUCCESS)
				return rc;
			rc = MPI_Sendrecv_replace(offset_ptr(rbuf, rdispls[peer] * rext), b.count, b.type,
						  peer, get_reserved_tag(), peer, get_reserved_tag(),
						  comm, &st);
			msgbuf_done(&b);
			if (rc != MPI_SUCCESS)
				return rc;
		}
	return MPI_SUCCESS;
}

int ndmpi_alltoallv(const void *sbuf, int inplace, const int64_t *scounts,
		    const int64_t *sdispls, int64_t nsend, ndmpi_h sdth, void *rbuf,
		    const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdth,
		    ndmpi_h commh)
{
	MPI_Comm comm = ndmpi_comm(commh);
	MPI_Datatype sdt = ndmpi_type(sdth), rdt = ndmpi_type(rdth);
	int rc, rank, size, local, path, err = MPI_SUCCESS;

	rc = comm_shape(comm, &rank, &size);
	if (rc != MPI_SUCCESS)
		return rc;
	local = classify_arrays(rcounts, rdispls, nrecv, size, &err);
	if (!inplace)
		local = max2(local, classify_arrays(scounts, sdispls, nsend, size, &err));
	/* A rank knows only its own counts: the ranks always agree. */
	rc = settle_path(local, err, -1, comm, &path);
	if (rc != MPI_SUCCESS)
		return rc;

	if (path == PATH_INT) {
		intpair s = {0}, r;
		rc = intpair_from(&r, rcounts, rdispls, size);
		if (rc != MPI_SUCCESS)
			return rc;
		if (!inplace)
			rc = intpair_from(&s, scounts, sdispls, size);
		if (rc == MPI_SUCCESS) {
			rc = MPI_Alltoallv(inplace ? MPI_IN_PLACE : sbuf, s.counts.p, s.displs.p, sdt, rbuf,
					   r.counts.p, r.displs.p, rdt, comm);
			if (!inplace)
				intpair_free(&s);
		}
		intpair_free(&r);
		return rc;
	}

	if (inplace)
		return alltoallv_inplace_p2p(rbuf, rcounts, rdispls, rdt, rank, size, comm);
	{
		reqset rs;
		MPI_Count sext, rext;
		rc = get_extent(sdt, &sext);
		if (rc == MPI_SUCCESS)
			rc = get_extent(rdt, &rext);
		if (rc == MPI_SUCCESS)
			rc = reqset_init(&rs, 2 * (int64_t)size);
		if (rc != MPI_SUCCESS)
			return rc;
		for (int i = 0; i < size && rc == MPI_SUCCESS; i++)
			rc = post_recv(&rs, offset_ptr(rbuf, rdispls[i] * rext), rcounts[i], rdt, i, comm);
		for (int i = 0; i < size && rc == MPI_SUCCESS; i++)
			rc = post_send(&rs, offset_ptr(sbuf, sdispls[i] * sext), scounts[i], sdt, i, comm);
		return reqset_finish(&rs, rc);
	}
}

/* ------------------------------------------------------------------------ */
/* nonblocking collectives                                                   */
/* ------------------------------------------------------------------------ */

int ndmpi_ibarrier(ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = MPI_Ibarrier(ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_ibcast(void *buf, int64_t count, ndmpi_h dt, int root, ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Ibcast(buf, b.count, b.type, root, ndmpi_comm(comm), &r);
	msgbuf_done(&b);
	*req = ndmpi_req_h(r);
	return rc;
}

/* ndmpi_iallreduce: a single request cannot be split in chunks, so counts
 * beyond INT_MAX are refused with MPI_ERR_COUNT. */
int ndmpi_iallreduce(const void *sbuf, int inplace, void *rbuf, int64_t count, ndmpi_h dt,
		     ndmpi_h op, ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc;
	if (!fits_count(count))
		return MPI_ERR_COUNT;
	rc = MPI_Iallreduce(inplace ? MPI_IN_PLACE : sbuf, rbuf, (int)count, ndmpi_type(dt),
			    effective_op(ndmpi_op(op), ndmpi_type(dt)), ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Cartesian topology                                                        */
/* ------------------------------------------------------------------------ */

int ndmpi_dims_create(int nnodes, int ndims, int64_t *dims)
{
	intvec d;
	int rc;
	if (ndims < 0)
		return MPI_ERR_DIMS;
	for (int i = 0; i < ndims; i++)
		if (dims[i] < 0 || dims[i] > INT_MAX)
			return MPI_ERR_DIMS;
	rc = intvec_from(&d, dims, ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Dims_create(nnodes, ndims, d.p);
	for (int i = 0; i < ndims; i++)
		dims[i] = d.p[i];
	intvec_free(&d);
	return rc;
}

int ndmpi_cart_create(ndmpi_h comm, int ndims, const int64_t *dims, const uint8_t *periods,
		      int reorder, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	intvec d, p;
	int rc;

	*out = ndmpi_comm_h(MPI_COMM_NULL);
	if (ndims < 0)
		return MPI_ERR_DIMS;
	for (int i = 0; i < ndims; i++)
		if (dims[i] < 0 || dims[i] > INT_MAX)
			return MPI_ERR_DIMS;
	rc = intvec_from(&d, dims, ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = intvec_init(&p, ndims);
	if (rc == MPI_SUCCESS) {
		for (int i = 0; i < ndims; i++)
			p.p[i] = periods[i] != 0;
		rc = MPI_Cart_create(ndmpi_comm(comm), ndims, d.p, p.p, reorder, &c);
		if (rc == MPI_SUCCESS)
			rc = set_errors_return(c);
		intvec_free(&p);
	}
	intvec_free(&d);
	*out = ndmpi_comm_h(c);
	return rc;
}

int ndmpi_cart_get(ndmpi_h commh, int maxdims, int *ndims, int64_t *dims, uint8_t *periods,
		   int64_t *coords)
{
	MPI_Comm comm = ndmpi_comm(commh);
	intvec d, p, c;
	int rc = MPI_Cartdim_get(comm, ndims);
	if (rc != MPI_SUCCESS || *ndims > maxdims)
		return rc;
	rc = intvec_init(&d, *ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = intvec_init(&p, *ndims);
	if (rc == MPI_SUCCESS) {
		rc = intvec_init(&c, *ndims);
		if (rc == MPI_SUCCESS) {
			rc = MPI_Cart_get(comm, *ndims, d.p, p.p, c.p);
			for (int i = 0; rc == MPI_SUCCESS && i < *ndims; i++) {
				dims[i] = d.p[i];
				periods[i] = p.p[i] != 0;
				coords[i] = c.p[i];
			}
			intvec_free(&c);
		}
		intvec_free(&p);
	}
	intvec_free(&d);
	return rc;
}

int ndmpi_cart_coords(ndmpi_h commh, int rank, int maxdims, int *ndims, int64_t *coords)
{
	MPI_Comm comm = ndmpi_comm(commh);
	intvec c;
	int rc = MPI_Cartdim_get(comm, ndims);
	if (rc != MPI_SUCCESS || *ndims > maxdims)
		return rc;
	rc = intvec_init(&c, *ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Cart_coords(comm, rank, *ndims, c.p);
	for (int i = 0; rc == MPI_SUCCESS && i < *ndims; i++)
		coords[i] = c.p[i];
	intvec_free(&c);
	return rc;
}

int ndmpi_cart_rank(ndmpi_h comm, int ndims, const int64_t *coords, int *rank)
{
	intvec c;
	int rc, cartdims;
	rc = MPI_Cartdim_get(ndmpi_comm(comm), &cartdims);
	if (rc != MPI_SUCCESS)
		return rc;
	if (ndims != cartdims)
		return MPI_ERR_DIMS;
	for (int i = 0; i < ndims; i++)
		if (!fits_displ(coords[i]))
			return MPI_ERR_ARG;
	rc = intvec_from(&c, coords, ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Cart_rank(ndmpi_comm(comm), c.p, rank);
	intvec_free(&c);
	return rc;
}

int ndmpi_cart_shift(ndmpi_h comm, int direction, int disp, int *source, int *dest)
{
	return MPI_Cart_shift(ndmpi_comm(comm), direction, disp, source, dest);
}

int ndmpi_cart_sub(ndmpi_h comm, int ndims, const uint8_t *remain, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	intvec r;
	int rc, cartdims;

	*out = ndmpi_comm_h(MPI_COMM_NULL);
	rc = MPI_Cartdim_get(ndmpi_comm(comm), &cartdims);
	if (rc != MPI_SUCCESS)
		return rc;
	if (ndims != cartdims)
		return MPI_ERR_DIMS;
	rc = intvec_init(&r, ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int i = 0; i < ndims; i++)
		r.p[i] = remain[i] != 0;
	rc = MPI_Cart_sub(ndmpi_comm(comm), r.p, &c);
	if (rc == MPI_SUCCESS)
		rc = set_errors_return(c);
	intvec_free(&r);
	*out = ndmpi_comm_h(c);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* MPI-IO                                                                    */
/* ------------------------------------------------------------------------ */

int ndmpi_file_open(ndmpi_h comm, const char *path, int64_t pathlen, int amode, ndmpi_h *fh)
{
	MPI_File f = MPI_FILE_NULL;
	char *p = copy_cstr(path, pathlen);
	int rc;

	*fh = ndmpi_file_h(MPI_FILE_NULL);
	if (!p)
		return MPI_ERR_NO_MEM;
	rc = MPI_File_open(ndmpi_comm(comm), p, amode, MPI_INFO_NULL, &f);
	free(p);
	/* MPI_ERRORS_RETURN is MPI's default for files; set it explicitly in
	 * case the default handler (that of MPI_FILE_NULL) was changed. */
	if (rc == MPI_SUCCESS)
		rc = MPI_File_set_errhandler(f, MPI_ERRORS_RETURN);
	*fh = ndmpi_file_h(f);
	return rc;
}

int ndmpi_file_close(ndmpi_h *fh)
{
	MPI_File f = ndmpi_file(*fh);
	int rc = MPI_File_close(&f);
	*fh = ndmpi_file_h(f);
	return rc;
}

int ndmpi_file_delete(const char *path, int64_t pathlen)
{
	char *p = copy_cstr(path, pathlen);
	int rc;
	if (!p)
		return MPI_ERR_NO_MEM;
	rc = MPI_File_delete(p, MPI_INFO_NULL);
	free(p);
	return rc;
}

int ndmpi_file_set_view(ndmpi_h fh, int64_t disp, ndmpi_h etype, ndmpi_h filetype,
			const char *datarep, int64_t dreplen)
{
	char *d = copy_cstr(datarep, dreplen);
	int rc;
	if (!d)
		return MPI_ERR_NO_MEM;
	rc = MPI_File_set_view(ndmpi_file(fh), (MPI_Offset)disp, ndmpi_type(etype),
			       ndmpi_type(filetype), d, MPI_INFO_NULL);
	free(d);
	return rc;
}

int ndmpi_file_write_at(ndmpi_h fh, int64_t offset, const void *buf, int64_t count, ndmpi_h dt,
			int collective, ndmpi_status *st)
{
	MPI_Status s;
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	status_init(&s);
	if (collective)
		rc = MPI_File_write_at_all(ndmpi_file(fh), (MPI_Offset)offset, buf, b.count, b.type, &s);
	else
		rc = MPI_File_write_at(ndmpi_file(fh), (MPI_Offset)offset, buf, b.count, b.type, &s);
	msgbuf_done(&b);
	fill_status(&s, ndmpi_type(dt), rc, st);
	return rc;
}

int ndmpi_file_read_at(ndmpi_h fh, int64_t offset, void *buf, int64_t count, ndmpi_h dt,
		       int collective, ndmpi_status *st)
{
	MPI_Status s;
	msgbuf b;
	int rc = msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	status_init(&s);
	if (collective)
		rc = MPI_File_read_at_all(ndmpi_file(fh), (MPI_Offset)offset, buf, b.count, b.type, &s);
	else
		rc = MPI_File_read_at(ndmpi_file(fh), (MPI_Offset)offset, buf, b.count, b.type, &s);
	msgbuf_done(&b);
	fill_status(&s, ndmpi_type(dt), rc, st);
	return rc;
}

int ndmpi_file_set_size(ndmpi_h fh, int64_t size)
{
	return MPI_File_set_size(ndmpi_file(fh), (MPI_Offset)size);
}

int ndmpi_file_get_size(ndmpi_h fh, int64_t *size)
{
	MPI_Offset s = 0;
	int rc = MPI_File_get_size(ndmpi_file(fh), &s);
	*size = s;
	return rc;
}

int ndmpi_file_sync(ndmpi_h fh) { return MPI_File_sync(ndmpi_file(fh)); }
