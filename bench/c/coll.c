/* MPI collectives on doubles: Bcast, Reduce (sum), Allreduce (sum),
 * Scatterv, Gatherv, Alltoall. Sizes are bytes per rank: the broadcast
 * message; each rank's vector for Reduce and Allreduce; each rank's part
 * for Scatterv and Gatherv (the root sends or receives np times that); the
 * block each rank sends to each rank for Alltoall (OSU's convention). Every
 * result is checked once, untimed. A batch's time is the largest over the
 * ranks of the per-call mean; the run reports the median over batches.
 * Peer of bench/go/coll and bench/py/coll.py. */
#include "common.h"

static const char *ops[] = {"bcast", "reduce", "allreduce", "scatterv", "gatherv", "alltoall"};

static void run(const char *op, double *send, double *recv, int n, const int *counts, const int *displs, int rank)
{
	int root = 0;
	if (!strcmp(op, "bcast"))
		check(MPI_Bcast(send, n, MPI_DOUBLE, root, MPI_COMM_WORLD), "MPI_Bcast");
	else if (!strcmp(op, "reduce"))
		check(MPI_Reduce(send, rank == root ? recv : NULL, n, MPI_DOUBLE, MPI_SUM, root, MPI_COMM_WORLD), "MPI_Reduce");
	else if (!strcmp(op, "allreduce"))
		check(MPI_Allreduce(send, recv, n, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD), "MPI_Allreduce");
	else if (!strcmp(op, "scatterv"))
		check(MPI_Scatterv(rank == root ? send : NULL, counts, displs, MPI_DOUBLE, recv, n, MPI_DOUBLE, root,
				   MPI_COMM_WORLD),
		      "MPI_Scatterv");
	else if (!strcmp(op, "gatherv"))
		check(MPI_Gatherv(send, n, MPI_DOUBLE, rank == root ? recv : NULL, counts, displs, MPI_DOUBLE, root,
				  MPI_COMM_WORLD),
		      "MPI_Gatherv");
	else
		check(MPI_Alltoall(send, n, MPI_DOUBLE, recv, n, MPI_DOUBLE, MPI_COMM_WORLD), "MPI_Alltoall");
}

int main(int argc, char **argv)
{
	struct opts o = {.system = "c", .bench = "coll", .budget = 32 << 20, .min_iters = 3, .max_iters = 2000,
			 .ops = "bcast,reduce,allreduce,scatterv,gatherv,alltoall"};
	int rank, np;
	init(&argc, &argv, &o);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &np);
	int *counts = malloc(np * sizeof(int)), *displs = malloc(np * sizeof(int));
	for (int k = 0; k < 6; k++) {
		const char *op = ops[k];
		if (!in_list(o.ops, op))
			continue;
		for (int s = 0; s < o.nsizes; s++) {
			long long bytes = o.sizes[s];
			if (bytes <= 0 || bytes % 8)
				die("size %lld is not a positive multiple of 8", bytes);
			long n = bytes / 8, big = np * n;
			double *send = alloc_buf(big, o.hugepages), *recv = alloc_buf(big, o.hugepages);
			if (!send || !recv)
				die("out of memory");
			for (int i = 0; i < np; i++)
				counts[i] = (int)n, displs[i] = (int)(i * n);
			/* Inputs and, after one call, the check of the outputs. */
			if (!strcmp(op, "bcast")) {
				if (rank == 0)
					for (long i = 0; i < n; i++)
						send[i] = (double)(i + 1);
			} else if (!strcmp(op, "reduce") || !strcmp(op, "allreduce")) {
				for (long i = 0; i < n; i++)
					send[i] = (double)((rank + 1) * i);
			} else if (!strcmp(op, "scatterv")) {
				if (rank == 0)
					for (long i = 0; i < big; i++)
						send[i] = (double)i;
			} else if (!strcmp(op, "gatherv")) {
				for (long i = 0; i < n; i++)
					send[i] = (double)(rank * n + i);
			} else {
				for (long i = 0; i < big; i++)
					send[i] = (double)(rank * big + i);
			}
			run(op, send, recv, (int)n, counts, displs, rank);
			for (long i = 0; i < big; i++) {
				double got, want;
				if (!strcmp(op, "bcast")) {
					if (i >= n)
						break;
					got = send[i], want = (double)(i + 1);
				} else if (!strcmp(op, "reduce") || !strcmp(op, "allreduce")) {
					if (i >= n || (rank != 0 && !strcmp(op, "reduce")))
						break;
					got = recv[i], want = (double)(i * np * (np + 1) / 2);
				} else if (!strcmp(op, "scatterv")) {
					if (i >= n)
						break;
					got = recv[i], want = (double)(rank * n + i);
				} else if (!strcmp(op, "gatherv")) {
					if (rank != 0)
						break;
					got = recv[i], want = (double)i;
				} else {
					long src = i / n, j = i % n;
					got = recv[i], want = (double)(src * big + rank * n + j);
				}
				if (got != want)
					die("%s: element %ld is %g, want %g", op, i, got, want);
			}

			int iters, warm, bs[BATCHES];
			double local[BATCHES], worst[BATCHES];
			iters_for(bytes, &o, &iters, &warm);
			double w0 = MPI_Wtime();
			for (int i = 0; i < warm; i++)
				run(op, send, recv, (int)n, counts, displs, rank);
			for (int i = 0, more = warm_more(warm, w0); i < more; i++)
				run(op, send, recv, (int)n, counts, displs, rank);
			int nb = batch_sizes(iters, bs);
			for (int b = 0; b < nb; b++) {
				MPI_Barrier(MPI_COMM_WORLD);
				double t0 = MPI_Wtime();
				for (int i = 0; i < bs[b]; i++)
					run(op, send, recv, (int)n, counts, displs, rank);
				local[b] = (MPI_Wtime() - t0) / bs[b];
			}
			check(MPI_Reduce(local, worst, nb, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD), "MPI_Reduce(max)");
			if (rank == 0)
				emit(&o, op, np, bytes, iters, worst, bs, nb);
			free(send);
			free(recv);
		}
	}
	MPI_Finalize();
	return 0;
}
