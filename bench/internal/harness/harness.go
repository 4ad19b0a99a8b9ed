// Package harness is what the Go benchmark programs under bench/go share
// with each other and with the orchestrator (bench/cmd/runbench): the
// record every program prints, one JSON object a line, and the rule that
// sets the number of timed iterations for a message size. The C programs
// (bench/c/common.h) and the Python scripts (bench/py/common.py) implement
// the same rule and print the same records.
package harness

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Record is one measurement: the time of one operation (one one-way
// message, one collective call, one kernel call) in one process run. The
// Iters timed repetitions are split into batches (BatchSizes); Seconds is
// the median of the batch means, Mean the plain mean. Meta records describe the run
// (MPI library, thread level) and carry no time.
type Record struct {
	Meta    bool    `json:"meta,omitempty"`
	System  string  `json:"system"`
	Bench   string  `json:"bench"`
	Case    string  `json:"case,omitempty"`
	NP      int     `json:"np,omitempty"`
	Size    int64   `json:"size,omitempty"` // bytes (or elements, as the bench says)
	Iters   int     `json:"iters,omitempty"`
	Seconds float64 `json:"seconds,omitempty"` // median over batches of the batch mean
	Mean    float64 `json:"mean,omitempty"`    // mean over all timed iterations
	Allocs  float64 `json:"allocs,omitempty"`
	Check   string  `json:"check,omitempty"`
	// Meta fields.
	Thread  string `json:"thread,omitempty"`
	Library string `json:"library,omitempty"`
	Info    string `json:"info,omitempty"`
}

var enc = json.NewEncoder(os.Stdout)

// Emit prints r as one JSON line on standard output.
func Emit(r Record) {
	if err := enc.Encode(r); err != nil {
		fmt.Fprintln(os.Stderr, "emit:", err)
		os.Exit(1)
	}
}

// Iters is the rule every benchmark program applies: budget bytes of
// traffic per size, at least minIt and at most maxIt timed iterations; a
// tenth of that (at least one) as warm-up.
func Iters(size, budget int64, minIt, maxIt int) (iters, warmup int) {
	if size < 1 {
		size = 1
	}
	n := budget / size
	if n < int64(minIt) {
		n = int64(minIt)
	}
	if n > int64(maxIt) {
		n = int64(maxIt)
	}
	iters = int(n)
	warmup = iters / 10
	if warmup < 1 {
		warmup = 1
	}
	return iters, warmup
}

// WarmFor is the least time, in seconds, that the untimed calls of one
// message size take on the slowest rank before the timed ones, in every
// system alike. A Go process's sysmon thread wakes every 20-90 µs for its
// first 50 ticks after the process starts, and again after any cgo call
// that it retakes the P from (with one P, any call that waits across two
// of its ticks), then doubles its sleep up to 10 ms: about 25 ms in all,
// during which each wake-up preempts the rank on its core. The report
// measures each system's steady state; the iters/10 calls of Iters alone
// were often shorter than that phase (512 Bcasts of 64 KiB take 4 ms).
const WarmFor = 0.05

// maxWarmMore bounds the calls WarmMore adds.
const maxWarmMore = 1 << 20

// WarmMore is how many more untimed calls reach WarmFor, after warm
// calls took worst seconds on the slowest rank; C's warm_more and
// Python's warm compute the same.
func WarmMore(warm int, worst float64) int {
	if warm < 1 || worst <= 0 || worst >= WarmFor {
		return 0
	}
	more := (WarmFor - worst) / (worst / float64(warm))
	if more >= maxWarmMore {
		return maxWarmMore
	}
	return int(more) + 1
}

// Batches is how many batches the timed iterations are split into: each
// batch is timed on its own and a run reports the median of the batch
// means, so that a preemption by another process on a shared machine
// spoils one batch rather than the run.
const Batches = 5

// BatchSizes splits iters into min(iters, Batches) nearly equal batches.
func BatchSizes(iters int) []int {
	nb := min(iters, Batches)
	out := make([]int, nb)
	for i := range out {
		out[i] = iters / nb
		if i < iters%nb {
			out[i]++
		}
	}
	return out
}

// Median is the median of xs (the mean of the middle two for an even
// count); xs is sorted in place.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}

// ParseSizes parses a comma-separated list of sizes; k, K, m, M suffixes
// multiply by 1024 and 1024².
func ParseSizes(s string) ([]int64, error) {
	var out []int64
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		mul := int64(1)
		switch f[len(f)-1] {
		case 'k', 'K':
			mul, f = 1<<10, f[:len(f)-1]
		case 'm', 'M':
			mul, f = 1<<20, f[:len(f)-1]
		}
		v, err := strconv.ParseInt(f, 10, 64)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("bad size %q", f)
		}
		out = append(out, v*mul)
	}
	return out, nil
}

// ParseList splits a comma-separated list.
func ParseList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// TimeLoop times iters rounds of loop in the batches of BatchSizes
// (loop(k) runs k rounds), reading the clock now (seconds), and returns
// the median over batches and the overall mean of the time per operation,
// a round counting opsPerRound operations (2 for a ping-pong's one-way
// time).
func TimeLoop(iters, opsPerRound int, now func() float64, loop func(k int)) (median, mean float64) {
	bs := BatchSizes(iters)
	times := make([]float64, len(bs))
	var total float64
	for b, k := range bs {
		t0 := now()
		loop(k)
		dt := now() - t0
		times[b] = dt / float64(opsPerRound*k)
		total += dt
	}
	return Median(times), total / float64(opsPerRound*iters)
}
