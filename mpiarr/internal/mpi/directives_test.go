package mpi_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// retainers are the C functions that hand MPI a pointer it keeps using
// after they return (the buffer of a transfer the request tracks; a
// window's memory; the origin buffer of a one-sided operation until its
// epoch ends).
var retainers = []string{"ndmpi_isend", "ndmpi_issend", "ndmpi_irecv", "ndmpi_ibcast", "ndmpi_ireduce",
	"ndmpi_iallreduce", "ndmpi_iscan", "ndmpi_iexscan", "ndmpi_iscatter", "ndmpi_igather", "ndmpi_iallgather", "ndmpi_ialltoall",
	"ndmpi_win_create", "ndmpi_put", "ndmpi_get", "ndmpi_accumulate", "ndmpi_get_accumulate", "ndmpi_rput", "ndmpi_rget",
	"ndmpi_ibsend", "ndmpi_irsend", "ndmpi_send_init", "ndmpi_recv_init", "ndmpi_imrecv",
	"ndmpi_igatherv", "ndmpi_iscatterv", "ndmpi_iallgatherv", "ndmpi_ialltoallv",
	"ndmpi_send_spin", "ndmpi_recv_spin"}

// callsBack are the C functions that call back into Go: the reductions
// that may run a user-defined operation (userop.go). They must not be
// marked nocallback, on which the Go runtime panics when C calls back.
var callsBack = []string{"ndmpi_reduce_cb"}

// TestCgoDirectives reads the package's sources and checks that every
// function ndmpi.h declares is marked "#cgo nocallback" (none calls back
// into Go, which spares cgo preparing for it) and "#cgo noescape" unless it
// keeps a pointer: noescape lets callers keep buffers, statuses and handles
// on the stack, and on a function that keeps a pointer it would let MPI
// write into a stack frame that no longer exists. It also checks that no
// Go pointer reaches C disguised as an integer, which would hide it from
// the cgocheck2 pass.
func TestCgoDirectives(t *testing.T) {
	// ndmpi.h and the per-concept headers beside it declare what Go calls;
	// internal.h holds C-only helpers.
	headers, err := filepath.Glob("*.h")
	require.NoError(t, err)
	var header []byte
	for _, h := range headers {
		if h == "internal.h" {
			continue
		}
		src, err := os.ReadFile(h)
		require.NoError(t, err)
		header = append(header, src...)
	}
	declared := map[string]bool{}
	decl := regexp.MustCompile(`\b(ndmpi_[a-z0-9_]+)\(`)
	for _, line := range strings.Split(string(header), "\n") {
		if strings.HasPrefix(line, "static inline") || strings.HasPrefix(line, " *") || strings.HasPrefix(line, "/*") {
			continue // handle converters and comments
		}
		for _, m := range decl.FindAllStringSubmatch(line, -1) {
			declared[m[1]] = true
		}
	}
	require.Greater(t, len(declared), 80, "too few declarations found in ndmpi.h")

	noescape, nocallback := map[string]string{}, map[string]string{}
	directive := regexp.MustCompile(`(?m)^#cgo (noescape|nocallback) (\S+)$`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range directive.FindAllStringSubmatch(string(src), -1) {
			marks := noescape
			if m[1] == "nocallback" {
				marks = nocallback
			}
			require.True(t, declared[m[2]], "%s marks %s, which no header declares", f, m[2])
			require.Empty(t, marks[m[2]], "%s marked %s in %s and %s", m[2], m[1], marks[m[2]], f)
			marks[m[2]] = f
		}
		require.NotContains(t, string(src), "C.uintptr_t(uintptr(", "%s passes a pointer to C as an integer", f)
	}

	for name := range declared {
		if slices.Contains(callsBack, name) {
			require.Empty(t, nocallback[name], "%s calls back into Go but is marked nocallback", name)
		} else {
			require.NotEmpty(t, nocallback[name], "%s is not marked nocallback", name)
		}
		if slices.Contains(retainers, name) {
			require.Empty(t, noescape[name], "%s keeps a pointer but is marked noescape", name)
		} else {
			require.NotEmpty(t, noescape[name], "%s is not marked noescape", name)
		}
	}
}
