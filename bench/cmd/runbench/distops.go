// --- 10. Distributed computation (issue 14): mpiarr's DistSum,
// DistArgMax, DistMatMul and DistFFTN (bench/go/distops) against the same
// computations written by hand with mpi4py and NumPy (bench/py/distops.py),
// on 2 and 4 ranks, and their weak scaling from 1 to 4 ranks.

package main

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// distopsConfig sizes the suite.
type distopsConfig struct {
	N                  int // sum, argmax: N×N float64
	MatMulN, FFTN      int // MatMulN² times MatMulN²; an FFTN³ complex128 FFT
	WeakN, WeakMatMulN int // per rank: WeakN rows of WeakN; (P·m)×m times m×m
	WeakFFTN           int // (P·f)×f×f
	Reps, HeavyReps    int // timed calls of sum/argmax, of matmul/fft
	WeakRanks          []int
	StrongRanks        []int
}

// numpyThreads keeps NumPy's BLAS and OpenMP on one thread: every rank has
// one core of its own (2 ranks) or shares one (4).
var numpyThreads = []string{"OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1"}

func distopsPlan(cfg config, rounds func(string, int, []step)) {
	d := cfg.Distops
	args := []string{"-n", fmt.Sprint(d.N), "-matmul-n", fmt.Sprint(d.MatMulN), "-fft-n", fmt.Sprint(d.FFTN),
		"-weak-n", fmt.Sprint(d.WeakN), "-weak-matmul-n", fmt.Sprint(d.WeakMatMulN), "-weak-fft-n", fmt.Sprint(d.WeakFFTN),
		"-reps", fmt.Sprint(d.Reps), "-heavy-reps", fmt.Sprint(d.HeavyReps)}
	for _, np := range mergeRanks(d.StrongRanks, d.WeakRanks) {
		var cases []string
		grids := fmt.Sprintf("%dx1", np)
		if slices.Contains(d.StrongRanks, np) {
			cases = append(cases, "sum", "argmax", "matmul", "fft")
			if np == 4 {
				grids += ",2x2"
			}
		}
		if slices.Contains(d.WeakRanks, np) {
			cases = append(cases, "weak_sum", "weak_matmul", "weak_fft")
		}
		a := append(slices.Clone(args), "-grids", grids, "-cases", strings.Join(cases, ","))
		rounds("distops", np, []step{
			{System: "go", Argv: append([]string{bin("go-distops")}, a...)},
			{System: "mpi4py", Argv: append(pyScript("distops"), a...), Env: numpyThreads},
		})
	}
}

func mergeRanks(a, b []int) []int {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// distopsTolerance bounds the relative difference of Go's and NumPy's
// results: sums split differently over the blocks and the grids, gonum's
// and the BLAS's products, gonum's and pocketfft's transforms differ in
// the last bits of each element, and the checksums add non-negative
// terms; a wrong element or index moves them by far more.
const distopsTolerance = 1e-9

// distopsKind is what a case computes, whatever the grid: "matmul 2x2"
// (Go's SUMMA) and "matmul 4x1" (row blocks) compute the same product.
func distopsKind(cas string) string {
	if strings.HasPrefix(cas, "weak ") {
		return cas
	}
	k, _, _ := strings.Cut(cas, " ")
	return k
}

// checkDistops verifies that every run of every system computed the same
// result for each computation, number of ranks and size.
func checkDistops(results []result) error {
	type ref struct {
		v   float64
		who string
	}
	refs := map[string]ref{}
	for _, pass := range []bool{true, false} { // Go's first
		for _, r := range results {
			if r.Bench != "distops" || (r.System == "go") != pass {
				continue
			}
			s, ok := strings.CutPrefix(r.Info, "value ")
			v, err := strconv.ParseFloat(s, 64)
			if !ok || err != nil {
				return fmt.Errorf("distops %s %s: no value in %q", r.Case, r.System, r.Info)
			}
			k := fmt.Sprintf("%s np=%d size=%d", distopsKind(r.Case), r.NP, r.Size)
			who := fmt.Sprintf("%s (%s, round %d)", r.System, r.Case, r.Round)
			want, seen := refs[k]
			if !seen {
				refs[k] = ref{v, who}
				continue
			}
			if math.Abs(v-want.v) > distopsTolerance*math.Abs(want.v) {
				return fmt.Errorf("distops %s: %s computed %v, %s %v", k, who, v, want.who, want.v)
			}
		}
	}
	return nil
}

// distopsCases are the computations in the report's order, with the
// mpi4py + NumPy way each is written.
var distopsCases = []struct{ ID, Label, Go, Py string }{
	{"sum", "global sum", "`DistSum[float64](d)`", "`a.sum()` + `Allreduce`"},
	{"argmax", "global argmax", "`DistArgMax(d)`", "`a.argmax()` + `Allgather` of (value, index)"},
	{"matmul", "MatMul", "`DistMatMul(a, b)` (SUMMA)", "row blocks: `Allgatherv` of b + `np.matmul`"},
	{"fft", "FFT (forward)", "`DistFFTN(d, {Grid: FFTGrid})` (slab)", "slab: `np.fft.fftn` axes (1, 2), `Alltoall`, `np.fft.fft` axis 0"},
}

type distopsData struct {
	distopsConfig
	Rounds    int
	NumPyBLAS string
	Rows      []distopsRow
	Weak      []distopsWeakRow
	Goals     []goal
	Checked   int
	Plot      bool
}

type distopsRow struct {
	Case, GoCall, PyCall, Size string
	NP                         int
	Grid, PyGrid               string
	Go, Py, Ratio              string
	GoSpread, PySpread         string
	Judged                     bool // the goal's row: the same decomposition on both sides
}

type distopsWeakRow struct {
	Case, PerRank      string
	NP                 int
	Go, Py, Ratio      string
	GoEff, PyEff       string // T(1 rank) ÷ T(P ranks), in %
	GoSpread, PySpread string
}

func (r *report) distopsStat(cas string, np int, system string) *stat {
	for k, s := range r.stats {
		if k.Bench == "distops" && k.Case == cas && k.NP == np && k.System == system {
			return s
		}
	}
	return nil
}

func (r *report) distops() (*distopsData, error) {
	cfg := r.run.Config.Distops
	d := distopsData{distopsConfig: cfg, Rounds: r.run.Config.Rounds["distops"]}
	for _, m := range r.run.Metas {
		if m.Bench == "distops" && strings.HasPrefix(m.Info, "BLAS ") {
			d.NumPyBLAS = strings.TrimPrefix(m.Info, "BLAS ")
		}
	}
	for k := range r.stats {
		if k.Bench == "distops" && k.System == "go" {
			d.Checked++
		}
	}
	var labels []string
	gs := barGroup{Name: "Go ÷ mpi4py + NumPy"}
	type judged struct {
		label   string
		g, py   *stat
		isJudge bool
	}
	byCase := map[string][]judged{}
	for _, c := range distopsCases {
		for _, np := range cfg.StrongRanks {
			grids := []string{fmt.Sprintf("%dx1", np), "2x2"}
			if c.ID == "fft" {
				grids = []string{fmt.Sprintf("%dx1x1", np)}
			}
			for _, grid := range grids {
				g := r.distopsStat(c.ID+" "+grid, np, "go")
				if g == nil {
					continue
				}
				pyGrid := grid
				if c.ID == "matmul" {
					pyGrid = fmt.Sprintf("%dx1", np) // row blocks only
				}
				py := r.distopsStat(c.ID+" "+pyGrid, np, "mpi4py")
				size := ""
				for k := range r.stats {
					if k.Bench == "distops" && k.Case == c.ID+" "+grid && k.NP == np {
						size = fmtSize(k.Size)
					}
				}
				row := distopsRow{
					Case: c.Label, GoCall: c.Go, PyCall: c.Py, Size: size, NP: np,
					Grid: strings.ReplaceAll(grid, "x", "×"), PyGrid: strings.ReplaceAll(pyGrid, "x", "×"),
					Go: fmtT(g), Py: fmtT(py), Ratio: ratio(g, py),
					GoSpread: spread(g), PySpread: spread(py),
					Judged: pyGrid == grid,
				}
				d.Rows = append(d.Rows, row)
				labels = append(labels, fmt.Sprintf("%s\n%s np=%d", c.ID, row.Grid, np))
				gs.Values = append(gs.Values, q(g, py))
				byCase[c.ID] = append(byCase[c.ID], judged{label: fmt.Sprintf("%d ranks %s", np, row.Grid), g: g, py: py, isJudge: row.Judged})
			}
		}
	}
	// Goals 10a-10d: each computation ≤ 1.0 × mpi4py + NumPy on 2 and 4
	// ranks, on the decomposition both sides use (row slabs; slabs for
	// the FFT). The other grids are shown, not judged.
	var ids []string
	for i, c := range distopsCases {
		id := fmt.Sprintf("10%c", 'a'+i)
		var rows []judged
		for _, j := range byCase[c.ID] {
			if j.isJudge && j.py != nil {
				rows = append(rows, j)
			}
		}
		if len(rows) == 0 {
			continue
		}
		size := map[string]string{
			"sum":    fmt.Sprintf("%d×%d float64", cfg.N, cfg.N),
			"argmax": fmt.Sprintf("%d×%d float64", cfg.N, cfg.N),
			"matmul": fmt.Sprintf("%d×%d float64", cfg.MatMulN, cfg.MatMulN),
			"fft":    fmt.Sprintf("%d³ complex128", cfg.FFTN),
		}[c.ID]
		var notes []string
		for _, j := range rows {
			notes = append(notes, fmt.Sprintf("%s Go %s, mpi4py %s", j.label, spread(j.g), spread(j.py)))
		}
		r.evalGoal(id, c.Label, fmt.Sprintf("%s of %s on 2 and 4 ranks: Go ≤ 1.0 × mpi4py + NumPy by hand", c.Label, size),
			"min–max over rounds: "+strings.Join(notes, "; "),
			func(p pick) (string, bool) {
				worst := 0.0
				var parts []string
				for _, j := range rows {
					qq := p(j.g) / p(j.py)
					worst = math.Max(worst, qq)
					parts = append(parts, fmt.Sprintf("%s %.2f", j.label, qq))
				}
				return fmt.Sprintf("Go ÷ mpi4py: %s", strings.Join(parts, ", ")), worst <= 1
			})
		ids = append(ids, id)
	}
	d.Goals = r.goalsOf(ids...)

	// Weak scaling.
	var series []lineSeries
	for _, w := range []struct{ id, label, per string }{
		{"weak sum", "global sum", fmt.Sprintf("%d×%d float64", cfg.WeakN, cfg.WeakN)},
		{"weak matmul", "MatMul", fmt.Sprintf("(%d×%d) · (%d×%d) float64", cfg.WeakMatMulN, cfg.WeakMatMulN, cfg.WeakMatMulN, cfg.WeakMatMulN)},
		{"weak fft", "FFT", fmt.Sprintf("%d×%d×%d complex128", cfg.WeakFFTN, cfg.WeakFFTN, cfg.WeakFFTN)},
	} {
		g1, p1 := r.distopsStat(w.id, 1, "go"), r.distopsStat(w.id, 1, "mpi4py")
		sg, sp := lineSeries{Name: "Go " + w.label}, lineSeries{Name: "mpi4py " + w.label}
		for _, np := range cfg.WeakRanks {
			g, py := r.distopsStat(w.id, np, "go"), r.distopsStat(w.id, np, "mpi4py")
			if g == nil && py == nil {
				continue
			}
			d.Weak = append(d.Weak, distopsWeakRow{
				Case: w.label, PerRank: w.per, NP: np,
				Go: fmtT(g), Py: fmtT(py), Ratio: ratio(g, py),
				GoEff: efficiency(g1, g), PyEff: efficiency(p1, py),
				GoSpread: spread(g), PySpread: spread(py),
			})
			if g1 != nil && g != nil {
				sg.X, sg.Y = append(sg.X, float64(np)), append(sg.Y, 100*g1.Median/g.Median)
			}
			if p1 != nil && py != nil {
				sp.X, sp.Y = append(sp.X, float64(np)), append(sp.Y, 100*p1.Median/py.Median)
			}
		}
		for _, s := range []lineSeries{sg, sp} {
			if len(s.X) > 1 {
				series = append(series, s)
			}
		}
	}
	if len(labels) > 0 {
		title := "Distributed computation: Go ÷ mpi4py + NumPy by hand (lower is faster)\n" + r.goalsLine(ids...)
		if err := plotRatios(filepath.Join(docsDir, "img", "distops.png"), title, "Go time ÷ mpi4py + NumPy time (log scale)",
			"mpi4py + NumPy (= 1)", labels, []barGroup{gs}); err != nil {
			return nil, err
		}
		d.Plot = true
	}
	if len(series) > 0 {
		if err := plotWeak(filepath.Join(docsDir, "img", "distops_weak.png"),
			"Weak scaling: fixed work per rank (2 cores: 4 ranks are oversubscribed)", series); err != nil {
			return nil, err
		}
	}
	return &d, nil
}

// efficiency is the weak-scaling efficiency T(1) ÷ T(P) in percent.
func efficiency(one, p *stat) string {
	if one == nil || p == nil || p.Median == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*one.Median/p.Median)
}
