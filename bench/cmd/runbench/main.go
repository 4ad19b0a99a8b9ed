// Command runbench runs ndmpi's benchmarks side by side with a C MPI
// program and mpi4py + NumPy, and writes docs/benchmarks.md and the plots
// in docs/img/. bench/ is a module of its own (github.com/ndmpi/ndmpi/bench,
// which keeps the plotting dependencies out of the library's go.mod); run
// it from the repository root or from bench/ (make bench does the former):
//
//	go -C bench run ./cmd/runbench          # full run, about 7 minutes on 2 cores
//	go -C bench run ./cmd/runbench -quick   # fewer sizes and rounds, 1-2 minutes
//
// plus the interhost suite's (interhost.go: root only, skipped elsewhere),
// 3-6 minutes quick on a loaded 2-core machine.
//
// bench/out and docs/ are the repository root's whichever of the two it is
// started from. It builds the C programs
// (bench/c, mpicc -O2) and the Go programs (bench/go, go build in the
// bench module), then runs every suite in rounds: within a round
// each system runs once, in turn (A B C A B C ...), and every figure of
// the report is the median over the rounds of what each run measured.
// The programs print one JSON record per measurement
// (bench/internal/harness.Record); the raw records of the last run are
// kept in bench/out/results.jsonl.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
)

// config is what differs between the full and the quick run.
type config struct {
	Quick bool
	// Rounds per suite: the noisiest suites (two busy-polling ranks on a
	// shared 2-core machine) get more.
	Rounds map[string]int

	PingSizes     string
	PingBudget    int64
	NoncontigN    int
	NoncontigIter int
	CollSizes     string
	CollBudget    int64
	ObjSizes      string
	ObjBudget     int64
	KernelN       int
	KernelReps    int
	ViewIters     int
	// The dist suite: halo exchange of a DistN² array, Redistribute of
	// a DistN3³ array.
	DistN           int
	DistHaloIters   int
	DistN3          int
	DistRedistIters int
	// The ops suite: NumPy operations on OpsN² float64 arrays, MatMul of
	// two OpsMatMulN² matrices; OpsReps timed calls after OpsWarmup.
	OpsN       int
	OpsMatMulN int
	OpsReps    int
	OpsWarmup  int
	// The calls suite (bench/go/calls): Iallreduce beside a computation
	// of CallsCompute seconds, Put/Get, persistent vs plain ping-pong.
	CallsOverlapSizes string
	CallsRMASizes     string
	CallsSendSizes    string
	CallsCompute      float64
	CallsBudget       int64
	CallsMaxIters     int
	CallsOverlapIters int // the overlap cases compute for CallsCompute per call
	// The overhead suite: timed iterations of each 8-byte step (overhead.go).
	OverheadIters int
	// The interhost suite (interhost.go).
	Interhost interhostConfig
	// The distops suite (distops.go).
	Distops distopsConfig
}

func fullConfig() config {
	return config{
		Rounds:        map[string]int{"overhead": 5, "pingpong": 9, "noncontig": 7, "coll": 5, "objects": 5, "kernels": 5, "dist": 5, "ops": 5, "calls": 5, "interhost": 5, "distops": 5},
		PingSizes:     pow2Sizes(8, 64<<20),
		PingBudget:    32 << 20,
		NoncontigN:    2048,
		NoncontigIter: 5,
		CollSizes:     "8,64K,8M",
		CollBudget:    32 << 20,
		ObjSizes:      "16,1K,64K,1M",
		ObjBudget:     16 << 20,
		KernelN:       4096,
		KernelReps:    7,
		ViewIters:     200000,

		DistN:           2048,
		DistHaloIters:   1000,
		DistN3:          128,
		DistRedistIters: 20,

		OpsN:       4096,
		OpsMatMulN: 1024,
		OpsReps:    5,
		OpsWarmup:  2,

		CallsOverlapSizes: "8,64K,1M",
		CallsRMASizes:     "8,64K,1M,16M",
		CallsSendSizes:    "8,64K,1M,16M",
		CallsCompute:      200e-6,
		CallsBudget:       32 << 20,
		CallsMaxIters:     2000,
		CallsOverlapIters: 200,

		OverheadIters: 200000,

		Interhost: interhostConfig{PingSizes: "8,64,512,4K,32K,256K,1M,2M,4M", PingBudget: 16 << 20, MaxIters: 1000, CollSizes: "8,64K,1M,4M", CollBudget: 16 << 20},

		Distops: distopsConfig{N: 8192, MatMulN: 2048, FFTN: 256, WeakN: 4096, WeakMatMulN: 1024, WeakFFTN: 128,
			Reps: 5, HeavyReps: 2, StrongRanks: []int{2, 4}, WeakRanks: []int{1, 2, 4}},
	}
}

func quickConfig() config {
	return config{
		Quick:         true,
		Rounds:        map[string]int{"overhead": 3, "pingpong": 3, "noncontig": 3, "coll": 3, "objects": 3, "kernels": 3, "dist": 3, "ops": 3, "calls": 3, "interhost": 3, "distops": 3},
		PingSizes:     "8,64,512,4K,32K,256K,1M,4M",
		PingBudget:    8 << 20,
		NoncontigN:    2048,
		NoncontigIter: 3,
		CollSizes:     "8,64K,8M",
		CollBudget:    8 << 20,
		ObjSizes:      "16,1K,64K",
		ObjBudget:     4 << 20,
		KernelN:       4096,
		KernelReps:    3,
		ViewIters:     50000,

		DistN:           2048,
		DistHaloIters:   300,
		DistN3:          128,
		DistRedistIters: 10,

		OpsN:       4096,
		OpsMatMulN: 1024,
		OpsReps:    3,
		OpsWarmup:  2,

		CallsOverlapSizes: "8,1M",
		CallsRMASizes:     "8,1M,16M",
		CallsSendSizes:    "8,1M",
		CallsCompute:      200e-6,
		CallsBudget:       8 << 20,
		CallsMaxIters:     300,
		CallsOverlapIters: 100,

		OverheadIters: 100000,

		Interhost: interhostConfig{PingSizes: "8,512,32K,1M,4M", PingBudget: 8 << 20, MaxIters: 500, CollSizes: "8,64K,1M", CollBudget: 8 << 20},

		Distops: distopsConfig{N: 4096, MatMulN: 1024, FFTN: 128, WeakN: 2048, WeakMatMulN: 512, WeakFFTN: 64,
			Reps: 3, HeavyReps: 2, StrongRanks: []int{2, 4}, WeakRanks: []int{1, 2, 4}},
	}
}

func roundsText(cfg config, suites []string) string {
	var parts []string
	for _, s := range suites {
		parts = append(parts, fmt.Sprintf("%s ×%d", s, cfg.Rounds[s]))
	}
	return strings.Join(parts, ", ") + " rounds"
}

func pow2Sizes(lo, hi int64) string {
	var s []string
	for v := lo; v <= hi; v *= 2 {
		s = append(s, fmt.Sprint(v))
	}
	return strings.Join(s, ",")
}

// step is one program run: one system, one suite, one round.
type step struct {
	Suite  string
	Round  int // 0 for one-off checks
	System string
	NP     int // 0: not under mpirun
	Argv   []string
	// ExpectFail marks a deliberately wrong program whose receiver must
	// reject what it gets.
	ExpectFail bool
	// Remap adjusts the records of the run (the C ping-pong reused as an
	// anchor of the object suite).
	Remap func(*harness.Record)
	// Launch, if set, is the launcher of an NP-rank run instead of
	// mpirunArgs (the interhost suite's cluster).
	Launch func(np int) []string
	// Env is added to the program's environment (NumPy's thread counts).
	Env []string
	// Parse, if set, makes the records of a program that does not print
	// them (a Go test binary's benchmark lines).
	Parse func(stdout []byte) ([]harness.Record, error)
}

// result is a record with the round it came from.
type result struct {
	harness.Record
	Round int `json:"round"`
}

const python = "/usr/bin/python3" // the first python3 on PATH may lack NumPy and mpi4py

var (
	outDir   = "bench/out"
	binDir   = "bench/out/bin"
	docsDir  = "docs"
	docsFlag *string
)

func main() {
	quick := flag.Bool("quick", false, "fewer sizes, iterations and rounds (for development)")
	rounds := flag.Int("rounds", 0, "rounds for every suite (default 5 or 7 per suite, 3 with -quick)")
	only := flag.String("only", "", "comma-separated suites to run (overhead, pingpong, noncontig, coll, objects, kernels, dist, ops, calls, interhost, distops); the report covers those")
	docsFlag = flag.String("docs", "", "where benchmarks.md and img/ go (default: the repository's docs/)")
	reportOnly := flag.Bool("report", false, "run nothing: rewrite the report and plots from the last run's bench/out/results.jsonl and run.json")
	flag.Parse()
	if err := chdirRoot(); err != nil {
		fatalf("%v", err)
	}
	if *docsFlag != "" {
		docsDir = *docsFlag
	}
	if *reportOnly {
		if err := rewriteReport(); err != nil {
			fatalf("%v", err)
		}
		return
	}

	cfg := fullConfig()
	if *quick {
		cfg = quickConfig()
	}
	if *rounds > 0 {
		for k := range cfg.Rounds {
			cfg.Rounds[k] = *rounds
		}
	}
	suites := harness.ParseList(*only)
	if len(suites) == 0 {
		suites = []string{"overhead", "pingpong", "noncontig", "coll", "objects", "kernels", "dist", "ops", "calls", "distops", "interhost"}
	}
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		fatalf("%v", err)
	}
	setEnv()

	start := time.Now()
	progress("building the C programs (mpicc -O2) and the Go programs (go build)")
	if err := build(); err != nil {
		fatalf("build: %v", err)
	}
	if slices.Contains(suites, "overhead") {
		progress("building the library's benchmark test binaries (go test -c ./mpiarr/internal/mpi/ ./mpiarr/)")
		if err := buildOverheadTests(); err != nil {
			fatalf("build: %v", err)
		}
	}
	mach := machineInfo()
	// Up for the whole run, down at its end or at any exit (fatalf, a
	// signal); a reason instead when namespaces cannot be made here.
	ihSkip := interhostUp(suites)
	steps := plan(cfg, suites)
	progress("%d program runs: %s", len(steps), roundsText(cfg, suites))

	load0 := readLoad()
	cpu0 := readCPU()
	measureStart := time.Now()
	var results []result
	var metas []harness.Record
	var sanity []string
	suiteTime := map[string]time.Duration{}
	for i, s := range steps {
		eta := ""
		if i > 0 {
			per := time.Since(measureStart) / time.Duration(i)
			eta = fmt.Sprintf(", about %s left", roundDur(per*time.Duration(len(steps)-i)))
		}
		what := s.System
		if s.Round > 0 {
			what = fmt.Sprintf("round %d/%d  %s", s.Round, cfg.Rounds[s.Suite], s.System)
		}
		np := ""
		if s.NP > 0 {
			np = fmt.Sprintf(" (np=%d)", s.NP)
		}
		progress("[%3d/%d %s%s] %-9s %s%s", i+1, len(steps), roundDur(time.Since(start)), eta, s.Suite, what, np)
		t0 := time.Now()
		recs, err := runStep(s, cfg)
		suiteTime[s.Suite] += time.Since(t0)
		if s.ExpectFail {
			if err == nil {
				fatalf("%s: the deliberately wrong program was accepted: the receiver's check does not work", s.System)
			}
			sanity = append(sanity, fmt.Sprintf("a %s was rejected by the receiver's check, as it must be (`%s`)", s.System, firstLine(err.Error())))
			continue
		}
		if err != nil {
			fatalf("%s %s: %v", s.Suite, s.System, err)
		}
		for _, r := range recs {
			if r.Meta {
				metas = append(metas, r)
				continue
			}
			if r.Check != "ok" || r.Seconds <= 0 {
				fatalf("%s %s: bad record %+v", s.Suite, s.System, r)
			}
			if s.Remap != nil {
				s.Remap(&r)
			}
			results = append(results, result{Record: r, Round: s.Round})
		}
	}
	interhostDown()
	elapsed := time.Since(start)
	measured := time.Since(measureStart)
	run := runInfo{
		Config: cfg, Suites: suites, Start: start, Elapsed: elapsed, Measured: measured,
		Load0: load0, Load1: readLoad(), Others: othersCPU(cpu0, readCPU(), measured), SuiteTime: suiteTime,
		Sanity: sanity, Metas: metas, Machine: mach, Steps: len(steps), InterhostSkip: ihSkip,
	}
	if err := saveResults(results, run); err != nil {
		fatalf("%v", err)
	}
	// Go and NumPy must have computed the same results (the records are
	// saved first, for a look at the odd one).
	if err := checkOps(results); err != nil {
		fatalf("%v", err)
	}
	if err := checkDistops(results); err != nil {
		fatalf("%v", err)
	}
	progress("writing %s/benchmarks.md and plots in %s/img", docsDir, docsDir)
	rep := newReport(results, run)
	if err := rep.write(); err != nil {
		fatalf("report: %v", err)
	}
	progress("done in %s; verdicts:", roundDur(time.Since(start)))
	for _, g := range rep.goals {
		fmt.Fprintf(os.Stderr, "    %-8s %-3s %s: %s [best rounds: %s]\n", verdictWord(g.Met), g.ID, g.Name, g.Measured, verdictWord(g.BestMet))
	}
}

// pyMalloc makes glibc's malloc in the mpi4py object programs keep the
// memory they free for reuse, as Go's heap does, rather than map each large
// block afresh and return it when freed (the two thresholds at 1 GiB).
var pyMalloc = []string{"MALLOC_MMAP_THRESHOLD_=1073741824", "MALLOC_TRIM_THRESHOLD_=1073741824"}

// setEnv makes the runs like-for-like: mpirun may run as root, and
// ndmpi's checked mode (an extra collective per call) stays off.
func setEnv() {
	os.Setenv("OMPI_ALLOW_RUN_AS_ROOT", "1")
	os.Setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
	os.Unsetenv("NDMPI_CHECK")
	// Command-line --mca flags win over these, but do not let a stray
	// transport setting from the caller's environment slip in.
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "OMPI_MCA_") {
			os.Unsetenv(k)
		}
	}
}

// chdirRoot makes the repository root the working directory: runbench
// may be started there (make bench) or in bench/, the root of its module
// (go -C bench run ./cmd/runbench). A relative -docs is taken from where
// it was started.
func chdirRoot() error {
	if isRoot(".") {
		return nil
	}
	if !isRoot("..") {
		return errors.New("run me from the repository root or from bench/ (make bench)")
	}
	if *docsFlag != "" && !filepath.IsAbs(*docsFlag) {
		*docsFlag = filepath.Join("bench", *docsFlag)
	}
	return os.Chdir("..")
}

// isRoot reports whether dir is the repository root.
func isRoot(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "bench", "cmd", "runbench"))
	return err == nil
}

func goTool() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

func build() error {
	for _, p := range []string{"pingpong", "noncontig", "coll", "dist", "calls", "overhead"} {
		cmd := exec.Command("mpicc", "-O2", "-Wall", "-o", filepath.Join(binDir, "c-"+p), filepath.Join("bench/c", p+".c"))
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("mpicc %s: %v\n%s", p, err, out)
		}
	}
	// The Go programs belong to the bench module: build them inside it.
	abs, err := filepath.Abs(binDir)
	if err != nil {
		return err
	}
	for _, p := range []string{"pingpong", "noncontig", "coll", "objects", "kernels", "dist", "ops", "calls", "distops"} {
		cmd := exec.Command(goTool(), "build", "-o", filepath.Join(abs, "go-"+p), "./go/"+p)
		cmd.Dir = "bench"
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", p, err, out)
		}
	}
	return nil
}

// mpirunArgs: two ranks bound to one core each (the ping-pong latency
// setting), four ranks oversubscribed on the two cores unbound. Shared
// memory (ob1 over the vader BTL) for every system.
func mpirunArgs(np int) []string {
	a := []string{"mpirun", "-np", fmt.Sprint(np)}
	if np <= 2 {
		a = append(a, "--bind-to", "core")
	} else {
		a = append(a, "--oversubscribe", "--bind-to", "none")
	}
	return append(a, "--mca", "pml", "ob1", "--mca", "btl", "self,vader")
}

func bin(name string) string { return filepath.Join(binDir, name) }

func pyScript(name string) []string { return []string{python, filepath.Join("bench/py", name+".py")} }

func plan(cfg config, suites []string) []step {
	var steps []step
	want := map[string]bool{}
	for _, s := range suites {
		want[s] = true
	}
	// Round r runs every system once, starting with system r-1 (A B C,
	// B C A, C A B, ...), so that no system always follows the same one.
	rounds := func(suite string, np int, systems []step) {
		for r := 1; r <= cfg.Rounds[suite]; r++ {
			for i := range systems {
				s := systems[(i+r-1)%len(systems)]
				s.Suite, s.Round, s.NP = suite, r, np
				steps = append(steps, s)
			}
		}
	}
	if want["interhost"] && ihCluster != "" {
		interhostPlan(cfg, rounds)
	}
	if want["overhead"] {
		// One rank: a Send+Recv pair of 8 bytes to itself, the calls
		// alone, and the steps between C's pair and Go's (overhead.go).
		args := []string{"-sizes", "8", "-max-iters", fmt.Sprint(cfg.OverheadIters)}
		rounds("overhead", 1, append([]step{
			{System: "c", Argv: append([]string{bin("c-pingpong")}, args...)},
			{System: "go", Argv: append([]string{bin("go-pingpong")}, args...)},
			{System: "mpi4py", Argv: append(pyScript("pingpong"), args...)},
		}, overheadStepRuns(cfg)...))
	}
	if want["pingpong"] {
		args := []string{"-sizes", cfg.PingSizes, "-budget", fmt.Sprint(cfg.PingBudget)}
		rounds("pingpong", 2, []step{
			{System: "c", Argv: append([]string{bin("c-pingpong")}, args...)},
			{System: "go", Argv: append([]string{bin("go-pingpong")}, args...)},
			{System: "mpi4py", Argv: append(pyScript("pingpong"), args...)},
			// Diagnostic: the C program with buffers of 4 MiB or more on
			// transparent huge pages, as NumPy allocates its arrays.
			{System: "c-huge", Argv: append([]string{bin("c-pingpong"), "-hugepages", "1", "-system", "c-huge"}, args...)},
		})
	}
	if want["noncontig"] {
		args := []string{"-n", fmt.Sprint(cfg.NoncontigN), "-iters", fmt.Sprint(cfg.NoncontigIter)}
		c := func(method string) step {
			return step{System: "c-" + method, Argv: append([]string{bin("c-noncontig"), "-method", method, "-system", "c-" + method}, args...)}
		}
		g := func(layout string) step {
			return step{System: "go-" + layout, Argv: append([]string{bin("go-noncontig"), "-layout", layout}, args...)}
		}
		wrong := c("memorder")
		wrong.Suite, wrong.NP, wrong.ExpectFail = "noncontig", 2, true
		wrong.Argv = append(wrong.Argv, "-cases", "transpose")
		wrong.System = "deliberately wrong C program (a.T sent in memory order)"
		steps = append(steps, wrong)
		rounds("noncontig", 2, []step{
			c("derived"), c("pack"), g("pack"), g("derived"),
			{System: "mpi4py", Argv: append(pyScript("noncontig"), args...)},
			c("contig"),
		})
	}
	if want["coll"] {
		args := []string{"-sizes", cfg.CollSizes, "-budget", fmt.Sprint(cfg.CollBudget)}
		for _, np := range []int{2, 4} {
			rounds("coll", np, []step{
				{System: "c", Argv: append([]string{bin("c-coll")}, args...)},
				{System: "go", Argv: append([]string{bin("go-coll")}, args...)},
				{System: "mpi4py", Argv: append(pyScript("coll"), args...)},
				{System: "c-huge", Argv: append([]string{bin("c-coll"), "-hugepages", "1", "-system", "c-huge"}, args...)},
			})
		}
	}
	if want["objects"] {
		args := []string{"-sizes", cfg.ObjSizes, "-budget", fmt.Sprint(cfg.ObjBudget), "-min-iters", "2"}
		sizes, _ := harness.ParseSizes(cfg.ObjSizes)
		var bytesSizes []string
		for _, n := range sizes {
			bytesSizes = append(bytesSizes, fmt.Sprint(8*n))
		}
		// A process per payload, its sizes ascending: a payload does not
		// start in a heap the previous one grew to tens of MiB. In one
		// process, 512 KiB arrays after 24 MiB dicts took 1.5 ms a round
		// trip in Go (user and system time, no page faults) for seconds,
		// 0.15 ms in a process of their own. mpi4py runs with glibc's
		// malloc keeping what it frees (pyMalloc): by default it returns
		// large blocks to the system and faults them in again, and a dict
		// of 64 Ki elements took 13-17 ms one way instead of 0.3-0.4.
		systems := []step{{System: "c-buffer", Argv: []string{bin("c-pingpong"), "-system", "c-buffer", "-bench", "objects",
			"-sizes", strings.Join(bytesSizes, ","), "-budget", fmt.Sprint(cfg.ObjBudget), "-min-iters", "2"},
			Remap: func(r *harness.Record) { r.Case, r.Size = "array", r.Size/8 }}}
		for _, p := range []string{"list", "dict", "dict-slices", "array", "array-gob"} {
			systems = append(systems, step{System: "go", Argv: append([]string{bin("go-objects"), "-payloads", p}, args...)})
			if !strings.Contains(p, "-") {
				systems = append(systems, step{System: "mpi4py", Argv: append(pyScript("objects"), append([]string{"-payloads", p}, args...)...),
					Env: pyMalloc})
			}
		}
		rounds("objects", 2, systems)
	}
	if want["kernels"] {
		args := []string{"-n", fmt.Sprint(cfg.KernelN), "-reps", fmt.Sprint(cfg.KernelReps), "-view-iters", fmt.Sprint(cfg.ViewIters)}
		rounds("kernels", 0, []step{
			{System: "go", Argv: append([]string{bin("go-kernels")}, args...)},
			{System: "numpy", Argv: append(pyScript("kernels"), args...)},
			// Diagnostic: the kernels that allocate nothing, on arrays
			// wrapped around the program's own slices (4 KiB pages).
			{System: "go-plain", Argv: append([]string{bin("go-kernels"), "-plain", "-system", "go-plain",
				"-cases", "sum,copy_into,transpose_into,add_into"}, args...)},
		})
	}
	if want["ops"] {
		// The cases the Go program has (an operation not yet in the
		// library is missing there), NumPy the same ones.
		cases, err := opsCaseList()
		if err != nil {
			fatalf("%v", err)
		}
		args := []string{"-n", fmt.Sprint(cfg.OpsN), "-matmul-n", fmt.Sprint(cfg.OpsMatMulN), "-reps", fmt.Sprint(cfg.OpsReps),
			"-warmup", fmt.Sprint(cfg.OpsWarmup), "-cases", cases}
		rounds("ops", 0, []step{
			{System: "go", Argv: append([]string{bin("go-ops")}, args...)},
			{System: "numpy", Argv: append(pyScript("ops"), args...)},
		})
	}
	if want["calls"] {
		args := []string{"-overlap-sizes", cfg.CallsOverlapSizes, "-rma-sizes", cfg.CallsRMASizes, "-send-sizes", cfg.CallsSendSizes,
			"-compute", fmt.Sprint(cfg.CallsCompute), "-budget", fmt.Sprint(cfg.CallsBudget), "-max-iters", fmt.Sprint(cfg.CallsMaxIters), "-overlap-iters", fmt.Sprint(cfg.CallsOverlapIters)}
		rounds("calls", 2, []step{
			{System: "c", Argv: append([]string{bin("c-calls")}, args...)},
			{System: "go", Argv: append([]string{bin("go-calls")}, args...)},
			{System: "mpi4py", Argv: append(pyScript("calls"), args...)},
		})
	}
	if want["distops"] {
		distopsPlan(cfg, rounds)
	}
	if want["dist"] {
		// Two ranks: the rows (contiguous faces) and the columns (strided
		// faces) of the halo exchange apart; four ranks: a 2x2 grid.
		for _, run := range []struct {
			np    int
			grids string
		}{{2, "2x1,1x2"}, {4, "2x2"}} {
			args := []string{"-n", fmt.Sprint(cfg.DistN), "-halo-iters", fmt.Sprint(cfg.DistHaloIters), "-grids", run.grids,
				"-n3", fmt.Sprint(cfg.DistN3), "-redist-iters", fmt.Sprint(cfg.DistRedistIters)}
			rounds("dist", run.np, []step{
				{System: "c", Argv: append([]string{bin("c-dist")}, args...)},
				{System: "go-derived", Argv: append([]string{bin("go-dist"), "-layout", "derived"}, args...)},
				{System: "go-pack", Argv: append([]string{bin("go-dist"), "-layout", "pack"}, args...)},
				{System: "mpi4py", Argv: append(pyScript("dist"), args...)},
			})
		}
	}
	return steps
}

// runStep runs one program and parses its records. A failing program
// fails the step with the tail of its error output.
func runStep(s step, cfg config) ([]harness.Record, error) {
	argv := s.Argv
	switch {
	case s.Launch != nil:
		argv = append(s.Launch(s.NP), argv...)
	case s.NP > 0:
		argv = append(mpirunArgs(s.NP), argv...)
	}
	limit := 240 * time.Second
	switch {
	case s.Suite == "distops" && !cfg.Quick:
		// NumPy's MatMul of 2048² on the reference BLAS alone takes
		// 5-20 s a call on a loaded machine.
		limit = 600 * time.Second
	case cfg.Quick:
		limit = 90 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	if len(s.Env) > 0 {
		cmd.Env = append(os.Environ(), s.Env...)
	}
	// mpirun forwards SIGTERM to the ranks and cleans up.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	logStep(s, argv, stdout.Bytes(), stderr.Bytes())
	if ctx.Err() != nil {
		return nil, fmt.Errorf("timed out after %s: %s", limit, strings.Join(argv, " "))
	}
	if err != nil {
		return nil, fmt.Errorf("%v: %s\n%s", err, strings.Join(argv, " "), tail(stderr.String(), 20))
	}
	if s.Parse != nil {
		recs, err := s.Parse(stdout.Bytes())
		if err != nil {
			return nil, fmt.Errorf("%v: %s", err, strings.Join(argv, " "))
		}
		return recs, nil
	}
	var recs []harness.Record
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var r harness.Record
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("bad output line %q: %v", line, err)
		}
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		return nil, errors.New("no records: " + strings.Join(argv, " "))
	}
	return recs, nil
}

var logFile *os.File

// logStep appends the command and its output to bench/out/runbench.log.
func logStep(s step, argv []string, stdout, stderr []byte) {
	if logFile == nil {
		var err error
		if logFile, err = os.Create(filepath.Join(outDir, "runbench.log")); err != nil {
			return
		}
	}
	fmt.Fprintf(logFile, "=== %s round %d %s\n$ %s\n%s", s.Suite, s.Round, s.System, strings.Join(argv, " "), stdout)
	if len(stderr) > 0 {
		fmt.Fprintf(logFile, "--- stderr\n%s", stderr)
	}
}

// saveResults keeps the records and the run's description in bench/out,
// from which -report rewrites the report.
func saveResults(results []result, run runInfo) error {
	b, err := json.MarshalIndent(run, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(outDir, "run.json"), b, 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(outDir, "results.jsonl"))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, r := range results {
		if err := enc.Encode(r); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

func rewriteReport() error {
	var run runInfo
	b, err := os.ReadFile(filepath.Join(outDir, "run.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &run); err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(outDir, "results.jsonl"))
	if err != nil {
		return err
	}
	defer f.Close()
	var results []result
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return err
		}
		results = append(results, r)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	progress("rewriting %s/benchmarks.md and plots from %s", docsDir, outDir)
	return newReport(results, run).write()
}

func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "runbench: "+format+"\n", args...)
}

func fatalf(format string, args ...any) {
	interhostDown()
	fmt.Fprintf(os.Stderr, "runbench: "+format+"\n", args...)
	os.Exit(1)
}

func roundDur(d time.Duration) string {
	d = d.Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "want") {
			return strings.TrimSpace(l)
		}
	}
	l, _, _ := strings.Cut(s, "\n")
	return l
}
