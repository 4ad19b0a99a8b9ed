//go:build race

package mpiarr_test

// raceEnabled: the race detector shadows every byte a test touches, which
// a 2 GiB message cannot afford.
const raceEnabled = true
