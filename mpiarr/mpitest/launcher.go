package mpitest

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
)

// The launcher of the MPI library this package is built against, for
// programs (tests, demos) that start MPI jobs themselves.
const (
	// LauncherName is "mpirun" (OpenMPI), or "mpiexec.mpich" with the
	// build tag mpich.
	LauncherName = mpi.Launcher
	// BuildTags are the build tags that select the same MPI library for
	// programs built with `go build -tags`.
	BuildTags = buildTags
	// Implementation is "openmpi", or "mpich" with the build tag mpich,
	// for tests that must step around a library's known problems.
	Implementation = mpi.Implementation
)

// Command returns the command that runs prog with args as a job of np
// ranks on this machine: more ranks than cores allowed, no process
// binding, every output line tagged with its rank (see SplitTag), and the
// environment the launcher needs (OpenMPI refuses to run as root without
// it).
func Command(np int, prog string, args ...string) *exec.Cmd {
	full := append(mpi.LauncherArgs(np), mpi.LauncherTagOutput, prog)
	cmd := exec.Command(mpi.Launcher, append(full, args...)...)
	cmd.Env = append(os.Environ(), mpi.LauncherEnv()...)
	return cmd
}

var tagged = regexp.MustCompile(mpi.LauncherTagPattern)

// SplitTag splits a line of a job started by Command into the rank that
// printed it and its text; ok is false for lines of the launcher itself.
func SplitTag(line string) (rank int, text string, ok bool) {
	m := tagged.FindStringSubmatch(line)
	if m == nil {
		return 0, line, false
	}
	rank, err := strconv.Atoi(m[1])
	return rank, m[2], err == nil
}
