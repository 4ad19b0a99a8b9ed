/* What the C benchmark programs share: argument parsing, the iteration
 * rule and the JSON record, exactly as bench/internal/harness (Go) and
 * bench/py/common.py define them. Every program initialises MPI with
 * MPI_Init_thread(MPI_THREAD_MULTIPLE), as mpiarr and mpi4py do. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <mpi.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define MAX_SIZES 64

struct opts {
	const char *system, *bench;
	long long sizes[MAX_SIZES];
	int nsizes;
	long long budget;
	int min_iters, max_iters;
	const char *method, *cases, *ops;
	int n, iters;
	int hugepages; /* --hugepages 1: buffers as NumPy allocates them */
	/* calls.c */
	const char *overlap_sizes, *rma_sizes, *send_sizes;
	double compute;
	int overlap_iters;
	/* dist.c */
	const char *grids;
	int halo_iters, n3, redist_iters;
};

static __attribute__((unused)) void die(const char *fmt, ...)
{
	int rank = -1;
	va_list ap;
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	fprintf(stderr, "rank %d: ", rank);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	MPI_Abort(MPI_COMM_WORLD, 1);
	exit(1);
}

static __attribute__((unused)) void check(int err, const char *what)
{
	if (err != MPI_SUCCESS) {
		char s[MPI_MAX_ERROR_STRING];
		int len;
		MPI_Error_string(err, s, &len);
		die("%s: %s", what, s);
	}
}

static __attribute__((unused)) int parse_sizes(const char *s, long long *out)
{
	int n = 0;
	while (*s && n < MAX_SIZES) {
		char *end;
		long long v = strtoll(s, &end, 10);
		if (end == s)
			die("bad size list");
		if (*end == 'k' || *end == 'K')
			v <<= 10, end++;
		else if (*end == 'm' || *end == 'M')
			v <<= 20, end++;
		out[n++] = v;
		s = end;
		if (*s == ',')
			s++;
	}
	return n;
}

static __attribute__((unused)) void parse_opts(int argc, char **argv, struct opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		while (*a == '-')
			a++;
		if (!v)
			die("flag %s needs a value", argv[i]);
		if (!strcmp(a, "sizes"))
			o->nsizes = parse_sizes(v, o->sizes);
		else if (!strcmp(a, "budget"))
			o->budget = atoll(v);
		else if (!strcmp(a, "min-iters"))
			o->min_iters = atoi(v);
		else if (!strcmp(a, "max-iters"))
			o->max_iters = atoi(v);
		else if (!strcmp(a, "system"))
			o->system = v;
		else if (!strcmp(a, "bench"))
			o->bench = v;
		else if (!strcmp(a, "method"))
			o->method = v;
		else if (!strcmp(a, "cases"))
			o->cases = v;
		else if (!strcmp(a, "ops"))
			o->ops = v;
		else if (!strcmp(a, "n"))
			o->n = atoi(v);
		else if (!strcmp(a, "iters"))
			o->iters = atoi(v);
		else if (!strcmp(a, "hugepages"))
			o->hugepages = atoi(v);
		else if (!strcmp(a, "overlap-sizes"))
			o->overlap_sizes = v;
		else if (!strcmp(a, "rma-sizes"))
			o->rma_sizes = v;
		else if (!strcmp(a, "send-sizes"))
			o->send_sizes = v;
		else if (!strcmp(a, "compute"))
			o->compute = atof(v);
		else if (!strcmp(a, "overlap-iters"))
			o->overlap_iters = atoi(v);
		else if (!strcmp(a, "grids"))
			o->grids = v;
		else if (!strcmp(a, "halo-iters"))
			o->halo_iters = atoi(v);
		else if (!strcmp(a, "n3"))
			o->n3 = atoi(v);
		else if (!strcmp(a, "redist-iters"))
			o->redist_iters = atoi(v);
		else
			die("unknown flag %s", argv[i]);
		i++;
	}
}

/* alloc_buf returns n zeroed doubles. With huge, the buffer is 2 MiB
 * aligned and advised MADV_HUGEPAGE when it is 4 MiB or more, as NumPy's
 * allocator does (numpy/core/src/multiarray/alloc.c); plain calloc
 * otherwise, as a C program usually allocates. */
static __attribute__((unused)) double *alloc_buf(long n, int huge)
{
	size_t bytes = (size_t)(n > 0 ? n : 1) * sizeof(double);
	void *p = NULL;
	if (!huge || bytes < (4u << 20))
		return calloc(bytes / sizeof(double), sizeof(double));
	if (posix_memalign(&p, 2u << 20, bytes))
		return NULL;
	madvise(p, bytes, MADV_HUGEPAGE);
	memset(p, 0, bytes);
	return p;
}

/* in_list reports whether name is an item of the comma-separated list. */
static __attribute__((unused)) int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !strncmp(p, name, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

static __attribute__((unused)) void iters_for(long long size, const struct opts *o, int *iters, int *warmup)
{
	long long n = o->budget / (size < 1 ? 1 : size);
	if (n < o->min_iters)
		n = o->min_iters;
	if (n > o->max_iters)
		n = o->max_iters;
	*iters = (int)n;
	*warmup = *iters / 10 < 1 ? 1 : *iters / 10;
}

/* The least time, in seconds, the untimed calls of one size take on the
 * slowest rank, in every system alike: see WarmFor in
 * bench/internal/harness (a Go process's start-up phase). */
#define WARM_FOR 0.05
#define MAX_WARM_MORE (1 << 20)

/* warm_more: how many more untimed calls reach WARM_FOR, after warm calls
 * that started at t0 on this rank (one MPI_Allreduce: every rank gets the
 * same count). */
static __attribute__((unused)) int warm_more(int warm, double t0)
{
	double el = MPI_Wtime() - t0, worst;
	check(MPI_Allreduce(&el, &worst, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD), "MPI_Allreduce(max)");
	if (warm < 1 || worst <= 0 || worst >= WARM_FOR)
		return 0;
	double more = (WARM_FOR - worst) / (worst / warm);
	return more >= MAX_WARM_MORE ? MAX_WARM_MORE : (int)more + 1;
}

static __attribute__((unused)) void init(int *argc, char ***argv, struct opts *o)
{
	int provided, rank, size, len;
	char lib[MPI_MAX_LIBRARY_VERSION_STRING];
	MPI_Init_thread(argc, argv, MPI_THREAD_MULTIPLE, &provided);
	MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
	parse_opts(*argc, *argv, o);
	MPI_Comm_rank(MPI_COMM_WORLD, &rank);
	MPI_Comm_size(MPI_COMM_WORLD, &size);
	MPI_Get_library_version(lib, &len);
	while (len > 0 && (lib[len - 1] == '\n' || lib[len - 1] == ' '))
		lib[--len] = 0;
	if (rank == 0) {
		const char *lv = provided == MPI_THREAD_MULTIPLE ? "MPI_THREAD_MULTIPLE"
				 : provided == MPI_THREAD_SERIALIZED ? "MPI_THREAD_SERIALIZED"
				 : provided == MPI_THREAD_FUNNELED   ? "MPI_THREAD_FUNNELED"
								     : "MPI_THREAD_SINGLE";
		printf("{\"meta\":true,\"system\":\"%s\",\"bench\":\"%s\",\"np\":%d,\"thread\":\"%s\",\"library\":\"%s\"}\n",
		       o->system, o->bench, size, lv, lib);
		fflush(stdout);
	}
}

/* Timed iterations are split into at most BATCHES batches, each timed on
 * its own; a run reports the median of the batch means (and the mean). */
#define BATCHES 5

static __attribute__((unused)) int batch_sizes(int iters, int *out)
{
	int nb = iters < BATCHES ? iters : BATCHES;
	for (int i = 0; i < nb; i++)
		out[i] = iters / nb + (i < iters % nb);
	return nb;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static __attribute__((unused)) double median(double *xs, int n)
{
	qsort(xs, n, sizeof(double), cmp_double);
	return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

/* emit prints a record: times[] are the per-operation times of the nb
 * batches of sizes bs[] (sorted in place). */
static __attribute__((unused)) void emit(const struct opts *o, const char *cas, int np, long long size, int iters,
					 double *times, const int *bs, int nb)
{
	double total = 0;
	for (int i = 0; i < nb; i++)
		total += times[i] * bs[i];
	printf("{\"system\":\"%s\",\"bench\":\"%s\",\"case\":\"%s\",\"np\":%d,\"size\":%lld,\"iters\":%d,"
	       "\"seconds\":%.9g,\"mean\":%.9g,\"check\":\"ok\"}\n",
	       o->system, o->bench, cas, np, size, iters, median(times, nb), total / iters);
	fflush(stdout);
}

#endif
