/*
 * ivcoll.c - Igatherv, Iscatterv, Iallgatherv and Ialltoallv (ivcoll.h).
 *
 * Each starts one request with the caller's int arrays, which MPI reads
 * until the request completes. A one-block count beyond INT_MAX is
 * MPI_ERR_COUNT.
 */
#include "internal.h"
#include "ivcoll.h"

int ndmpi_igatherv(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		   const int *rcounts, const int *rdispls, ndmpi_h rdt, int root, ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc;
	*req = ndmpi_req_h(r);
	if (!inplace && !fits_count(scount))
		return MPI_ERR_COUNT;
	rc = MPI_Igatherv(inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : (int)scount, ndmpi_type(sdt), rbuf, rcounts,
			  rdispls, ndmpi_type(rdt), root, ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_iscatterv(const uint8_t *sbuf, const int *scounts, const int *sdispls, ndmpi_h sdt, uint8_t *rbuf,
		    int inplace, int64_t rcount, ndmpi_h rdt, int root, ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc;
	*req = ndmpi_req_h(r);
	if (!inplace && !fits_count(rcount))
		return MPI_ERR_COUNT;
	rc = MPI_Iscatterv(sbuf, scounts, sdispls, ndmpi_type(sdt), inplace ? MPI_IN_PLACE : rbuf,
			   inplace ? 0 : (int)rcount, ndmpi_type(rdt), root, ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_iallgatherv(const uint8_t *sbuf, int inplace, int64_t scount, ndmpi_h sdt, uint8_t *rbuf,
		      const int *rcounts, const int *rdispls, ndmpi_h rdt, ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc;
	*req = ndmpi_req_h(r);
	if (!inplace && !fits_count(scount))
		return MPI_ERR_COUNT;
#ifdef MPICH_NUMVERSION
	/* MPICH 4.0's Allgatherv on a one-rank communicator ignores the
	 * displacement (vcoll.c works around it for the blocking form), and so
	 * does its Iallgatherv; its Igatherv, the same operation on one rank,
	 * does not. */
	{
		int size;
		rc = MPI_Comm_size(ndmpi_comm(comm), &size);
		if (rc != MPI_SUCCESS)
			return rc;
		if (size == 1) {
			rc = MPI_Igatherv(inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : (int)scount, ndmpi_type(sdt), rbuf,
					  rcounts, rdispls, ndmpi_type(rdt), 0, ndmpi_comm(comm), &r);
			*req = ndmpi_req_h(r);
			return rc;
		}
	}
#endif
	rc = MPI_Iallgatherv(inplace ? MPI_IN_PLACE : sbuf, inplace ? 0 : (int)scount, ndmpi_type(sdt), rbuf, rcounts,
			     rdispls, ndmpi_type(rdt), ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}

int ndmpi_ialltoallv(const uint8_t *sbuf, const int *scounts, const int *sdispls, ndmpi_h sdt, uint8_t *rbuf,
		     const int *rcounts, const int *rdispls, ndmpi_h rdt, ndmpi_h comm, ndmpi_h *req)
{
	MPI_Request r = MPI_REQUEST_NULL;
	int rc;
	*req = ndmpi_req_h(r);
	rc = MPI_Ialltoallv(sbuf, scounts, sdispls, ndmpi_type(sdt), rbuf, rcounts, rdispls, ndmpi_type(rdt),
			    ndmpi_comm(comm), &r);
	*req = ndmpi_req_h(r);
	return rc;
}
