// Package mpiarr sends and receives ndarray arrays with MPI: every
// *ndarray.Array[T] is an MPI buffer, of any dtype and any layout. It
// mirrors the upper-case (buffer) methods of mpi4py — Send, Recv, Isend,
// Irecv, Sendrecv, Bcast, Scatterv, Gatherv, Reduce, ... — and its
// lower-case object methods (SendObj, BcastObj, GatherObj, ReduceObj),
// over a thin cgo binding to the system MPI (OpenMPI by default, MPICH
// with the build tag mpich).
//
// # Layout: what travels
//
// The logical values of an array, in C order, are what travels. A
// C-contiguous array goes to MPI as it is: no copy, no allocation. For
// any other layout the communicator's Layout policy decides:
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
//   - Raw moves memory order, exactly as mpi4py does, for Fortran interop.
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
// Allgatherv. InPlace is MPI_IN_PLACE.
//
// # Errors
//
// Every failure is an *Error wrapping one of ErrLayout, ErrTruncate,
// ErrDType, ErrCount, ErrArg, ErrReadOnly, ErrMismatch or ErrMPI; when MPI
// itself reported it, the error carries the MPI error class and the text
// of MPI_Error_string. Every communicator uses MPI_ERRORS_RETURN: nothing
// aborts the job behind the program's back. Arguments that all ranks pass
// alike (roots, operations, counts) are checked identically on every rank
// before any communication, so one rank never fails alone while the
// others wait. A receive buffer too small for its part makes its rank take
// part through a scratch buffer and then report ErrTruncate. Checked mode
// (Comm.WithCheck, or NDMPI_CHECK=1) also verifies, before each
// collective, that the ranks agree on the operation, root, dtype and
// counts, so that a one-sided mistake is the same error on every rank.
//
// # Non-blocking operations and pinning
//
// Isend and Irecv return a Request. Until it completes (Wait, Test,
// WaitAll), MPI owns the buffer: the array's memory is pinned with
// runtime.Pinner so that the garbage collector neither frees nor moves
// it, as cgo requires of Go memory that C keeps past a call. Complete
// every Request.
//
// # Threads
//
// Init asks MPI for MPI_THREAD_MULTIPLE, so that any goroutine may call
// any method at any time. If the library offers only
// MPI_THREAD_SERIALIZED, calls are serialised by a lock (see ThreadLevel).
// Init and Finalize belong on the main goroutine, which this package keeps
// on the main OS thread.
//
// # Running
//
// Programs run under mpirun (mpirun -np 4 ./prog), srun, or any launcher
// of the MPI library they were built against; started on their own they
// are a world of one rank. Package mpitest runs a package's tests under
// mpirun from plain `go test`.
package mpiarr
