// The report: docs/benchmarks.md is report.md.tmpl (the prose and the
// layout) executed on a reportData, which one function per section
// computes from the medians (the tables' cells, the goals' verdicts); the
// same functions draw the plots. Section functions are in sections.go.

package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
)

// runInfo is what the report says about the run itself.
type runInfo struct {
	Config    config
	Suites    []string
	Start     time.Time
	Elapsed   time.Duration
	Measured  time.Duration
	Load0     string
	Load1     string
	Others    float64 // share of the CPU used by other processes, -1 if unknown
	SuiteTime map[string]time.Duration
	Sanity    []string
	Metas     []harness.Record
	Machine   machine
	Steps     int
	// InterhostSkip: why the interhost suite could not run here ("" if
	// it ran or was not asked for).
	InterhostSkip string `json:",omitempty"`
}

type key struct {
	Bench, Case string
	NP          int
	Size        int64
	System      string
}

// stat is the distribution over rounds of one measurement.
type stat struct {
	Median, Min, Max float64
	N                int
	Allocs           float64
	Iters            int
	Info             string // of the last record (the ops suite: the result's checksum)
}

type goal struct {
	ID, Name, Target, Measured string
	Met                        bool
	Note                       string
	// The same evaluation on the best rounds (each system's minimum over
	// the rounds): contention only slows runs down.
	BestMeasured string
	BestMet      bool
}

// pick chooses the figure of a distribution a goal is evaluated on.
type pick func(*stat) float64

func byMedian(s *stat) float64 { return s.Median }
func byMin(s *stat) float64    { return s.Min }

// evalGoal evaluates a goal on the medians (the verdict) and on the best
// rounds (a cross-check against the machine's noise).
func (r *report) evalGoal(id, name, target, note string, eval func(p pick) (string, bool)) {
	g := goal{ID: id, Name: name, Target: target, Note: note}
	g.Measured, g.Met = eval(byMedian)
	g.BestMeasured, g.BestMet = eval(byMin)
	r.addGoal(g)
}

type report struct {
	stats map[key]*stat
	run   runInfo
	goals []goal
}

func newReport(results []result, run runInfo) *report {
	samples := map[key][]float64{}
	r := &report{stats: map[key]*stat{}, run: run}
	for _, res := range results {
		k := key{res.Bench, res.Case, res.NP, res.Size, res.System}
		samples[k] = append(samples[k], res.Seconds)
		s := r.stats[k]
		if s == nil {
			s = &stat{}
			r.stats[k] = s
		}
		s.Allocs = math.Max(s.Allocs, res.Allocs)
		s.Iters = res.Iters
		s.Info = res.Info
	}
	for k, xs := range samples {
		s := r.stats[k]
		s.N = len(xs)
		s.Min, s.Max = slices.Min(xs), slices.Max(xs)
		s.Median = harness.Median(xs)
	}
	return r
}

func (r *report) get(bench, cas string, np int, size int64, system string) *stat {
	return r.stats[key{bench, cas, np, size, system}]
}

// sizes lists the sizes measured for a bench/case/np, ascending.
func (r *report) sizes(bench, cas string, np int) []int64 {
	seen := map[int64]bool{}
	for k := range r.stats {
		if k.Bench == bench && k.Case == cas && k.NP == np {
			seen[k.Size] = true
		}
	}
	var out []int64
	for s := range seen {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func (r *report) has(suite string) bool { return slices.Contains(r.run.Suites, suite) }

//go:embed report.md.tmpl
var reportText string

var reportTemplate = template.Must(template.New("report.md.tmpl").Funcs(template.FuncMap{
	"verdict":     verdict,
	"verdictWord": verdictWord,
	"join":        strings.Join,
}).Parse(reportText))

// reportData is what report.md.tmpl renders, section by section; a nil
// section is a suite that did not run (or, for the call overhead, whose
// three systems were not all measured).
type reportData struct {
	Header    headerData
	Summary   summaryData
	Method    methodData
	Pingpong  *pingpongData
	Overhead  *overheadData
	Noncontig *noncontigData
	Coll      *collData
	Objects   *objectsData
	Kernels   *kernelsData
	Dist      *distData
	Ops       *opsData
	Calls     *callsData
	Distops   *distopsData
	Interhost *interhostData
	Machine   machineData
}

// write renders docs/benchmarks.md and draws docs/img/*.png.
func (r *report) write() error {
	if err := os.MkdirAll(filepath.Join(docsDir, "img"), 0o755); err != nil {
		return err
	}
	d, err := r.data()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, d); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(docsDir, "benchmarks.md"), b.Bytes(), 0o644)
}

// data computes every section. The benchmark sections come first: they
// evaluate the goals that the summary at the top lists.
func (r *report) data() (*reportData, error) {
	var d reportData
	sections := []struct {
		suite string
		f     func() error
	}{
		{"pingpong", func() (err error) { d.Pingpong, err = r.pingpong(); return }},
		{"overhead", func() (err error) { d.Overhead = r.overhead(); return nil }},
		{"noncontig", func() (err error) { d.Noncontig, err = r.noncontig(); return }},
		{"coll", func() (err error) { d.Coll, err = r.coll(); return }},
		{"objects", func() (err error) { d.Objects, err = r.objects(); return }},
		{"kernels", func() (err error) { d.Kernels, err = r.kernels(); return }},
		{"dist", func() (err error) { d.Dist, err = r.dist(); return }},
		{"ops", func() (err error) { d.Ops, err = r.ops(); return }},
		{"calls", func() (err error) { d.Calls = r.calls(); return nil }},
		{"distops", func() (err error) { d.Distops, err = r.distops(); return }},
		{"interhost", func() (err error) { d.Interhost = r.interhost(); return nil }},
	}
	for _, s := range sections {
		if !r.has(s.suite) {
			continue
		}
		if err := s.f(); err != nil {
			return nil, fmt.Errorf("%s: %w", s.suite, err)
		}
	}
	d.Header = r.header()
	d.Summary = r.summary()
	d.Method = r.method()
	d.Machine = r.machine()
	return &d, nil
}

// headerData: when and how the run was made, and the machine's load.
type headerData struct {
	Date          string
	Code          string
	Quick         bool
	Rounds        string
	Steps         int
	Elapsed       string
	Measured      string
	CPU, Cores    string
	LoadKnown     bool
	Load0, Load1  string
	OthersPercent float64
}

func (r *report) header() headerData {
	run := r.run
	return headerData{
		Date:          run.Machine.Date,
		Code:          run.Machine.Code,
		Quick:         run.Config.Quick,
		Rounds:        roundsText(run.Config, run.Suites),
		Steps:         run.Steps,
		Elapsed:       roundDur(run.Elapsed),
		Measured:      roundDur(run.Measured),
		CPU:           run.Machine.CPU,
		Cores:         run.Machine.Cores,
		LoadKnown:     run.Others >= 0,
		Load0:         run.Load0,
		Load1:         run.Load1,
		OthersPercent: 100 * run.Others,
	}
}

// summaryData: the goals' table at the top.
type summaryData struct {
	Goals  []goal
	Met    int
	Missed []string // the IDs of the goals not met
}

func (r *report) summary() summaryData {
	s := summaryData{Goals: r.goals}
	for _, g := range r.goals {
		if g.Met {
			s.Met++
		} else {
			s.Missed = append(s.Missed, g.ID)
		}
	}
	return s
}

// methodData: how the figures are made.
type methodData struct {
	Rounds    string
	Batches   int
	Sanity    []string // the deliberately wrong programs' rejections
	Transport string
	NumCPU    int
	Threads   string // the thread levels granted, "" if unknown
	THP       string // the transparent-huge-page mode
}

func (r *report) method() methodData {
	run := r.run
	threads := map[string]string{}
	for _, m := range run.Metas {
		if m.Thread != "" {
			fam := m.System
			switch {
			case strings.HasPrefix(fam, "c"):
				fam = "C"
			case strings.HasPrefix(fam, "go"):
				fam = "Go"
			default:
				fam = "mpi4py"
			}
			if prev, ok := threads[fam]; ok && prev != m.Thread {
				threads[fam] = prev + "/" + m.Thread
			} else {
				threads[fam] = m.Thread
			}
		}
	}
	var parts []string
	for _, f := range []string{"C", "Go", "mpi4py"} {
		if t, ok := threads[f]; ok {
			parts = append(parts, f+" "+t)
		}
	}
	return methodData{
		Rounds:    roundsText(run.Config, run.Suites),
		Batches:   harness.Batches,
		Sanity:    run.Sanity,
		Transport: run.Machine.Transport,
		NumCPU:    numCPU(),
		Threads:   strings.Join(parts, ", "),
		THP:       thpMode(),
	}
}

// machineData: the machine's table at the end, one row per known fact.
type machineData struct {
	Rows []machineRow
}

type machineRow struct{ Key, Value string }

func (r *report) machine() machineData {
	m := r.run.Machine
	var d machineData
	row := func(k, v string) {
		if v != "" {
			d.Rows = append(d.Rows, machineRow{k, v})
		}
	}
	row("CPU", m.CPU)
	row("Cores", m.Cores)
	row("Memory", m.Memory)
	row("OS", m.OS)
	row("Kernel", m.Kernel)
	row("Go", m.Go)
	row("C compiler", m.GCC+" (via mpicc, `-O2`)")
	row("OpenMPI", m.OpenMPI)
	row("Python", m.Python)
	row("NumPy", m.NumPy)
	row("mpi4py", m.MPI4py)
	row("Date", m.Date)
	row("Code", m.Code)
	seen := map[string]bool{}
	for _, meta := range r.run.Metas {
		if meta.Info == "" || seen[meta.Bench+" "+meta.System] {
			continue
		}
		switch meta.Bench {
		case "kernels":
			row("Kernels ("+meta.System+")", meta.Info)
		case "ops":
			row("NumPy operations ("+meta.System+")", meta.Info)
		default:
			continue
		}
		seen[meta.Bench+" "+meta.System] = true
	}
	var parts []string
	for _, s := range r.run.Suites {
		parts = append(parts, fmt.Sprintf("%s %s", s, roundDur(r.run.SuiteTime[s])))
	}
	row("Time per suite", strings.Join(parts, ", "))
	return d
}

func thpMode() string {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return "unknown"
	}
	s := string(b)
	if i := strings.Index(s, "["); i >= 0 {
		if j := strings.Index(s[i:], "]"); j > 0 {
			return s[i+1 : i+j]
		}
	}
	return strings.TrimSpace(s)
}

// --- goals and formatting

func (r *report) addGoal(g goal) { r.goals = append(r.goals, g) }

func (r *report) findGoal(id string) *goal {
	for i := range r.goals {
		if r.goals[i].ID == id {
			return &r.goals[i]
		}
	}
	return nil
}

// goalsOf returns the goals with these IDs that were evaluated, for the
// verdicts a section shows under its tables.
func (r *report) goalsOf(ids ...string) []goal {
	var out []goal
	for _, id := range ids {
		if g := r.findGoal(id); g != nil {
			out = append(out, *g)
		}
	}
	return out
}

func (r *report) goalTitle(id string) string {
	g := r.findGoal(id)
	if g == nil {
		return "(goal not evaluated)"
	}
	return fmt.Sprintf("Goal %s (%s): %s", g.ID, plainName(g.Target), verdictWord(g.Met))
}

// goalsLine is a compact verdict list for a figure with several goals.
func (r *report) goalsLine(ids ...string) string {
	var parts []string
	for _, id := range ids {
		if g := r.findGoal(id); g != nil {
			parts = append(parts, "goal "+id+" "+verdictWord(g.Met))
		}
	}
	if len(parts) == 0 {
		return "(goals not evaluated)"
	}
	return strings.Join(parts, " · ") + " (see the tables)"
}

func plainName(s string) string {
	s = strings.ReplaceAll(s, "`", "")
	if len(s) > 90 {
		s = s[:87] + "..."
	}
	return s
}

func verdict(met bool) string {
	if met {
		return "✅ met"
	}
	return "❌ NOT met"
}

func verdictWord(met bool) string {
	if met {
		return "met"
	}
	return "NOT MET"
}

func med(s *stat) float64 {
	if s == nil {
		return 0
	}
	return s.Median
}

func q(a, b *stat) float64 {
	if a == nil || b == nil || b.Median == 0 {
		return 0
	}
	return a.Median / b.Median
}

func ratio(a, b *stat) string {
	if a == nil || b == nil || b.Median == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a.Median/b.Median)
}

func fmtT(s *stat) string {
	if s == nil {
		return "–"
	}
	return fmtDur(s.Median)
}

func spread(s *stat) string {
	if s == nil {
		return "–"
	}
	return fmtDur(s.Min) + "–" + fmtDur(s.Max)
}

func fmtDur(sec float64) string {
	a := math.Abs(sec)
	switch {
	case a == 0:
		return "0"
	case a < 1e-6:
		return fmt.Sprintf("%.0f ns", sec*1e9)
	case a < 1e-3:
		return sig3(sec*1e6) + " µs"
	case a < 1:
		return sig3(sec*1e3) + " ms"
	}
	return sig3(sec) + " s"
}

func sig3(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func bw(size int64, s *stat) string {
	if s == nil || s.Median == 0 {
		return "–"
	}
	v := float64(size) / s.Median / 1e9
	if v < 0.01 {
		return fmt.Sprintf("%.4f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func fmtSize(b int64) string {
	switch {
	case b >= 1<<20 && b%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", b>>20)
	case b >= 1<<10 && b%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", b>>10)
	}
	return fmt.Sprintf("%d B", b)
}

func fmtCount(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d Mi", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d Ki", n>>10)
	}
	return fmt.Sprint(n)
}

// lineSeries builds one series per system over the sizes of a bench.
func (r *report) lineSeries(bench, cas string, np int, systems []string, y func(int64, *stat) float64) []lineSeries {
	var out []lineSeries
	for _, sys := range systems {
		ls := lineSeries{Name: sys}
		for _, sz := range r.sizes(bench, cas, np) {
			if st := r.get(bench, cas, np, sz, sys); st != nil {
				ls.X = append(ls.X, float64(sz))
				ls.Y = append(ls.Y, y(sz, st))
			}
		}
		out = append(out, ls)
	}
	return out
}

func numCPU() int { return runtime.NumCPU() }
