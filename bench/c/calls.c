/* The calls of issue 13 on two ranks and doubles: Iallreduce overlapped
 * with a computation (against Allreduce then the computation, and the
 * computation alone), Put and Get closed by fences or inside a lock, and
 * a ping-pong round trip with persistent requests against Send/Recv.
 * bench/go/calls says what each case times. Every case is checked once,
 * untimed. A batch's time is the largest over the ranks of the per-call
 * mean; the run reports the median over batches.
 * Peer of bench/go/calls and bench/py/calls.py. */
#include "common.h"

struct state {
	const char *cas;
	int rank, n;
	double compute;
	double *send, *recv, *exposed, *origin, *buf;
	MPI_Win win;
	MPI_Request sreq, rreq;
};

/* spin computes for d seconds without calling MPI's progress. */
static void spin(double d)
{
	double t0 = MPI_Wtime();
	while (MPI_Wtime() - t0 < d)
		;
}

static int is(const struct state *s, const char *c) { return !strcmp(s->cas, c); }

static void run(struct state *s)
{
	int peer = 1 - s->rank;
	if (is(s, "compute"))
		spin(s->compute);
	else if (is(s, "allreduce_compute")) {
		check(MPI_Allreduce(s->send, s->recv, s->n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
		spin(s->compute);
	} else if (is(s, "iallreduce_compute")) {
		MPI_Request r;
		check(MPI_Iallreduce(s->send, s->recv, s->n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD, &r), "MPI_Iallreduce");
		spin(s->compute);
		check(MPI_Wait(&r, MPI_STATUS_IGNORE), "MPI_Wait");
	} else if (is(s, "put_fence") || is(s, "get_fence")) {
		if (s->rank == 0) {
			if (is(s, "put_fence"))
				check(MPI_Put(s->origin, s->n, MPI_DOUBLE, 1, 0, s->n, MPI_DOUBLE, s->win), "MPI_Put");
			else
				check(MPI_Get(s->origin, s->n, MPI_DOUBLE, 1, 0, s->n, MPI_DOUBLE, s->win), "MPI_Get");
		}
		check(MPI_Win_fence(0, s->win), "MPI_Win_fence");
	} else if (is(s, "put_lock") || is(s, "get_lock")) {
		if (s->rank != 0)
			return;
		check(MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 1, 0, s->win), "MPI_Win_lock");
		if (is(s, "put_lock"))
			check(MPI_Put(s->origin, s->n, MPI_DOUBLE, 1, 0, s->n, MPI_DOUBLE, s->win), "MPI_Put");
		else
			check(MPI_Get(s->origin, s->n, MPI_DOUBLE, 1, 0, s->n, MPI_DOUBLE, s->win), "MPI_Get");
		check(MPI_Win_unlock(1, s->win), "MPI_Win_unlock");
	} else if (is(s, "send")) {
		if (s->rank == 0) {
			check(MPI_Send(s->buf, s->n, MPI_DOUBLE, peer, 1, MPI_COMM_WORLD), "MPI_Send");
			check(MPI_Recv(s->buf, s->n, MPI_DOUBLE, peer, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
		} else {
			check(MPI_Recv(s->buf, s->n, MPI_DOUBLE, peer, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
			check(MPI_Send(s->buf, s->n, MPI_DOUBLE, peer, 1, MPI_COMM_WORLD), "MPI_Send");
		}
	} else { /* persist */
		MPI_Request *first = s->rank == 0 ? &s->sreq : &s->rreq, *second = s->rank == 0 ? &s->rreq : &s->sreq;
		check(MPI_Start(first), "MPI_Start");
		check(MPI_Wait(first, MPI_STATUS_IGNORE), "MPI_Wait");
		check(MPI_Start(second), "MPI_Start");
		check(MPI_Wait(second, MPI_STATUS_IGNORE), "MPI_Wait");
	}
}

static void expect(const char *cas, const double *got, long n, double (*want)(long))
{
	for (long i = 0; i < n; i++)
		if (got[i] != want(i))
			die("%s: element %ld is %g, want %g", cas, i, got[i], want(i));
}
static double thrice(long i) { return 3.0 * i; }
static double twice(long i) { return 2.0 * i; }
static double half(long i) { return i + 0.5; }
static double same(long i) { return (double)i; }

static const char *groups[3][4] = {
	{"compute", "allreduce_compute", "iallreduce_compute", NULL},
	{"put_fence", "get_fence", "put_lock", "get_lock"},
	{"send", "persist", NULL, NULL},
};

int main(int argc, char **argv)
{
	struct opts o = {.system = "c", .bench = "calls", .budget = 32 << 20, .min_iters = 3, .max_iters = 2000, .cases = "",
			 .overlap_sizes = "8,64K,1M", .rma_sizes = "8,1M,16M", .send_sizes = "8,1M", .compute = 200e-6, .overlap_iters = 200};
	int rank, np;
	init(&argc, &argv, &o);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &np);
	if (np != 2)
		die("calls needs 2 ranks, has %d", np);
	const char *flags[3] = {o.overlap_sizes, o.rma_sizes, o.send_sizes};
	for (int g = 0; g < 3; g++) {
		long long sizes[MAX_SIZES];
		int nsizes = parse_sizes(flags[g], sizes);
		for (int k = 0; k < 4 && groups[g][k]; k++) {
			const char *cas = groups[g][k];
			if (*o.cases && !in_list(o.cases, cas))
				continue;
			for (int z = 0; z < nsizes; z++) {
				long long bytes = sizes[z];
				if (bytes <= 0 || bytes % 8)
					die("size %lld is not a positive multiple of 8", bytes);
				struct state s = {.cas = cas, .rank = rank, .n = (int)(bytes / 8), .compute = o.compute};
				long n = s.n;
				s.send = alloc_buf(n, 0), s.recv = alloc_buf(n, 0), s.exposed = alloc_buf(n, 0);
				s.origin = alloc_buf(n, 0), s.buf = alloc_buf(n, 0);
				for (long i = 0; i < n; i++) {
					s.send[i] = (double)((rank + 1) * i);
					s.exposed[i] = rank == 1 ? i + 0.5 : -(double)i;
					s.origin[i] = 2.0 * i;
					s.buf[i] = (double)(i + rank);
				}
				int rma = g == 1, fence = rma && strstr(cas, "fence") != NULL, put = rma && !strncmp(cas, "put", 3);
				if (rma) {
					check(MPI_Win_create(s.exposed, n * sizeof(double), sizeof(double), MPI_INFO_NULL, MPI_COMM_WORLD, &s.win),
					      "MPI_Win_create");
					if (fence)
						check(MPI_Win_fence(MPI_MODE_NOPRECEDE, s.win), "MPI_Win_fence");
				}
				if (is(&s, "persist")) {
					check(MPI_Send_init(s.buf, s.n, MPI_DOUBLE, 1 - rank, 1, MPI_COMM_WORLD, &s.sreq), "MPI_Send_init");
					check(MPI_Recv_init(s.buf, s.n, MPI_DOUBLE, 1 - rank, 1, MPI_COMM_WORLD, &s.rreq), "MPI_Recv_init");
				}
				run(&s);
				check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
				if (g == 0 && !is(&s, "compute"))
					expect(cas, s.recv, n, thrice);
				else if (put && rank == 1)
					expect(cas, s.exposed, n, twice);
				else if (rma && !put && rank == 0)
					expect(cas, s.origin, n, half);
				else if (g == 2)
					expect(cas, s.buf, n, same);

				int iters, warm, bs[BATCHES];
				double local[BATCHES], worst[BATCHES];
				struct opts og = o; /* the overlap cases compute for o.compute per call: fewer calls */
				if (g == 0 && og.max_iters > o.overlap_iters)
					og.max_iters = o.overlap_iters;
				iters_for(bytes, &og, &iters, &warm);
				double w0 = MPI_Wtime();
				for (int i = 0; i < warm; i++)
					run(&s);
				for (int i = 0, more = warm_more(warm, w0); i < more; i++)
					run(&s);
				int nb = batch_sizes(iters, bs);
				for (int b = 0; b < nb; b++) {
					MPI_Barrier(MPI_COMM_WORLD);
					double t0 = MPI_Wtime();
					for (int i = 0; i < bs[b]; i++)
						run(&s);
					local[b] = (MPI_Wtime() - t0) / bs[b];
				}
				check(MPI_Reduce(local, worst, nb, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD), "MPI_Reduce(max)");
				if (rank == 0)
					emit(&o, cas, np, bytes, iters, worst, bs, nb);
				if (rma) {
					if (fence)
						check(MPI_Win_fence(MPI_MODE_NOSUCCEED, s.win), "MPI_Win_fence");
					check(MPI_Win_free(&s.win), "MPI_Win_free");
				}
				if (is(&s, "persist")) {
					check(MPI_Request_free(&s.sreq), "MPI_Request_free");
					check(MPI_Request_free(&s.rreq), "MPI_Request_free");
				}
				free(s.send), free(s.recv), free(s.exposed), free(s.origin), free(s.buf);
			}
		}
	}
	MPI_Finalize();
	return 0;
}
