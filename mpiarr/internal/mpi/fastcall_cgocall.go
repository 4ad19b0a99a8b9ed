//go:build ndmpi_cgocall

package mpi

/*
#include "fastcall.h"

// ndmpi_fast_cgocall keeps neither the shim's args nor anything they point
// to: a buffer MPI keeps escapes through keep instead.
#cgo noescape ndmpi_fast_cgocall
#cgo nocallback ndmpi_fast_cgocall
*/
import "C"

import "unsafe"

// fastCalls says that the build has no fast calls: the tag ndmpi_cgocall
// sends every shim through an ordinary cgo call (see fastcall.go).
const fastCalls = false

// fastcall runs the shim fn on args through cgo.
func fastcall(fn, args unsafe.Pointer) int32 {
	return int32(C.ndmpi_fast_cgocall(fn, args))
}
