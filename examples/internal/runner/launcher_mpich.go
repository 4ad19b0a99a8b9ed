//go:build mpich

package runner

import (
	"regexp"
	"strconv"
)

// Launcher is the command that starts jobs of the MPI library the
// examples are built against: MPICH's Hydra mpiexec with the build tag
// mpich (OpenMPI's mpirun otherwise).
const Launcher = "mpiexec.mpich"

// BuildTags are the build tags the examples are built with, the ones this
// package was built with.
const BuildTags = "mpich"

// launcherArgs start np ranks on this machine (Hydra allows more ranks
// than cores and does not bind by default), with every output line
// labelled with its rank (-l).
func launcherArgs(np int) []string {
	return []string{"-n", strconv.Itoa(np), "-l"}
}

// launcherEnv: MPICH needs nothing more.
func launcherEnv() []string { return nil }

// tagged matches a line labelled by -l: "[3] text" is rank 3's "text".
var tagged = regexp.MustCompile(`^\[(\d+)\] ?(.*)$`)
