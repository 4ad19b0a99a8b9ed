package mpiarr_test

import (
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
)

// The cost of the calls themselves: 8 bytes sent to this rank and
// received back, no peer involved (bench/ compares it with C and mpi4py).
func BenchmarkSendRecvSelf8B(b *testing.B) {
	c := mpitest.World()
	me := c.Rank()
	buf := ndarray.Zeros[float64](1)
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Send(buf, me, 0); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Recv(buf, me, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// A packed send of a transposed 2048x2048 float64 to this rank.
func BenchmarkPackedTransposeSelf(b *testing.B) {
	c := mpitest.World().WithLayout(mpiarr.Pack)
	me := c.Rank()
	a := ndarray.Iota[float64](2048, 2048).T()
	got := ndarray.Zeros[float64](2048, 2048)
	b.SetBytes(int64(a.NBytes()))
	for b.Loop() {
		r, err := c.Irecv(got, me, 0)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Send(a, me, 0); err != nil {
			b.Fatal(err)
		}
		if _, err := r.Wait(); err != nil {
			b.Fatal(err)
		}
	}
}

// A halo exchange of column faces (strided) with this rank itself: a
// periodic axis on one process.
func BenchmarkHaloColumnsSelf(b *testing.B) {
	c := mpitest.World()
	if c.Size() != 1 {
		b.Skip("one rank")
	}
	for _, layout := range []mpiarr.Layout{mpiarr.Pack, mpiarr.Derived} {
		b.Run(layout.String(), func(b *testing.B) {
			d, err := mpiarr.NewDist[float64](c, []int{2048, 1024}, mpiarr.DistOptions{Halo: []int{0, 1}, Periodic: []bool{false, true}, Layout: layout})
			if err != nil {
				b.Fatal(err)
			}
			defer d.Free()
			b.ReportAllocs()
			for b.Loop() {
				if err := d.ExchangeHalos(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The Go side of every collective at 8 bytes per rank (bench/ compares
// Bcast, Reduce, Allreduce, Scatterv, Gatherv and Alltoall with C and
// mpi4py). On one rank MPI copies within the process, so what is left is
// mostly the cost of the calls themselves. Under a launcher every rank
// must run the same iterations: pass -test.benchtime=Nx.
func BenchmarkCollective8B(b *testing.B) {
	c := mpitest.World()
	for _, cc := range collCases(c, 1) {
		b.Run(cc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := cc.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The cost of a non-blocking pair: Irecv and Isend of 8 bytes to this
// rank, then WaitAll, no peer involved.
func BenchmarkIsendIrecvSelf8B(b *testing.B) {
	c := mpitest.World()
	me := c.Rank()
	out, in := ndarray.Zeros[float64](1), ndarray.Zeros[float64](1)
	b.ReportAllocs()
	for b.Loop() {
		r, err := c.Irecv(in, me, 0)
		if err != nil {
			b.Fatal(err)
		}
		s, err := c.Isend(out, me, 0)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := mpiarr.WaitAll(r, s); err != nil {
			b.Fatal(err)
		}
	}
}

// An object message of 16 float64s sent to this rank and decoded into a
// fresh slice: the Go side of the objects suite's smallest list.
func BenchmarkObjSelf16(b *testing.B) {
	c := mpitest.World()
	me := c.Rank()
	v := make([]float64, 16)
	b.ReportAllocs()
	for b.Loop() {
		if err := c.SendObj(v, me, 0); err != nil {
			b.Fatal(err)
		}
		var got []float64
		if _, err := c.RecvObj(&got, me, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// The cost of a passive one-sided epoch on this rank's own window: Lock,
// a Put of 8 bytes, Unlock; no peer involved (bench/ compares two ranks
// with C and mpi4py). Each rank times its own epochs, so the loop needs
// no agreement between ranks (a Fence would).
func BenchmarkWinSelf8B(b *testing.B) {
	c := mpitest.World()
	me := c.Rank()
	win, err := mpiarr.WinCreate(c, ndarray.Zeros[float64](1))
	if err != nil {
		// As createOrSkip (win_test.go): OpenMPI 4.1 has no one-sided
		// component in a one-rank world.
		b.Skipf("no window here: %v", err)
	}
	defer func() {
		if err := win.Free(); err != nil {
			b.Fatal(err)
		}
	}()
	origin := ndarray.Full[float64](1.5, 1)
	b.Run("LockPutUnlock", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := win.Lock(me, mpiarr.LockExclusive, 0); err != nil {
				b.Fatal(err)
			}
			if err := win.Put(origin, me, 0); err != nil {
				b.Fatal(err)
			}
			if err := win.Unlock(me); err != nil {
				b.Fatal(err)
			}
		}
	})
}
