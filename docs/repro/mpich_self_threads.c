/* Four pairs of threads in one process (a world of one rank) send to and
 * receive from themselves, one tag per pair, 12 messages of 0 bytes to
 * 1 MiB, blocking and non-blocking. Under MPICH 4.0.2 (Debian, ch4:ucx)
 * it hangs in about one run of three; under OpenMPI 4.1 it never did.
 *   mpicc.mpich -O2 -o self mpich_self_threads.c -lpthread
 *   for i in $(seq 20); do timeout 10 ./self > /dev/null || echo hang; done */
#include <mpi.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define PAIRS 4
#define MSGS 12
static int size_of(int t, int i) { return (i % 4 == 0) ? 0 : (int)((1103515245u * (unsigned)(t * 1000 + i) + 12345u) % (1u << 20)); }
static void *sender(void *arg) {
	int t = (int)(long)arg;
	for (int i = 0; i < MSGS; i++) {
		int n = size_of(t, i);
		char *b = malloc(n + 1);
		memset(b, t + i, n);
		if (i % 2 == 0) MPI_Send(b, n, MPI_BYTE, 0, t, MPI_COMM_WORLD);
		else { MPI_Request r; MPI_Isend(b, n, MPI_BYTE, 0, t, MPI_COMM_WORLD, &r); MPI_Wait(&r, MPI_STATUS_IGNORE); }
		free(b);
	}
	return NULL;
}
static void *receiver(void *arg) {
	int t = (int)(long)arg;
	for (int i = 0; i < MSGS; i++) {
		int n = size_of(t, i), got;
		char *b = malloc(n + 6);
		MPI_Status st;
		if (i % 2 == 0) MPI_Recv(b, n + 5, MPI_BYTE, 0, t, MPI_COMM_WORLD, &st);
		else { MPI_Request r; MPI_Irecv(b, n, MPI_BYTE, 0, t, MPI_COMM_WORLD, &r); MPI_Waitall(1, &r, &st); }
		MPI_Get_count(&st, MPI_BYTE, &got);
		if (got != n) { printf("pair %d message %d: %d bytes, want %d\n", t, i, got, n); exit(1); }
		free(b);
	}
	return NULL;
}
int main(int argc, char **argv) {
	int provided;
	MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided);
	pthread_t th[2 * PAIRS];
	for (long t = 0; t < PAIRS; t++) {
		pthread_create(&th[2 * t], NULL, sender, (void *)t);
		pthread_create(&th[2 * t + 1], NULL, receiver, (void *)t);
	}
	for (int t = 0; t < 2 * PAIRS; t++) pthread_join(th[t], NULL);
	MPI_Finalize();
	puts("ok");
	return 0;
}
