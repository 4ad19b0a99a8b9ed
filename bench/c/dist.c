/* Halo exchange and redistribution of a distributed array written
 * directly with MPI: the C peer of bench/go/dist (mpiarr.Dist) and
 * bench/py/dist.py, with the same blocks (NumPy's array_split along each
 * axis of an MPI_Cart_create grid, ranks row-major, no reordering).
 *
 * halo: an n x n array of doubles, halo of 1 on both axes, each rank's
 * block in a buffer of (rows + 2) x (cols + 2). The faces are datatypes
 * committed once: a row is rows' (cols + 2) contiguous doubles, a column
 * MPI_Type_vector(rows + 2, 1, cols + 2, MPI_DOUBLE). One exchange is two
 * MPI_Sendrecv per axis, axis 0 then axis 1 (the corners are filled),
 * MPI_PROC_NULL off the global edges.
 *
 * redist: an n3^3 array from slabs along the first axis (np x 1 x 1) to
 * slabs along the last (1 x 1 x np): pack loops (memcpy of the innermost
 * runs) into a send buffer, one MPI_Alltoallv, unpack loops. The plan
 * (parts, counts, displacements) and the buffers are made once.
 *
 * Every rank fills its block with the global C-order index of each
 * element; the result is checked once, outside the timed loop. A batch's
 * time is the largest over the ranks of the mean time per call; the run
 * reports the median over batches. */
#include "common.h"

static void span(int n, int p, int i, int *start, int *count)
{
	int q = n / p, r = n % p;
	*count = q + (i < r);
	*start = i * q + (i < r ? i : r);
}

static void block(int nd, const int *shape, const int *grid, int rank, int *start, int *count)
{
	for (int k = nd - 1; k >= 0; k--) {
		span(shape[k], grid[k], rank % grid[k], &start[k], &count[k]);
		rank /= grid[k];
	}
}

typedef void (*op_fn)(void *);

static void time_calls(const struct opts *o, MPI_Comm comm, const char *name, long long size, int iters, op_fn run,
		       void *arg)
{
	int rank, np, bs[BATCHES];
	double local[BATCHES], worst[BATCHES];
	MPI_Comm_rank(comm, &rank);
	MPI_Comm_size(comm, &np);
	for (int i = 0; i < (iters / 10 < 1 ? 1 : iters / 10); i++)
		run(arg);
	int nb = batch_sizes(iters, bs);
	for (int b = 0; b < nb; b++) {
		check(MPI_Barrier(comm), "MPI_Barrier");
		double t0 = MPI_Wtime();
		for (int k = 0; k < bs[b]; k++)
			run(arg);
		local[b] = (MPI_Wtime() - t0) / bs[b];
	}
	check(MPI_Reduce(local, worst, nb, MPI_DOUBLE, MPI_MAX, 0, comm), "MPI_Reduce");
	if (rank == 0)
		emit(o, name, np, size, iters, worst, bs, nb);
}

/* --- halo */

struct halo {
	MPI_Comm cart;
	int n, start[2], r, c; /* the block: rows start[0].., r x c */
	double *u;	       /* (r + 2) x (c + 2) */
	int up, down, left, right;
	MPI_Datatype row, col;
};

static void exchange(void *arg)
{
	struct halo *h = arg;
	int w = h->c + 2;
	double *u = h->u;
	check(MPI_Sendrecv(u + h->r * w, 1, h->row, h->down, 0, u, 1, h->row, h->up, 0, h->cart, MPI_STATUS_IGNORE),
	      "MPI_Sendrecv");
	check(MPI_Sendrecv(u + w, 1, h->row, h->up, 1, u + (h->r + 1) * w, 1, h->row, h->down, 1, h->cart,
			   MPI_STATUS_IGNORE),
	      "MPI_Sendrecv");
	check(MPI_Sendrecv(u + h->c, 1, h->col, h->right, 2, u, 1, h->col, h->left, 2, h->cart, MPI_STATUS_IGNORE),
	      "MPI_Sendrecv");
	check(MPI_Sendrecv(u + 1, 1, h->col, h->left, 3, u + h->c + 1, 1, h->col, h->right, 3, h->cart,
			   MPI_STATUS_IGNORE),
	      "MPI_Sendrecv");
}

/* check_halo: every element of u is the global index it stands for, or 0
 * off a global edge. */
static void check_halo(const struct halo *h)
{
	int w = h->c + 2;
	for (int i = 0; i < h->r + 2; i++)
		for (int j = 0; j < w; j++) {
			long gi = h->start[0] + i - 1, gj = h->start[1] + j - 1;
			double want = (gi < 0 || gi >= h->n || gj < 0 || gj >= h->n) ? 0 : (double)(gi * h->n + gj);
			if (h->u[i * w + j] != want)
				die("halo: local (%d, %d) (global (%ld, %ld)) is %g, want %g", i, j, gi, gj, h->u[i * w + j],
				    want);
		}
}

static void halo(const struct opts *o, int grid[2])
{
	struct halo h = {.n = o->n};
	int np, rank, periods[2] = {0, 0}, shape[2] = {o->n, o->n}, count[2];
	char name[64];
	MPI_Comm_size(MPI_COMM_WORLD, &np);
	check(MPI_Dims_create(np, 2, grid), "MPI_Dims_create");
	check(MPI_Cart_create(MPI_COMM_WORLD, 2, grid, periods, 0, &h.cart), "MPI_Cart_create");
	MPI_Comm_set_errhandler(h.cart, MPI_ERRORS_RETURN);
	MPI_Comm_rank(h.cart, &rank);
	block(2, shape, grid, rank, h.start, count);
	h.r = count[0], h.c = count[1];
	int w = h.c + 2;
	h.u = alloc_buf((long)(h.r + 2) * w, 0);
	if (!h.u)
		die("out of memory");
	for (int i = 0; i < h.r; i++)
		for (int j = 0; j < h.c; j++)
			h.u[(i + 1) * w + j + 1] = (double)((long)(h.start[0] + i) * h.n + h.start[1] + j);
	check(MPI_Cart_shift(h.cart, 0, 1, &h.up, &h.down), "MPI_Cart_shift");
	check(MPI_Cart_shift(h.cart, 1, 1, &h.left, &h.right), "MPI_Cart_shift");
	check(MPI_Type_contiguous(w, MPI_DOUBLE, &h.row), "MPI_Type_contiguous");
	check(MPI_Type_vector(h.r + 2, 1, w, MPI_DOUBLE, &h.col), "MPI_Type_vector");
	check(MPI_Type_commit(&h.row), "MPI_Type_commit");
	check(MPI_Type_commit(&h.col), "MPI_Type_commit");
	exchange(&h);
	check_halo(&h);
	snprintf(name, sizeof name, "halo %dx%d", grid[0], grid[1]);
	time_calls(o, h.cart, name, 8LL * o->n * o->n, o->halo_iters, exchange, &h);
	check_halo(&h);
	MPI_Type_free(&h.row);
	MPI_Type_free(&h.col);
	MPI_Comm_free(&h.cart);
	free(h.u);
}

/* --- redist */

struct part {
	int start[3], count[3]; /* global; count[0] == 0: nothing */
};

struct redist {
	int np, n;
	int as[3], ac[3], bs[3], bc[3]; /* this rank's blocks before and after */
	double *a, *b, *send, *recv;
	struct part *out, *in; /* per rank: what goes to it, what comes from it */
	int *scounts, *sdispls, *rcounts, *rdispls;
};

static int overlap(const int *s1, const int *c1, const int *s2, const int *c2, struct part *p)
{
	for (int k = 0; k < 3; k++) {
		int lo = s1[k] > s2[k] ? s1[k] : s2[k];
		int hi1 = s1[k] + c1[k], hi2 = s2[k] + c2[k];
		int hi = hi1 < hi2 ? hi1 : hi2;
		if (hi <= lo) {
			p->count[0] = 0;
			return 0;
		}
		p->start[k] = lo, p->count[k] = hi - lo;
	}
	return p->count[0] * p->count[1] * p->count[2];
}

/* copy_part moves part p between the block (origin s, counts c) at blk
 * and the contiguous buffer at buf: into buf when pack, out of it otherwise. */
static void copy_part(const struct part *p, double *blk, const int *s, const int *c, double *buf, int pack)
{
	size_t run = (size_t)p->count[2] * sizeof(double);
	for (int i = 0; i < p->count[0]; i++)
		for (int j = 0; j < p->count[1]; j++) {
			double *x = blk + ((long)(p->start[0] - s[0] + i) * c[1] + (p->start[1] - s[1] + j)) * c[2] +
				    (p->start[2] - s[2]);
			if (pack)
				memcpy(buf, x, run);
			else
				memcpy(x, buf, run);
			buf += p->count[2];
		}
}

static void redistribute(void *arg)
{
	struct redist *d = arg;
	for (int r = 0; r < d->np; r++)
		copy_part(&d->out[r], d->a, d->as, d->ac, d->send + d->sdispls[r], 1);
	check(MPI_Alltoallv(d->send, d->scounts, d->sdispls, MPI_DOUBLE, d->recv, d->rcounts, d->rdispls, MPI_DOUBLE,
			    MPI_COMM_WORLD),
	      "MPI_Alltoallv");
	for (int r = 0; r < d->np; r++)
		copy_part(&d->in[r], d->b, d->bs, d->bc, d->recv + d->rdispls[r], 0);
}

static void check_redist(const struct redist *d)
{
	long n = d->n;
	for (int i = 0; i < d->bc[0]; i++)
		for (int j = 0; j < d->bc[1]; j++)
			for (int k = 0; k < d->bc[2]; k++) {
				double want = (double)(((d->bs[0] + i) * n + d->bs[1] + j) * n + d->bs[2] + k);
				double v = d->b[((long)i * d->bc[1] + j) * d->bc[2] + k];
				if (v != want)
					die("redist: b(%d, %d, %d) is %g, want %g", i, j, k, v, want);
			}
}

static void redist(const struct opts *o)
{
	struct redist d = {.n = o->n3};
	int rank, shape[3] = {o->n3, o->n3, o->n3};
	char name[64];
	MPI_Comm_size(MPI_COMM_WORLD, &d.np);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	int ga[3] = {d.np, 1, 1}, gb[3] = {1, 1, d.np};
	block(3, shape, ga, rank, d.as, d.ac);
	block(3, shape, gb, rank, d.bs, d.bc);
	long na = (long)d.ac[0] * d.ac[1] * d.ac[2], nb = (long)d.bc[0] * d.bc[1] * d.bc[2];
	d.a = alloc_buf(na, 0), d.b = alloc_buf(nb, 0), d.send = alloc_buf(na, 0), d.recv = alloc_buf(nb, 0);
	d.out = calloc(d.np, sizeof *d.out), d.in = calloc(d.np, sizeof *d.in);
	d.scounts = calloc(d.np, sizeof(int)), d.sdispls = calloc(d.np, sizeof(int));
	d.rcounts = calloc(d.np, sizeof(int)), d.rdispls = calloc(d.np, sizeof(int));
	if (!d.a || !d.b || !d.send || !d.recv || !d.out || !d.in || !d.scounts || !d.sdispls || !d.rcounts || !d.rdispls)
		die("out of memory");
	for (int i = 0; i < d.ac[0]; i++)
		for (int j = 0; j < d.ac[1]; j++)
			for (int k = 0; k < d.ac[2]; k++)
				d.a[((long)i * d.ac[1] + j) * d.ac[2] + k] =
				    (double)(((long)(d.as[0] + i) * d.n + d.as[1] + j) * d.n + d.as[2] + k);
	for (int r = 0, sat = 0, rat = 0; r < d.np; r++) {
		int s[3], c[3];
		block(3, shape, gb, r, s, c);
		d.scounts[r] = overlap(d.as, d.ac, s, c, &d.out[r]);
		block(3, shape, ga, r, s, c);
		d.rcounts[r] = overlap(s, c, d.bs, d.bc, &d.in[r]);
		d.sdispls[r] = sat, d.rdispls[r] = rat;
		sat += d.scounts[r], rat += d.rcounts[r];
	}
	redistribute(&d);
	check_redist(&d);
	for (long i = 0; i < nb; i++)
		d.b[i] = -1;
	snprintf(name, sizeof name, "redist %dx%dx%d to %dx%dx%d", ga[0], ga[1], ga[2], gb[0], gb[1], gb[2]);
	time_calls(o, MPI_COMM_WORLD, name, 8LL * d.n * d.n * d.n, o->redist_iters, redistribute, &d);
	check_redist(&d);
	free(d.a), free(d.b), free(d.send), free(d.recv), free(d.out), free(d.in);
	free(d.scounts), free(d.sdispls), free(d.rcounts), free(d.rdispls);
}

int main(int argc, char **argv)
{
	struct opts o = {.system = "c", .bench = "dist", .n = 2048, .grids = "0x0", .halo_iters = 500, .n3 = 128,
			 .redist_iters = 20, .cases = "halo,redist"};
	init(&argc, &argv, &o);
	if (in_list(o.cases, "halo")) {
		for (const char *p = o.grids; p && *p;) {
			int grid[2];
			if (sscanf(p, "%dx%d", &grid[0], &grid[1]) != 2)
				die("bad grid in -grids %s", o.grids);
			halo(&o, grid);
			p = strchr(p, ',');
			p = p ? p + 1 : NULL;
		}
	}
	if (in_list(o.cases, "redist"))
		redist(&o);
	MPI_Finalize();
	return 0;
}
