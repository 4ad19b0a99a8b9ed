/*
 * vcoll.c - Scatterv, Gatherv, Allgatherv and Alltoallv at any count and
 * displacement.
 *
 * These four take an int count and an int displacement per rank, and one
 * datatype for all the blocks, so the big types that rescue a single count
 * (datatype.c) cannot help: a displacement beyond INT_MAX has no int to go
 * in, and blocks of different sizes would need different types. When any
 * count or displacement does not fit, the operation is carried out with
 * point-to-point messages instead, one per pair of ranks that the
 * collective connects.
 *
 * Which way to go must be decided identically on every rank: a rank in the
 * MPI call while its peer posts messages would hang both. Only the root
 * (or each rank, for its own arrays) knows the counts, so the ranks agree
 * with one MPI_Allreduce of an int, unless the caller knows the answer for
 * everyone and says so (the hint). A bad argument on one rank travels in
 * the same allreduce, so that every rank fails instead of the others
 * hanging.
 *
 * The four share one skeleton, vcoll_run: classify what this rank knows,
 * settle the path, then either convert the arrays to int and make the MPI
 * call, or post the messages and wait for them. What differs between them
 * is only described: which side (send or receive) has a block per rank,
 * which has one block, and whether there is a root.
 */
#include "internal.h"

enum vkind { VC_SCATTERV, VC_GATHERV, VC_ALLGATHERV, VC_ALLTOALLV };

/* The paths, ordered so that the maximum over the ranks is the answer. */
enum { PATH_INT = 0, PATH_BIG = 1, PATH_BADARG = 2 };

/* vside is the send or the receive side of a v-collective on the calling
 * rank: one block of count elements at buf, or one block per rank, block i
 * being counts[i] elements at displs[i] extents of type from buf. */
typedef struct {
	int active;   /* does this rank use this side at all */
	int per_rank; /* counts and displs (1), or count (0) */
	void *buf;
	MPI_Datatype type;
	int64_t count;
	const int64_t *counts, *displs;
	int64_t n;        /* length of counts and displs as the caller passed them */
	MPI_Count extent; /* of type, filled in for the point-to-point path */
} vside;

typedef struct {
	enum vkind kind;
	MPI_Comm comm;
	int rank, size;
	int root; /* Scatterv and Gatherv only */
	int inplace;
	vside send, recv;
} vcall;

static int rooted(enum vkind k) { return k == VC_SCATTERV || k == VC_GATHERV; }

static vside one_block(int active, const void *buf, ndmpi_h type, int64_t count)
{
	vside s = {0};
	s.active = active;
	s.buf = (void *)buf;
	s.type = ndmpi_type(type);
	s.count = count;
	return s;
}

static vside per_rank(int active, const void *buf, ndmpi_h type, const int64_t *counts,
		      const int64_t *displs, int64_t n)
{
	vside s = {0};
	s.active = active;
	s.per_rank = 1;
	s.buf = (void *)buf;
	s.type = ndmpi_type(type);
	s.counts = counts;
	s.displs = displs;
	s.n = n;
	return s;
}

/* vcall_begin fills in what every v-collective needs before its sides can
 * be described: who this rank is, and whether the root exists. */
static int vcall_begin(vcall *v, enum vkind kind, ndmpi_h comm, int root, int inplace)
{
	int rc;
	memset(v, 0, sizeof *v);
	v->kind = kind;
	v->comm = ndmpi_comm(comm);
	v->root = root;
	v->inplace = inplace;
	rc = MPI_Comm_rank(v->comm, &v->rank);
	if (rc == MPI_SUCCESS)
		rc = MPI_Comm_size(v->comm, &v->size);
	if (rc == MPI_SUCCESS && rooted(kind) && (root < 0 || root >= v->size))
		rc = MPI_ERR_ROOT;
	return rc;
}

/* ---- choosing the path -------------------------------------------------- */

/* classify returns the path one side needs on this rank; on a bad argument
 * it returns PATH_BADARG and sets *err. */
static int classify(const vside *s, int size, int *err)
{
	int path = PATH_INT;
	if (!s->active)
		return PATH_INT;
	if (!s->per_rank) {
		if (s->count < 0) {
			*err = MPI_ERR_COUNT;
			return PATH_BADARG;
		}
		return fits_count(s->count) ? PATH_INT : PATH_BIG;
	}
	if (!s->counts || !s->displs || s->n < size) {
		*err = MPI_ERR_ARG;
		return PATH_BADARG;
	}
	for (int i = 0; i < size; i++) {
		if (s->counts[i] < 0) {
			*err = MPI_ERR_COUNT;
			return PATH_BADARG;
		}
		if (!fits_count(s->counts[i]) || !fits_displ(s->displs[i]))
			path = PATH_BIG;
	}
	return path;
}

/* settle_path sets *path to the path of the whole call. A hint of PATH_INT
 * or PATH_BIG comes from a caller that knows every rank's counts and passes
 * the same hint on every rank, so no agreement round is needed; a negative
 * hint makes the ranks agree. When some rank found a bad argument, that
 * rank returns its own error and the others MPI_ERR_ARG. */
static int settle_path(int local, int err, int hint, MPI_Comm comm, int *path)
{
	if (hint < 0) {
		int rc = MPI_Allreduce(&local, path, 1, MPI_INT, MPI_MAX, comm);
		if (rc != MPI_SUCCESS)
			return rc;
	} else {
		*path = local == PATH_BADARG ? PATH_BADARG : hint;
	}
	if (*path == PATH_BADARG)
		return local == PATH_BADARG ? err : MPI_ERR_ARG;
	return MPI_SUCCESS;
}

/* ---- the MPI call ------------------------------------------------------- */

/* intpair holds one side's counts and displacements as C ints. */
typedef struct {
	intvec counts, displs;
} intpair;

/* intpair_of converts a side that has a block per rank; other sides leave
 * p empty (NULL arrays, which MPI ignores where the side does not count). */
static int intpair_of(intpair *p, const vside *s, int size)
{
	int rc;
	if (!s->active || !s->per_rank)
		return MPI_SUCCESS;
	rc = intvec_from(&p->counts, s->counts, size);
	if (rc == MPI_SUCCESS)
		rc = intvec_from(&p->displs, s->displs, size);
	return rc;
}

static void intpair_free(intpair *p)
{
	intvec_free(&p->counts);
	intvec_free(&p->displs);
}

/* one_count is the int count of a one-block side; MPI ignores it where the
 * side is not active, and 0 is as good as anything there. */
static int one_count(const vside *s) { return s->active ? (int)s->count : 0; }

static int mpi_call(const vcall *v, const intpair *s, const intpair *r)
{
	const vside *sd = &v->send, *rv = &v->recv;
	void *sbuf = v->inplace ? MPI_IN_PLACE : sd->buf;

	switch (v->kind) {
	case VC_SCATTERV:
		/* in place, it is the root's receive buffer that MPI ignores */
		return MPI_Scatterv(sd->buf, s->counts.p, s->displs.p, sd->type,
				    v->inplace ? MPI_IN_PLACE : rv->buf, one_count(rv), rv->type, v->root,
				    v->comm);
	case VC_GATHERV:
		return MPI_Gatherv(sbuf, one_count(sd), sd->type, rv->buf, r->counts.p, r->displs.p,
				   rv->type, v->root, v->comm);
	case VC_ALLGATHERV:
		return MPI_Allgatherv(sbuf, one_count(sd), sd->type, rv->buf, r->counts.p, r->displs.p,
				      rv->type, v->comm);
	case VC_ALLTOALLV:
		return MPI_Alltoallv(sbuf, s->counts.p, s->displs.p, sd->type, rv->buf, r->counts.p,
				     r->displs.p, rv->type, v->comm);
	}
	return MPI_ERR_INTERN;
}

static int int_path(const vcall *v)
{
	/* Only the pointers are cleared (intpair_free needs them): an
	 * initializer would clear the inline arrays too, 1 KiB, which took
	 * 60-100 ns of an 8-byte Scatterv, Gatherv or Allgatherv. */
	intpair s, r;
	s.counts.p = s.displs.p = r.counts.p = r.displs.p = NULL;
	int rc = intpair_of(&s, &v->send, v->size);
	if (rc == MPI_SUCCESS)
		rc = intpair_of(&r, &v->recv, v->size);
	if (rc == MPI_SUCCESS)
		rc = mpi_call(v, &s, &r);
	intpair_free(&s);
	intpair_free(&r);
	return rc;
}

/* ---- the point-to-point path -------------------------------------------- */

/* Every pair of ranks that the collective connects exchanges exactly one
 * message, zero-sized ones included, so that matching never depends on the
 * counts being consistent between ranks. The messages use the reserved tag
 * on the caller's communicator, so only intracommunicators are supported. */

/* reqset collects the requests of one call. */
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

/* reqset_finish waits for every posted request, also after an error, so
 * that no operation still refers to the caller's buffers when the call
 * returns; then it frees the set. MPICH's Waitall stops at the first
 * failed request and leaves the later ones pending, so those are waited
 * for one by one. The first error wins. */
static int reqset_finish(reqset *rs, int rc)
{
	int wrc = MPI_SUCCESS;
	if (rs->n > 0)
		wrc = nd_waitall(rs->n, rs->r, rs->s);
	if (wrc != MPI_SUCCESS && nd_error_class(wrc) == MPI_ERR_IN_STATUS) {
		wrc = MPI_SUCCESS;
		for (int i = 0; i < rs->n; i++) {
			int err = rs->s[i].MPI_ERROR;
			if (err != MPI_SUCCESS && nd_error_class(err) == MPI_ERR_PENDING)
				err = MPI_Wait(&rs->r[i], &rs->s[i]);
			if (wrc == MPI_SUCCESS)
				wrc = err;
		}
	}
	free(rs->r);
	free(rs->s);
	rs->r = NULL;
	rs->s = NULL;
	return rc != MPI_SUCCESS ? rc : wrc;
}

/* block and block_count are where a side's data for rank i is. */
static void *block(const vside *s, int i)
{
	return s->per_rank ? offset_ptr(s->buf, s->displs[i] * s->extent) : s->buf;
}

static int64_t block_count(const vside *s, int i) { return s->per_rank ? s->counts[i] : s->count; }

/* exchanges_with tells whether this rank's side s has a message for (or
 * from) rank i: a one-block side of a rooted collective talks to the root
 * only, every other side to every rank; in place, no rank talks to itself
 * (its block is where it belongs already). */
static int exchanges_with(const vcall *v, const vside *s, int i)
{
	if (!s->active || (v->inplace && i == v->rank))
		return 0;
	if (rooted(v->kind) && !s->per_rank)
		return i == v->root;
	return 1;
}

static int post_recvs(const vcall *v, reqset *rs)
{
	int rc = MPI_SUCCESS;
	const vside *s = &v->recv;
	for (int i = 0; i < v->size && rc == MPI_SUCCESS; i++)
		if (exchanges_with(v, s, i))
			rc = nd_irecv(block(s, i), block_count(s, i), s->type, i, nd_reserved_tag(), v->comm,
				      &rs->r[rs->n++]);
	return rc;
}

static int post_sends(const vcall *v, reqset *rs)
{
	int rc = MPI_SUCCESS;
	const vside *s = &v->send;
	for (int i = 0; i < v->size && rc == MPI_SUCCESS; i++)
		if (exchanges_with(v, s, i))
			rc = nd_send(0, block(s, i), block_count(s, i), s->type, i, nd_reserved_tag(),
				     v->comm, &rs->r[rs->n++]);
	return rc;
}

static int side_extent(vside *s)
{
	MPI_Count lb;
	if (!s->active || !s->per_rank)
		return MPI_SUCCESS;
	return MPI_Type_get_extent_x(s->type, &lb, &s->extent);
}

/* alltoallv_inplace exchanges the blocks of the receive buffer pairwise
 * with MPI_Sendrecv_replace, visiting the pairs (i, j), i < j, in the same
 * order on every rank, as MPI implementations do for in-place Alltoallv:
 * a block that is both sent and received cannot be posted as two
 * independent messages. */
static int alltoallv_inplace(const vcall *v)
{
	const vside *s = &v->recv;
	for (int i = 0; i < v->size; i++)
		for (int j = i + 1; j < v->size; j++) {
			int peer, rc;
			nd_msgbuf b;
			MPI_Status st;
			if (v->rank == i)
				peer = j;
			else if (v->rank == j)
				peer = i;
			else
				continue;
			rc = nd_msgbuf_make(s->counts[peer], s->type, &b);
			if (rc != MPI_SUCCESS)
				return rc;
			rc = MPI_Sendrecv_replace(block(s, peer), b.count, b.type, peer, nd_reserved_tag(),
						  peer, nd_reserved_tag(), v->comm, &st);
			nd_msgbuf_done(&b);
			if (rc != MPI_SUCCESS)
				return rc;
		}
	return MPI_SUCCESS;
}

static int p2p_path(vcall *v)
{
	reqset rs;
	int rc = side_extent(&v->send);
	if (rc == MPI_SUCCESS)
		rc = side_extent(&v->recv);
	if (rc != MPI_SUCCESS)
		return rc;
	if (v->kind == VC_ALLTOALLV && v->inplace)
		return alltoallv_inplace(v);
	/* In place, an Allgatherv rank still sends its contribution to the
	 * others: its own block of the receive buffer. */
	if (v->kind == VC_ALLGATHERV && v->inplace) {
		v->send = v->recv;
		v->send.per_rank = 0;
		v->send.buf = block(&v->recv, v->rank);
		v->send.count = v->recv.counts[v->rank];
	}
	rc = reqset_init(&rs, 2 * (int64_t)v->size);
	if (rc != MPI_SUCCESS)
		return rc;
	/* receives first, so that no send waits for its receive to be posted */
	rc = post_recvs(v, &rs);
	if (rc == MPI_SUCCESS)
		rc = post_sends(v, &rs);
	return reqset_finish(&rs, rc);
}

/* ---- the skeleton and the four collectives ------------------------------ */

static int max2(int a, int b) { return a > b ? a : b; }

static int vcoll_run(vcall *v, int hint)
{
	int err = MPI_SUCCESS, path;
	int local = max2(classify(&v->send, v->size, &err), classify(&v->recv, v->size, &err));
	int rc = settle_path(local, err, hint, v->comm, &path);
	if (rc != MPI_SUCCESS)
		return rc;
#ifdef MPICH_NUMVERSION
	/* MPICH 4.0's Allgatherv on a one-rank communicator ignores the
	 * displacement and leaves the block at offset 0. A message to itself
	 * puts it where it belongs; with one rank no other rank can take the
	 * other path. */
	if (v->kind == VC_ALLGATHERV && v->size == 1)
		path = PATH_BIG;
#endif
	return path == PATH_INT ? int_path(v) : p2p_path(v);
}

int ndmpi_scatterv(const uint8_t *sbuf, const int64_t *scounts, const int64_t *sdispls, int64_t nsend,
		   ndmpi_h sdt, uint8_t *rbuf, int inplace, int64_t rcount, ndmpi_h rdt, int root,
		   ndmpi_h comm, int hint)
{
	vcall v;
	int rc = vcall_begin(&v, VC_SCATTERV, comm, root, inplace);
	if (rc != MPI_SUCCESS)
		return rc;
	/* the root sends block i to rank i; in place it keeps its own */
	v.send = per_rank(v.rank == root, sbuf, sdt, scounts, sdispls, nsend);
	v.recv = one_block(!(v.rank == root && inplace), rbuf, rdt, rcount);
	return vcoll_run(&v, hint);
}

int ndmpi_gatherv(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		  const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdt,
		  int root, ndmpi_h comm, int hint)
{
	vcall v;
	int rc = vcall_begin(&v, VC_GATHERV, comm, root, inplace);
	if (rc != MPI_SUCCESS)
		return rc;
	/* the root receives block i from rank i; in place it has its own */
	v.send = one_block(!(v.rank == root && inplace), sbuf, sdt, scount);
	v.recv = per_rank(v.rank == root, rbuf, rdt, rcounts, rdispls, nrecv);
	return vcoll_run(&v, hint);
}

int ndmpi_allgatherv(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		     const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdt,
		     ndmpi_h comm, int hint)
{
	vcall v;
	int rc = vcall_begin(&v, VC_ALLGATHERV, comm, -1, inplace);
	if (rc != MPI_SUCCESS)
		return rc;
	/* every rank sends its one block to all and receives block i from rank
	 * i; in place, its own contribution is already block rank */
	v.send = one_block(!inplace, sbuf, sdt, scount);
	v.recv = per_rank(1, rbuf, rdt, rcounts, rdispls, nrecv);
	return vcoll_run(&v, hint);
}

int ndmpi_alltoallv(const uint8_t *sbuf, int inplace, const int64_t *scounts,
		    const int64_t *sdispls, int64_t nsend, ndmpi_h sdt, uint8_t *rbuf,
		    const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv, ndmpi_h rdt,
		    ndmpi_h comm)
{
	vcall v;
	int rc = vcall_begin(&v, VC_ALLTOALLV, comm, -1, inplace);
	if (rc != MPI_SUCCESS)
		return rc;
	/* block i of the send side goes to rank i, block i of the receive side
	 * comes from rank i; in place, the receive side is sent */
	v.send = per_rank(!inplace, sbuf, sdt, scounts, sdispls, nsend);
	v.recv = per_rank(1, rbuf, rdt, rcounts, rdispls, nrecv);
	/* a rank knows only its own counts: the ranks always agree */
	return vcoll_run(&v, -1);
}
