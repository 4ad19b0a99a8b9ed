//go:build race && !ndmpi_cgocall

package mpi

import (
	"runtime"
	"unsafe"
)

// fastSync is what fast calls synchronise on under the race detector, as
// cgo's calls do on the runtime's racecgosync.
var fastSync uint8

func raceRelease() { runtime.RaceReleaseMerge(unsafe.Pointer(&fastSync)) }
func raceAcquire() { runtime.RaceAcquire(unsafe.Pointer(&fastSync)) }
