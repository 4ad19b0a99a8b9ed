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
	"ndmpi_send_spin", "ndmpi_recv_spin", "ndmpi_mrecv_spin"}

// callsBack are the C functions that call back into Go: the reductions
// that may run a user-defined operation (userop.go). They must not be
// marked nocallback, on which the Go runtime panics when C calls back.
var callsBack = []string{"ndmpi_reduce_cb"}

// bounded are the C functions a fast call may reach (fastcall.go): each
// returns in bounded, short time, whatever the other processes do. The
// reason says why.
var bounded = map[string]string{
	"ndmpi_send_spin":      "MPI_Isend or MPI_Issend, then MPI_Test for at most spin_ns",
	"ndmpi_recv_spin":      "MPI_Irecv, then MPI_Test for at most spin_ns",
	"ndmpi_test_spin":      "MPI_Test for at most spin_ns",
	"ndmpi_mprobe_spin":    "MPI_Improbe for at most spin_ns",
	"ndmpi_mrecv_spin":     "MPI_Imrecv, then MPI_Test for at most spin_ns",
	"ndmpi_test":           "MPI_Test is local",
	"ndmpi_isend":          "MPI_Isend is local",
	"ndmpi_issend":         "MPI_Issend is local: only its completion waits for the receiver",
	"ndmpi_irecv":          "MPI_Irecv is local",
	"ndmpi_startall":       "MPI_Start is local",
	"ndmpi_put":            "MPI_Put is local: only the end of its epoch waits for the target",
	"ndmpi_get":            "MPI_Get is local, as MPI_Put",
	"ndmpi_accumulate":     "MPI_Accumulate is local, as MPI_Put",
	"ndmpi_get_accumulate": "MPI_Get_accumulate is local, as MPI_Put",
	"ndmpi_rput":           "MPI_Rput is local: its request completes later",
	"ndmpi_rget":           "MPI_Rget is local, as MPI_Rput",
	"ndmpi_ireduce":        "MPI_Ireduce is local: only its completion waits for the other ranks",
	"ndmpi_iallreduce":     "MPI_Iallreduce is local, as MPI_Ireduce",
	"ndmpi_wtime":          "MPI_Wtime reads a clock",
}

// shimOnly are the helpers Go reaches only through their shim: cgo
// refuses a directive for a function no Go code calls by name, so they
// carry none, and what it would say is checked here instead (they never
// call back into Go, and keep no pointer).
var shimOnly = []string{"ndmpi_wtime", "ndmpi_mprobe_spin"}

// blocking are C functions that may wait for another process, or for as
// long as the program runs: a fast call to one would stall the garbage
// collector and, with GOMAXPROCS=1, every goroutine of the process until
// the other side acts. None may be in bounded.
var blocking = map[string]string{
	"ndmpi_send":             "MPI_Send may wait for the matching receive",
	"ndmpi_ssend":            "MPI_Ssend waits for the matching receive",
	"ndmpi_recv":             "MPI_Recv waits for the message",
	"ndmpi_mrecv":            "MPI_Mrecv waits for the rest of the message",
	"ndmpi_probe":            "MPI_Probe waits for a message",
	"ndmpi_mprobe":           "MPI_Mprobe waits for a message",
	"ndmpi_wait":             "MPI_Wait waits for the other side",
	"ndmpi_waitall":          "MPI_Waitall waits for the other sides",
	"ndmpi_waitany":          "MPI_Waitany waits for one of the other sides",
	"ndmpi_sendrecv":         "MPI_Sendrecv waits for its message",
	"ndmpi_sendrecv_replace": "MPI_Sendrecv_replace waits for its message",
	"ndmpi_barrier":          "a collective waits for every rank",
	"ndmpi_bcast":            "a collective waits for the root",
	"ndmpi_allreduce":        "a collective waits for every rank",
	"ndmpi_reduce_cb":        "a collective, which also calls back into Go",
	"ndmpi_win_fence":        "MPI_Win_fence is collective over the window",
	"ndmpi_win_lock":         "MPI_Win_lock may wait for another rank's lock",
	"ndmpi_win_unlock":       "MPI_Win_unlock waits for the operations to complete at the target",
	"ndmpi_win_flush":        "MPI_Win_flush waits for the target",
	"ndmpi_win_start":        "MPI_Win_start may wait for the targets' post",
	"ndmpi_win_complete":     "MPI_Win_complete waits for the targets",
	"ndmpi_win_wait":         "MPI_Win_wait waits for the origins",
	"ndmpi_win_free":         "MPI_Win_free is collective",
}

// shims reads fastcall.c and returns, for each shim (int32_t
// ndmpi_xxx_fast(void *args)), the ndmpi_ functions its body calls.
func shims(t *testing.T) map[string][]string {
	src, err := os.ReadFile("fastcall.c")
	require.NoError(t, err)
	def := regexp.MustCompile(`(?ms)^int32_t (ndmpi_[a-z0-9_]+_fast)\(void \*args\)\n\{\n(.*?)^\}`)
	call := regexp.MustCompile(`\b(ndmpi_[a-z0-9_]+)\(`)
	out := map[string][]string{}
	for _, m := range def.FindAllStringSubmatch(string(src), -1) {
		out[m[1]] = nil
		for _, c := range call.FindAllStringSubmatch(m[2], -1) {
			if c[1] != "ndmpi_type" { // the handle converter of ndmpi.h
				out[m[1]] = append(out[m[1]], c[1])
			}
		}
	}
	return out
}

// TestCgoDirectives reads the package's sources and checks that every
// function ndmpi.h declares is marked "#cgo nocallback" (none calls back
// into Go, which spares cgo preparing for it) and "#cgo noescape" unless it
// keeps a pointer: noescape lets callers keep buffers, statuses and handles
// on the stack, and on a function that keeps a pointer it would let MPI
// write into a stack frame that no longer exists. It also checks that no
// Go pointer reaches C disguised as an integer, which would hide it from
// the cgocheck2 pass. The shims of the fast calls (fastcall.c) carry no
// directive, as nothing calls them by name; each must wrap one helper
// that is nocallback and bounded in time (bounded, never blocking).
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

	fastShims := shims(t)
	for name := range declared {
		if strings.HasSuffix(name, "_fast") {
			require.Contains(t, fastShims, name, "fastcall.h declares the shim %s, which fastcall.c does not define", name)
			require.Empty(t, nocallback[name]+noescape[name], "the shim %s is marked: shims are never called by name", name)
			continue
		}
		if slices.Contains(shimOnly, name) {
			require.Contains(t, fastShims, name+"_fast", "%s is listed in shimOnly but has no shim", name)
			require.NotContains(t, callsBack, name, "%s is reached by a shim but calls back into Go", name)
			require.NotContains(t, retainers, name, "%s is reached by a shim but keeps a pointer", name)
			continue
		}
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

	// Every shim is reached by its address alone, wraps exactly the
	// helper it is named after, and that helper is nocallback and bounded.
	fastGo, err := os.ReadFile("fastcall.go")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(fastShims), len(bounded), "too few shims found in fastcall.c")
	for shim, calls := range fastShims {
		require.True(t, declared[shim], "fastcall.h does not declare the shim %s", shim)
		require.Contains(t, string(fastGo), "unsafe.Pointer(C."+shim+")", "fastcall.go does not take the address of %s", shim)
		helper := strings.TrimSuffix(shim, "_fast")
		require.Equal(t, []string{helper}, calls, "the shim %s must call %s and nothing else", shim, helper)
		if !slices.Contains(shimOnly, helper) {
			require.NotEmpty(t, nocallback[helper], "the shim %s wraps %s, which is not marked nocallback", shim, helper)
		}
		require.NotContains(t, callsBack, helper, "the shim %s wraps %s, which calls back into Go", shim, helper)
		require.Contains(t, bounded, helper, "the shim %s wraps %s, which is not listed as bounded in time", shim, helper)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NotRegexp(t, `C\.ndmpi_[a-z0-9_]+_fast\(`, string(src), "%s calls a shim by name, through cgo", f)
	}
	for name, why := range blocking {
		require.True(t, declared[name], "blocking lists %s, which no header declares", name)
		require.NotContains(t, bounded, name, "%s is listed both as bounded and as blocking (%s)", name, why)
	}
	for name := range bounded {
		require.True(t, declared[name], "bounded lists %s, which no header declares", name)
	}
}
