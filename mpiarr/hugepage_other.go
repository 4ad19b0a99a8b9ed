//go:build !linux

package mpiarr

// adviseHugePages does nothing outside Linux.
func adviseHugePages(words []uint64) {}
