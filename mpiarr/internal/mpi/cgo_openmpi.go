//go:build !mpich

package mpi

// #cgo pkg-config: ompi-c
import "C"

import "strconv"

// Implementation names the MPI library the package is built against:
// "openmpi" by default, "mpich" with the build tag mpich.
const Implementation = "openmpi"

// Launcher is the command that starts a job of the MPI library the
// package is built against (OpenMPI's mpirun).
const Launcher = "mpirun"

// LauncherTagPattern matches a line tagged by LauncherTagOutput, with
// the rank and the text as submatches: "[1,3]<stdout>:text" is rank 3's "text".
const LauncherTagPattern = `^\[\d+,(\d+)\]<std(?:out|err)>:(.*)$`

// LauncherTagOutput is the Launcher flag that prefixes every output line
// with the rank that wrote it.
const LauncherTagOutput = "--tag-output"

// LauncherArgs returns the Launcher arguments that start np ranks on this
// machine, more ranks than cores allowed and no process binding.
func LauncherArgs(np int) []string {
	return []string{"-np", strconv.Itoa(np), "--oversubscribe", "--bind-to", "none"}
}

// LauncherEnv returns environment variables the Launcher needs in
// addition to the current environment (OpenMPI refuses to run as root
// without them).
func LauncherEnv() []string {
	return []string{"OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"}
}
