package mpiarr

import (
	"context"
	"fmt"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// A rank waiting for a peer that never sends would block in MPI for ever:
// MPI has no timeouts. WaitContext and RecvContext wait by testing the
// request, with pauses that grow to a millisecond, so that they can watch
// the context meanwhile, and cancel a receive when it ends.

// WaitContext is Wait that gives up when ctx is done. A receive is then
// cancelled (MPI_Cancel) and waited for, and WaitContext returns an error
// wrapping ctx.Err() (errors.Is finds context.Canceled or
// context.DeadlineExceeded), with Status.Cancelled set; the communicator
// stays usable, and the message a later send brings is received by a
// later receive. If the message was already arriving, it is received
// instead, and WaitContext returns as Wait would.
//
// Sends and collectives cannot be cancelled (MPI-4 deprecates cancelling
// sends, which libraries may not honour, and forbids cancelling
// collectives): WaitContext then returns ctx's error and leaves the
// request pending, its buffers pinned; wait for it again later.
func (r *Request) WaitContext(ctx context.Context) (Status, error) {
	if r.done || ctx.Done() == nil {
		return r.Wait()
	}
	for pause := time.Microsecond; ; pause = min(2*pause, time.Millisecond) {
		done, st, err := r.Test()
		if done {
			return st, err
		}
		select {
		case <-ctx.Done():
			return r.giveUp(ctx)
		case <-time.After(pause):
		}
	}
}

// giveUp cancels a receive whose context ended and completes it.
func (r *Request) giveUp(ctx context.Context) (Status, error) {
	ended := &Error{Op: r.op, Err: fmt.Errorf("%w: gave up waiting", ctx.Err())}
	if !r.recv {
		ended.Err = fmt.Errorf("%w; the request is still pending: MPI cannot cancel it, wait for it again", ended.Err)
		return Status{}, ended
	}
	if err := r.Cancel(); err != nil {
		return Status{}, err
	}
	st, err := r.Wait()
	if err != nil || !st.Cancelled {
		return st, err // the message arrived after all
	}
	r.err = ended
	return st, ended
}

// RecvContext is Recv that gives up when ctx is done (see WaitContext):
// the receive is cancelled, and the error wraps ctx.Err().
func (c *Comm) RecvContext(ctx context.Context, buf Buffer, source, tag int) (Status, error) {
	if ctx.Done() == nil {
		return c.Recv(buf, source, tag)
	}
	if err := ctx.Err(); err != nil {
		return Status{}, &Error{Op: "RecvContext", Err: fmt.Errorf("%w: the context ended before the receive", err)}
	}
	m, err := c.recvPlan("RecvContext", buf, source, tag)
	if err != nil {
		return Status{}, err
	}
	r := start("RecvContext", m, true)
	enter()
	r.h, err = mpi.Irecv(m.ptr, m.count, m.dt, source, tag, c.h)
	leave()
	if err != nil {
		r.close()
		return Status{}, mpiError("RecvContext", err)
	}
	return r.WaitContext(ctx)
}
