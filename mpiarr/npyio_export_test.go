package mpiarr

// SetNPYFault makes WriteNPY and ReadNPY call f on every rank during
// their collective calls, at point "write" (before the collective write of
// the blocks), "written" (after the temporary file is closed) or "read"
// (after the file is opened, before the collective read), and keep the error it returns as that rank's failure. It returns
// a function that removes f.
func SetNPYFault(f func(op, point string, rank int) error) (restore func()) {
	old := testFault
	testFault = f
	return func() { testFault = old }
}
