//go:build ndmpi_cgocall

package mpi

import "unsafe"

// fastCalls says that the build has no fast calls: the tag ndmpi_cgocall
// sends every shim through an ordinary cgo call (see fastcall.go).
const fastCalls = false

// fastcall runs the shim fn on args through cgo.
func fastcall(fn, args unsafe.Pointer) int32 { return cgocall(fn, args) }
