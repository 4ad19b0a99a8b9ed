// Package mpiarr sends and receives ndarray arrays with MPI: every
// *ndarray.Array[T] is an MPI buffer, of any dtype and any layout. It
// mirrors the upper-case (buffer) methods of mpi4py — Send, Recv, Isend,
// Irecv, Sendrecv, Bcast, Scatterv, Gatherv, Reduce, ... — and its
// lower-case object methods (SendObj, BcastObj, GatherObj, ReduceObj),
// over a thin cgo binding to the system MPI (OpenMPI by default, MPICH
// with the build tag mpich). Beyond messages it has what mpi4py programs
// reach for: communicators, groups and process topologies with neighbour
// collectives (Split, Group, CreateCart, CreateDistGraphAdjacent),
// one-sided windows over arrays (Win), MPI-IO files with subarray views
// (File), and distributed arrays (Dist) that split a global array in
// blocks over a process grid.
//
// # Layout: what travels
//
// The logical values of an array, in C order, are what travels. A
// C-contiguous array goes to MPI as it is: no copy, no allocation, in
// point-to-point calls and every collective alike. For any other layout
// the communicator's Layout policy decides:
//
//   - Refuse (the default) returns an ErrLayout error naming the shape, the
//     strides and the fix. mpi4py refuses non-contiguous arrays too, but
//     sends F-ordered ones (a transpose, a Fortran array) in memory order,
//     so the receiver sees them transposed back; Refuse refuses those as
//     well.
//   - Pack copies the values into a pooled buffer (cache-blocked for
//     transposes) and sends that; receives land in a pooled buffer and are
//     unpacked into the view.
//   - Derived describes the view to MPI with a derived datatype made from
//     its strides (cached per layout) and lets MPI gather or scatter the
//     elements itself.
//   - MemoryOrder moves memory as it lies, exactly as mpi4py does, for
//     Fortran interop.
//
// comm.WithLayout(mpiarr.Pack) returns a handle with another policy on
// the same MPI communicator; handles are cheap, keep one per policy.
//
// # Message specifications
//
// A whole array is a message. Count(a, n) is its first n elements
// (mpi4py's [data, n, MPI.DOUBLE]); Typed(a, n, mpiarr.Double) also
// checks the datatype, which must describe a's dtype: the library never
// reinterprets bytes. The v-collectives take counts and displacements in
// elements of the logical order; nil counts mean NumPy's even split for
// Scatterv and the real sizes, exchanged first, for Gatherv and
// Allgatherv. InPlace is MPI_IN_PLACE. These, and arrays, are the only
// Buffers: the interface is sealed, because the library hands a Buffer's
// memory to MPI.
//
// # Errors
//
// Every failure is an *Error{Op, Err}, as in package ndarray: errors.Is
// finds its kind (ErrLayout, ErrTruncate, ErrDType, ErrCount, ErrArg,
// ErrReadOnly, ErrMismatch, ErrFinalized or ErrMPI) and its cause, and
// errors.As an *MPIError (the MPI function, code, class and text) when MPI
// itself reported it. Every communicator uses MPI_ERRORS_RETURN, and
// calls after Finalize return ErrFinalized: nothing aborts the job behind
// the program's back. A message that arrives into a bool array is
// normalised to Go's false and true, whatever bytes the sender wrote.
//
// What the other ranks of a collective see when one rank fails:
//
//   - Arguments every rank passes alike (root, operation, dtype against
//     the operation, the counts of the v-collectives) are checked the same
//     way on every rank, before any communication: every rank returns the
//     same error.
//   - A rank whose receive buffer cannot take its part (read-only, a layout
//     the policy refuses, too small) takes part through scratch memory and
//     then returns its error; the other ranks complete normally. Retrying
//     must happen on every rank.
//   - In checked mode (Comm.WithCheck, or NDMPI_CHECK=1 for the world)
//     every rank first describes its call to the others in one small
//     non-blocking collective. Any disagreement (another collective,
//     root, operation, dtype or count) and any rank's own failure (a send
//     buffer the policy refuses, counts past the root's buffer, a nil
//     buffer) is an error on every rank, and no data moves. A rank that
//     never joins the agreement — it called something else, runs without
//     checked mode, or is not an ndmpi program (an mpi4py peer) — makes
//     the others return ErrMismatch after NDMPI_CHECK_TIMEOUT (60 s by
//     default), after which that communicator refuses every call. Checked
//     mode is a property every rank must share: a handle made by
//     WithCheck(false) verifies it on its first collective. Checked
//     point-to-point messages carry a signature (dtype and count), so that
//     a receive of another dtype of the same size is an ErrDType error;
//     both sides must be checked.
//   - Unchecked, the failures that can still leave other ranks waiting are
//     those of a rank's own send side: a send buffer the policy refuses
//     (the root's in Bcast, Scatter and Scatterv; any rank's in the
//     reductions, gathers and Alltoall(v)), a nil buffer where the rank
//     needs one, send and receive buffers of different dtypes on one rank,
//     counts that run past the root's send buffer in Scatterv,
//     a send count that disagrees with the counts in Gatherv, and any
//     mismatch between ranks' arguments that only checked mode compares
//     (different sizes in Bcast, different roots). That rank returns its
//     error without entering the collective, and says so; calling the
//     collective again from that rank alone, with a buffer that works,
//     completes the collective the others are in.
//
// # Non-blocking operations and pinning
//
// Isend, Irecv and the nonblocking collectives (Ibarrier, Ibcast,
// Ireduce, Iallreduce, Iscan, Iexscan, Igather(v), Iallgather(v),
// Iscatter(v), Ialltoall(v)) return a Request; the count arrays of the v
// forms stay pinned with the buffers, nil counts are exchanged first by a
// blocking step, and counts beyond a C int are an ErrCount error. Until it completes (Wait, Test, WaitAll),
// MPI owns the buffers: the array's memory is pinned with
// runtime.Pinner so that the garbage collector neither frees nor moves
// it, as cgo requires of Go memory that C keeps past a call; a receive
// staged by the Pack policy is unpacked into the array at completion.
// Complete every Request. WaitAny, WaitSome, TestAll and TestAny
// complete one or several, as mpi4py's Request.Waitany and friends;
// Request.WaitContext and Comm.RecvContext give up when a context ends,
// cancelling the receive, so that a rank waiting for a peer that never
// sends can stop cleanly.
//
// A nonblocking collective takes the arguments of its blocking form and
// checks, before it returns, what the blocking form checks before it
// communicates, so that bad local input never leaves a rank waiting:
//
//   - arguments every rank passes alike (root, operation against the
//     dtype) fail on every rank at the call;
//   - a send side this rank cannot use (a layout the policy refuses, a
//     nil buffer, sizes that do not fit) fails at the call without
//     starting anything; unchecked, the other ranks' requests then wait
//     for this rank, which can call again with a buffer that works;
//   - a receive side that fails (read-only, refused, too small) takes part
//     through scratch memory, and Wait reports it on that rank;
//   - in checked mode every rank first describes its call in checked
//     mode's agreement (one small MPI_Iallreduce, waited for with the
//     NDMPI_CHECK_TIMEOUT deadline; a nonblocking collective never
//     matches a blocking one), so that any disagreement or any rank's own
//     failure is an error on every rank at the call and no request starts.
//     The call then returns once every rank has reached the same
//     collective; only the data moves in the background.
//
// Issend, Ibsend, Irsend and Message.Irecv return Requests like Isend's.
// SendInit, SsendInit, BsendInit, RsendInit and RecvInit return
// persistent Requests: Start (or StartAll) begins each activation, any
// completion function ends it, and the buffers stay pinned until Free,
// which must find the request inactive; a staged layout is packed at
// every Start and unpacked at every completion. BufferAttach allocates
// the attach buffer of Bsend in C memory.
//
// OpCreate makes an Op from a Go function, for the blocking and the
// nonblocking reductions. The blocking ones hand it to MPI through the one
// entry point that may call back into Go. The nonblocking ones never hand
// it to MPI, because MPI applies an operation inside any later call's
// progress and the binding's calls cannot call back: they gather every
// rank's array, and the Request combines them in rank order when Wait or
// Test completes it. A panic in the function is an *OpPanic error on every
// rank of a blocking reduction, and on the ranks whose result it spoiled
// in a nonblocking one.
//
// # Files
//
// OpenFile opens a file on every rank of a communicator (MPI-IO, mpi4py's
// MPI.File). Reads and writes take any Buffer under the communicator's
// Layout policy; SetView with SubarrayView lets each rank see its block of
// a global array stored in the file, in C or Fortran order. Every
// collective file call returns nil on every rank or an error on every
// rank, and Status.Count of a read counts only what lies before the end
// of the file. Dist.WriteNPY and ReadNPY are built on File.
// WriteNPZ and ReadNPZ do the same for .npz archives of several Dists
// (numpy.savez's stored members); NPZMembers lists an archive's arrays.
//
// # Distributed arrays that compute
//
// Distributed arrays compute as NumPy does on the global array, on every
// rank. The DistXxx reductions (DistSum, DistArgMax, DistSumAxis, ...)
// reduce each block with ndarray and fold the block results in grid
// order. Any elementwise function of ndarray applies through DistMap,
// DistMap2 and DistMap3 (and their Into forms), whose operands are Dists
// (Distributed) or arrays every rank holds alike (Replicated, broadcast
// against the global shape): operands of one decomposition compute block
// by block, a Dist over another grid is redistributed first. DistView,
// DistTranspose, DistConcatenate, DistResplit and DistReshape return new
// Dists filled by one MPI_Alltoallv, every rank knowing every block.
// DistMatMul is SUMMA on the first operand's grid, each element summing
// its products in order of k, so it has ndarray.MatMul's bits whatever
// the grid. DistFFTN, DistIFFTN, DistRFFTN and DistIRFFTN are
// numpy.fft's fftn, ifftn, rfftn and irfftn after mpi4py-fft's PFFT:
// gonum's 1-D transforms along the axes whole on every rank, Redistribute
// between alignments. DistSort is a sample sort onto NumPy's even split.
// Shape mistakes are the same error on every rank, found before any
// communication.
//
// # Threads
//
// Init asks MPI for MPI_THREAD_MULTIPLE, so that any goroutine may call
// any method at any time. If the library offers only
// MPI_THREAD_SERIALIZED, calls are serialised by a lock (see ThreadLevel).
// Init and Finalize may be called from any goroutine: they run MPI_Init_thread
// and MPI_Finalize on one OS thread of the package's own, MPI's main
// thread, and leave every goroutine of the program unlocked.
//
// # Running
//
// Programs run under mpirun (mpirun -np 4 ./prog), srun, or any launcher
// of the MPI library they were built against; started on their own they
// are a world of one rank. Package mpitest runs a package's tests under
// mpirun from plain `go test`.
package mpiarr
