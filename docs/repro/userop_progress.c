/* Where MPI applies the user-defined operation of a nonblocking
 * reduction: count, on each rank, the calls of the operation made inside
 * MPI_Iallreduce, inside unrelated MPI_Iprobe calls made before the Wait,
 * and inside MPI_Wait. Under OpenMPI 4.1.4 and MPICH 4.0.2 (Debian), on 2
 * and 4 ranks, some ranks apply it inside MPI_Iprobe: any MPI call that
 * makes progress may run the operation. mpiarr's binding marks every such
 * call nocallback (only the blocking reductions' entry point may call back
 * into Go), and the Go runtime aborts when one of them does; so mpiarr's
 * nonblocking reductions never hand a Go operation to MPI (userop.go).
 *   mpicc -o where userop_progress.c && mpirun -np 4 ./where
 *   mpicc.mpich -o where userop_progress.c && mpirun.mpich -np 4 ./where */
#include <mpi.h>
#include <stdio.h>
static const char *phase = "?";
static int calls[4];
static void f(void *in, void *inout, int *len, MPI_Datatype *dt) {
  double *a = in, *b = inout;
  for (int i = 0; i < *len; i++) b[i] += a[i];
  if (phase[0] == 's') calls[0]++; else if (phase[0] == 'b') calls[1]++; else if (phase[0]=='w') calls[2]++; else calls[3]++;
}
int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank, size; MPI_Comm_rank(MPI_COMM_WORLD, &rank); MPI_Comm_size(MPI_COMM_WORLD, &size);
  MPI_Op op; MPI_Op_create(f, 1, &op);
  double x[4] = {1,2,3,4}, y[4];
  MPI_Request r;
  phase = "start"; MPI_Iallreduce(x, y, 4, MPI_DOUBLE, op, MPI_COMM_WORLD, &r);
  phase = "between";
  /* another, unrelated MPI call on the same rank drives progress */
  for (int i = 0; i < 1000; i++) { int flag; MPI_Iprobe(MPI_ANY_SOURCE, 99, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE); }
  phase = "wait"; MPI_Wait(&r, MPI_STATUS_IGNORE);
  phase = "after";
  printf("rank %d: op applied in MPI_Iallreduce %d, in MPI_Iprobe (other calls) %d, in MPI_Wait %d, elsewhere %d; y[3]=%g\n", rank, calls[0], calls[1], calls[2], calls[3], y[3]);
  MPI_Op_free(&op); MPI_Finalize();
}
