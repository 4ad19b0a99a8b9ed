package mpiarr

import "time"

// SetCheckTimeout sets how long checked mode's agreement waits, for tests
// of the timeout, and returns a function that restores the previous value.
func SetCheckTimeout(d time.Duration) (restore func()) {
	old := agreementTimeout().Swap(int64(d))
	return func() { agreementTimeout().Store(old) }
}
