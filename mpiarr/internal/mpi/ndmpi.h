/*
 * ndmpi.h - the C interface the Go side of the binding calls.
 *
 * Everything Go sees of C is declared here, and only here: the handle
 * representation, the structures Go reads, and one ndmpi_xxx function per
 * operation, grouped below by the C file that implements it (each beside
 * the Go file of the same concept). Helpers the C files share among
 * themselves are in internal.h.
 *
 * Shared by the OpenMPI and the MPICH build; nothing here depends on how an
 * implementation represents its handles. Every MPI handle crosses the
 * Go/C boundary as an opaque uint64_t (ndmpi_h). The static inline
 * converters below copy the handle's bytes with memcpy, which works whether
 * the handle is a pointer (OpenMPI) or an int (MPICH). The conversion is
 * only ever done in C, so the Go side never interprets a handle value.
 *
 * Every ndmpi_xxx function performs one MPI operation (possibly several MPI
 * calls) and returns an MPI error code (MPI_SUCCESS on success).
 *
 * No function calls back into Go, and all but the nonblocking ones that
 * start a transfer (ndmpi_isend, ndmpi_issend, ndmpi_irecv, and the
 * nonblocking collectives of icoll.c but ndmpi_ibarrier) forget every
 * pointer they were given when they return.
 * The Go files declare exactly that with "#cgo nocallback" and
 * "#cgo noescape" (directives_test.go checks it). A function that keeps a
 * pointer must never be marked noescape: the Go compiler would then be
 * free to put the memory on the caller's stack, which is gone, or moved,
 * by the time MPI uses it.
 */
#ifndef NDMPI_H
#define NDMPI_H

#include <limits.h>
#include <mpi.h>
#include <stdint.h>
#include <string.h>

_Static_assert(sizeof(MPI_Comm) <= sizeof(uint64_t), "MPI_Comm does not fit in 64 bits");
_Static_assert(sizeof(MPI_Datatype) <= sizeof(uint64_t), "MPI_Datatype does not fit in 64 bits");
_Static_assert(sizeof(MPI_Op) <= sizeof(uint64_t), "MPI_Op does not fit in 64 bits");
_Static_assert(sizeof(MPI_Request) <= sizeof(uint64_t), "MPI_Request does not fit in 64 bits");
_Static_assert(sizeof(MPI_File) <= sizeof(uint64_t), "MPI_File does not fit in 64 bits");
_Static_assert(sizeof(MPI_Count) == sizeof(int64_t), "MPI_Count is not 64 bits");
_Static_assert(sizeof(MPI_Offset) == sizeof(int64_t), "MPI_Offset is not 64 bits");
_Static_assert(sizeof(MPI_Aint) == sizeof(int64_t), "MPI_Aint is not 64 bits");

/* ndmpi_h is the Go-side representation of any MPI handle. */
typedef uint64_t ndmpi_h;

/* ---- handle converters -------------------------------------------------- */

static inline MPI_Comm ndmpi_comm(ndmpi_h h) { MPI_Comm v; memcpy(&v, &h, sizeof v); return v; }
static inline ndmpi_h ndmpi_comm_h(MPI_Comm v) { ndmpi_h h = 0; memcpy(&h, &v, sizeof v); return h; }

static inline MPI_Datatype ndmpi_type(ndmpi_h h) { MPI_Datatype v; memcpy(&v, &h, sizeof v); return v; }
static inline ndmpi_h ndmpi_type_h(MPI_Datatype v) { ndmpi_h h = 0; memcpy(&h, &v, sizeof v); return h; }

static inline MPI_Op ndmpi_op(ndmpi_h h) { MPI_Op v; memcpy(&v, &h, sizeof v); return v; }
static inline ndmpi_h ndmpi_op_h(MPI_Op v) { ndmpi_h h = 0; memcpy(&h, &v, sizeof v); return h; }

static inline MPI_Request ndmpi_req(ndmpi_h h) { MPI_Request v; memcpy(&v, &h, sizeof v); return v; }
static inline ndmpi_h ndmpi_req_h(MPI_Request v) { ndmpi_h h = 0; memcpy(&h, &v, sizeof v); return h; }

static inline MPI_Message ndmpi_message(ndmpi_h h) { MPI_Message v; memcpy(&v, &h, sizeof v); return v; }
static inline ndmpi_h ndmpi_message_h(MPI_Message v) { ndmpi_h h = 0; memcpy(&h, &v, sizeof v); return h; }

static inline MPI_File ndmpi_file(ndmpi_h h) { MPI_File v; memcpy(&v, &h, sizeof v); return v; }
static inline ndmpi_h ndmpi_file_h(MPI_File v) { ndmpi_h h = 0; memcpy(&h, &v, sizeof v); return h; }

/* ---- structures shared with Go ------------------------------------------ */

/* ndmpi_status is what a completed receive (or probe, or file access)
 * reports. count is the number of whole elements of the datatype of the
 * call (MPI_Get_count semantics, computed from bytes so it is exact beyond
 * 2^31; MPI_UNDEFINED if bytes is not a multiple of the type size). For
 * calls without a datatype (probe, wait, test) the datatype is MPI_BYTE. */
typedef struct {
	int source;
	int tag;
	int error;
	int cancelled;
	int64_t count;
	int64_t bytes;
} ndmpi_status;

/* ndmpi_consts carries every implementation-defined constant the Go side
 * needs. It is filled once, at package initialization. */
typedef struct {
	ndmpi_h comm_world, comm_self, comm_null;
	ndmpi_h datatype_null, c_bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64;
	ndmpi_h float_, double_, c_float_complex, c_double_complex, byte, int_, char_, long_, long_long;
	ndmpi_h double_int, two_int;
	ndmpi_h op_null, op_sum, op_prod, op_min, op_max, op_land, op_lor, op_lxor, op_band, op_bor,
		op_bxor, op_maxloc, op_minloc, op_replace;
	ndmpi_h request_null, file_null;
	int proc_null, any_source, any_tag, undefined, root;
	int thread_single, thread_funneled, thread_serialized, thread_multiple;
	int ident, congruent, similar, unequal;
	int mode_rdonly, mode_wronly, mode_rdwr, mode_create, mode_excl, mode_delete_on_close,
		mode_unique_open, mode_sequential, mode_append;
	int order_c, order_fortran;
	int max_error_string, max_processor_name, max_library_version_string;
	int version, subversion;
} ndmpi_consts;

/* ndmpi_named_int is one entry of a name -> value table. */
typedef struct {
	const char *name;
	int value;
} ndmpi_named_int;

/* ---- consts.c ----------------------------------------------------------- */

void ndmpi_get_consts(ndmpi_consts *c);

/* ---- errors.c ----------------------------------------------------------- */

const ndmpi_named_int *ndmpi_error_classes(int *n);
int ndmpi_error_info(int code, int *cls, char *msg, int msglen);

/* ---- env.c -------------------------------------------------------------- */

int ndmpi_init(int required, int *provided, int *tag_ub);
int ndmpi_finalize(void);
int ndmpi_initialized(void);
int ndmpi_finalized(void);
int ndmpi_query_thread(int *provided);
int ndmpi_is_thread_main(int *flag);
int ndmpi_abort(ndmpi_h comm, int code);
double ndmpi_wtime(void);
double ndmpi_wtick(void);
int ndmpi_processor_name(char *buf, int *len);
int ndmpi_library_version(char *buf, int *len);

/* ---- comm.c ------------------------------------------------------------- */

int ndmpi_comm_rank(ndmpi_h comm, int *rank);
int ndmpi_comm_size(ndmpi_h comm, int *size);
int ndmpi_comm_dup(ndmpi_h comm, ndmpi_h *out);
int ndmpi_comm_split(ndmpi_h comm, int color, int key, ndmpi_h *out);
int ndmpi_comm_free(ndmpi_h *comm);
int ndmpi_comm_compare(ndmpi_h a, ndmpi_h b, int *result);

/* ---- datatype.c --------------------------------------------------------- */

int ndmpi_type_contiguous(int64_t count, ndmpi_h old, ndmpi_h *out);
int ndmpi_type_hvector(int64_t count, int64_t blocklen, int64_t stride, ndmpi_h old, ndmpi_h *out);
int ndmpi_type_resized(ndmpi_h old, int64_t lb, int64_t extent, ndmpi_h *out);
int ndmpi_type_strided(ndmpi_h base, int64_t run, int ndims, const int64_t *counts,
		       const int64_t *strides, ndmpi_h *out);
int ndmpi_type_subarray(int ndims, const int64_t *sizes, const int64_t *subsizes,
			const int64_t *starts, int order, ndmpi_h old, ndmpi_h *out);
int ndmpi_type_dup(ndmpi_h old, ndmpi_h *out);
int ndmpi_type_commit(ndmpi_h *dt);
int ndmpi_type_free(ndmpi_h *dt);
int ndmpi_type_size(ndmpi_h dt, int64_t *size);
int ndmpi_type_extent(ndmpi_h dt, int64_t *lb, int64_t *extent);
int ndmpi_type_true_extent(ndmpi_h dt, int64_t *lb, int64_t *extent);

/* ---- p2p.c -------------------------------------------------------------- */

/* ndmpi_recv and ndmpi_mrecv return the status, error code included, by
 * value: no status pointer to pass, on the path of every small message. */
int ndmpi_send(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm);
int ndmpi_ssend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm);
ndmpi_status ndmpi_recv(uint8_t *buf, int64_t count, ndmpi_h dt, int source, int tag, ndmpi_h comm);
int ndmpi_isend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		ndmpi_h *req);
int ndmpi_issend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		 ndmpi_h *req);
int ndmpi_irecv(uint8_t *buf, int64_t count, ndmpi_h dt, int source, int tag, ndmpi_h comm,
		ndmpi_h *req);
int ndmpi_sendrecv(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, int dest, int stag,
		   uint8_t *rbuf, int64_t rcount, ndmpi_h rdt, int source, int rtag, ndmpi_h comm,
		   ndmpi_status *st);
int ndmpi_sendrecv_replace(uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int stag,
			   int source, int rtag, ndmpi_h comm, ndmpi_status *st);
int ndmpi_probe(int source, int tag, ndmpi_h comm, ndmpi_status *st);
int ndmpi_iprobe(int source, int tag, ndmpi_h comm, int *flag, ndmpi_status *st);
int ndmpi_mprobe(int source, int tag, ndmpi_h comm, ndmpi_h *msg, ndmpi_status *st);
ndmpi_status ndmpi_mrecv(uint8_t *buf, int64_t count, ndmpi_h dt, ndmpi_h *msg);
int ndmpi_wait(ndmpi_h *req, ndmpi_status *st);
int ndmpi_test(ndmpi_h *req, int *flag, ndmpi_status *st);
int ndmpi_waitall(int n, ndmpi_h *reqs, ndmpi_status *sts);
int ndmpi_waitany(int n, ndmpi_h *reqs, int *index, ndmpi_status *st);
int ndmpi_request_free(ndmpi_h *req);
int ndmpi_cancel(ndmpi_h *req);

/* ---- coll.c ------------------------------------------------------------- */

/* "inplace" selects MPI_IN_PLACE for the buffer MPI allows it for. */
int ndmpi_barrier(ndmpi_h comm);
int ndmpi_bcast(uint8_t *buf, int64_t count, ndmpi_h dt, int root, ndmpi_h comm);
int ndmpi_reduce(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		 ndmpi_h op, int root, ndmpi_h comm);
int ndmpi_allreduce(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		    ndmpi_h op, ndmpi_h comm);
int ndmpi_scan(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
	       ndmpi_h op, ndmpi_h comm);
int ndmpi_exscan(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		 ndmpi_h op, ndmpi_h comm);
int ndmpi_reduce_scatter_block(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t rcount,
			       ndmpi_h dt, ndmpi_h op, ndmpi_h comm);
int ndmpi_reduce_scatter(const uint8_t *sbuf, int inplace, uint8_t *rbuf, const int64_t *counts,
			 int64_t n, ndmpi_h dt, ndmpi_h op, ndmpi_h comm);
int ndmpi_scatter(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf, int inplace,
		  int64_t rcount, ndmpi_h rdt, int root, ndmpi_h comm);
int ndmpi_gather(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		 int64_t rcount, ndmpi_h rdt, int root, ndmpi_h comm);
int ndmpi_allgather(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		    int64_t rcount, ndmpi_h rdt, ndmpi_h comm);
int ndmpi_alltoall(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		   int64_t rcount, ndmpi_h rdt, ndmpi_h comm);

/* ---- icoll.c ------------------------------------------------------------ */

/* Each starts a request, returned in *req (MPI_REQUEST_NULL on failure). */
int ndmpi_ibarrier(ndmpi_h comm, ndmpi_h *req);
int ndmpi_ibcast(uint8_t *buf, int64_t count, ndmpi_h dt, int root, ndmpi_h comm, ndmpi_h *req);
int ndmpi_ireduce(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		  ndmpi_h op, int root, ndmpi_h comm, ndmpi_h *req);
int ndmpi_iallreduce(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		     ndmpi_h op, ndmpi_h comm, ndmpi_h *req);
int ndmpi_iscan(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		ndmpi_h op, ndmpi_h comm, ndmpi_h *req);
int ndmpi_iexscan(const uint8_t *sbuf, int inplace, uint8_t *rbuf, int64_t count, ndmpi_h dt,
		  ndmpi_h op, ndmpi_h comm, ndmpi_h *req);
int ndmpi_iscatter(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf, int inplace,
		   int64_t rcount, ndmpi_h rdt, int root, ndmpi_h comm, ndmpi_h *req);
int ndmpi_igather(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		  int64_t rcount, ndmpi_h rdt, int root, ndmpi_h comm, ndmpi_h *req);
int ndmpi_iallgather(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		     int64_t rcount, ndmpi_h rdt, ndmpi_h comm, ndmpi_h *req);
int ndmpi_ialltoall(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		    int64_t rcount, ndmpi_h rdt, ndmpi_h comm, ndmpi_h *req);

/* ---- vcoll.c ------------------------------------------------------------ */

/* hint is a Path of the Go side: -1 makes the ranks agree on it. */
int ndmpi_scatterv(const uint8_t *sbuf, const int64_t *scounts, const int64_t *sdispls, int64_t nsend,
		   ndmpi_h sdt, uint8_t *rbuf, int inplace, int64_t rcount, ndmpi_h rdt, int root,
		   ndmpi_h comm, int hint);
int ndmpi_gatherv(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		  const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdt,
		  int root, ndmpi_h comm, int hint);
int ndmpi_allgatherv(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		     const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdt,
		     ndmpi_h comm, int hint);
int ndmpi_alltoallv(const uint8_t *sbuf, int inplace, const int64_t *scounts,
		    const int64_t *sdispls, int64_t nsend, ndmpi_h sdt, uint8_t *rbuf,
		    const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdt,
		    ndmpi_h comm);

/* ---- topo.c: Cartesian topology ----------------------------------------- */

int ndmpi_dims_create(int nnodes, int ndims, int64_t *dims);
int ndmpi_cart_create(ndmpi_h comm, int ndims, const int64_t *dims, const uint8_t *periods,
		      int reorder, ndmpi_h *out);
int ndmpi_cart_get(ndmpi_h comm, int maxdims, int *ndims, int64_t *dims, uint8_t *periods,
		   int64_t *coords);
int ndmpi_cart_coords(ndmpi_h comm, int rank, int maxdims, int *ndims, int64_t *coords);
int ndmpi_cart_rank(ndmpi_h comm, int ndims, const int64_t *coords, int *rank);
int ndmpi_cart_shift(ndmpi_h comm, int direction, int disp, int *source, int *dest);
int ndmpi_cart_sub(ndmpi_h comm, int ndims, const uint8_t *remain, ndmpi_h *out);

/* ---- file.c: MPI-IO ----------------------------------------------------- */

/* path and datarep are passed as (pointer, length), not NUL-terminated. */
int ndmpi_file_open(ndmpi_h comm, const char *path, int64_t pathlen, int amode, ndmpi_h *fh);
int ndmpi_file_close(ndmpi_h *fh);
int ndmpi_file_delete(const char *path, int64_t pathlen);
int ndmpi_file_set_view(ndmpi_h fh, int64_t disp, ndmpi_h etype, ndmpi_h filetype,
			const char *datarep, int64_t dreplen);
int ndmpi_file_write_at(ndmpi_h fh, int64_t offset, const uint8_t *buf, int64_t count, ndmpi_h dt,
			int collective, ndmpi_status *st);
int ndmpi_file_read_at(ndmpi_h fh, int64_t offset, uint8_t *buf, int64_t count, ndmpi_h dt,
		       int collective, ndmpi_status *st);
int ndmpi_file_set_size(ndmpi_h fh, int64_t size);
int ndmpi_file_get_size(ndmpi_h fh, int64_t *size);
int ndmpi_file_sync(ndmpi_h fh);

#endif /* NDMPI_H */
