//go:build !ndmpi_cgocall

package mpi

import "unsafe"

// fastCalls says that fastcall is asmcgocall (see fastcall.go).
const fastCalls = true

// asmcgocall is the runtime's switch to the system stack that cgo's calls
// make after their scheduler bookkeeping: it calls fn(arg) there and
// returns fn's result. noescape keeps arg, the shim's args struct, on the
// caller's stack.
//
//go:linkname asmcgocall runtime.asmcgocall
//go:noescape
func asmcgocall(fn, arg unsafe.Pointer) int32

// fastcall runs the shim fn on args as a fast call. Under the race
// detector it orders the call after every earlier trip into C and before
// every later one, as cgo's calls do (their racecgosync), so that data
// handed from goroutine to goroutine through MPI does not read as a race.
func fastcall(fn, args unsafe.Pointer) int32 {
	raceRelease()
	rc := asmcgocall(fn, args)
	raceAcquire()
	return rc
}
