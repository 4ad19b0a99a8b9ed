package main

import (
	"math"
	"strings"
	"testing"
)

// The decomposition telescopes: each step adds its difference from the
// one before, the rows sum to the program's Go pair, and the one-way gap
// splits into the calls and the rest, which may be negative.
func TestBreakdown(t *testing.T) {
	ns := func(x float64) float64 { return x * 1e-9 }
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-15 {
			t.Errorf("%s = %.3g ns, want %.3g ns", name, got*1e9, want*1e9)
		}
	}
	times := pathTimes{
		CPair: ns(160), CPolled: ns(300), CWtime: ns(35),
		GoWtime: ns(65), GoBlocking: ns(290), GoPolled: ns(340),
		ProcNullSend: ns(40), ProcNullRecv: ns(75),
		MpiarrPair: ns(450), GoPair: ns(460),
	}
	for _, tc := range []struct {
		name              string
		c, g, py          float64 // one-way, 2 ranks; 0: no ping-pong
		gap, sched, third float64
		met               bool
	}{
		{"no ping-pong", 0, 0, 0, 0, 0, 0, false},
		// Gap 400 ns, calls 300 ns: 100 ns of waiting.
		{"waiting costs Go more", 470, 870, 1070, 400, 100, 200, false},
		// Gap 140 ns < the calls' 300 ns: part of them is hidden.
		{"calls partly hidden", 470, 610, 780, 140, -160, 310.0 / 3, false},
		{"goal met", 470, 560, 1070, 90, -210, 200, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := times
			if tc.c > 0 {
				in.COneWay, in.GoOneWay, in.PyOneWay, in.hasPingpong = ns(tc.c), ns(tc.g), ns(tc.py), true
			}
			b := breakdown(in)
			near("C", b.C.Adds, ns(160))
			near("polled form", b.PolledForm.Adds, ns(140))
			near("trips", b.Trips.Adds, ns(40))
			near("checks", b.Checks.Adds, ns(110))
			near("timing", b.Timing.Adds, ns(10))
			near("time at the checks' step", b.Checks.Time, ns(450))
			near("rows' sum", b.Sum, in.GoPair)
			near("Polled − C pair", b.Cgo, ns(180))
			near("one trip", b.Trip, ns(30))
			near("blocking − C pair", b.Blocking, ns(130))
			near("PROC_NULL pair", b.ProcNull, ns(115))
			near("above the binding", b.ChecksPart, ns(120))
			if b.Ping != (tc.c > 0) {
				t.Fatalf("Ping = %v with one-way times %v", b.Ping, tc.c > 0)
			}
			if !b.Ping {
				return
			}
			near("gap", b.Gap, ns(tc.gap))
			near("calls", b.Calls, ns(300))
			near("scheduling", b.Sched, ns(tc.sched))
			near("calls + scheduling", b.Calls+b.Sched, b.Gap)
			near("⅓ (mpi4py − C)", b.GoalThird, ns(tc.third))
			near("over the goal", b.OverGoal, ns(tc.gap-tc.third))
			if met := b.OverGoal <= 0; met != tc.met {
				t.Errorf("goal met = %v, want %v", met, tc.met)
			}
		})
	}
}

// A test binary's benchmark lines become one record per benchmark, the
// median of its counts, with or without the GOMAXPROCS suffix; a skipped,
// unknown or missing benchmark is an error.
func TestParseGoBench(t *testing.T) {
	out := `goos: linux
pkg: github.com/ndmpi/ndmpi/mpiarr/internal/mpi
BenchmarkSelfSteps8B/Wtime         	  200000	        87.08 ns/op
BenchmarkSelfSteps8B/Wtime         	  200000	        165.3 ns/op
BenchmarkSelfSteps8B/Wtime         	  200000	        65.48 ns/op
BenchmarkSendRecvSelf8B-2 	  100000	       427.8 ns/op	       0 B/op	       0 allocs/op
PASS
`
	recs, err := parseGoBench([]byte(out), []string{"wtime", "mpiarr_pair"})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2: %+v", len(recs), recs)
	}
	w, p := recs[0], recs[1]
	if w.Case != "wtime" || w.System != "go" || w.Bench != "overhead" || w.NP != 1 || w.Size != 8 || w.Iters != 600000 {
		t.Errorf("Wtime record %+v", w)
	}
	if math.Abs(w.Seconds-87.08e-9) > 1e-15 || math.Abs(w.Mean-(87.08+165.3+65.48)/3*1e-9) > 1e-15 {
		t.Errorf("Wtime: median %g, mean %g", w.Seconds, w.Mean)
	}
	if p.Case != "mpiarr_pair" || math.Abs(p.Seconds-427.8e-9) > 1e-15 {
		t.Errorf("SendRecvSelf8B-2 record %+v", p)
	}
	for _, bad := range []struct{ out, says string }{
		{"--- SKIP: BenchmarkSelfSteps8B\n    bench_test.go:1: MPICH\nPASS\n", "did not run"},
		{"BenchmarkOther 	 10	 5.0 ns/op\n", "unexpected benchmark"},
		{out, "no result for polled"},
	} {
		if _, err := parseGoBench([]byte(bad.out), []string{"wtime", "polled"}); err == nil || !strings.Contains(err.Error(), bad.says) {
			t.Errorf("%q: error %v, want one saying %q", bad.out, err, bad.says)
		}
	}
}

// The section renders from a run's stats: the rows add up to Go's pair,
// and without the ping-pong or without a step's runs it says no more than
// it measured.
func TestPathSection(t *testing.T) {
	s := func(ns float64) *stat { return &stat{Median: ns * 1e-9, Min: ns * 1e-9, Max: ns * 1e-9, N: 3} }
	stats := map[key]*stat{}
	o := func(cas, system string, ns float64) { stats[key{"overhead", cas, 1, 8, system}] = s(ns) }
	o("", "c", 160)
	o("polled", "c", 300)
	o("wtime", "c", 35)
	o("wtime", "go", 65)
	o("blocking", "go", 290)
	o("polled", "go", 340)
	o("procnull_send", "go", 40)
	o("procnull_recv", "go", 75)
	o("mpiarr_pair", "go", 450)
	o("", "go", 460)
	r := &report{stats: stats, run: runInfo{Config: quickConfig()}}
	render := func() string {
		t.Helper()
		d := r.path()
		if d == nil {
			t.Fatal("no section from a complete overhead run")
		}
		var b strings.Builder
		if err := reportTemplate.ExecuteTemplate(&b, "path", d); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	text := render()
	for _, want := range []string{"| 160 ns | 160 ns |", "| 300 ns | +140 ns |", "| 340 ns | +40 ns |", "| 450 ns | +110 ns |",
		"| 460 ns | +10 ns |", "30 ns a cgo trip, 60 ns for two; the row's two fast trips", "differ from two bare cgo trips by −20 ns", "take 115 ns together", "-test.benchtime 100000x -test.count 5"} {
		if !strings.Contains(text, want) {
			t.Errorf("the section lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "ping-pong (goal 1a") {
		t.Errorf("the 2-rank part without a ping-pong run:\n%s", text)
	}
	stats[key{"pingpong", "", 2, 8, "c"}] = s(470)
	stats[key{"pingpong", "", 2, 8, "go"}] = s(610)
	stats[key{"pingpong", "", 2, 8, "mpi4py"}] = s(780)
	text = render()
	for _, want := range []string{"Go − C = 140 ns", "= 300 ns more than C's", "minus the calls' 300 ns = −160 ns, is what scheduling and waiting add: negative", "103 ns (mpi4py 780 ns): 37 ns too much"} {
		if !strings.Contains(text, want) {
			t.Errorf("the 2-rank part lacks %q:\n%s", want, text)
		}
	}
	delete(stats, key{"overhead", "polled", 1, 8, "c"})
	if r.path() != nil {
		t.Error("a section without C's polled pair")
	}
}
