/*
 * topo.c - Cartesian process grids.
 *
 * The Go side passes dimensions and coordinates as int64 slices and
 * periodicity as Go bools; MPI wants C int arrays. The conversions happen
 * here, in the same cgo call as the MPI function, with values outside the
 * int range refused before MPI sees them (a silently truncated dimension
 * would build the wrong grid). New grid communicators get
 * MPI_ERRORS_RETURN like every communicator the binding creates.
 */
#include "internal.h"

/* dims_from converts ndims grid dimensions, refusing a negative ndims and
 * dimensions outside the int range with MPI_ERR_DIMS. */
static int dims_from(intvec *d, int ndims, const int64_t *dims)
{
	if (ndims < 0)
		return MPI_ERR_DIMS;
	for (int i = 0; i < ndims; i++)
		if (!fits_count(dims[i]))
			return MPI_ERR_DIMS;
	return intvec_from(d, dims, ndims);
}

/* flags_from converts n Go bools (periods, remain) to C ints. */
static int flags_from(intvec *v, const uint8_t *flags, int n)
{
	int rc = intvec_init(v, n);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int i = 0; i < n; i++)
		v->p[i] = flags[i] != 0;
	return MPI_SUCCESS;
}

/* cartdim_is checks that the grid of comm has ndims dimensions. */
static int cartdim_is(MPI_Comm comm, int ndims)
{
	int cartdims, rc = MPI_Cartdim_get(comm, &cartdims);
	if (rc != MPI_SUCCESS)
		return rc;
	return ndims == cartdims ? MPI_SUCCESS : MPI_ERR_DIMS;
}

int ndmpi_dims_create(int nnodes, int ndims, int64_t *dims)
{
	intvec d;
	int rc = dims_from(&d, ndims, dims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Dims_create(nnodes, ndims, d.p);
	for (int i = 0; i < ndims; i++)
		dims[i] = d.p[i];
	intvec_free(&d);
	return rc;
}

int ndmpi_cart_create(ndmpi_h comm, int ndims, const int64_t *dims, const uint8_t *periods,
		      int reorder, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	intvec d = {0}, p = {0};
	int rc = dims_from(&d, ndims, dims);
	if (rc == MPI_SUCCESS)
		rc = flags_from(&p, periods, ndims);
	if (rc == MPI_SUCCESS)
		rc = MPI_Cart_create(ndmpi_comm(comm), ndims, d.p, p.p, reorder, &c);
	intvec_free(&p);
	intvec_free(&d);
	return nd_comm_made(rc, c, out);
}

int ndmpi_cart_get(ndmpi_h commh, int maxdims, int *ndims, int64_t *dims, uint8_t *periods,
		   int64_t *coords)
{
	MPI_Comm comm = ndmpi_comm(commh);
	intvec d = {0}, p = {0}, c = {0};
	int rc = MPI_Cartdim_get(comm, ndims);
	if (rc != MPI_SUCCESS || *ndims > maxdims)
		return rc;
	rc = intvec_init(&d, *ndims);
	if (rc == MPI_SUCCESS)
		rc = intvec_init(&p, *ndims);
	if (rc == MPI_SUCCESS)
		rc = intvec_init(&c, *ndims);
	if (rc == MPI_SUCCESS)
		rc = MPI_Cart_get(comm, *ndims, d.p, p.p, c.p);
	for (int i = 0; rc == MPI_SUCCESS && i < *ndims; i++) {
		dims[i] = d.p[i];
		periods[i] = p.p[i] != 0;
		coords[i] = c.p[i];
	}
	intvec_free(&c);
	intvec_free(&p);
	intvec_free(&d);
	return rc;
}

int ndmpi_cart_coords(ndmpi_h commh, int rank, int maxdims, int *ndims, int64_t *coords)
{
	MPI_Comm comm = ndmpi_comm(commh);
	intvec c;
	int rc = MPI_Cartdim_get(comm, ndims);
	if (rc != MPI_SUCCESS || *ndims > maxdims)
		return rc;
	rc = intvec_init(&c, *ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Cart_coords(comm, rank, *ndims, c.p);
	for (int i = 0; rc == MPI_SUCCESS && i < *ndims; i++)
		coords[i] = c.p[i];
	intvec_free(&c);
	return rc;
}

int ndmpi_cart_rank(ndmpi_h comm, int ndims, const int64_t *coords, int *rank)
{
	intvec c;
	int rc = cartdim_is(ndmpi_comm(comm), ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	for (int i = 0; i < ndims; i++)
		if (!fits_displ(coords[i]))
			return MPI_ERR_ARG;
	rc = intvec_from(&c, coords, ndims);
	if (rc != MPI_SUCCESS)
		return rc;
	rc = MPI_Cart_rank(ndmpi_comm(comm), c.p, rank);
	intvec_free(&c);
	return rc;
}

int ndmpi_cart_shift(ndmpi_h comm, int direction, int disp, int *source, int *dest)
{
	return MPI_Cart_shift(ndmpi_comm(comm), direction, disp, source, dest);
}

int ndmpi_cart_sub(ndmpi_h comm, int ndims, const uint8_t *remain, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	intvec r = {0};
	int rc = cartdim_is(ndmpi_comm(comm), ndims);
	if (rc == MPI_SUCCESS)
		rc = flags_from(&r, remain, ndims);
	if (rc == MPI_SUCCESS)
		rc = MPI_Cart_sub(ndmpi_comm(comm), r.p, &c);
	intvec_free(&r);
	return nd_comm_made(rc, c, out);
}
