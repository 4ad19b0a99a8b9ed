//go:build linux

package mpiarr

import (
	"errors"
	"os"
	"syscall"
)

// preallocate reserves size bytes of storage for f (fallocate), so that a
// file system without room for the whole file fails here, on one rank,
// before any rank writes: OpenMPI's ompio only prints a write that fails
// with ENOSPC, leaves a hole where the data should be, and can leave the
// ranks of a collective write out of step (a hang in MPI_File_close at
// 4 ranks). File systems that cannot preallocate return
// errors.ErrUnsupported.
func preallocate(f *os.File, size int64) error {
	if size <= 0 {
		return nil
	}
	for {
		err := syscall.Fallocate(int(f.Fd()), 0, 0, size)
		switch {
		case err == syscall.EINTR:
			continue
		case err == syscall.EOPNOTSUPP || err == syscall.ENOSYS:
			return errors.ErrUnsupported
		case err != nil:
			return &os.PathError{Op: "fallocate", Path: f.Name(), Err: err}
		}
		return nil
	}
}
