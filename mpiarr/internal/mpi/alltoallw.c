/*
 * alltoallw.c - MPI_Alltoallw with Go's int64 counts and displacements and
 * handle arrays, converted to MPI's types for the call.
 */
#include "internal.h"
#include "alltoallw.h"

/* side holds one side's arrays as MPI takes them. */
typedef struct {
	intvec counts, displs;
	MPI_Datatype *types;
} wside;

static int wside_make(wside *w, const int64_t *counts, const int64_t *displs, const ndmpi_h *types, int64_t n)
{
	int rc;
	memset(w, 0, sizeof *w);
	for (int64_t i = 0; i < n; i++)
		if (!fits_count(counts[i]) || !fits_displ(displs[i]))
			return MPI_ERR_COUNT;
	rc = intvec_from(&w->counts, counts, n);
	if (rc == MPI_SUCCESS)
		rc = intvec_from(&w->displs, displs, n);
	if (rc != MPI_SUCCESS)
		return rc;
	w->types = malloc((size_t)(n > 0 ? n : 1) * sizeof(MPI_Datatype));
	if (!w->types)
		return MPI_ERR_NO_MEM;
	for (int64_t i = 0; i < n; i++)
		w->types[i] = ndmpi_type(types[i]);
	return MPI_SUCCESS;
}

static void wside_free(wside *w)
{
	intvec_free(&w->counts);
	intvec_free(&w->displs);
	free(w->types);
	w->types = NULL;
}

int ndmpi_alltoallw(const uint8_t *sbuf, int inplace, const int64_t *scounts, const int64_t *sdispls,
		    const ndmpi_h *stypes, uint8_t *rbuf, const int64_t *rcounts, const int64_t *rdispls,
		    const ndmpi_h *rtypes, int64_t n, ndmpi_h comm)
{
	wside s = {0}, r = {0};
	int rc = MPI_SUCCESS;
	if (!inplace)
		rc = wside_make(&s, scounts, sdispls, stypes, n);
	if (rc == MPI_SUCCESS)
		rc = wside_make(&r, rcounts, rdispls, rtypes, n);
	if (rc == MPI_SUCCESS)
		rc = MPI_Alltoallw(inplace ? MPI_IN_PLACE : (const void *)sbuf, s.counts.p, s.displs.p, s.types, rbuf,
				   r.counts.p, r.displs.p, r.types, ndmpi_comm(comm));
	wside_free(&s);
	wside_free(&r);
	return rc;
}
