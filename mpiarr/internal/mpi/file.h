/*
 * file.h - MPI-IO beyond explicit offsets: the individual file pointer
 * (seek, position, reads and writes that move it), the byte position of a
 * view offset, and preallocation. Declared apart from ndmpi.h, which holds
 * the first file calls (open, close, views, explicit offsets, size, sync),
 * so that what came later stays with its concept; implemented in file.c.
 *
 * Whence is 0, 1 or 2 (set, current, end, as in Go's io package) and
 * mapped to MPI_SEEK_* in C, because their values differ between
 * implementations.
 */
#ifndef NDMPI_FILE_H
#define NDMPI_FILE_H

#include "ndmpi.h"

int ndmpi_file_seek(ndmpi_h fh, int64_t offset, int whence);
int ndmpi_file_get_position(ndmpi_h fh, int64_t *offset);
int ndmpi_file_get_byte_offset(ndmpi_h fh, int64_t offset, int64_t *disp);
int ndmpi_file_rw(ndmpi_h fh, int write, int collective, uint8_t *buf, int64_t count, ndmpi_h dt,
		  ndmpi_status *st);
int ndmpi_file_preallocate(ndmpi_h fh, int64_t size);

#endif
