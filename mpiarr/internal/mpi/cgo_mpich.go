//go:build mpich

package mpi

// #cgo pkg-config: mpich
import "C"

import "strconv"

// Implementation names the MPI library the package is built against:
// "openmpi" by default, "mpich" with the build tag mpich.
const Implementation = "mpich"

// Launcher is the command that starts a job of the MPI library the
// package is built against (MPICH's Hydra mpiexec).
const Launcher = "mpiexec.mpich"

// LauncherTagPattern matches a line tagged by LauncherTagOutput, with
// the rank and the text as submatches: "[3] text" is rank 3's "text".
const LauncherTagPattern = `^\[(\d+)\] ?(.*)$`

// LauncherTagOutput is the Launcher flag that prefixes every output line
// with the rank that wrote it.
const LauncherTagOutput = "-l"

// LauncherArgs returns the Launcher arguments that start np ranks on this
// machine (Hydra allows more ranks than cores and does not bind by default).
func LauncherArgs(np int) []string {
	return []string{"-n", strconv.Itoa(np)}
}

// LauncherEnv returns environment variables the Launcher needs in
// addition to the current environment (none for MPICH).
func LauncherEnv() []string {
	return nil
}
