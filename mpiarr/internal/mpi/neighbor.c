/*
 * neighbor.c - neighbourhood collectives.
 *
 * Counts and displacements arrive as int64 from Go. MPI-3's neighbour
 * collectives take ints, and unlike the v-collectives of vcoll.c there is
 * no large-count path here: a count or displacement beyond INT_MAX is
 * MPI_ERR_COUNT, refused on the rank that passed it before MPI sees it.
 */
#include "internal.h"
#include "neighbor.h"

/* counts_from converts n counts (or displacements, with displ set). */
static int counts_from(intvec *v, int64_t n, const int64_t *src, int displ)
{
	if (n < 0 || n > INT_MAX)
		return MPI_ERR_COUNT;
	for (int64_t i = 0; i < n; i++)
		if (displ ? !fits_displ(src[i]) : !fits_count(src[i]))
			return MPI_ERR_COUNT;
	return intvec_from(v, src, n);
}

int ndmpi_neighbor_allgather(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
			     int64_t rcount, ndmpi_h rdt, ndmpi_h comm)
{
	if (!fits_count(scount) || !fits_count(rcount))
		return MPI_ERR_COUNT;
	return MPI_Neighbor_allgather(sbuf, (int)scount, ndmpi_type(sdt), rbuf, (int)rcount,
				      ndmpi_type(rdt), ndmpi_comm(comm));
}

int ndmpi_neighbor_allgatherv(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
			      const int64_t *rcounts, const int64_t *rdispls, int64_t nrecv,
			      ndmpi_h rdt, ndmpi_h comm)
{
	intvec c = {0}, d = {0};
	if (!fits_count(scount))
		return MPI_ERR_COUNT;
	int rc = counts_from(&c, nrecv, rcounts, 0);
	if (rc == MPI_SUCCESS)
		rc = counts_from(&d, nrecv, rdispls, 1);
	if (rc == MPI_SUCCESS)
		rc = MPI_Neighbor_allgatherv(sbuf, (int)scount, ndmpi_type(sdt), rbuf, c.p, d.p,
					     ndmpi_type(rdt), ndmpi_comm(comm));
	intvec_free(&d);
	intvec_free(&c);
	return rc;
}

int ndmpi_neighbor_alltoall(const uint8_t *sbuf, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
			    int64_t rcount, ndmpi_h rdt, ndmpi_h comm)
{
	if (!fits_count(scount) || !fits_count(rcount))
		return MPI_ERR_COUNT;
	return MPI_Neighbor_alltoall(sbuf, (int)scount, ndmpi_type(sdt), rbuf, (int)rcount,
				     ndmpi_type(rdt), ndmpi_comm(comm));
}

int ndmpi_neighbor_alltoallv(const uint8_t *sbuf, const int64_t *scounts, const int64_t *sdispls,
			     int64_t nsend, ndmpi_h sdt, uint8_t *rbuf, const int64_t *rcounts,
			     const int64_t *rdispls, int64_t nrecv, ndmpi_h rdt, ndmpi_h comm)
{
	intvec sc = {0}, sd = {0}, rc_ = {0}, rd = {0};
	int rc = counts_from(&sc, nsend, scounts, 0);
	if (rc == MPI_SUCCESS)
		rc = counts_from(&sd, nsend, sdispls, 1);
	if (rc == MPI_SUCCESS)
		rc = counts_from(&rc_, nrecv, rcounts, 0);
	if (rc == MPI_SUCCESS)
		rc = counts_from(&rd, nrecv, rdispls, 1);
	if (rc == MPI_SUCCESS)
		rc = MPI_Neighbor_alltoallv(sbuf, sc.p, sd.p, ndmpi_type(sdt), rbuf, rc_.p, rd.p,
					    ndmpi_type(rdt), ndmpi_comm(comm));
	intvec_free(&rd);
	intvec_free(&rc_);
	intvec_free(&sd);
	intvec_free(&sc);
	return rc;
}
