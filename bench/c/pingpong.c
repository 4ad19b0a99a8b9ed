/* Ping-pong between two ranks with MPI_Send/MPI_Recv of contiguous
 * doubles: one record per message size, the one-way time (half the round
 * trip): the median over batches of the batch mean (common.h). Peer of bench/go/pingpong. */
#include "common.h"

/* pingpong does k round trips of n doubles between ranks 0 and 1. */
static void pingpong(int rank, double *buf, int n, int k)
{
	int peer = 1 - rank;
	for (int i = 0; i < k; i++) {
		if (rank == 0) {
			check(MPI_Send(buf, n, MPI_DOUBLE, peer, 0, MPI_COMM_WORLD), "MPI_Send");
			check(MPI_Recv(buf, n, MPI_DOUBLE, peer, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
		} else {
			check(MPI_Recv(buf, n, MPI_DOUBLE, peer, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
			check(MPI_Send(buf, n, MPI_DOUBLE, peer, 0, MPI_COMM_WORLD), "MPI_Send");
		}
	}
}

/* self_calls measures the cost of the calls themselves: one rank sends a
 * small message to itself (buffered: MPI_Send returns at once) and
 * receives it; records (bench "overhead") hold one Send+Recv pair. */
static void self_calls(struct opts *o)
{
	const char *bench = o->bench;
	o->bench = "overhead";
	for (int s = 0; s < o->nsizes; s++) {
		int n = (int)(o->sizes[s] / 8), iters, warm, bs[BATCHES], count;
		double *buf = calloc(n, sizeof(double)), *got = calloc(n, sizeof(double)), times[BATCHES];
		MPI_Status st;
		for (int i = 0; i < n; i++)
			buf[i] = i;
		check(MPI_Send(buf, n, MPI_DOUBLE, 0, 1, MPI_COMM_WORLD), "MPI_Send");
		check(MPI_Recv(got, n, MPI_DOUBLE, 0, 1, MPI_COMM_WORLD, &st), "MPI_Recv");
		MPI_Get_count(&st, MPI_DOUBLE, &count);
		if (count != n || got[n - 1] != n - 1)
			die("self message of %d elements received wrong", n);
		iters_for(o->sizes[s], o, &iters, &warm);
		int nb = batch_sizes(iters, bs);
		for (int b = -1; b < nb; b++) {
			int k = b < 0 ? warm : bs[b];
			double t0 = MPI_Wtime();
			for (int i = 0; i < k; i++) {
				check(MPI_Send(buf, n, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD), "MPI_Send");
				check(MPI_Recv(buf, n, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
			}
			if (b >= 0)
				times[b] = (MPI_Wtime() - t0) / k;
		}
		emit(o, "", 1, o->sizes[s], iters, times, bs, nb);
		free(buf);
		free(got);
	}
	o->bench = bench;
}

int main(int argc, char **argv)
{
	struct opts o = {.system = "c", .bench = "pingpong", .budget = 256 << 20, .min_iters = 3, .max_iters = 10000};
	int rank, size;
	init(&argc, &argv, &o);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	if (size == 1) {
		self_calls(&o);
		MPI_Finalize();
		return 0;
	}
	if (size != 2)
		die("pingpong needs 2 ranks (or 1, for the call overhead), has %d", size);
	for (int s = 0; s < o.nsizes; s++) {
		long long bytes = o.sizes[s];
		if (bytes <= 0 || bytes % 8)
			die("size %lld is not a positive multiple of 8", bytes);
		int n = (int)(bytes / 8);
		double *buf = alloc_buf(n, o.hugepages);
		MPI_Status st;
		int count;
		if (!buf)
			die("out of memory");

		/* Correctness, once, outside the timed loop. */
		if (rank == 0) {
			for (int i = 0; i < n; i++)
				buf[i] = (double)i + (double)bytes;
			check(MPI_Send(buf, n, MPI_DOUBLE, 1, 1, MPI_COMM_WORLD), "MPI_Send");
			memset(buf, 0, n * sizeof(double));
			check(MPI_Recv(buf, n, MPI_DOUBLE, 1, 1, MPI_COMM_WORLD, &st), "MPI_Recv");
		} else {
			check(MPI_Recv(buf, n, MPI_DOUBLE, 0, 1, MPI_COMM_WORLD, &st), "MPI_Recv");
		}
		MPI_Get_count(&st, MPI_DOUBLE, &count);
		if (count != n)
			die("received %d elements, want %d", count, n);
		for (int i = 0; i < n; i++)
			if (buf[i] != (double)i + (double)bytes)
				die("size %lld: element %d is %g", bytes, i, buf[i]);
		if (rank == 1)
			check(MPI_Send(buf, n, MPI_DOUBLE, 0, 1, MPI_COMM_WORLD), "MPI_Send");

		int iters, warm, bs[BATCHES];
		double times[BATCHES];
		iters_for(bytes, &o, &iters, &warm);
		int nb = batch_sizes(iters, bs);
		double w0 = MPI_Wtime();
		pingpong(rank, buf, n, warm);
		pingpong(rank, buf, n, warm_more(warm, w0));
		MPI_Barrier(MPI_COMM_WORLD);
		for (int b = 0; b < nb; b++) {
			double t0 = MPI_Wtime();
			pingpong(rank, buf, n, bs[b]);
			times[b] = (MPI_Wtime() - t0) / (2.0 * bs[b]);
		}
		if (rank == 0)
			emit(&o, "", 2, bytes, iters, times, bs, nb);
		free(buf);
	}
	MPI_Finalize();
	return 0;
}
