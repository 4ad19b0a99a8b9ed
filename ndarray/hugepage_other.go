//go:build !linux

package ndarray

// adviseHugePages does nothing outside Linux.
func adviseHugePages[T Element](s []T) {}
