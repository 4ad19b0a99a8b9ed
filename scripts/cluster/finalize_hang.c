/* The plain C reproducer of the MPI_Finalize hang of MPICH 4.0.2 (ch4:ucx)
 * across namespace hosts: init, one message round and an Allreduce, then
 * MPI_Finalize. Each rank prints "finalized" after MPI_Finalize returns;
 * a rank that does not is stuck in it. scripts/cluster/mpich_finalize.sh
 * builds it with mpicc.mpich and runs it again and again. */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
	int rank, size, x, sum;
	char host[64] = "";
	MPI_Init(&argc, &argv);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	gethostname(host, sizeof host - 1);
	x = rank;
	MPI_Sendrecv_replace(&x, 1, MPI_INT, (rank + 1) % size, 0,
			     (rank + size - 1) % size, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
	MPI_Allreduce(&rank, &sum, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
	/* FINALIZE_CONNECT_ALL=1: a message between every pair of ranks first,
	 * so that every endpoint is connected before MPI_Finalize closes them. */
	if (getenv("FINALIZE_CONNECT_ALL") && strcmp(getenv("FINALIZE_CONNECT_ALL"), "1") == 0) {
		int *out = calloc(size, sizeof(int)), *in = calloc(size, sizeof(int));
		MPI_Alltoall(out, 1, MPI_INT, in, 1, MPI_INT, MPI_COMM_WORLD);
		free(out);
		free(in);
	}
	printf("rank %d of %d on %s: finalizing (sum %d)\n", rank, size, host, sum);
	fflush(stdout);
	MPI_Finalize();
	printf("rank %d: finalized\n", rank);
	fflush(stdout);
	return 0;
}
