"""What the mpi4py + NumPy benchmark scripts share: the flags, the
iteration rule and the JSON record, exactly as bench/internal/harness (Go)
and bench/c/common.h define them.

mpi4py initialises MPI when `from mpi4py import MPI` runs, with
mpi4py.rc.thread_level, 'multiple' by default: MPI_THREAD_MULTIPLE, as the
C and Go programs ask for.
"""
import argparse
import json
import sys


def parse_sizes(s):
    out = []
    for f in s.split(","):
        f = f.strip()
        if not f:
            continue
        mul = 1
        if f[-1] in "kK":
            mul, f = 1 << 10, f[:-1]
        elif f[-1] in "mM":
            mul, f = 1 << 20, f[:-1]
        out.append(int(f) * mul)
    return out


def parser(system, bench):
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", "-sizes", default="8,1K,64K,1M")
    p.add_argument("--budget", "-budget", type=int, default=256 << 20)
    p.add_argument("--min-iters", "-min-iters", type=int, default=3)
    p.add_argument("--max-iters", "-max-iters", type=int, default=10000)
    p.add_argument("--system", "-system", default=system)
    p.add_argument("--bench", "-bench", default=bench)
    return p


def iters_for(size, args):
    n = args.budget // max(size, 1)
    n = max(args.min_iters, min(args.max_iters, n))
    return n, max(1, n // 10)


BATCHES = 5


def batch_sizes(iters):
    """Timed iterations are split into at most BATCHES batches, each timed
    on its own; a run reports the median of the batch means."""
    nb = min(iters, BATCHES)
    return [iters // nb + (1 if i < iters % nb else 0) for i in range(nb)]


def median(xs):
    xs = sorted(xs)
    m = len(xs) // 2
    return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2


def emit_times(times, sizes, **rec):
    """Prints a record whose seconds are the median of the per-operation
    times of the batches, and whose mean is the overall mean."""
    total = sum(t * b for t, b in zip(times, sizes))
    emit(**rec, seconds=median(times), mean=total / sum(sizes), check="ok")


# The least time, in seconds, the untimed calls of one size take on the
# slowest rank, in every system alike: see WarmFor in bench/internal/harness
# (a Go process's start-up phase).
WARM_FOR = 0.05
MAX_WARM_MORE = 1 << 20


def warm(MPI, comm, n, loop):
    """The untimed calls of one size: loop(n), then loop(more) with as many
    more calls as make them last WARM_FOR on the slowest rank (one
    allreduce: every rank gets the same count), as the Go (mpiutil.Warm)
    and C (warm_more) programs do."""
    t0 = MPI.Wtime()
    loop(n)
    worst = comm.allreduce(MPI.Wtime() - t0, op=MPI.MAX)
    if n < 1 or worst <= 0 or worst >= WARM_FOR:
        return
    more = (WARM_FOR - worst) / (worst / n)
    loop(MAX_WARM_MORE if more >= MAX_WARM_MORE else int(more) + 1)


# The most time, in seconds, that warm_heap adds to warm's (MaxWarmHeap in
# bench/internal/mpiutil).
MAX_WARM_HEAP = 2.0
# The least duration of one of warm_heap's rounds (warmRound in
# bench/internal/mpiutil).
WARM_ROUND = 0.02


def warm_heap(MPI, comm, n, loop):
    """warm for calls that allocate what they receive (object messages), as
    the Go programs' mpiutil.WarmHeap: after warm's calls, rounds of at
    least n calls and WARM_ROUND seconds until two rounds in a row in which
    no rank's calls took more than one page fault a call on average, the
    second no faster than 0.9 x the first (on the slowest rank); at most
    MAX_WARM_HEAP seconds."""
    import resource

    def faults():
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt

    warm(MPI, comm, n, loop)
    rnd = max(n, 2)
    t0 = MPI.Wtime()
    last, last_fault = 0.0, float("inf")
    while True:
        f0, r0 = faults(), MPI.Wtime()
        loop(rnd)
        now = MPI.Wtime()
        per_call = comm.allreduce((now - r0) / rnd, op=MPI.MAX)
        per_fault = comm.allreduce((faults() - f0) / rnd, op=MPI.MAX)
        late = comm.allreduce(now - t0 > MAX_WARM_HEAP, op=MPI.LOR)
        if per_fault <= 1 and last_fault <= 1 and per_call >= 0.9 * last or late:
            return
        last, last_fault = per_call, per_fault
        if per_call > 0 and WARM_ROUND / per_call > rnd:
            rnd = int(min(WARM_ROUND / per_call, 1 << 20))
        rnd = max(rnd, 2)


def repeat(run):
    """loop(k) that calls run k times."""
    def loop(k):
        for _ in range(k):
            run()
    return loop


def time_batches(MPI, comm, iters, run, **rec):
    """Times iters calls of run in the batches of batch_sizes, every rank
    starting each batch after a barrier, and emits at rank 0 the record
    rec with the median over batches of the slowest rank's mean time per
    call, as the Go (mpiutil.TimeBatches) and C programs do."""
    import numpy as np
    sizes = batch_sizes(iters)
    local = np.zeros(len(sizes))
    for b, k in enumerate(sizes):
        comm.Barrier()
        t0 = MPI.Wtime()
        for _ in range(k):
            run()
        local[b] = (MPI.Wtime() - t0) / k
    worst = np.zeros(len(sizes))
    comm.Reduce(local, worst, op=MPI.MAX, root=0)
    if comm.Get_rank() == 0:
        emit_times(list(worst), sizes, **rec, iters=iters)


def emit(**rec):
    sys.stdout.write(json.dumps(rec) + "\n")
    sys.stdout.flush()


THREAD_NAMES = {}


def meta(MPI, comm, system, bench):
    if not THREAD_NAMES:
        for name in ("THREAD_SINGLE", "THREAD_FUNNELED", "THREAD_SERIALIZED", "THREAD_MULTIPLE"):
            THREAD_NAMES[getattr(MPI, name)] = "MPI_" + name
    if comm.Get_rank() == 0:
        import mpi4py
        import numpy
        emit(meta=True, system=system, bench=bench, np=comm.Get_size(),
             thread=THREAD_NAMES.get(MPI.Query_thread(), "?"),
             library=MPI.Get_library_version().rstrip("\x00").strip(),
             info=f"mpi4py {mpi4py.__version__}, numpy {numpy.__version__}, python {sys.version.split()[0]}")


def die(comm, msg):
    sys.stderr.write(f"rank {comm.Get_rank()}: {msg}\n")
    sys.stderr.flush()
    comm.Abort(1)


def blas():
    """The BLAS library NumPy's matmul calls (from the process's maps)."""
    try:
        with open("/proc/self/maps") as f:
            libs = sorted({line.split()[-1] for line in f if "blas" in line.lower()})
        return ", ".join(libs) or "unknown"
    except OSError:
        return "unknown"
