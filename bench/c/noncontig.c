/* Sends of non-contiguous views of an n x n row-major array of doubles,
 * a[r][c] = r*n + c, from rank 0 to rank 1, which receives the logical
 * values in C order into a contiguous array and checks them. Views:
 *   transpose     a.T            (n, n)
 *   left_half     a[:, :n/2]     (n, n/2)
 *   every_other   a[::2, ::2]    (n/2, n/2)
 * Methods (--method):
 *   derived  an MPI derived datatype describing the view, committed once
 *            outside the timed loop: for the transpose a vector of one
 *            column (n blocks of 1 double, stride n) resized to an extent
 *            of one double and sent with count n, so that the logical rows
 *            of a.T (the columns of a) go one after the other;
 *   pack     a plain C loop copying the view into a buffer allocated once,
 *            then MPI_Send of the buffer;
 *   contig   MPI_Send of the view's values already packed (outside the
 *            timed loop): the cost of moving the bytes alone;
 *   memorder a deliberately wrong program that sends the transpose's memory
 *            (a itself, in memory order): the receiver's check must reject
 *            it (the orchestrator verifies that it does).
 * Time per message: rank 0 sends the view and waits for an 8-byte ack;
 * each of the --iters messages is timed on its own and the run reports
 * their median (and mean). Peer of bench/go/noncontig and
 * bench/py/noncontig.py. */
#include "common.h"

static double expected(const char *cas, long n, long i, long j)
{
	if (!strcmp(cas, "transpose"))
		return (double)(j * n + i);
	if (!strcmp(cas, "left_half"))
		return (double)(i * n + j);
	return (double)(2 * i * n + 2 * j); /* every_other */
}

static void shape_of(const char *cas, long n, long *rows, long *cols)
{
	if (!strcmp(cas, "transpose"))
		*rows = n, *cols = n;
	else if (!strcmp(cas, "left_half"))
		*rows = n, *cols = n / 2;
	else if (!strcmp(cas, "every_other"))
		*rows = n / 2, *cols = n / 2;
	else
		die("unknown case %s", cas);
}

static void pack(const char *cas, long n, const double *restrict a, double *restrict out)
{
	if (!strcmp(cas, "transpose")) {
		for (long i = 0; i < n; i++)
			for (long j = 0; j < n; j++)
				out[i * n + j] = a[j * n + i];
	} else if (!strcmp(cas, "left_half")) {
		long h = n / 2;
		for (long i = 0; i < n; i++)
			for (long j = 0; j < h; j++)
				out[i * h + j] = a[i * n + j];
	} else {
		long h = n / 2;
		for (long i = 0; i < h; i++)
			for (long j = 0; j < h; j++)
				out[i * h + j] = a[2 * i * n + 2 * j];
	}
}

/* datatype returns the derived datatype of the view and the count to send. */
static MPI_Datatype datatype(const char *cas, int n, int *count)
{
	MPI_Datatype t, u;
	if (!strcmp(cas, "transpose")) {
		/* One logical row of a.T = one column of a; consecutive rows
		 * start one double apart. */
		check(MPI_Type_vector(n, 1, n, MPI_DOUBLE, &u), "MPI_Type_vector");
		check(MPI_Type_create_resized(u, 0, sizeof(double), &t), "MPI_Type_create_resized");
		MPI_Type_free(&u);
		*count = n;
	} else if (!strcmp(cas, "left_half")) {
		check(MPI_Type_vector(n, n / 2, n, MPI_DOUBLE, &t), "MPI_Type_vector");
		*count = 1;
	} else {
		check(MPI_Type_vector(n / 2, 1, 2, MPI_DOUBLE, &u), "MPI_Type_vector");
		check(MPI_Type_create_hvector(n / 2, 1, (MPI_Aint)2 * n * sizeof(double), u, &t), "MPI_Type_create_hvector");
		MPI_Type_free(&u);
		*count = 1;
	}
	check(MPI_Type_commit(&t), "MPI_Type_commit");
	return t;
}

int main(int argc, char **argv)
{
	struct opts o = {.system = "c-derived", .bench = "noncontig", .method = "derived",
			 .cases = "transpose,left_half,every_other", .n = 2048, .iters = 5};
	int rank, size;
	init(&argc, &argv, &o);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	if (size != 2)
		die("noncontig needs 2 ranks, has %d", size);
	const long n = o.n;
	const char *all[] = {"transpose", "left_half", "every_other"};
	double *a = malloc(n * n * sizeof(double));
	double *out = malloc(n * n * sizeof(double));
	double ack = 0;
	if (!a || !out)
		die("out of memory");
	for (long i = 0; i < n * n; i++)
		a[i] = (double)i;
	for (int c = 0; c < 3; c++) {
		const char *cas = all[c];
		if (!in_list(o.cases, cas))
			continue;
		long rows, cols;
		shape_of(cas, n, &rows, &cols);
		long elems = rows * cols;
		int count = 0;
		MPI_Datatype dt = MPI_DATATYPE_NULL;
		if (!strcmp(o.method, "derived"))
			dt = datatype(cas, (int)n, &count);
		else if (!strcmp(o.method, "contig"))
			pack(cas, n, a, out);
		else if (!strcmp(o.method, "memorder"))
			memcpy(out, a, elems * sizeof(double));
		else if (strcmp(o.method, "pack") && strcmp(o.method, "memorder"))
			die("unknown method %s", o.method);

		/* Iteration -2 is checked by the receiver; -2 and -1 are the
		 * warm-up; each timed message is its own batch (o.iters <= 64). */
		int warm = 2, bs[64];
		double times[64];
		if (o.iters < 1 || o.iters > 64)
			die("--iters must be in [1, 64]");
		for (int it = -warm; it < o.iters; it++) {
			double t0 = 0;
			if (it == 0)
				MPI_Barrier(MPI_COMM_WORLD);
			t0 = MPI_Wtime();
			if (rank == 0) {
				if (!strcmp(o.method, "derived")) {
					check(MPI_Send(a, count, dt, 1, 0, MPI_COMM_WORLD), "MPI_Send");
				} else if (!strcmp(o.method, "pack")) {
					pack(cas, n, a, out);
					check(MPI_Send(out, (int)elems, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD), "MPI_Send");
				} else {
					check(MPI_Send(out, (int)elems, MPI_DOUBLE, 1, 0, MPI_COMM_WORLD), "MPI_Send");
				}
				check(MPI_Recv(&ack, 1, MPI_DOUBLE, 1, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
			} else {
				MPI_Status st;
				int got;
				if (it == -warm)
					memset(out, 0, elems * sizeof(double));
				check(MPI_Recv(out, (int)elems, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD, &st), "MPI_Recv");
				if (it == -warm) { /* check the first message, untimed */
					MPI_Get_count(&st, MPI_DOUBLE, &got);
					if (got != elems)
						die("%s: received %d elements, want %ld", cas, got, elems);
					for (long i = 0; i < rows; i++)
						for (long j = 0; j < cols; j++)
							if (out[i * cols + j] != expected(cas, n, i, j))
								die("%s/%s: element (%ld, %ld) is %g, want %g", o.method, cas, i, j,
								    out[i * cols + j], expected(cas, n, i, j));
				}
				check(MPI_Send(&ack, 1, MPI_DOUBLE, 0, 1, MPI_COMM_WORLD), "MPI_Send");
			}
			if (it >= 0) {
				times[it] = MPI_Wtime() - t0;
				bs[it] = 1;
			}
		}
		if (rank == 0)
			emit(&o, cas, 2, elems * (long long)sizeof(double), o.iters, times, bs, o.iters);
		if (dt != MPI_DATATYPE_NULL)
			MPI_Type_free(&dt);
	}
	free(a);
	free(out);
	MPI_Finalize();
	return 0;
}
