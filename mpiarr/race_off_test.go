//go:build !race

package mpiarr_test

const raceEnabled = false
