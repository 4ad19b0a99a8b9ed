//go:build !linux

package mpiarr

import (
	"errors"
	"os"
)

// preallocate is not implemented here: the final size check of WriteNPY
// is all there is.
func preallocate(f *os.File, size int64) error { return errors.ErrUnsupported }
