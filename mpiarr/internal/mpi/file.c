/*
 * file.c - MPI-IO: a file opened collectively and accessed at explicit
 * offsets.
 *
 * Go strings are not NUL-terminated, and copying one into C memory on the
 * Go side would cost a second cgo call (C.CString) and a free; so paths and
 * data representations arrive as (pointer, length) and are copied into C
 * strings here, for the duration of the call. File accesses carry a single
 * count, so counts beyond INT_MAX take the big types of datatype.c like
 * point-to-point messages do.
 */
#include "internal.h"
#include "file.h"

/* copy_cstr makes a NUL-terminated copy of (s, n) (Go strings are not
 * NUL-terminated). The result must be freed. */
static char *copy_cstr(const char *s, int64_t n)
{
	char *out = malloc((size_t)n + 1);
	if (!out)
		return NULL;
	if (n > 0)
		memcpy(out, s, (size_t)n);
	out[n] = '\0';
	return out;
}

int ndmpi_file_open(ndmpi_h comm, const char *path, int64_t pathlen, int amode, ndmpi_h *fh)
{
	MPI_File f = MPI_FILE_NULL;
	char *p = copy_cstr(path, pathlen);
	int rc;

	*fh = ndmpi_file_h(MPI_FILE_NULL);
	if (!p)
		return MPI_ERR_NO_MEM;
	rc = MPI_File_open(ndmpi_comm(comm), p, amode, MPI_INFO_NULL, &f);
	free(p);
	/* MPI_ERRORS_RETURN is MPI's default for files; set it explicitly in
	 * case the default handler (that of MPI_FILE_NULL) was changed. */
	if (rc == MPI_SUCCESS)
		rc = MPI_File_set_errhandler(f, MPI_ERRORS_RETURN);
	*fh = ndmpi_file_h(f);
	return rc;
}

int ndmpi_file_close(ndmpi_h *fh)
{
	MPI_File f = ndmpi_file(*fh);
	int rc = MPI_File_close(&f);
	*fh = ndmpi_file_h(f);
	return rc;
}

int ndmpi_file_delete(const char *path, int64_t pathlen)
{
	char *p = copy_cstr(path, pathlen);
	int rc;
	if (!p)
		return MPI_ERR_NO_MEM;
	rc = MPI_File_delete(p, MPI_INFO_NULL);
	free(p);
	return rc;
}

int ndmpi_file_set_view(ndmpi_h fh, int64_t disp, ndmpi_h etype, ndmpi_h filetype,
			const char *datarep, int64_t dreplen)
{
	char *d = copy_cstr(datarep, dreplen);
	int rc;
	if (!d)
		return MPI_ERR_NO_MEM;
	rc = MPI_File_set_view(ndmpi_file(fh), (MPI_Offset)disp, ndmpi_type(etype),
			       ndmpi_type(filetype), d, MPI_INFO_NULL);
	free(d);
	return rc;
}

/* file_access writes (write) or reads count elements of dt at offset, with
 * the collective call if collective. */
static int file_access(int write, int collective, ndmpi_h fh, int64_t offset, void *buf,
		       int64_t count, ndmpi_h dt, ndmpi_status *st)
{
	MPI_File f = ndmpi_file(fh);
	MPI_Offset off = (MPI_Offset)offset;
	MPI_Status s;
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	nd_status_init(&s);
	if (write)
		rc = collective ? MPI_File_write_at_all(f, off, buf, b.count, b.type, &s)
				: MPI_File_write_at(f, off, buf, b.count, b.type, &s);
	else
		rc = collective ? MPI_File_read_at_all(f, off, buf, b.count, b.type, &s)
				: MPI_File_read_at(f, off, buf, b.count, b.type, &s);
	nd_msgbuf_done(&b);
	nd_fill_status(&s, ndmpi_type(dt), rc, st);
	return rc;
}

int ndmpi_file_write_at(ndmpi_h fh, int64_t offset, const uint8_t *buf, int64_t count, ndmpi_h dt,
			int collective, ndmpi_status *st)
{
	/* a write only reads buf */
	return file_access(1, collective, fh, offset, (void *)buf, count, dt, st);
}

int ndmpi_file_read_at(ndmpi_h fh, int64_t offset, uint8_t *buf, int64_t count, ndmpi_h dt,
		       int collective, ndmpi_status *st)
{
	return file_access(0, collective, fh, offset, buf, count, dt, st);
}

int ndmpi_file_set_size(ndmpi_h fh, int64_t size)
{
	return MPI_File_set_size(ndmpi_file(fh), (MPI_Offset)size);
}

int ndmpi_file_get_size(ndmpi_h fh, int64_t *size)
{
	MPI_Offset s = 0;
	int rc = MPI_File_get_size(ndmpi_file(fh), &s);
	*size = s;
	return rc;
}

int ndmpi_file_sync(ndmpi_h fh) { return MPI_File_sync(ndmpi_file(fh)); }

int ndmpi_file_seek(ndmpi_h fh, int64_t offset, int whence)
{
	static const int seek[] = {MPI_SEEK_SET, MPI_SEEK_CUR, MPI_SEEK_END};
	if (whence < 0 || whence > 2)
		return MPI_ERR_ARG;
	return MPI_File_seek(ndmpi_file(fh), (MPI_Offset)offset, seek[whence]);
}

int ndmpi_file_get_position(ndmpi_h fh, int64_t *offset)
{
	MPI_Offset o = 0;
	int rc = MPI_File_get_position(ndmpi_file(fh), &o);
	*offset = o;
	return rc;
}

int ndmpi_file_get_byte_offset(ndmpi_h fh, int64_t offset, int64_t *disp)
{
	MPI_Offset d = 0;
	int rc = MPI_File_get_byte_offset(ndmpi_file(fh), (MPI_Offset)offset, &d);
	*disp = d;
	return rc;
}

int ndmpi_file_rw(ndmpi_h fh, int write, int collective, uint8_t *buf, int64_t count, ndmpi_h dt,
		  ndmpi_status *st)
{
	MPI_File f = ndmpi_file(fh);
	MPI_Status s;
	nd_msgbuf b;
	int rc = nd_msgbuf_make(count, ndmpi_type(dt), &b);
	if (rc != MPI_SUCCESS)
		return rc;
	nd_status_init(&s);
	if (write)
		rc = collective ? MPI_File_write_all(f, buf, b.count, b.type, &s)
				: MPI_File_write(f, buf, b.count, b.type, &s);
	else
		rc = collective ? MPI_File_read_all(f, buf, b.count, b.type, &s)
				: MPI_File_read(f, buf, b.count, b.type, &s);
	nd_msgbuf_done(&b);
	nd_fill_status(&s, ndmpi_type(dt), rc, st);
	return rc;
}

int ndmpi_file_preallocate(ndmpi_h fh, int64_t size)
{
	return MPI_File_preallocate(ndmpi_file(fh), (MPI_Offset)size);
}
