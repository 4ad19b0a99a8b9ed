/*
 * datatype.c - derived datatypes, and the BigMPI types that carry counts
 * beyond INT_MAX.
 *
 * MPI-3 takes C int counts, and OpenMPI 4.1 has no MPI-4 "_c" functions, yet
 * Go slices and NumPy-style arrays routinely hold more than 2^31 elements.
 * A derived datatype is MPI's own way out: one element of a type built from
 * chunks of INT_MAX elements describes any number of them (the BigMPI
 * technique). Every call with a single count (point-to-point, Bcast,
 * Scatter/Gather/Allgather/Alltoall, file access) goes through
 * nd_msgbuf_make, which passes small counts through untouched and builds
 * such a type only for large ones, so the common case pays nothing.
 */
#include "internal.h"

/* nd_bigtype builds a committed datatype equivalent to count consecutive
 * elements of dt, for count > INT_MAX (BigMPI technique): a contiguous type
 * of nchunks chunks of INT_MAX elements, plus a contiguous remainder placed
 * after them with MPI_Type_create_struct. The result is resized to exactly
 * the lower bound of dt and count*extent(dt), so that it also works as a
 * block type in Gather/Scatter/Allgather/Alltoall. */
int nd_bigtype(int64_t count, MPI_Datatype dt, MPI_Datatype *out)
{
	MPI_Count lb, extent;
	MPI_Datatype chunk = MPI_DATATYPE_NULL, chunks = MPI_DATATYPE_NULL;
	MPI_Datatype rem = MPI_DATATYPE_NULL, joined = MPI_DATATYPE_NULL;
	int64_t nchunks = count / INT_MAX, nrem = count % INT_MAX;
	int rc;

	if (count < 0 || nchunks > INT_MAX)
		return MPI_ERR_COUNT;
	rc = MPI_Type_get_extent_x(dt, &lb, &extent);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Type_contiguous(INT_MAX, dt, &chunk);
	if (rc != MPI_SUCCESS)
		goto out;
	rc = MPI_Type_contiguous((int)nchunks, chunk, &chunks);
	if (rc != MPI_SUCCESS)
		goto out;
	if (nrem > 0) {
		int blocklens[2] = {1, 1};
		MPI_Aint displs[2] = {0, (MPI_Aint)(nchunks * (int64_t)INT_MAX * extent)};
		MPI_Datatype types[2];
		rc = MPI_Type_contiguous((int)nrem, dt, &rem);
		if (rc != MPI_SUCCESS)
			goto out;
		types[0] = chunks;
		types[1] = rem;
		rc = MPI_Type_create_struct(2, blocklens, displs, types, &joined);
		if (rc != MPI_SUCCESS)
			goto out;
	} else {
		rc = MPI_Type_dup(chunks, &joined);
		if (rc != MPI_SUCCESS)
			goto out;
	}
	rc = MPI_Type_create_resized(joined, (MPI_Aint)lb, (MPI_Aint)(count * extent), out);
	if (rc != MPI_SUCCESS)
		goto out;
	rc = MPI_Type_commit(out);
	if (rc != MPI_SUCCESS)
		MPI_Type_free(out);
out:
	if (chunk != MPI_DATATYPE_NULL)
		MPI_Type_free(&chunk);
	if (chunks != MPI_DATATYPE_NULL)
		MPI_Type_free(&chunks);
	if (rem != MPI_DATATYPE_NULL)
		MPI_Type_free(&rem);
	if (joined != MPI_DATATYPE_NULL)
		MPI_Type_free(&joined);
	return rc;
}

/* nd_msgbuf_make fills b for count elements of dt; a big type, if one was
 * needed, must be released with nd_msgbuf_done after the call. */
int nd_msgbuf_make(int64_t count, MPI_Datatype dt, nd_msgbuf *b)
{
	b->big = 0;
	b->type = dt;
	b->count = 0;
	if (count < 0)
		return MPI_ERR_COUNT;
	if (count <= INT_MAX) {
		b->count = (int)count;
		return MPI_SUCCESS;
	}
	b->big = 1;
	b->count = 1;
	return nd_bigtype(count, dt, &b->type);
}

int nd_msgbuf_pair(int64_t scount, MPI_Datatype sdt, nd_msgbuf *sb, int64_t rcount,
		   MPI_Datatype rdt, nd_msgbuf *rb)
{
	int rc = nd_msgbuf_make(scount, sdt, sb);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = nd_msgbuf_make(rcount, rdt, rb);
	if (rc != MPI_SUCCESS)
		nd_msgbuf_done(sb);
	return rc;
}

/* contiguous builds an uncommitted contiguous type of count elements of
 * old; counts beyond INT_MAX use the big-type construction (which returns a
 * committed type; committing again is harmless). */
static int contiguous(int64_t count, MPI_Datatype old, MPI_Datatype *out)
{
	if (count < 0)
		return MPI_ERR_COUNT;
	if (count <= INT_MAX)
		return MPI_Type_contiguous((int)count, old, out);
	return nd_bigtype(count, old, out);
}

int ndmpi_type_contiguous(int64_t count, ndmpi_h old, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	int rc = contiguous(count, ndmpi_type(old), &t);
	*out = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_hvector(int64_t count, int64_t blocklen, int64_t stride, ndmpi_h old, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	int rc;
	if (!fits_count(count) || !fits_count(blocklen))
		return MPI_ERR_COUNT;
	rc = MPI_Type_create_hvector((int)count, (int)blocklen, (MPI_Aint)stride, ndmpi_type(old), &t);
	*out = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_resized(ndmpi_h old, int64_t lb, int64_t extent, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	int rc = MPI_Type_create_resized(ndmpi_type(old), (MPI_Aint)lb, (MPI_Aint)extent, &t);
	*out = ndmpi_type_h(t);
	return rc;
}

/* ndmpi_type_strided builds, commits and returns the type of a strided
 * block: a contiguous run of run bytes (run/size(base) elements of base),
 * repeated counts[i] times with byte stride strides[i] at each level i,
 * level 0 being the outermost. Intermediate types are freed. */
int ndmpi_type_strided(ndmpi_h base, int64_t run, int ndims, const int64_t *counts,
		       const int64_t *strides, ndmpi_h *out)
{
	MPI_Datatype b = ndmpi_type(base), cur = MPI_DATATYPE_NULL, next;
	MPI_Count size = 0;
	int rc;

	*out = ndmpi_type_h(MPI_DATATYPE_NULL);
	rc = MPI_Type_size_x(b, &size);
	if (rc != MPI_SUCCESS)
		return rc;
	if (run < 0 || ndims < 0)
		return MPI_ERR_ARG;
	if (size == 0 || run % size != 0)
		return MPI_ERR_TYPE;
	for (int i = 0; i < ndims; i++)
		if (!fits_count(counts[i]))
			return MPI_ERR_COUNT;

	rc = contiguous(run / size, b, &cur);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int i = ndims - 1; i >= 0; i--) {
		rc = MPI_Type_create_hvector((int)counts[i], 1, (MPI_Aint)strides[i], cur, &next);
		MPI_Type_free(&cur);
		if (rc != MPI_SUCCESS)
			return rc;
		cur = next;
	}
	rc = MPI_Type_commit(&cur);
	if (rc != MPI_SUCCESS) {
		MPI_Type_free(&cur);
		return rc;
	}
	*out = ndmpi_type_h(cur);
	return MPI_SUCCESS;
}

int ndmpi_type_subarray(int ndims, const int64_t *sizes, const int64_t *subsizes,
			const int64_t *starts, int order, ndmpi_h old, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	intvec sz = {0}, sub = {0}, st = {0};
	int rc;

	*out = ndmpi_type_h(MPI_DATATYPE_NULL);
	if (ndims <= 0)
		return MPI_ERR_DIMS;
	for (int i = 0; i < ndims; i++)
		if (!fits_count(sizes[i]) || !fits_count(subsizes[i]) || !fits_count(starts[i]))
			return MPI_ERR_ARG;
	rc = intvec_from(&sz, sizes, ndims);
	if (rc == MPI_SUCCESS)
		rc = intvec_from(&sub, subsizes, ndims);
	if (rc == MPI_SUCCESS)
		rc = intvec_from(&st, starts, ndims);
	if (rc == MPI_SUCCESS)
		rc = MPI_Type_create_subarray(ndims, sz.p, sub.p, st.p, order, ndmpi_type(old), &t);
	intvec_free(&st);
	intvec_free(&sub);
	intvec_free(&sz);
	*out = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_dup(ndmpi_h old, ndmpi_h *out)
{
	MPI_Datatype t = MPI_DATATYPE_NULL;
	int rc = MPI_Type_dup(ndmpi_type(old), &t);
	*out = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_commit(ndmpi_h *dt)
{
	MPI_Datatype t = ndmpi_type(*dt);
	int rc = MPI_Type_commit(&t);
	*dt = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_free(ndmpi_h *dt)
{
	MPI_Datatype t = ndmpi_type(*dt);
	int rc = MPI_Type_free(&t);
	*dt = ndmpi_type_h(t);
	return rc;
}

int ndmpi_type_size(ndmpi_h dt, int64_t *size)
{
	MPI_Count s = 0;
	int rc = MPI_Type_size_x(ndmpi_type(dt), &s);
	*size = s;
	return rc;
}

/* extent_of is MPI_Type_get_extent_x, or MPI_Type_get_true_extent_x if
 * true_extent. */
static int extent_of(int true_extent, ndmpi_h dt, int64_t *lb, int64_t *extent)
{
	MPI_Count l = 0, e = 0;
	int rc = true_extent ? MPI_Type_get_true_extent_x(ndmpi_type(dt), &l, &e)
			     : MPI_Type_get_extent_x(ndmpi_type(dt), &l, &e);
	*lb = l;
	*extent = e;
	return rc;
}

int ndmpi_type_extent(ndmpi_h dt, int64_t *lb, int64_t *extent)
{
	return extent_of(0, dt, lb, extent);
}

int ndmpi_type_true_extent(ndmpi_h dt, int64_t *lb, int64_t *extent)
{
	return extent_of(1, dt, lb, extent);
}
