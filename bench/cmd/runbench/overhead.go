// The overhead suite's breakdown of the 8-byte path: besides the
// Send+Recv pair to self of C, Go and mpi4py (section 1's call overhead),
// each round runs the steps between C's pair and Go's, so that the
// differences of medians of one run say where each nanosecond goes:
//
//	c-overhead (bench/c/overhead.c)   C's MPI_Wtime; the polled pair in C
//	mpi.test (mpiarr/internal/mpi)    BenchmarkSelfSteps8B, BenchmarkProcNull8B:
//	                                  the binding's trips into C
//	mpiarr.test (mpiarr)              BenchmarkSendRecvSelf8B: comm.Send+Recv
//
// The test binaries are the library's own benchmarks (internal/mpi cannot
// be imported from the bench module), built once with `go test -c` in the
// repository root's module and run under the same mpirun as the other
// programs; their ns/op lines become records here.

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
)

// goBenchCases maps the Go benchmarks the overhead suite runs to the
// cases of their records.
var goBenchCases = map[string]string{
	"SelfSteps8B/Wtime":    "wtime",
	"SelfSteps8B/Blocking": "blocking",
	"SelfSteps8B/Polled":   "polled",
	"ProcNull8B/Send":      "procnull_send",
	"ProcNull8B/Recv":      "procnull_recv",
	"ProcNull8B/Mrecv":     "procnull_mrecv",
	"SendRecvSelf8B":       "mpiarr_pair",
}

// overheadTests are the test binaries of the suite: the package they are
// built from and the benchmarks each runs.
var overheadTests = []struct {
	bin, pkg, bench string
	cases           []string // the records each run must give
}{
	{"mpi.test", "./mpiarr/internal/mpi/", "^Benchmark(SelfSteps8B|ProcNull8B)$",
		[]string{"wtime", "blocking", "polled", "procnull_send", "procnull_recv"}},
	{"mpiarr.test", "./mpiarr/", "^BenchmarkSendRecvSelf8B$", []string{"mpiarr_pair"}},
}

// buildOverheadTests builds the library's test binaries that hold the
// binding-level benchmarks, in the root module (the library's own
// go.mod, as `go test` would).
func buildOverheadTests() error {
	abs, err := filepath.Abs(binDir)
	if err != nil {
		return err
	}
	for _, t := range overheadTests {
		cmd := exec.Command(goTool(), "test", "-c", "-o", filepath.Join(abs, t.bin), t.pkg)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go test -c %s: %v\n%s", t.pkg, err, out)
		}
	}
	return nil
}

// overheadStepRuns are the suite's runs besides the three pairs: one per
// program, each a step of the rounds.
func overheadStepRuns(cfg config) []step {
	iters := fmt.Sprint(cfg.OverheadIters)
	steps := []step{{System: "c-steps", Argv: []string{bin("c-overhead"), "-max-iters", iters}}}
	for _, t := range overheadTests {
		steps = append(steps, step{
			System: "go-" + strings.TrimSuffix(t.bin, ".test"),
			Argv: []string{bin(t.bin), "-test.run", "^$", "-test.bench", t.bench,
				"-test.benchtime", iters + "x", "-test.count", fmt.Sprint(harness.Batches)},
			// Under mpirun the binary runs on its rank only; say so anyway.
			Env: []string{"NDMPI_NO_LAUNCH=1"},
			Parse: func(out []byte) ([]harness.Record, error) {
				return parseGoBench(out, t.cases)
			},
		})
	}
	return steps
}

var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+(\d+)\s+([0-9.e+]+) ns/op`)

// parseGoBench turns the output of a test binary's benchmarks, run
// -test.count times, into one record per benchmark: the median of its
// runs' ns/op, as a program's record is the median of its batches. A
// benchmark that was skipped or failed, or a case of want without a
// result, is an error, not a missing row.
func parseGoBench(out []byte, want []string) ([]harness.Record, error) {
	times := map[string][]float64{}
	iters := map[string]int{}
	var order []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "--- SKIP") || strings.HasPrefix(strings.TrimSpace(line), "--- FAIL") {
			return nil, fmt.Errorf("benchmark did not run: %s", strings.TrimSpace(line))
		}
		m := benchLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		cas, ok := goBenchCases[m[1]]
		if !ok {
			return nil, fmt.Errorf("unexpected benchmark %q", m[1])
		}
		n, err := strconv.Atoi(m[2])
		if err != nil {
			return nil, fmt.Errorf("bad iteration count in %q", line)
		}
		ns, err := strconv.ParseFloat(m[3], 64)
		if err != nil || ns <= 0 {
			return nil, fmt.Errorf("bad ns/op in %q", line)
		}
		if _, seen := times[cas]; !seen {
			order = append(order, cas)
		}
		times[cas] = append(times[cas], ns*1e-9)
		iters[cas] += n
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var recs []harness.Record
	for _, cas := range order {
		xs := times[cas]
		sum := 0.0
		for _, x := range xs {
			sum += x
		}
		mean := sum / float64(len(xs))
		recs = append(recs, harness.Record{System: "go", Bench: "overhead", Case: cas, NP: 1, Size: 8,
			Iters: iters[cas], Seconds: harness.Median(xs), Mean: mean, Check: "ok"})
	}
	for _, cas := range want {
		if _, ok := times[cas]; !ok {
			return nil, fmt.Errorf("no result for %s in the output", cas)
		}
	}
	return recs, nil
}

// --- the breakdown

// pathTimes are the medians (seconds) the breakdown is made of; the
// one-way times only with hasPingpong.
type pathTimes struct {
	CPair, CPolled, CWtime        float64 // C: the pair, the polled pair, MPI_Wtime
	GoWtime, GoBlocking, GoPolled float64 // the binding: one trip, the pair in two trips, polled
	ProcNullSend, ProcNullRecv    float64 // the binding's calls that transfer nothing
	MpiarrPair, GoPair            float64 // comm.Send+Recv: mpiarr's benchmark, the go-pingpong program
	COneWay, GoOneWay, PyOneWay   float64 // section 1: the 8-byte one-way times, 2 ranks
	hasPingpong                   bool
}

// pathStep is one row of the decomposition: the cumulative time at that
// step and what the step adds to the one before.
type pathStep struct {
	Time, Adds float64
}

// pathBreakdown is the decomposition of the Go pair into C's calls and
// what each layer adds, and of the 8-byte one-way gap of goal 1a into the
// calls and the rest.
type pathBreakdown struct {
	C, PolledForm, Trips, Checks, Timing pathStep
	// Cgo is the binding's Polled − C's pair: the polled form and the
	// two trips together, what Go pays below mpiarr.
	Cgo float64
	// Trip is one trip into C that does nothing but what C's call does:
	// Go's Wtime − C's MPI_Wtime.
	Trip float64
	// Blocking is what two trips cost without the polled form: the
	// binding's blocking pair − C's pair.
	Blocking float64
	// ProcNull is a Send and a Recv to MPI_PROC_NULL through the binding.
	ProcNull float64

	// The 2-rank ping-pong (valid if Ping).
	Ping       bool
	Gap        float64 // Go one-way − C one-way
	Calls      float64 // Go pair − C pair (the program's pair, section 1)
	Sched      float64 // Gap − Calls: scheduling and waiting
	GoalThird  float64 // ⅓ (mpi4py − C), goal 1a's bound for Gap
	OverGoal   float64 // Gap − GoalThird: what goal 1a still needs removed
	Sum        float64 // C + the added rows: equals the program's Go pair
	ChecksPart float64 // Checks.Adds + Timing.Adds: mpiarr above the binding
}

// breakdown computes the decomposition. The rows telescope: C's pair,
// then each step's median minus the previous step's, so they sum to the
// Go pair of the bench program.
func breakdown(t pathTimes) pathBreakdown {
	var b pathBreakdown
	step := func(prev, cur float64) pathStep { return pathStep{Time: cur, Adds: cur - prev} }
	b.C = pathStep{Time: t.CPair, Adds: t.CPair}
	b.PolledForm = step(t.CPair, t.CPolled)
	b.Trips = step(t.CPolled, t.GoPolled)
	b.Checks = step(t.GoPolled, t.MpiarrPair)
	b.Timing = step(t.MpiarrPair, t.GoPair)
	b.Cgo = t.GoPolled - t.CPair
	b.Trip = t.GoWtime - t.CWtime
	b.Blocking = t.GoBlocking - t.CPair
	b.ProcNull = t.ProcNullSend + t.ProcNullRecv
	b.Sum = b.C.Adds + b.PolledForm.Adds + b.Trips.Adds + b.Checks.Adds + b.Timing.Adds
	b.ChecksPart = b.Checks.Adds + b.Timing.Adds
	if t.hasPingpong {
		b.Ping = true
		b.Gap = t.GoOneWay - t.COneWay
		b.Calls = t.GoPair - t.CPair
		b.Sched = b.Gap - b.Calls
		b.GoalThird = (t.PyOneWay - t.COneWay) / 3
		b.OverGoal = b.Gap - b.GoalThird
	}
	return b
}

// pathData is what the template shows: the rows' cells and the figures
// its prose quotes.
type pathData struct {
	N      int // rounds
	Iters  int // -test.benchtime, in iterations
	Counts int // -test.count
	Rows   []pathRow
	// The comparisons.
	GoWtime, CWtime, Trip, TwoTrips string
	TripsRest                       string // the trips' row beyond two bare trips
	Cgo, PolledForm, TripsAdds      string
	Blocking, GoBlocking            string
	ProcNull                        string
	Checks, Timing                  string
	MpiarrPair, GoPair, CPair       string
	Ping                            *pathPing
}

type pathRow struct{ Step, By, Time, Adds, Spread string }

// pathPing is the 2-rank part: the one-way gap of goal 1a split into the
// calls' overhead and the rest.
type pathPing struct {
	C, Go, Py                 string
	Gap, Calls, Sched, Third  string
	Over                      string // |Gap − Third|: too much, or to spare
	SchedNegative, Met        bool
	PolledForm, Trips, Checks string // the calls' parts, as in the steps table
}

func (r *report) path() *pathData {
	get := func(cas, system string) *stat { return r.get("overhead", cas, 1, 8, system) }
	cPair, cPolled, cWtime := get("", "c"), get("polled", "c"), get("wtime", "c")
	gWtime, gBlocking, gPolled := get("wtime", "go"), get("blocking", "go"), get("polled", "go")
	pnSend, pnRecv := get("procnull_send", "go"), get("procnull_recv", "go")
	mPair, gPair := get("mpiarr_pair", "go"), get("", "go")
	for _, s := range []*stat{cPair, cPolled, cWtime, gWtime, gBlocking, gPolled, pnSend, pnRecv, mPair, gPair} {
		if s == nil {
			return nil
		}
	}
	t := pathTimes{
		CPair: cPair.Median, CPolled: cPolled.Median, CWtime: cWtime.Median,
		GoWtime: gWtime.Median, GoBlocking: gBlocking.Median, GoPolled: gPolled.Median,
		ProcNullSend: pnSend.Median, ProcNullRecv: pnRecv.Median,
		MpiarrPair: mPair.Median, GoPair: gPair.Median,
	}
	pc, pg, pp := r.get("pingpong", "", 2, 8, "c"), r.get("pingpong", "", 2, 8, "go"), r.get("pingpong", "", 2, 8, "mpi4py")
	if pc != nil && pg != nil && pp != nil {
		t.COneWay, t.GoOneWay, t.PyOneWay, t.hasPingpong = pc.Median, pg.Median, pp.Median, true
	}
	b := breakdown(t)
	plus := func(x float64) string {
		if x >= 0 {
			return "+" + fmtDur(x)
		}
		return signed(x)
	}
	d := &pathData{
		N: cPair.N, Iters: r.run.Config.OverheadIters, Counts: harness.Batches,
		Rows: []pathRow{
			{"C's calls: `MPI_Send` + `MPI_Recv`", "C pair (`c-pingpong`, the table above)", fmtDur(b.C.Time), fmtDur(b.C.Adds), spread(cPair)},
			{"+ the polled form mpiarr uses, inside MPI: `MPI_Isend` + `MPI_Test`, `MPI_Irecv` + `MPI_Test`", "C polled pair (`c-overhead`)", fmtDur(b.PolledForm.Time), plus(b.PolledForm.Adds), spread(cPolled)},
			{"+ two trips into C through the binding (fast calls: asmcgocall of a shim; the status conversion)", "binding, polled (`BenchmarkSelfSteps8B/Polled`)", fmtDur(b.Trips.Time), plus(b.Trips.Adds), spread(gPolled)},
			{"+ mpiarr's Go-side checks and bookkeeping (`comm.Send`, `comm.Recv` of an `*ndarray.Array`)", "mpiarr pair (`BenchmarkSendRecvSelf8B`)", fmtDur(b.Checks.Time), plus(b.Checks.Adds), spread(mPair)},
			{"+ the timing loop (the same calls timed by the bench program instead of `testing.B`)", "Go pair (`go-pingpong`, the table above)", fmtDur(b.Timing.Time), plus(b.Timing.Adds), spread(gPair)},
		},
		GoWtime: fmtDur(t.GoWtime), CWtime: fmtDur(t.CWtime), Trip: signed(b.Trip), TwoTrips: signed(2 * b.Trip),
		TripsRest: signed(b.Trips.Adds - 2*b.Trip),
		Cgo:       signed(b.Cgo), PolledForm: signed(b.PolledForm.Adds), TripsAdds: signed(b.Trips.Adds),
		Blocking: signed(b.Blocking), GoBlocking: fmtDur(t.GoBlocking),
		ProcNull: fmtDur(b.ProcNull),
		Checks:   signed(b.Checks.Adds), Timing: signed(b.Timing.Adds),
		MpiarrPair: fmtDur(t.MpiarrPair), GoPair: fmtDur(t.GoPair), CPair: fmtDur(t.CPair),
	}
	if b.Ping {
		p := &pathPing{
			C: fmtT(pc), Go: fmtT(pg), Py: fmtT(pp),
			Gap: signed(b.Gap), Calls: signed(b.Calls), Sched: signed(b.Sched),
			Third: fmtDur(b.GoalThird), Over: fmtDur(math.Abs(b.OverGoal)),
			SchedNegative: b.Sched < 0, Met: b.OverGoal <= 0,
			PolledForm: signed(b.PolledForm.Adds), Trips: signed(b.Trips.Adds), Checks: signed(b.ChecksPart),
		}
		d.Ping = p
	}
	return d
}

// signed is fmtDur with a minus sign (not a hyphen) for a negative
// difference.
func signed(x float64) string {
	if x < 0 {
		return "−" + fmtDur(-x)
	}
	return fmtDur(x)
}
