/*
 * group.c - process groups, and the communicators made from them.
 *
 * Ranks arrive as int64 slices from Go; values outside the int range
 * become MPI_ERR_RANK here rather than truncated ranks naming other
 * processes. Communicators made here get MPI_ERRORS_RETURN like every
 * communicator the binding creates.
 */
#include "internal.h"
#include "group.h"

/* ranks_from converts n ranks, refusing those outside the int range. */
static int ranks_from(intvec *v, int n, const int64_t *ranks)
{
	if (n < 0)
		return MPI_ERR_ARG;
	for (int i = 0; i < n; i++)
		if (!fits_displ(ranks[i]))
			return MPI_ERR_RANK;
	return intvec_from(v, ranks, n);
}

ndmpi_h ndmpi_group_null(void) { return ndmpi_group_h(MPI_GROUP_NULL); }

int ndmpi_comm_group(ndmpi_h comm, ndmpi_h *out)
{
	MPI_Group g = MPI_GROUP_NULL;
	int rc = MPI_Comm_group(ndmpi_comm(comm), &g);
	*out = ndmpi_group_h(g);
	return rc;
}

int ndmpi_comm_remote_group(ndmpi_h comm, ndmpi_h *out)
{
	MPI_Group g = MPI_GROUP_NULL;
	int rc = MPI_Comm_remote_group(ndmpi_comm(comm), &g);
	*out = ndmpi_group_h(g);
	return rc;
}

int ndmpi_group_size(ndmpi_h g, int *size) { return MPI_Group_size(ndmpi_group(g), size); }

int ndmpi_group_rank(ndmpi_h g, int *rank) { return MPI_Group_rank(ndmpi_group(g), rank); }

/* select_ranks is MPI_Group_incl (excl = 0) or MPI_Group_excl. */
static int select_ranks(ndmpi_h g, int n, const int64_t *ranks, int excl, ndmpi_h *out)
{
	MPI_Group r = MPI_GROUP_NULL;
	intvec v;
	int rc = ranks_from(&v, n, ranks);
	if (rc == MPI_SUCCESS) {
		rc = excl ? MPI_Group_excl(ndmpi_group(g), n, v.p, &r)
			  : MPI_Group_incl(ndmpi_group(g), n, v.p, &r);
		intvec_free(&v);
	}
	*out = ndmpi_group_h(r);
	return rc;
}

int ndmpi_group_incl(ndmpi_h g, int n, const int64_t *ranks, ndmpi_h *out)
{
	return select_ranks(g, n, ranks, 0, out);
}

int ndmpi_group_excl(ndmpi_h g, int n, const int64_t *ranks, ndmpi_h *out)
{
	return select_ranks(g, n, ranks, 1, out);
}

int ndmpi_group_union(ndmpi_h a, ndmpi_h b, ndmpi_h *out)
{
	MPI_Group r = MPI_GROUP_NULL;
	int rc = MPI_Group_union(ndmpi_group(a), ndmpi_group(b), &r);
	*out = ndmpi_group_h(r);
	return rc;
}

int ndmpi_group_intersection(ndmpi_h a, ndmpi_h b, ndmpi_h *out)
{
	MPI_Group r = MPI_GROUP_NULL;
	int rc = MPI_Group_intersection(ndmpi_group(a), ndmpi_group(b), &r);
	*out = ndmpi_group_h(r);
	return rc;
}

int ndmpi_group_difference(ndmpi_h a, ndmpi_h b, ndmpi_h *out)
{
	MPI_Group r = MPI_GROUP_NULL;
	int rc = MPI_Group_difference(ndmpi_group(a), ndmpi_group(b), &r);
	*out = ndmpi_group_h(r);
	return rc;
}

int ndmpi_group_translate_ranks(ndmpi_h a, int n, const int64_t *ranks, ndmpi_h b, int64_t *out)
{
	intvec in = {0}, res = {0};
	int rc = ranks_from(&in, n, ranks);
	if (rc == MPI_SUCCESS)
		rc = intvec_init(&res, n);
	if (rc == MPI_SUCCESS)
		rc = MPI_Group_translate_ranks(ndmpi_group(a), n, in.p, ndmpi_group(b), res.p);
	for (int i = 0; rc == MPI_SUCCESS && i < n; i++)
		out[i] = res.p[i];
	intvec_free(&res);
	intvec_free(&in);
	return rc;
}

int ndmpi_group_compare(ndmpi_h a, ndmpi_h b, int *result)
{
	return MPI_Group_compare(ndmpi_group(a), ndmpi_group(b), result);
}

int ndmpi_group_free(ndmpi_h *g)
{
	MPI_Group v = ndmpi_group(*g);
	int rc = MPI_Group_free(&v);
	*g = ndmpi_group_h(v);
	return rc;
}

int ndmpi_comm_create(ndmpi_h comm, ndmpi_h group, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Comm_create(ndmpi_comm(comm), ndmpi_group(group), &c);
	return nd_comm_made(rc, c, out);
}

int ndmpi_comm_create_group(ndmpi_h comm, ndmpi_h group, int tag, ndmpi_h *out)
{
	MPI_Comm c = MPI_COMM_NULL;
	int rc = MPI_Comm_create_group(ndmpi_comm(comm), ndmpi_group(group), tag, &c);
	return nd_comm_made(rc, c, out);
}
