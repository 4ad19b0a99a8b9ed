//go:build !amd64

package ndarray

// gatherWords reports false: gather's Go loop does the copy.
func gatherWords[E any](dst, data []E, off, stride int) bool { return false }
