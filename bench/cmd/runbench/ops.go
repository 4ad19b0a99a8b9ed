// The ops suite: ndarray's NumPy operations (bench/go/ops) against NumPy
// (bench/py/ops.py) on the same seeded 4096×4096 float64 data, C-contiguous
// and through [::2, ::2] views; its cross-check of the two programs'
// results and its report section.

package main

import (
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// opsGoals are the goals, one per operation it names: every case
// of a goal (both layouts, each axis) no slower than NumPy, MatMul within
// Limit × NumPy's.
var opsGoals = []struct {
	ID, Name string
	Ops      []string // the operations of bench/go/ops it covers
	Limit    float64
}{
	{"7a", "`Sqrt`", []string{"sqrt"}, 1},
	{"7b", "`Exp`", []string{"exp"}, 1},
	{"7c", "`Maximum`", []string{"maximum"}, 1},
	{"7d", "`Greater` and `Where`", []string{"greater", "where"}, 1},
	{"7e", "`Concatenate` along each axis", []string{"concatenate_axis0", "concatenate_axis1"}, 1},
	{"7f", "`SumAxis` along each axis", []string{"sum_axis0", "sum_axis1"}, 1},
	{"7g", "`ArgMax` along each axis", []string{"argmax_axis0", "argmax_axis1"}, 1},
	{"7h", "`Sort` along the last axis", []string{"sort"}, 1},
	{"7i", "boolean mask `a[m]` (`Extract`)", []string{"mask"}, 1},
	{"7j", "`MatMul` 1024×1024", []string{"matmul"}, 1.5},
}

// opsCases are the operations as the report names them: the Go call and
// NumPy's, in the order of the table.
var opsCases = []struct{ id, goCall, numpy string }{
	{"sqrt", "`Sqrt(a)`", "`np.sqrt(a)`"},
	{"exp", "`Exp(a)`", "`np.exp(a)`"},
	{"maximum", "`Maximum(a, b)`", "`np.maximum(a, b)`"},
	{"greater", "`Greater(a, b)`", "`a > b`"},
	{"where", "`Where(m, a, b)`", "`np.where(m, a, b)`"},
	{"concatenate_axis0", "`Concatenate({a, b}, 0)`", "`np.concatenate((a, b), axis=0)`"},
	{"concatenate_axis1", "`Concatenate({a, b}, 1)`", "`np.concatenate((a, b), axis=1)`"},
	{"sum_axis0", "`SumAxis[float64](a, 0)`", "`a.sum(axis=0)`"},
	{"sum_axis1", "`SumAxis[float64](a, 1)`", "`a.sum(axis=1)`"},
	{"argmax_axis0", "`ArgMaxAxis(a, 0)`", "`a.argmax(axis=0)`"},
	{"argmax_axis1", "`ArgMaxAxis(a, 1)`", "`a.argmax(axis=1)`"},
	{"sort", "`Sort(a, -1)` (stable)", "`np.sort(a, axis=-1)` (default `kind='quicksort'`)"},
	{"mask", "`Extract(m, a)`", "`a[m]`"},
	{"matmul", "`MatMul(x, y)`", "`x @ y`"},
}

// opsStrided is the suffix of the cases on the [::2, ::2] views.
const opsStrided = "_strided"

// opsCaseList asks the Go program which cases it has: an operation the
// library does not have yet is missing there, and NumPy runs the same
// list.
func opsCaseList() (string, error) {
	out, err := exec.Command(bin("go-ops"), "-list").Output()
	if err != nil {
		return "", fmt.Errorf("%s -list: %v", bin("go-ops"), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// opsResult is what a record's info says of the result: its shape and its
// position-weighted checksum (bench/go/ops/data.go, bench/py/ops.py).
type opsResult struct {
	Shape    string
	Checksum float64
}

func parseOpsInfo(info string) (opsResult, error) {
	rest, ok := strings.CutPrefix(info, "shape ")
	shape, sum, ok2 := strings.Cut(rest, " checksum ")
	if !ok || !ok2 {
		return opsResult{}, fmt.Errorf("no shape and checksum in %q", info)
	}
	v, err := strconv.ParseFloat(sum, 64)
	if err != nil {
		return opsResult{}, fmt.Errorf("checksum in %q: %v", info, err)
	}
	return opsResult{shape, v}, nil
}

// opsTolerance bounds the relative difference of the two programs'
// checksums: the operations' results may differ in the last bits (exp's
// and sqrt's rounding, the order of a sum's or a product's terms) and the
// checksums are summed in different orders, each far below 1e-12; a
// wrong element, a wrong order or a wrong layout moves the checksum by
// far more.
const opsTolerance = 1e-9

// checkOps verifies that Go and NumPy computed the same thing: for every
// case, every record (every system, every round) names the same shape and
// a checksum within opsTolerance of the first Go record's.
func checkOps(results []result) error {
	ref := map[string]opsResult{}
	refSys := map[string]string{}
	// Go's records first, so that a mismatch names NumPy's as the odd one.
	for _, pass := range []bool{true, false} {
		for _, r := range results {
			if r.Bench != "ops" || (r.System == "go") != pass {
				continue
			}
			got, err := parseOpsInfo(r.Info)
			if err != nil {
				return fmt.Errorf("ops %s %s: %v", r.Case, r.System, err)
			}
			want, ok := ref[r.Case]
			if !ok {
				ref[r.Case], refSys[r.Case] = got, r.System
				continue
			}
			if got.Shape != want.Shape || math.Abs(got.Checksum-want.Checksum) > opsTolerance*math.Abs(want.Checksum) {
				return fmt.Errorf("ops %s: %s computed shape %s checksum %v, %s shape %s checksum %v",
					r.Case, r.System, got.Shape, got.Checksum, refSys[r.Case], want.Shape, want.Checksum)
			}
		}
	}
	return nil
}

type opsData struct {
	N, MatMulN    int
	Rounds, Reps  int
	Warmup        int
	Rows          []opsRow
	Goals         []goal
	Missing       []string // operations of the issue not measured (not in the library yet)
	Checked       int      // cases whose results agreed
	Spread        []opsSpread
	NumPyBLAS     string
	ReferenceBLAS bool // NumPyBLAS is not OpenBLAS (nor MKL, BLIS)
	ToleranceText string
}

type opsRow struct {
	GoCall, NumPy, Layout string
	Shape                 string // of the result
	Go, Py, Ratio         string
	Goal                  string // "≤ 1.0"
	Verdict               string // met / NOT met, on the medians
}

type opsSpread struct{ Case, Go, Py string }

func (r *report) ops() (*opsData, error) {
	cfg := r.run.Config
	d := opsData{
		N: cfg.OpsN, MatMulN: cfg.OpsMatMulN, Rounds: cfg.Rounds["ops"], Reps: cfg.OpsReps, Warmup: cfg.OpsWarmup,
		ToleranceText: strconv.FormatFloat(opsTolerance, 'g', -1, 64),
	}
	for _, m := range r.run.Metas {
		if m.Bench == "ops" && m.System == "numpy" {
			if _, blas, ok := strings.Cut(m.Info, "BLAS "); ok {
				d.NumPyBLAS = blas
				l := strings.ToLower(blas)
				d.ReferenceBLAS = !strings.Contains(l, "openblas") && !strings.Contains(l, "mkl") && !strings.Contains(l, "blis")
			}
		}
	}
	limit := map[string]float64{}
	for _, g := range opsGoals {
		for _, o := range g.Ops {
			limit[o] = g.Limit
		}
	}
	var labels []string
	gC, gS := barGroup{Name: "C-contiguous"}, barGroup{Name: "[::2, ::2] view"}
	for _, c := range opsCases {
		measured := false
		for _, layout := range []string{"", opsStrided} {
			if c.id == "matmul" && layout != "" {
				continue
			}
			g, py := r.opsStat(c.id+layout, "go"), r.opsStat(c.id+layout, "numpy")
			if g == nil || py == nil {
				continue
			}
			measured = true
			name := "C-contiguous"
			if layout != "" {
				name = "`[::2, ::2]` views"
			}
			shape := ""
			if res, err := parseOpsInfo(r.opsInfo(c.id+layout, "go")); err == nil {
				shape = res.Shape
			}
			d.Rows = append(d.Rows, opsRow{
				GoCall: c.goCall, NumPy: c.numpy, Layout: name, Shape: shape,
				Go: fmtT(g), Py: fmtT(py), Ratio: ratio(g, py),
				Goal: fmt.Sprintf("≤ %.1f", limit[c.id]), Verdict: verdict(g.Median <= limit[c.id]*py.Median),
			})
			d.Spread = append(d.Spread, opsSpread{Case: c.goCall + ", " + name, Go: spread(g), Py: spread(py)})
			d.Checked++
		}
		if !measured {
			d.Missing = append(d.Missing, c.goCall)
			continue
		}
		labels = append(labels, strings.ReplaceAll(strings.ReplaceAll(c.id, "_axis", "\naxis "), "concatenate", "concat"))
		gC.Values = append(gC.Values, q(r.opsStat(c.id, "go"), r.opsStat(c.id, "numpy")))
		gS.Values = append(gS.Values, q(r.opsStat(c.id+opsStrided, "go"), r.opsStat(c.id+opsStrided, "numpy")))
	}

	var ids []string
	for _, g := range opsGoals {
		type pair struct {
			label    string
			goS, pyS *stat
		}
		var pairs []pair
		var missing []string
		for _, o := range g.Ops {
			for _, layout := range []string{"", opsStrided} {
				if o == "matmul" && layout != "" {
					continue
				}
				gs, ps := r.opsStat(o+layout, "go"), r.opsStat(o+layout, "numpy")
				label := strings.ReplaceAll(o, "_", " ")
				if layout != "" {
					label += " strided"
				}
				if gs == nil || ps == nil {
					missing = append(missing, label)
					continue
				}
				pairs = append(pairs, pair{label: label, goS: gs, pyS: ps})
			}
		}
		if len(pairs) == 0 {
			continue
		}
		target := fmt.Sprintf("%s on %d×%d float64 and on its `[::2, ::2]` view: every case ≤ %.1f × NumPy's time", g.Name, d.N, d.N, g.Limit)
		if g.ID == "7j" {
			target = fmt.Sprintf("`MatMul` of two %d×%d float64 matrices ≤ %.1f × NumPy's `x @ y` (NumPy's BLAS here: %s)", d.MatMulN, d.MatMulN, g.Limit, orUnknown(d.NumPyBLAS))
		}
		var notes []string
		for _, p := range pairs {
			notes = append(notes, fmt.Sprintf("%s Go %s, NumPy %s", p.label, spread(p.goS), spread(p.pyS)))
		}
		note := "min–max over rounds: " + strings.Join(notes, "; ")
		if len(missing) > 0 {
			note += "; not measured (not in the library yet): " + strings.Join(missing, ", ")
		}
		limit := g.Limit
		r.evalGoal(g.ID, g.Name, target, note, func(p pick) (string, bool) {
			worst := 0.0
			var parts []string
			for _, pr := range pairs {
				q := p(pr.goS) / p(pr.pyS)
				worst = math.Max(worst, q)
				parts = append(parts, fmt.Sprintf("%s %.2f", pr.label, q))
			}
			return fmt.Sprintf("Go ÷ NumPy: %s; worst %.2f", strings.Join(parts, ", "), worst), worst <= limit && len(missing) == 0
		})
		ids = append(ids, g.ID)
	}
	d.Goals = r.goalsOf(ids...)
	if len(labels) > 0 {
		title := fmt.Sprintf("NumPy operations, %d×%d float64 (MatMul %d×%d), one process: Go ÷ NumPy (lower is faster)\n%s",
			d.N, d.N, d.MatMulN, d.MatMulN, r.goalsLine(ids...))
		if err := plotRatios(filepath.Join(docsDir, "img", "ops.png"), title, "Go time ÷ NumPy time (log scale)", "NumPy (= 1)",
			labels, []barGroup{gC, gS}); err != nil {
			return nil, err
		}
	}
	return &d, nil
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func (r *report) opsStat(cas, system string) *stat {
	for k, s := range r.stats {
		if k.Bench == "ops" && k.Case == cas && k.System == system {
			return s
		}
	}
	return nil
}

// opsInfo is the info of one of the case's records (the results of all
// of them agree: checkOps).
func (r *report) opsInfo(cas, system string) string {
	if s := r.opsStat(cas, system); s != nil {
		return s.Info
	}
	return ""
}
