/* MPI_Win_allocate segments overlap under MPICH 4.0.2 (Debian, ch4:ucx)
 * when a rank's size is not a multiple of 16 bytes: with 6 int32 per rank
 * (24 bytes) on 3 ranks, a Get from rank 1 returns rank 0's values.
 * mpiarr's win.c rounds sizes up to 16 bytes under MPICH.
 *   mpicc.mpich -O2 -o alloc mpich_win_allocate_overlap.c
 *   mpiexec.mpich -n 3 ./alloc 6     # "rank 0 from 1: 10 10": wrong, want 20 20 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
	int provided, me, n;
	MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided);
	MPI_Comm_rank(MPI_COMM_WORLD, &me);
	MPI_Comm_size(MPI_COMM_WORLD, &n);
	MPI_Comm c; MPI_Comm_dup(MPI_COMM_WORLD, &c);
	int *base; MPI_Win w;
	MPI_Win_allocate(atoi(argv[1]) * sizeof(int), sizeof(int), MPI_INFO_NULL, c, &base, &w);
	for (int i = 0; i < atoi(argv[1]); i++) base[i] = 10 * (me + 1);
	MPI_Barrier(c);
	MPI_Win_fence(0, w);
	for (int r = 0; r < n; r++) {
		int got[2] = {0, 0};
		MPI_Get(got, 2, MPI_INT32_T, r, 0, 2, MPI_INT32_T, w);
		MPI_Win_fence(0, w);
		printf("rank %d from %d: %d %d\n", me, r, got[0], got[1]);
	}
	MPI_Win_free(&w);
	MPI_Finalize();
}
