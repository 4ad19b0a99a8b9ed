//go:build !mpich

package runner

import (
	"regexp"
	"strconv"
)

// Launcher is the command that starts jobs of the MPI library the
// examples are built against: OpenMPI's mpirun (MPICH's mpiexec.mpich
// with the build tag mpich).
const Launcher = "mpirun"

// BuildTags are the build tags the examples are built with, the ones this
// package was built with.
const BuildTags = ""

// launcherArgs start np ranks on this machine, more ranks than cores
// allowed, with every output line tagged with its rank.
func launcherArgs(np int) []string {
	return []string{"-np", strconv.Itoa(np), "--oversubscribe", "--bind-to", "none", "--tag-output"}
}

// launcherEnv lets mpirun run as root, as in containers; harmless
// otherwise.
func launcherEnv() []string {
	return []string{"OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"}
}

// tagged matches a line tagged by --tag-output: "[1,3]<stdout>:text" is
// rank 3's "text".
var tagged = regexp.MustCompile(`^\[\d+,(\d+)\]<std(?:out|err)>:(.*)$`)
