package mpi_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// benchCheck stops the benchmark b on an error.
func benchCheck(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

// Latency of the blocking point-to-point paths (Send, Recv, Mrecv) for an
// 8-byte message: the cost of the binding per call shows there, not behind
// the transfer of a large buffer. Messages to oneself need no second
// process, so `go test -bench` runs them as they are:
//
//	NDMPI_NO_LAUNCH=1 go test -run '^$' -bench 'Self|ProcNull' ./mpiarr/internal/mpi/
//
// MPICH completes a blocking send to oneself only once the receive is
// posted, so each sub-benchmark pairs the blocking call it measures with a
// nonblocking partner posted first (the partner's cost is in every
// iteration, the same before and after a change to the blocking path).
func BenchmarkSendRecvSelf8B(b *testing.B) {
	x, y := pinnedPair(b)
	self := mpi.CommSelf

	b.Run("Send", func(b *testing.B) {
		for b.Loop() {
			r, err := mpi.Irecv(ptr(y), 1, mpi.Double, 0, 3, self)
			benchCheck(b, err)
			benchCheck(b, mpi.Send(ptr(x), 1, mpi.Double, 0, 3, self))
			_, err = mpi.Wait(&r)
			benchCheck(b, err)
		}
	})
	b.Run("Recv", func(b *testing.B) {
		for b.Loop() {
			r, err := mpi.Isend(ptr(x), 1, mpi.Double, 0, 3, self)
			benchCheck(b, err)
			_, err = mpi.Recv(ptr(y), 1, mpi.Double, 0, 3, self)
			benchCheck(b, err)
			_, err = mpi.Wait(&r)
			benchCheck(b, err)
		}
	})
	b.Run("Mrecv", func(b *testing.B) {
		for b.Loop() {
			r, err := mpi.Isend(ptr(x), 1, mpi.Double, 0, 3, self)
			benchCheck(b, err)
			m, _, err := mpi.Mprobe(0, 3, self)
			benchCheck(b, err)
			_, err = mpi.Mrecv(ptr(y), 1, mpi.Double, &m)
			benchCheck(b, err)
			_, err = mpi.Wait(&r)
			benchCheck(b, err)
		}
	})
	if y[0] != x[0] {
		b.Fatalf("received %v, sent %v", y[0], x[0])
	}
}

// BenchmarkProcNull8B is the cost of the binding itself for the blocking
// calls: a transfer to or from MPI_PROC_NULL completes inside MPI at once,
// so what is left is the cgo call, cgo's pointer checks, the status
// conversion and MPI's own argument checks. Running it again with
// GODEBUG=cgocheck=0 shows what the pointer check of the buffer costs
// (about 10 ns a call here, against 40-70 ns for the whole call).
func BenchmarkProcNull8B(b *testing.B) {
	x := make([]float64, 1)
	w := mpi.CommWorld
	b.Run("Send", func(b *testing.B) {
		for b.Loop() {
			benchCheck(b, mpi.Send(ptr(x), 1, mpi.Double, mpi.ProcNull, 0, w))
		}
	})
	b.Run("Recv", func(b *testing.B) {
		for b.Loop() {
			_, err := mpi.Recv(ptr(x), 1, mpi.Double, mpi.ProcNull, 0, w)
			benchCheck(b, err)
		}
	})
	b.Run("Mrecv", func(b *testing.B) {
		for b.Loop() {
			m, _, err := mpi.Mprobe(mpi.ProcNull, 0, w)
			benchCheck(b, err)
			_, err = mpi.Mrecv(ptr(x), 1, mpi.Double, &m)
			benchCheck(b, err)
		}
	})
}

// BenchmarkPingPong8B is the round trip of an 8-byte message between
// ranks 0 and 1 (Send and Recv on both). The two ranks must loop the same
// number of times, which only a fixed count guarantees, so it runs under
// the launcher with -test.benchtime=Nx (mpitest does not pass -test.bench
// on, so start the job yourself):
//
//	go test -c -o mpi.test ./mpiarr/internal/mpi/
//	mpirun -np 2 ./mpi.test -test.run '^$' -test.bench PingPong -test.benchtime 20000x
func BenchmarkPingPong8B(b *testing.B) {
	rank, err := mpi.CommRank(mpi.CommWorld)
	if err != nil {
		b.Fatal(err)
	}
	size, err := mpi.CommSize(mpi.CommWorld)
	if err != nil {
		b.Fatal(err)
	}
	if size < 2 {
		b.Skip("needs 2 ranks")
	}
	// Agree on b.N first: a rank looping more often than its peer would
	// wait forever for the message that never comes.
	n := []int64{int64(b.N), -int64(b.N)}
	if err := mpi.Allreduce(mpi.InPlace, ptr(n), 2, mpi.Int64, mpi.OpMax, mpi.CommWorld); err != nil {
		b.Fatal(err)
	}
	if n[0] != int64(b.N) || -n[1] != int64(b.N) {
		b.Fatalf("ranks run %d to %d iterations: use -test.benchtime=Nx", -n[1], n[0])
	}
	if rank > 1 {
		return
	}
	peer := 1 - rank
	x := []float64{float64(rank)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if rank == 0 {
			err = mpi.Send(ptr(x), 1, mpi.Double, peer, 5, mpi.CommWorld)
		}
		if err == nil {
			_, err = mpi.Recv(ptr(x), 1, mpi.Double, peer, 5, mpi.CommWorld)
		}
		if err == nil && rank == 1 {
			err = mpi.Send(ptr(x), 1, mpi.Double, peer, 5, mpi.CommWorld)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSelfSteps8B splits the cost of an 8-byte Send+Recv pair to
// oneself (OpenMPI buffers the send) into its steps at the binding level:
// Wtime is one ordinary cgo call to a C function that only reads the
// clock (WtimeCgo: the price of a trip into C through cgo); Blocking is
// MPI_Send + MPI_Recv in two trips; Polled is what mpiarr's Send and
// Recv do (MPI_Isend + MPI_Test, then MPI_Irecv + MPI_Test, each in one
// trip). mpiarr's BenchmarkSendRecvSelf8B minus Polled is the cost of its
// Go-side checks.
//
//	NDMPI_NO_LAUNCH=1 go test -run '^$' -bench SelfSteps ./mpiarr/internal/mpi/
func BenchmarkSelfSteps8B(b *testing.B) {
	if mpi.Implementation != "openmpi" {
		b.Skip("MPICH completes a blocking send to oneself only once the receive is posted")
	}
	x, y := pinnedPair(b)
	self := mpi.CommSelf
	b.Run("Wtime", func(b *testing.B) {
		for b.Loop() {
			mpi.WtimeCgo()
		}
	})
	b.Run("Blocking", func(b *testing.B) {
		for b.Loop() {
			benchCheck(b, mpi.Send(ptr(x), 1, mpi.Double, 0, 3, self))
			_, err := mpi.Recv(ptr(y), 1, mpi.Double, 0, 3, self)
			benchCheck(b, err)
		}
	})
	b.Run("Polled", func(b *testing.B) {
		for b.Loop() {
			r, err := mpi.SendSpin(false, ptr(x), 1, mpi.Double, 0, 3, self, 10*time.Microsecond)
			benchCheck(b, err)
			if r != mpi.RequestNull {
				b.Fatal("a buffered send to oneself is pending")
			}
			_, r, err = mpi.RecvSpin(ptr(y), 1, mpi.Double, 0, 3, self, 10*time.Microsecond)
			benchCheck(b, err)
			if r != mpi.RequestNull {
				b.Fatal("a receive of a message already there is pending")
			}
		}
	})
}

// pinnedPair is a one-element send buffer and receive buffer, pinned for the
// benchmark's life because the C side keeps their addresses across calls.
func pinnedPair(b *testing.B) (x, y []float64) {
	x, y = []float64{1.5}, make([]float64, 1)
	var pin runtime.Pinner
	pin.Pin(&x[0])
	pin.Pin(&y[0])
	b.Cleanup(pin.Unpin)
	return x, y
}
