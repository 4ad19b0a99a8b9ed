/* MPI_Win_create under MPICH 4.0.2 (Debian, ch4:ucx) loses the last 8
 * bytes of a 24-byte Put when the window's base is 8 mod 16 (about half
 * of these iterations fail, also on one rank). mpiarr's WinCreate refuses
 * such arrays under MPICH and suggests WinAllocate.
 *   mpicc.mpich -O2 -o align mpich_win_create_align.c
 *   mpiexec.mpich -n 1 ./align       # "bad N of 2000" with N > 0 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
	int provided, bad = 0;
	MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided);
	for (int it = 0; it < 2000; it++) {
		static double buf[8]; double *a = buf + (it % 2); a[0]=a[1]=a[2]=0;
		static double obuf[8]; double *o = obuf + ((it / 2) % 2);
		o[0] = o[1] = o[2] = 1;
		MPI_Win w;
		MPI_Win_create(a, 3 * sizeof(double), sizeof(double), MPI_INFO_NULL, MPI_COMM_WORLD, &w);
		MPI_Win_fence(0, w);
		MPI_Put(o, 3, MPI_DOUBLE, 0, 0, 3, MPI_DOUBLE, w);
		MPI_Win_fence(0, w);
		MPI_Win_free(&w);
		if (a[0] != 1 || a[1] != 1 || a[2] != 1) { bad++; if (bad < 5) printf("it %d a%%16=%ld o%%16=%ld: %g %g %g\n", it, (long)a %16, (long)o % 16, a[0], a[1], a[2]); }
		
	}
	printf("bad %d of 2000\n", bad);
	MPI_Finalize();
}
