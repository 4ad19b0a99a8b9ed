/* spin.h - the polled blocking transfers of p2p.c (see there). They return
 * the request by value: a pointer to a Go variable passed to these calls,
 * which are not noescape (MPI keeps the buffer), would put the variable on
 * the heap, one allocation per message. */
#ifndef NDMPI_SPIN_H
#define NDMPI_SPIN_H

#include "ndmpi.h"

typedef struct {
	int error;
	ndmpi_h req; /* the pending request, or the null request when done */
} ndmpi_send_started;

typedef struct {
	ndmpi_status st; /* valid when req is the null request */
	ndmpi_h req;
	ndmpi_h msg; /* ndmpi_mrecv_spin's message: the null message once taken */
} ndmpi_recv_started;

ndmpi_send_started ndmpi_send_spin(int sync, const uint8_t *buf, int64_t count, ndmpi_h dt,
				   int dest, int tag, ndmpi_h comm, int64_t spin_ns);
ndmpi_recv_started ndmpi_recv_spin(uint8_t *buf, int64_t count, ndmpi_h dt, int source, int tag,
				   ndmpi_h comm, int64_t spin_ns);
ndmpi_recv_started ndmpi_mrecv_spin(uint8_t *buf, int64_t count, ndmpi_h dt, ndmpi_h msg,
				    int64_t spin_ns);
ndmpi_status ndmpi_test_spin(ndmpi_h *req, ndmpi_h dt, int64_t spin_ns, int *flag);
int ndmpi_mprobe_spin(int source, int tag, ndmpi_h comm, int64_t spin_ns, int *found, ndmpi_h *msg,
		      ndmpi_status *st);

#endif
