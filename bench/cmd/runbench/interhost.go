// The interhost suite: the ping-pong and Allreduce programs of sections 1
// and 3, run across three network-namespace hosts of this machine
// (scripts/cluster) over TCP only, C vs Go vs mpi4py, judged by the same
// goals as on one host. The cluster is up for the run and torn down
// whatever ends it.

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
)

// interhostConfig is what differs between the full and the quick run.
type interhostConfig struct {
	PingSizes  string
	PingBudget int64
	// MaxIters caps the ping-pong's round trips per size: a small
	// message's round trip over the namespaces' TCP is ~100x one over
	// shared memory, and the local cap would take a minute per size.
	MaxIters   int
	CollSizes  string // Allreduce, bytes per rank
	CollBudget int64
}

// interhostNPs: two ranks on two hosts, one rank per host, and four ranks
// on three hosts (node1 holds ranks 0 and 3).
var interhostNPs = []int{2, 3, 4}

const (
	clusterScript = "scripts/cluster/bench.sh"
	clusterRun    = "scripts/cluster/run.sh"
	clusterHosts  = 3 // bench.sh up makes three
	// bench.sh up exits so when namespaces cannot be made here.
	clusterSkipCode = 3
)

var (
	ihMu      sync.Mutex
	ihCluster string // the cluster's state directory; "" when there is none
	ihSignals chan os.Signal
)

// interhostUp brings the cluster up when the interhost suite is asked
// for, and returns why it cannot be made here ("" when it is up or not
// needed). Any other failure stops the run. From here until
// interhostDown, SIGINT, SIGTERM and SIGHUP tear the cluster down before
// runbench exits; a SIGKILL leaves it to the next bench.sh up or make
// cluster-test, which remove clusters whose owner (this process) is gone.
func interhostUp(suites []string) string {
	if !slices.Contains(suites, "interhost") {
		return ""
	}
	ihSignals = make(chan os.Signal, 1)
	signal.Notify(ihSignals, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		sig, ok := <-ihSignals
		if !ok {
			return
		}
		// Held until exit: a step failing because the teardown killed
		// its job must not report that as the run's error.
		ihMu.Lock()
		tearDown()
		fmt.Fprintf(os.Stderr, "runbench: %v: the interhost cluster is torn down\n", sig)
		os.Exit(130)
	}()
	progress("interhost: bringing up %d network-namespace hosts (%s up)", clusterHosts, clusterScript)
	cmd := exec.Command(clusterScript, "up", fmt.Sprint(os.Getpid()))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	text := strings.TrimSpace(string(out))
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && ee.ExitCode() == clusterSkipCode {
		interhostDown()
		progress("interhost: SKIPPED: cannot create network-namespace hosts here: %s", text)
		return text
	}
	if err != nil {
		fatalf("interhost: %s up: %v\n%s%s", clusterScript, err, text, stderr.String())
	}
	// The state directory is the last line (cl_clean_stale may say what
	// it removed before it).
	lines := strings.Split(text, "\n")
	ihMu.Lock()
	ihCluster = strings.TrimSpace(lines[len(lines)-1])
	ihMu.Unlock()
	progress("interhost: cluster %s up", ihCluster)
	return ""
}

// interhostDown tears the cluster down, if it is up, and gives the
// signals back their default effect.
func interhostDown() {
	ihMu.Lock()
	defer ihMu.Unlock()
	tearDown()
	if ihSignals != nil {
		signal.Stop(ihSignals)
		close(ihSignals)
		ihSignals = nil
	}
}

// tearDown runs bench.sh down, ihMu held.
func tearDown() {
	if ihCluster == "" {
		return
	}
	if out, err := exec.Command(clusterScript, "down", ihCluster).CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "runbench: interhost: %s down %s: %v\n%s", clusterScript, ihCluster, err, out)
	} else {
		progress("interhost: cluster %s torn down", ihCluster)
	}
	ihCluster = ""
}

// interhostLaunch is the launcher of an np-rank job across the cluster:
// OpenMPI over TCP on the cluster's interface, ranks round-robin over the
// hosts, waiting ranks yielding (run.sh says why).
func interhostLaunch(np int) []string {
	ihMu.Lock()
	defer ihMu.Unlock()
	return []string{clusterRun, "-np", fmt.Sprint(np), ihCluster}
}

// interhostPlan adds the suite's runs: the ping-pong on 2 ranks, then
// Allreduce on each of interhostNPs, C Go mpi4py interleaved in rounds.
// The records are renamed interhost-pingpong and interhost-coll, apart
// from the same programs' single-host records.
func interhostPlan(cfg config, rounds func(suite string, np int, systems []step)) {
	ih := cfg.Interhost
	// The ranks start in the hosts' namespaces, through mpirun's daemons:
	// absolute paths, whatever their working directory.
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			fatalf("interhost: %v", err)
		}
		return a
	}
	remap := func(r *harness.Record) { r.Bench = "interhost-" + r.Bench }
	systems := func(c, g string, py string, args []string) []step {
		return []step{
			{System: "c", Argv: append([]string{abs(bin(c))}, args...), Launch: interhostLaunch, Remap: remap},
			{System: "go", Argv: append([]string{abs(bin(g))}, args...), Launch: interhostLaunch, Remap: remap},
			{System: "mpi4py", Argv: append([]string{python, abs(filepath.Join("bench/py", py+".py"))}, args...), Launch: interhostLaunch, Remap: remap},
		}
	}
	ping := []string{"-sizes", ih.PingSizes, "-budget", fmt.Sprint(ih.PingBudget), "-max-iters", fmt.Sprint(ih.MaxIters)}
	rounds("interhost", 2, systems("c-pingpong", "go-pingpong", "pingpong", ping))
	coll := []string{"-ops", "allreduce", "-sizes", ih.CollSizes, "-budget", fmt.Sprint(ih.CollBudget)}
	for _, np := range interhostNPs {
		rounds("interhost", np, systems("c-coll", "go-coll", "coll", coll))
	}
}

// --- 8. Across hosts (the report's section)

type interhostData struct {
	Skip   string // why the suite could not run here; the rest is empty then
	Rounds int
	NumCPU int
	Ping   []interhostRow
	Coll   []interhostRow
	Goals  []goal
}

// interhostRow is a ping-pong size or an Allreduce ranks × size, with the
// goal that applies to it and its verdict on the medians.
type interhostRow struct {
	Ranks, Hosts       string // Allreduce only
	Size               string
	C, Go, Py          string
	GoOver, PyOver3    string // Go − C, ⅓ (mpi4py − C)
	CBW, GoBW, PyBW    string // ping-pong only, GB/s
	GoC, PyC           string // time ratios
	BWRatio            string // Go's bandwidth ÷ C's (C's time ÷ Go's)
	Rule, Verdict      string
	met, evaluated, lg bool
}

// largeMessage is where the bandwidth rule takes over from the overhead
// rule, as in goal 1b.
const largeMessage = 1 << 20

// interhostRule judges one measurement by the rule of its size: below
// largeMessage, Go's overhead over C at most a third of mpi4py's; from
// it on, Go at least 0.95x C's bandwidth. ok is false when a system is
// missing. An overhead below zero (a system faster than C: across hosts
// that is the scheduler's noise, not a faster MPI) counts as none, or
// mpi4py winning a round would fail a Go that did too.
func interhostRule(size int64, c, g, py *stat, p pick) (measured string, met, ok bool) {
	if c == nil || g == nil {
		return "", false, false
	}
	if size >= largeMessage {
		q := p(c) / p(g)
		return fmt.Sprintf("%s: Go ÷ C bandwidth %.2f", fmtSize(size), q), q >= 0.95, true
	}
	if py == nil {
		return "", false, false
	}
	over, pyOver := p(g)-p(c), p(py)-p(c)
	return fmt.Sprintf("%s: Go − C = %s, ⅓ (mpi4py − C) = %s", fmtSize(size), fmtDur(over), fmtDur(pyOver/3)),
		max(over, 0) <= max(pyOver, 0)/3, true
}

func (r *report) interhost() *interhostData {
	if r.run.InterhostSkip != "" {
		return &interhostData{Skip: r.run.InterhostSkip}
	}
	d := interhostData{Rounds: r.run.Config.Rounds["interhost"], NumCPU: numCPU()}
	row := func(bench, cas string, np int, sz int64) interhostRow {
		c, g, py := r.get(bench, cas, np, sz, "c"), r.get(bench, cas, np, sz, "go"), r.get(bench, cas, np, sz, "mpi4py")
		row := interhostRow{
			Size: fmtSize(sz), C: fmtT(c), Go: fmtT(g), Py: fmtT(py),
			GoOver: "–", PyOver3: "–", GoC: ratio(g, c), PyC: ratio(py, c), BWRatio: ratio(c, g),
			CBW: bw(sz, c), GoBW: bw(sz, g), PyBW: bw(sz, py), lg: sz >= largeMessage,
		}
		if c != nil && g != nil {
			row.GoOver = fmtDur(g.Median - c.Median)
		}
		if c != nil && py != nil {
			row.PyOver3 = fmtDur((py.Median - c.Median) / 3)
		}
		row.Rule = "Go − C ≤ ⅓ (mpi4py − C)"
		if row.lg {
			row.Rule = "Go ≥ 0.95 × C bandwidth"
		}
		_, row.met, row.evaluated = interhostRule(sz, c, g, py, byMedian)
		row.Verdict = "–"
		if row.evaluated {
			row.Verdict = verdict(row.met)
		}
		return row
	}
	pingSizes := r.sizes("interhost-pingpong", "", 2)
	for _, sz := range pingSizes {
		d.Ping = append(d.Ping, row("interhost-pingpong", "", 2, sz))
	}
	for _, np := range interhostNPs {
		for _, sz := range r.sizes("interhost-coll", "allreduce", np) {
			rw := row("interhost-coll", "allreduce", np, sz)
			rw.Ranks, rw.Hosts = fmt.Sprint(np), placement(np)
			d.Coll = append(d.Coll, rw)
		}
	}

	// The summary's goals: the single-host goals 1a and 1b across hosts,
	// and every Allreduce row by its rule.
	c8, g8, py8 := r.get("interhost-pingpong", "", 2, 8, "c"), r.get("interhost-pingpong", "", 2, 8, "go"), r.get("interhost-pingpong", "", 2, 8, "mpi4py")
	if c8 != nil && g8 != nil && py8 != nil {
		r.evalGoal("8a", "8-byte latency overhead across hosts", "8-byte ping-pong between two hosts: (Go − C) ≤ ⅓ (mpi4py − C)",
			fmt.Sprintf("min–max over %d rounds: C %s, Go %s, mpi4py %s", g8.N, spread(c8), spread(g8), spread(py8)),
			func(p pick) (string, bool) {
				m, met, _ := interhostRule(8, c8, g8, py8, p)
				return fmt.Sprintf("C %s, Go %s, mpi4py %s; %s", fmtDur(p(c8)), fmtDur(p(g8)), fmtDur(p(py8)), m), met
			})
	}
	var large []int64
	for _, sz := range pingSizes {
		if sz >= largeMessage {
			large = append(large, sz)
		}
	}
	if len(large) > 0 {
		r.evalGoal("8b", "bandwidth across hosts at ≥ 1 MiB", "Ping-pong between two hosts: Go bandwidth ≥ 0.95 × C at every size ≥ 1 MiB", "",
			func(p pick) (string, bool) {
				return r.allRules(p, "interhost-pingpong", "", []int{2}, large)
			})
	}
	if len(d.Coll) > 0 {
		r.evalGoal("8c", "Allreduce across hosts",
			"Allreduce (sum) on 2-4 ranks over 2-3 hosts: below 1 MiB per rank (Go − C) ≤ ⅓ (mpi4py − C), from 1 MiB Go ≥ 0.95 × C bandwidth", "",
			func(p pick) (string, bool) {
				var all []int64
				for _, np := range interhostNPs {
					for _, sz := range r.sizes("interhost-coll", "allreduce", np) {
						if !slices.Contains(all, sz) {
							all = append(all, sz)
						}
					}
				}
				slices.Sort(all)
				return r.allRules(p, "interhost-coll", "allreduce", interhostNPs, all)
			})
	}
	d.Goals = r.goalsOf("8a", "8b", "8c")
	return &d
}

// allRules judges every (ranks, size) measured by its rule and lists the
// ones that miss it; met when none does.
func (r *report) allRules(p pick, bench, cas string, nps []int, sizes []int64) (string, bool) {
	var missed []string
	n := 0
	for _, np := range nps {
		for _, sz := range sizes {
			c, g, py := r.get(bench, cas, np, sz, "c"), r.get(bench, cas, np, sz, "go"), r.get(bench, cas, np, sz, "mpi4py")
			m, met, ok := interhostRule(sz, c, g, py, p)
			if !ok {
				continue
			}
			n++
			if !met {
				missed = append(missed, fmt.Sprintf("%d ranks, %s", np, m))
			}
		}
	}
	if len(missed) == 0 {
		return fmt.Sprintf("all %d rows meet their rule", n), n > 0
	}
	return fmt.Sprintf("%d of %d rows miss their rule: %s", len(missed), n, strings.Join(missed, "; ")), false
}

// placement says where run.sh's round-robin puts np ranks (rank k on
// node k mod hosts + 1).
func placement(np int) string {
	var parts []string
	for h := 0; h < clusterHosts && h < np; h++ {
		var ranks []string
		for k := h; k < np; k += clusterHosts {
			ranks = append(ranks, fmt.Sprint(k))
		}
		parts = append(parts, fmt.Sprintf("node%d: %s", h+1, strings.Join(ranks, ", ")))
	}
	return strings.Join(parts, "; ")
}
