// Package mpi is a thin cgo binding to the system MPI library, made for
// the layout-aware MPI adapter of ndmpi. Function names follow MPI
// (Send is MPI_Send, TypeCreateHvector is MPI_Type_create_hvector, ...);
// buffers are unsafe.Pointer values to numeric element data, counts and
// displacements are Go ints.
//
// # Implementations
//
// The package builds against OpenMPI by default (pkg-config ompi-c) and
// against MPICH with the build tag mpich (pkg-config mpich). The cgo
// directives live in cgo_openmpi.go and cgo_mpich.go; Implementation,
// Launcher, LauncherArgs and LauncherEnv describe the library and how to
// start a job of it. The C code is shared.
//
// # Files
//
// Each concept has a Go file and, beside it, the C file its Go functions
// call:
//
//	mpi.go       consts.c    handle types, constants read from mpi.h
//	env.go       env.c       Init, Finalize, Active, environment queries
//	errors.go    errors.c    *Error, error classes and texts
//	comm.go      comm.c      communicators
//	datatype.go  datatype.c  derived datatypes; big types for counts beyond INT_MAX
//	p2p.go       p2p.c       point-to-point messages, statuses, requests
//	coll.go      coll.c      collectives with one count per rank
//	icoll.go     icoll.c     nonblocking collectives
//	vcoll.go     vcoll.c     Scatterv, Gatherv, Allgatherv, Alltoallv
//	             op.c        the OpenMPI 4.1 op/avx workaround for reductions
//	topo.go      topo.c      Cartesian topologies
//	file.go      file.c      MPI-IO
//	fastcall.go  fastcall.c  fast calls: shims run without cgo's scheduler hand-off
//
// ndmpi.h declares everything Go calls in C; internal.h holds what the C
// files share among themselves. Each C file opens with why it exists.
//
// # Handles
//
// Every MPI handle is an opaque uint64-based Go type: Comm, Datatype, Op,
// Request, File. OpenMPI represents handles as pointers, MPICH as ints;
// the Go side never depends on either. Handles cross into C as uint64_t
// and are converted with memcpy in static inline helpers (ndmpi.h, with a
// _Static_assert that each handle type fits in 64 bits). Go code may only
// store, compare and pass handles back; the zero value is not a valid
// handle (use CommNull, DatatypeNull, RequestNull, FileNull).
//
// Predefined handles and integer constants (CommWorld, Double, OpSum,
// ProcNull, AnyTag, the thread levels, file modes, error classes ...) are
// package variables filled from C by one call at package initialization;
// none is hard-coded. TagUB is set by Init.
//
// # One trip into C per operation
//
// Each Go function makes exactly one trip into C, a cgo call or a fast
// call (see below), to a C helper ndmpi_xxx, which makes the MPI call(s)
// and returns the MPI error code and, where relevant, fills a small
// status struct. Receive counts are
// computed in C from MPI_Get_elements_x (64-bit exact), so no separate
// MPI_Get_count call is needed. Only error paths make an extra call
// (MPI_Error_class and MPI_Error_string).
//
// Every C helper is marked "#cgo nocallback" (none calls back into Go),
// and every one that forgets its pointers when it returns is marked
// "#cgo noescape", so that buffers, status structs, handles and argument
// arrays may stay on the caller's stack; directives_test.go checks both.
// Message buffers reach C as real pointers, never disguised as integers,
// typed uint8_t* in ndmpi.h: they are bytes of numeric elements, which
// hold no Go pointers, and cgo then knows from the type what its run-time
// pointer check (a fifth of the cost of an 8-byte send) would find. Other
// pointer arguments (statuses, counts, handles) are checked as usual.
//
// # Fast calls
//
// The calls that start or test a transfer (the polled trips of Send and
// Recv, of the matched probe and receive of a message of unknown size,
// Isend, Issend, Irecv, TestFast, Start, Startall, Put, Get, Accumulate,
// GetAccumulate, Rput, Rget) go into C without cgo's
// hand-off to the scheduler: the runtime's asmcgocall, reached by a
// linkname, runs a shim of fastcall.c on the thread's system stack in
// 10-20 ns, against 40-80 ns for a cgo call. The goroutine keeps its P
// and cannot be stopped meanwhile, so only C functions that never call
// back into Go and return in bounded, short time may run this way: MPI's
// local procedures and the spins bounded by spin_ns, on at most FastBytes
// of data. fastcall.go states the invariant and why it is safe;
// directives_test.go checks the shims against it. Larger transfers, and
// every call that may wait for another process (Wait, Recv, collectives,
// fences, locks), stay ordinary cgo calls.
//
// The build tag ndmpi_cgocall sends the same shims through an ordinary
// cgo call: to measure what fast calls save, and as the way out should a
// Go release refuse the linkname (go build -tags ndmpi_cgocall, or
// ndmpi_cgocall,mpich).
//
// # Errors
//
// Init sets MPI_ERRORS_RETURN on MPI_COMM_WORLD and MPI_COMM_SELF, and
// every communicator created here (CommDup, CommSplit, CartCreate,
// CartSub) gets it explicitly, as does every opened file (MPI's default
// for files is already MPI_ERRORS_RETURN). MPI errors therefore come back
// as *Error values ("MPI_Recv: MPI_ERR_TRUNCATE: message truncated")
// instead of aborting. Error.Class is one of the exported class
// variables (ErrTruncate, ErrCount, ...); see IsClass and ClassName.
// Error.Code, and Status.Error, are the code MPI returned: the class
// itself under OpenMPI, often a larger code under MPICH. Compare classes
// (IsClass, ErrorClass), never codes; Status.Err turns a status's code
// into the same *Error the call would have returned.
//
// Waitall reports per request whether it completed: a request MPI left
// pending (ErrPending, Status.Pending) keeps its handle in the slice and
// must be waited for again; see Waitall.
//
// # Large counts
//
// MPI-3 functions take C int counts and OpenMPI 4.1 has no MPI-4 "_c"
// variants. Counts and displacements above INT_MAX are handled in C:
//
//   - Send, Ssend, Recv, Isend, Issend, Irecv, Sendrecv, SendrecvReplace,
//     Bcast, Ibcast, Scatter, Gather, Allgather, Alltoall, their
//     nonblocking forms (Iscatter, ...) and the file
//     accesses describe such a buffer with a derived datatype (the BigMPI
//     technique: contiguous chunks of INT_MAX elements plus a remainder,
//     joined with MPI_Type_create_struct, resized to count*extent,
//     committed), used with count 1 and freed after the call (for
//     nonblocking calls right after the call starts; MPI keeps it alive).
//   - Reduce, Allreduce, Scan and Exscan repeat the operation over chunks
//     of at most INT_MAX/2 elements (predefined ops need predefined
//     types). ReduceScatterBlock with size*count beyond INT_MAX, and
//     ReduceScatter with counts adding up beyond it, become one chunked
//     Reduce per rank. Ireduce, Iallreduce, Iscan and Iexscan refuse such
//     counts (ErrCount): one request cannot be chunked.
//   - Scatterv, Gatherv, Allgatherv and Alltoallv (with PathAgree, the
//     default of the plain functions) first agree, with one
//     MPI_Allreduce of an int over the communicator, whether any rank has
//     a count or displacement beyond INT_MAX (or an invalid argument, which
//     then makes every rank return an error instead of hanging). If so,
//     the operation is carried out with nonblocking point-to-point messages
//     (Isend/Irecv with big datatypes, then Waitall; pairwise
//     Sendrecv_replace for in-place Alltoallv) on the communicator, using
//     the reserved tag TagUB. Do not use tag TagUB yourself, and do not
//     leave AnyTag receives pending on a communicator during such a call:
//     they could match its messages. The agreement costs one small
//     allreduce per call; the *Path forms of Scatterv, Gatherv and
//     Allgatherv skip it when the caller knows the path on every rank
//     (mpiarr does: the counts it passes are known everywhere it matters).
//     Alltoallv always agrees, as each rank sees only its own counts.
//     The point-to-point path supports intracommunicators only.
//
// Status.Count and Status.Bytes are exact beyond 2^31.
//
// # In place
//
// InPlace is a Go-side marker (a valid Go address, never passed to MPI):
// passed as the buffer that MPI allows to be MPI_IN_PLACE, it makes the C
// helper use the implementation's MPI_IN_PLACE, whose value differs
// between implementations and stays in C.
//
// # Go memory and pinning
//
// Buffers must point to memory holding no Go pointers (numeric data).
// Blocking calls may pass any Go memory directly, heap or stack: it is
// only used during the call. Nonblocking calls (Isend, Issend, Irecv and
// the nonblocking collectives) return while MPI still uses the buffer, so
// Go memory passed to them must be pinned with runtime.Pinner by the
// caller until the request has
// completed (Wait, Test, Waitall), and must not be touched meanwhile.
// Counts, displacements and request arrays are passed as pointers to the
// first element of Go slices of pointer-free types, which the cgo rules
// allow; the package is clean under GOEXPERIMENT=cgocheck2.
//
// A nil buffer is fine with count 0 (and wherever MPI ignores the buffer);
// the C helpers never dereference or offset a nil buffer.
//
// # After Finalize
//
// Under OpenMPI any MPI call after MPI_Finalize aborts the job instead of
// returning an error. Active reports, with one atomic load, whether Init
// has succeeded and Finalize has not been called; the layer above checks
// it once per operation, and the wrappers here do not check it at all.
// Finalize itself refuses to run twice.
//
// # Threads
//
// Init takes the required thread level and returns the provided one; this
// package does no locking. With ThreadFunneled or ThreadSerialized the
// caller must serialize calls (and, for funneled, make them from the
// thread that called Init, e.g. with runtime.LockOSThread).
//
// # Library bugs worked around
//
// Found while testing against OpenMPI 4.1.4 and MPICH 4.0.2:
//
//   - OpenMPI 4.1 MPI_Waitall spins forever when a request has already
//     failed (e.g. a truncated receive) and the thread level is above
//     MPI_THREAD_SINGLE. With OpenMPI, Waitall (and the internal
//     fallback) waits for the requests one by one and reports
//     MPI_ERR_IN_STATUS itself.
//   - OpenMPI 4.1's op/avx component saturates 8- and 16-bit integer
//     MPI_SUM results instead of wrapping them. The binding sends those
//     sums (and only those) through a user-defined operation with wrapping
//     arithmetic, created by Init, so that every other reduction keeps
//     op/avx's vectorised speed.
//   - MPICH 4.0's ch4 device-level MPI_Reduce segfaults for in-place
//     reductions at a root other than 0 beyond a few hundred KB. Init sets
//     MPIR_CVAR_REDUCE_DEVICE_COLLECTIVE=0 unless it is already set.
//   - MPICH 4.0's MPI_Allgatherv on a one-rank communicator ignores the
//     displacement and leaves the block at offset 0. With MPICH, a
//     one-rank Allgatherv takes the point-to-point path (a message to
//     itself); its Iallgatherv likewise, through MPI_Igatherv.
//   - OpenMPI 4.1 frees a persistent request whose activation failed;
//     mpiarr makes it anew at the next Start. MPICH 4.0 reports the source
//     of a persistent receive from MPI_PROC_NULL as MPI_ANY_SOURCE; mpiarr
//     reports ProcNull.
//   - MPICH 4.0.2's MPI_Win_allocate overlaps the segments of ranks whose
//     size is not a multiple of 16 bytes (win.c rounds sizes up), and its
//     MPI_Win_create loses the end of Puts into a base 8 mod 16 (mpiarr's
//     WinCreate refuses such bases under MPICH).
//
// Not worked around: OpenMPI 4.1 does not report the truncation of an
// Irecv that was posted before the matching send to oneself.
//
// # Singleton runs
//
// A program (or test binary) started without a launcher initializes MPI as
// a singleton of one rank; this works for both OpenMPI 4.1 and MPICH 4
// without any environment variable. Multi-rank jobs are started with
// Launcher and LauncherArgs (OpenMPI needs LauncherEnv when run as root).
package mpi
