/*
 * p2p.c - point-to-point messages and the requests that track them.
 *
 * The blocking calls here are the latency-critical path of the binding: a
 * small message costs well under a microsecond, so each call does the MPI
 * call and fills the status Go reads in the same trip into C, and the
 * status is reduced to what Go needs (Status.Count exact beyond 2^31, no
 * MPI_Get_count round trip). Counts beyond INT_MAX go through the big types
 * of datatype.c. Requests also live here because completing them (Wait,
 * Test, Waitall) is where statuses and per-request errors come from, and
 * where OpenMPI 4.1's Waitall needs working around.
 */
#include "internal.h"
#include "spin.h"

#include <time.h>

/* ---- statuses ----------------------------------------------------------- */

/* fill_status_common converts an MPI_Status. dt is the element type of the
 * call (MPI_BYTE for calls that have none). The byte count comes from
 * MPI_Get_elements_x with MPI_BYTE (both OpenMPI and MPICH record the byte
 * count in the status), so it is exact beyond 2^31; count follows the
 * MPI_Get_count rule: whole elements of dt, MPI_UNDEFINED otherwise. */
static void fill_status_common(const MPI_Status *s, MPI_Datatype dt, int err, ndmpi_status *out)
{
	MPI_Count bytes = 0, size = 0;

	out->source = s->MPI_SOURCE;
	out->tag = s->MPI_TAG;
	out->error = err;
	if (MPI_Get_elements_x(s, MPI_BYTE, &bytes) != MPI_SUCCESS || bytes == MPI_UNDEFINED)
		bytes = 0;
	out->bytes = bytes;
	if (dt == MPI_BYTE) {
		out->count = bytes;
		return;
	}
	if (MPI_Type_size_x(dt, &size) != MPI_SUCCESS || size == MPI_UNDEFINED) {
		out->count = MPI_UNDEFINED;
		return;
	}
	if (size == 0)
		out->count = 0;
	else if (bytes % size != 0)
		out->count = MPI_UNDEFINED;
	else
		out->count = bytes / size;
}

/* nd_fill_status fills out from a status that may be that of a cancelled
 * request: Wait, Test, Waitall, and the calls that share them. */
void nd_fill_status(const MPI_Status *s, MPI_Datatype dt, int err, ndmpi_status *out)
{
	int flag = 0;

	if (!out)
		return;
	if (MPI_Test_cancelled(s, &flag) != MPI_SUCCESS)
		flag = 0;
	out->cancelled = flag;
	fill_status_common(s, dt, err, out);
}

/* fill_status_blocking fills out from the status of a blocking receive,
 * which cannot have been cancelled: it spares MPI_Test_cancelled on the
 * path of every small message. */
static void fill_status_blocking(const MPI_Status *s, MPI_Datatype dt, int err, ndmpi_status *out)
{
	out->cancelled = 0;
	fill_status_common(s, dt, err, out);
}

/* ---- blocking and nonblocking transfers --------------------------------- */

int nd_send(int sync, const void *buf, int64_t count, MPI_Datatype dt, int dest, int tag,
	    MPI_Comm comm, MPI_Request *req)
{
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, dt, &b);
	if (rc != MPI_SUCCESS)
		return rc;
	if (req)
		rc = sync ? MPI_Issend(buf, b.count, b.type, dest, tag, comm, req)
			  : MPI_Isend(buf, b.count, b.type, dest, tag, comm, req);
	else
		rc = sync ? MPI_Ssend(buf, b.count, b.type, dest, tag, comm)
			  : MPI_Send(buf, b.count, b.type, dest, tag, comm);
	nd_msgbuf_done(&b);
	return rc;
}

int ndmpi_send(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm)
{
	return nd_send(0, buf, count, ndmpi_type(dt), dest, tag, ndmpi_comm(comm), NULL);
}

int ndmpi_ssend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm)
{
	return nd_send(1, buf, count, ndmpi_type(dt), dest, tag, ndmpi_comm(comm), NULL);
}

/* recv_blocking is MPI_Recv, or MPI_Mrecv of *m when m is not NULL (source,
 * tag and comm are then unused). */
static ndmpi_status recv_blocking(void *buf, int64_t count, ndmpi_h dt, int source, int tag,
				  ndmpi_h comm, MPI_Message *m)
{
	ndmpi_status st = {0};
	MPI_Status s;
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS) {
		st.error = rc;
		return st;
	}
	nd_status_init(&s);
	if (m)
		rc = MPI_Mrecv(buf, b.count, b.type, m, &s);
	else
		rc = MPI_Recv(buf, b.count, b.type, source, tag, ndmpi_comm(comm), &s);
	nd_msgbuf_done(&b);
	fill_status_blocking(&s, ndmpi_type(dt), rc, &st);
	return st;
}

ndmpi_status ndmpi_recv(uint8_t *buf, int64_t count, ndmpi_h dt, int source, int tag, ndmpi_h comm)
{
	return recv_blocking(buf, count, dt, source, tag, comm, NULL);
}

int nd_irecv(void *buf, int64_t count, MPI_Datatype dt, int source, int tag, MPI_Comm comm,
	     MPI_Request *req)
{
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, dt, &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Irecv(buf, b.count, b.type, source, tag, comm, req);
	nd_msgbuf_done(&b);
	return rc;
}

int nd_imrecv(void *buf, int64_t count, MPI_Datatype dt, MPI_Message *m, MPI_Request *req)
{
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, dt, &b);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Imrecv(buf, b.count, b.type, m, req);
	nd_msgbuf_done(&b);
	return rc;
}

static int start_send(int sync, const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag,
		      ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = nd_send(sync, buf, count, ndmpi_type(dt), dest, tag, ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_isend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		ndmpi_h *req)
{
	return start_send(0, buf, count, dt, dest, tag, comm, req);
}

int ndmpi_issend(const uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int tag, ndmpi_h comm,
		 ndmpi_h *req)
{
	return start_send(1, buf, count, dt, dest, tag, comm, req);
}

int ndmpi_irecv(uint8_t *buf, int64_t count, ndmpi_h dt, int source, int tag, ndmpi_h comm,
		ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = nd_irecv(buf, count, ndmpi_type(dt), source, tag, ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_sendrecv(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, int dest, int stag,
		   uint8_t *rbuf, int64_t rcount, ndmpi_h rdt, int source, int rtag, ndmpi_h comm,
		   ndmpi_status *st)
{
	MPI_Status s;
	nd_msgbuf sb, rb;
	int rc = nd_msgbuf_pair(scount, ndmpi_type(sdt), &sb, rcount, ndmpi_type(rdt), &rb);
	if (rc != MPI_SUCCESS)
		return rc;
	nd_status_init(&s);
	rc = MPI_Sendrecv(sbuf, sb.count, sb.type, dest, stag, rbuf, rb.count, rb.type, source, rtag,
			  ndmpi_comm(comm), &s);
	nd_msgbuf_pair_done(&sb, &rb);
	nd_fill_status(&s, ndmpi_type(rdt), rc, st);
	return rc;
}

int ndmpi_sendrecv_replace(uint8_t *buf, int64_t count, ndmpi_h dt, int dest, int stag,
			   int source, int rtag, ndmpi_h comm, ndmpi_status *st)
{
	MPI_Status s;
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	nd_status_init(&s);
	rc = MPI_Sendrecv_replace(buf, b.count, b.type, dest, stag, source, rtag, ndmpi_comm(comm),
				  &s);
	nd_msgbuf_done(&b);
	nd_fill_status(&s, ndmpi_type(dt), rc, st);
	return rc;
}

int ndmpi_probe(int source, int tag, ndmpi_h comm, ndmpi_status *st)
{
	MPI_Status s;
	int rc;
	nd_status_init(&s);
	rc = MPI_Probe(source, tag, ndmpi_comm(comm), &s);
	nd_fill_status(&s, MPI_BYTE, rc, st);
	return rc;
}

int ndmpi_iprobe(int source, int tag, ndmpi_h comm, int *flag, ndmpi_status *st)
{
	MPI_Status s;
	int rc;
	nd_status_init(&s);
	*flag = 0;
	rc = MPI_Iprobe(source, tag, ndmpi_comm(comm), flag, &s);
	if (*flag)
		nd_fill_status(&s, MPI_BYTE, rc, st);
	return rc;
}

/* Matched probe and receive (MPI-3): the probed message is taken out of
 * the matching queue, so that another thread's receive with the same
 * source and tag cannot take it between the probe and the receive. */
int ndmpi_mprobe(int source, int tag, ndmpi_h comm, ndmpi_h *msg, ndmpi_status *st)
{
	MPI_Status s;
	MPI_Message m = MPI_MESSAGE_NULL;
	int rc;
	nd_status_init(&s);
	rc = MPI_Mprobe(source, tag, ndmpi_comm(comm), &m, &s);
	nd_fill_status(&s, MPI_BYTE, rc, st);
	*msg = ndmpi_message_h(m);
	return rc;
}

ndmpi_status ndmpi_mrecv(uint8_t *buf, int64_t count, ndmpi_h dt, ndmpi_h *msg)
{
	MPI_Message m = ndmpi_message(*msg);
	ndmpi_status st = recv_blocking(buf, count, dt, 0, 0, 0, &m);
	*msg = ndmpi_message_h(m);
	return st;
}

/* ---- completing requests ------------------------------------------------ */

int ndmpi_wait(ndmpi_h *req, ndmpi_status *st)
{
	MPI_Request r = ndmpi_req(*req);
	MPI_Status s;
	int rc;
	nd_status_init(&s);
	rc = MPI_Wait(&r, &s);
	*req = ndmpi_req_h(r);
	nd_fill_status(&s, MPI_BYTE, rc, st);
	return rc;
}

int ndmpi_test(ndmpi_h *req, int *flag, ndmpi_status *st)
{
	MPI_Request r = ndmpi_req(*req);
	MPI_Status s;
	int rc;
	nd_status_init(&s);
	*flag = 0;
	rc = MPI_Test(&r, flag, &s);
	*req = ndmpi_req_h(r);
	if (*flag || rc != MPI_SUCCESS)
		nd_fill_status(&s, MPI_BYTE, rc, st);
	return rc;
}

/* nd_waitall is MPI_Waitall, except with OpenMPI. OpenMPI 4.1's
 * MPI_Waitall spins forever (in WAIT_SYNC_RELEASE) when one of the
 * requests has already completed in error by the time of the call and the
 * thread level is above MPI_THREAD_SINGLE; MPI_Wait does not have the
 * problem. With OpenMPI the requests are therefore waited for one by one
 * (all of them are already started, so the order does not matter for
 * progress), and MPI_ERR_IN_STATUS is reported as MPI_Waitall would. The
 * loop goes on after a failure, so unlike MPICH's MPI_Waitall it never
 * leaves a request pending (MPI_ERR_PENDING). */
int nd_waitall(int n, MPI_Request *r, MPI_Status *s)
{
#ifdef OPEN_MPI
	int rc = MPI_SUCCESS;
	for (int i = 0; i < n; i++) {
		int err = MPI_Wait(&r[i], &s[i]);
		s[i].MPI_ERROR = err;
		if (err != MPI_SUCCESS)
			rc = MPI_ERR_IN_STATUS;
	}
	return rc;
#else
	return MPI_Waitall(n, r, s);
#endif
}

/* ndmpi_waitall completes n requests, as far as MPI lets it, and says per
 * request what happened. On MPI_ERR_IN_STATUS each status carries its own
 * request's code: MPI_SUCCESS or an error code for a request that
 * completed (its handle is now MPI_REQUEST_NULL), or exactly
 * MPI_ERR_PENDING for one that did not (MPI leaves its handle valid, to be
 * waited for again, and its status undefined: it is reported empty). MPICH
 * stops at the first failed request and leaves the later ones pending;
 * nd_waitall's loop under OpenMPI completes them all. On success every
 * status carries MPI_SUCCESS; on any other error every status carries
 * that error. */
int ndmpi_waitall(int n, ndmpi_h *reqs, ndmpi_status *sts)
{
	MPI_Request small_r[16], *r = small_r;
	MPI_Status small_s[16], *s = small_s;
	int rc, in_status;

	if (n < 0)
		return MPI_ERR_COUNT;
	if (n == 0)
		return MPI_SUCCESS;
	if (n > 16) {
		r = malloc((size_t)n * sizeof *r);
		s = malloc((size_t)n * sizeof *s);
		if (!r || !s) {
			free(r);
			free(s);
			return MPI_ERR_NO_MEM;
		}
	}
	for (int i = 0; i < n; i++) {
		r[i] = ndmpi_req(reqs[i]);
		nd_status_init(&s[i]);
	}
	rc = nd_waitall(n, r, s);
	in_status = rc != MPI_SUCCESS && nd_error_class(rc) == MPI_ERR_IN_STATUS;
	for (int i = 0; i < n; i++) {
		int err = in_status ? s[i].MPI_ERROR : rc;
		if (in_status && nd_error_class(err) == MPI_ERR_PENDING) {
			nd_status_init(&s[i]);
			err = MPI_ERR_PENDING;
		}
		reqs[i] = ndmpi_req_h(r[i]);
		nd_fill_status(&s[i], MPI_BYTE, err, &sts[i]);
	}
	if (r != small_r) {
		free(r);
		free(s);
	}
	return rc;
}

/* ndmpi_waitany completes one of n requests and says which in *index
 * (MPI_UNDEFINED when none is active). With OpenMPI it polls MPI_Test over
 * the requests instead of calling MPI_Waitany, which waits in the same
 * WAIT_SYNC machinery as the MPI_Waitall that hangs (see nd_waitall); a
 * failed request is reported by its index and code, as MPI_Waitany does. */
int ndmpi_waitany(int n, ndmpi_h *reqs, int *index, ndmpi_status *st)
{
	MPI_Request small_r[16], *r = small_r;
	MPI_Status s;
	int rc;

	*index = MPI_UNDEFINED;
	if (n < 0)
		return MPI_ERR_COUNT;
	if (n > 16 && !(r = malloc((size_t)n * sizeof *r)))
		return MPI_ERR_NO_MEM;
	for (int i = 0; i < n; i++)
		r[i] = ndmpi_req(reqs[i]);
	nd_status_init(&s);
#ifdef OPEN_MPI
	rc = MPI_SUCCESS;
	for (int active = 1; active && *index == MPI_UNDEFINED;) {
		active = 0;
		for (int i = 0; i < n && *index == MPI_UNDEFINED; i++) {
			int flag = 0;
			if (r[i] == MPI_REQUEST_NULL)
				continue;
			active = 1;
			rc = MPI_Test(&r[i], &flag, &s);
			if (flag || rc != MPI_SUCCESS)
				*index = i;
		}
	}
#else
	rc = MPI_Waitany(n, r, index, &s);
#endif
	for (int i = 0; i < n; i++)
		reqs[i] = ndmpi_req_h(r[i]);
	nd_fill_status(&s, MPI_BYTE, rc, st);
	if (r != small_r)
		free(r);
	return rc;
}

int ndmpi_request_free(ndmpi_h *req)
{
	MPI_Request r = ndmpi_req(*req);
	int rc = MPI_Request_free(&r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_cancel(ndmpi_h *req)
{
	MPI_Request r = ndmpi_req(*req);
	return MPI_Cancel(&r);
}

/* ---- polled blocking calls ---------------------------------------------- */

/* A cgo call that stays in C for longer than one tick of the Go runtime's
 * sysmon (20 µs) loses its P: with GOMAXPROCS=1 (mpirun --bind-to core)
 * sysmon hands the P to a freshly woken thread, which competes with MPI's
 * busy polling for the one core the rank is bound to, and the call pays a
 * context switch or two on every mid-size message. The blocking transfers
 * of mpiarr therefore start the nonblocking operation and test it for at
 * most spin_ns in one trip into C (ndmpi_send_spin, ndmpi_recv_spin), then
 * in further short trips (ndmpi_test_spin), so that sysmon never sees a
 * long call; a receive of unknown size probes in such trips too
 * (ndmpi_mprobe_spin). A message that is already there costs one MPI_Test
 * more than MPI_Recv. */

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* spin polls (MPI_Test of a request, MPI_Improbe of a message) until
 * *flag is set, MPI fails, or spin_ns have passed.
 * A clock reading costs about two idle tests in shared memory (35-40 ns
 * against 14-25 ns for MPI_Test, in a virtual machine), and reading it
 * every 8 tests made a sixth of Go's wait in an 8-byte persistent
 * ping-pong; but a test over TCP polls sockets and can take microseconds,
 * and 64 of those would hold the trip far past spin_ns. So the clock is
 * read after the first failed test and 8 tests later, and from then on
 * every `every` tests: as many as take about spin_ns/8, from 8 to 64. */
enum { SPIN_TESTS_MIN = 8, SPIN_TESTS_MAX = 64 };

typedef int (*poll_fn)(void *ctx, int *flag);

static int spin(poll_fn poll, void *ctx, int64_t spin_ns, int *flag)
{
	int64_t start = 0, end = 0;
	unsigned every = SPIN_TESTS_MIN;
	for (unsigned i = 0;; i++) {
		int rc = poll(ctx, flag);
		if (rc != MPI_SUCCESS || *flag)
			return rc;
		if (i % every != 0)
			continue;
		int64_t now = now_ns();
		if (end == 0) {
			start = now;
			end = now + spin_ns;
		} else if (now >= end) {
			return MPI_SUCCESS;
		} else if (i == SPIN_TESTS_MIN) {
			int64_t per = (now - start) / SPIN_TESTS_MIN + 1;
			int64_t n = spin_ns / 8 / per;
			every = n < SPIN_TESTS_MIN ? SPIN_TESTS_MIN : n > SPIN_TESTS_MAX ? SPIN_TESTS_MAX : (unsigned)n;
		}
	}
}

typedef struct {
	MPI_Request *r;
	MPI_Status *s;
} test_ctx;

static int poll_test(void *ctx, int *flag)
{
	test_ctx *t = ctx;
	return MPI_Test(t->r, flag, t->s);
}

static int spin_test(MPI_Request *r, int64_t spin_ns, int *flag, MPI_Status *s)
{
	test_ctx t = {r, s};
	return spin(poll_test, &t, spin_ns, flag);
}

typedef struct {
	int source, tag;
	MPI_Comm comm;
	MPI_Message *m;
	MPI_Status *s;
} probe_ctx;

static int poll_probe(void *ctx, int *flag)
{
	probe_ctx *p = ctx;
	return MPI_Improbe(p->source, p->tag, p->comm, flag, p->m, p->s);
}

/* ndmpi_mprobe_spin is MPI_Mprobe that gives up after spin_ns: *found
 * reports whether a message was matched (then *msg is it and the status
 * counts its bytes). */
int ndmpi_mprobe_spin(int source, int tag, ndmpi_h comm, int64_t spin_ns, int *found, ndmpi_h *msg,
		      ndmpi_status *st)
{
	MPI_Status s;
	MPI_Message m = MPI_MESSAGE_NULL;
	probe_ctx p = {source, tag, ndmpi_comm(comm), &m, &s};
	int rc;
	nd_status_init(&s);
	*found = 0;
	rc = spin(poll_probe, &p, spin_ns, found);
	if (*found || rc != MPI_SUCCESS)
		nd_fill_status(&s, MPI_BYTE, rc, st);
	*msg = ndmpi_message_h(m);
	return rc;
}

ndmpi_send_started ndmpi_send_spin(int sync, const uint8_t *buf, int64_t count, ndmpi_h dt,
				   int dest, int tag, ndmpi_h comm, int64_t spin_ns)
{
	ndmpi_send_started out;
	MPI_Request r = MPI_REQUEST_NULL;
	MPI_Status s;
	int flag = 0;
	int rc = nd_send(sync, buf, count, ndmpi_type(dt), dest, tag, ndmpi_comm(comm), &r);
	if (rc == MPI_SUCCESS)
		rc = spin_test(&r, spin_ns, &flag, &s);
	out.error = rc;
	out.req = ndmpi_req_h(r);
	return out;
}

/* recv_spun tests the receive r that started with code rc for at most
 * spin_ns: the request still pending, or the status once it completed or
 * failed. */
static ndmpi_recv_started recv_spun(int rc, MPI_Request r, ndmpi_h dt, int64_t spin_ns)
{
	ndmpi_recv_started out = {0};
	MPI_Status s;
	int flag = 0;
	nd_status_init(&s);
	if (rc == MPI_SUCCESS)
		rc = spin_test(&r, spin_ns, &flag, &s);
	out.req = ndmpi_req_h(r);
	if (flag || rc != MPI_SUCCESS)
		fill_status_blocking(&s, ndmpi_type(dt), rc, &out.st);
	return out;
}

ndmpi_recv_started ndmpi_recv_spin(uint8_t *buf, int64_t count, ndmpi_h dt, int source, int tag,
				   ndmpi_h comm, int64_t spin_ns)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = nd_irecv(buf, count, ndmpi_type(dt), source, tag, ndmpi_comm(comm), &r);
	return recv_spun(rc, r, dt, spin_ns);
}

/* ndmpi_mrecv_spin is ndmpi_recv_spin of the message msg that
 * ndmpi_mprobe_spin matched: MPI_Imrecv, then MPI_Test for at most
 * spin_ns. A message that has arrived whole (every message up to the
 * eager limit, once matched) completes in the first test. */
ndmpi_recv_started ndmpi_mrecv_spin(uint8_t *buf, int64_t count, ndmpi_h dt, ndmpi_h msg,
				    int64_t spin_ns)
{
	ndmpi_recv_started out;
	MPI_Message m = ndmpi_message(msg);
	MPI_Request r = MPI_REQUEST_NULL;
	int rc = nd_imrecv(buf, count, ndmpi_type(dt), &m, &r);
	out = recv_spun(rc, r, dt, spin_ns);
	out.msg = ndmpi_message_h(m);
	return out;
}

ndmpi_status ndmpi_test_spin(ndmpi_h *req, ndmpi_h dt, int64_t spin_ns, int *flag)
{
	ndmpi_status st = {0};
	MPI_Request r = ndmpi_req(*req);
	MPI_Status s;
	int rc;
	nd_status_init(&s);
	*flag = 0;
	rc = spin_test(&r, spin_ns, flag, &s);
	*req = ndmpi_req_h(r);
	if (*flag || rc != MPI_SUCCESS)
		nd_fill_status(&s, ndmpi_type(dt), rc, &st);
	return st;
}
