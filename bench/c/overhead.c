/* The steps of the 8-byte Send+Recv pair to oneself, in C, on one rank:
 * the C counterparts of the binding-level Go benchmarks that the overhead
 * suite runs beside it (mpiarr/internal/mpi BenchmarkSelfSteps8B). The
 * pair itself is c-pingpong's (its one-rank mode), the anchor of the
 * section; this program measures what the Go steps are compared with:
 *   wtime   one MPI_Wtime call: what Go's "trip into C that only reads
 *           the clock" costs without the trip;
 *   polled  the MPI work of mpiarr's Send and Recv (MPI_Isend + MPI_Test,
 *           then MPI_Irecv + MPI_Test), called from C.
 * Records: bench "overhead", case "wtime" or "polled", the time of one
 * step (common.h's batches and median). */
#include "common.h"

/* polled_pair sends n doubles to this rank and receives them as mpiarr
 * does: each transfer started nonblocking and tested until done. */
static void polled_pair(double *buf, double *got, int n, int tag)
{
	MPI_Request r;
	int flag = 0;
	check(MPI_Isend(buf, n, MPI_DOUBLE, 0, tag, MPI_COMM_WORLD, &r), "MPI_Isend");
	while (!flag)
		check(MPI_Test(&r, &flag, MPI_STATUS_IGNORE), "MPI_Test");
	flag = 0;
	check(MPI_Irecv(got, n, MPI_DOUBLE, 0, tag, MPI_COMM_WORLD, &r), "MPI_Irecv");
	while (!flag)
		check(MPI_Test(&r, &flag, MPI_STATUS_IGNORE), "MPI_Test");
}

int main(int argc, char **argv)
{
	struct opts o = {.system = "c", .bench = "overhead", .budget = 256 << 20, .min_iters = 3, .max_iters = 200000,
			 .cases = "wtime,polled"};
	int size, iters, warm, bs[BATCHES];
	double times[BATCHES];
	init(&argc, &argv, &o);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	if (size != 1)
		die("overhead runs on 1 rank, has %d", size);
	/* 8 bytes: the budget rule gives max_iters, as for c-pingpong's pair. */
	iters_for(8, &o, &iters, &warm);
	int nb = batch_sizes(iters, bs);

	if (in_list(o.cases, "wtime")) {
		volatile double sink = 0;
		double t = 0;
		for (int b = -1; b < nb; b++) {
			int k = b < 0 ? warm : bs[b];
			double t0 = MPI_Wtime();
			for (int i = 0; i < k; i++)
				t += MPI_Wtime();
			if (b >= 0)
				times[b] = (MPI_Wtime() - t0) / k;
		}
		sink = t;
		if (!(sink > 0))
			die("MPI_Wtime returned %g", sink);
		emit(&o, "wtime", 1, 8, iters, times, bs, nb);
	}
	if (in_list(o.cases, "polled")) {
		double buf = 1.5, got = 0;
		polled_pair(&buf, &got, 1, 1);
		if (got != buf)
			die("polled self message: got %g, want %g", got, buf);
		for (int b = -1; b < nb; b++) {
			int k = b < 0 ? warm : bs[b];
			double t0 = MPI_Wtime();
			for (int i = 0; i < k; i++)
				polled_pair(&buf, &got, 1, 0);
			if (b >= 0)
				times[b] = (MPI_Wtime() - t0) / k;
		}
		emit(&o, "polled", 1, 8, iters, times, bs, nb);
	}
	MPI_Finalize();
	return 0;
}
