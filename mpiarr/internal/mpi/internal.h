/*
 * internal.h - what the C files of the binding share with one another and
 * never with Go.
 *
 * ndmpi.h is the interface the Go side calls; this header holds the
 * helpers behind it that more than one C file needs. Helpers shared across
 * files are named nd_xxx, so that a reader meeting one knows to look here
 * (and so that they cannot clash with symbols of MPI or of other cgo
 * packages linked into the same program); helpers used by one file only
 * are static in that file. The few small ones are static inline here.
 */
#ifndef NDMPI_INTERNAL_H
#define NDMPI_INTERNAL_H

#include "ndmpi.h"

#include <stdlib.h>

/* ---- small utilities ---------------------------------------------------- */

/* offset_ptr advances p by bytes; a NULL buffer (legal with count 0, or on
 * ranks where MPI ignores it) stays NULL and is never dereferenced. */
static inline void *offset_ptr(const void *p, MPI_Count bytes)
{
	return p ? (void *)((const char *)p + bytes) : NULL;
}

/* Whether an int64 count or displacement can be handed to an MPI-3 call. */
static inline int fits_count(int64_t c) { return c >= 0 && c <= INT_MAX; }
static inline int fits_displ(int64_t d) { return d >= INT_MIN && d <= INT_MAX; }

/* intvec is an int array converted from the int64 values Go passes: small
 * arrays live in the struct, larger ones are malloc'ed. */
typedef struct {
	int *p;
	int small[64];
} intvec;

static inline int intvec_init(intvec *v, int64_t n)
{
	if (n <= 64) {
		v->p = v->small;
		return MPI_SUCCESS;
	}
	v->p = malloc((size_t)n * sizeof(int));
	return v->p ? MPI_SUCCESS : MPI_ERR_NO_MEM;
}

/* intvec_free is safe on a zeroed intvec that was never initialized. */
static inline void intvec_free(intvec *v)
{
	if (v->p != v->small)
		free(v->p);
	v->p = NULL;
}

/* intvec_from converts n int64 values, all known to fit, to ints. */
static inline int intvec_from(intvec *v, const int64_t *src, int64_t n)
{
	int rc = intvec_init(v, n);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int64_t i = 0; i < n; i++)
		v->p[i] = (int)src[i];
	return MPI_SUCCESS;
}

/* ---- errors.c ----------------------------------------------------------- */

/* nd_error_class is MPI_Error_class, MPI_ERR_UNKNOWN if that fails. MPICH
 * returns codes that carry more than their class, so results are compared
 * by class, never with ==. */
int nd_error_class(int code);

/* ---- env.c -------------------------------------------------------------- */

/* nd_reserved_tag is the tag of the v-collectives' point-to-point fallback
 * (MPI_TAG_UB of MPI_COMM_WORLD). */
int nd_reserved_tag(void);

/* ---- comm.c ------------------------------------------------------------- */

/* nd_comm_made finishes a call that may have created the communicator c
 * (MPI_COMM_NULL if it did not) and returned rc: on success c gets
 * MPI_ERRORS_RETURN (nothing for MPI_COMM_NULL); either way c is handed
 * to Go in *out. It returns rc, or the error of setting the handler. */
int nd_comm_made(int rc, MPI_Comm c, ndmpi_h *out);

/* ---- op.c --------------------------------------------------------------- */

/* nd_op_setup and nd_op_teardown create and free the operations that
 * replace a predefined one (called by Init and Finalize); nd_effective_op is
 * the operation to hand MPI for op on dt. */
int nd_op_setup(void);
void nd_op_teardown(void);
MPI_Op nd_effective_op(MPI_Op op, MPI_Datatype dt);

/* ---- datatype.c: buffers beyond INT_MAX elements ------------------------ */

/* nd_msgbuf is the (count, datatype) pair actually handed to MPI for a
 * buffer of count64 elements of dt: the pair itself when the count fits an
 * int, otherwise (1, a committed big type). */
typedef struct {
	int count;
	MPI_Datatype type;
	int big;
} nd_msgbuf;

int nd_msgbuf_make(int64_t count, MPI_Datatype dt, nd_msgbuf *b);

/* nd_msgbuf_done frees a temporary big type. Freeing is allowed while a
 * nonblocking operation using the type is pending: MPI keeps it alive. */
static inline void nd_msgbuf_done(nd_msgbuf *b)
{
	if (b->big)
		MPI_Type_free(&b->type);
	b->big = 0;
}

/* nd_msgbuf_pair makes the buffers of a call with a send and a receive
 * side, the send side first; when it fails, neither needs freeing.
 * nd_msgbuf_pair_done frees both. */
int nd_msgbuf_pair(int64_t scount, MPI_Datatype sdt, nd_msgbuf *sb, int64_t rcount,
		   MPI_Datatype rdt, nd_msgbuf *rb);

static inline void nd_msgbuf_pair_done(nd_msgbuf *sb, nd_msgbuf *rb)
{
	nd_msgbuf_done(sb);
	nd_msgbuf_done(rb);
}

/* nd_bigtype builds the committed type of count (> INT_MAX) consecutive
 * elements of dt. */
int nd_bigtype(int64_t count, MPI_Datatype dt, MPI_Datatype *out);

/* ---- p2p.c: statuses and requests --------------------------------------- */

/* nd_status_init gives a status the values of an empty receive, for calls
 * that may leave it untouched. */
static inline void nd_status_init(MPI_Status *s)
{
	memset(s, 0, sizeof *s);
	s->MPI_SOURCE = MPI_ANY_SOURCE;
	s->MPI_TAG = MPI_ANY_TAG;
	s->MPI_ERROR = MPI_SUCCESS;
}

/* nd_fill_status converts an MPI_Status for Go; dt is the element type of
 * the call (MPI_BYTE for calls that have none), err the call's code. */
void nd_fill_status(const MPI_Status *s, MPI_Datatype dt, int err, ndmpi_status *out);

/* nd_send sends a count that may exceed INT_MAX: MPI_Send (MPI_Ssend if
 * sync) when req is NULL, else MPI_Isend (MPI_Issend) starting *req.
 * nd_irecv starts a receive of such a count, nd_imrecv the receive of the
 * message *m that a matched probe took. */
int nd_send(int sync, const void *buf, int64_t count, MPI_Datatype dt, int dest, int tag,
	    MPI_Comm comm, MPI_Request *req);
int nd_irecv(void *buf, int64_t count, MPI_Datatype dt, int source, int tag, MPI_Comm comm,
	     MPI_Request *req);
int nd_imrecv(void *buf, int64_t count, MPI_Datatype dt, MPI_Message *m, MPI_Request *req);

/* nd_waitall is MPI_Waitall with OpenMPI 4.1's hang worked around; see
 * p2p.c. */
int nd_waitall(int n, MPI_Request *r, MPI_Status *s);

#endif /* NDMPI_INTERNAL_H */
