// The report's benchmark sections: one function per section computes its
// data (the tables' cells, the goals' verdicts) and draws its plots;
// report.md.tmpl holds the prose and the layout.

package main

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
)

// --- 1. Ping-pong

type pingpongData struct {
	Rows  []pingpongRow
	Goals []goal
	Huge  *hugePagesData // nil: no c-huge run at 4 MiB or more
}

type pingpongRow struct {
	Size            string
	C, Go, Py       string // one-way times
	GoC, GoPy       string // ratios of medians
	CBW, GoBW, PyBW string // GB/s
	GoCBest         string // Go ÷ C on the best rounds
}

// hugePagesData shows the diagnostic C runs whose buffers are on huge
// pages, the way NumPy allocates, at the sizes where it matters.
type hugePagesData struct {
	THP  string
	Rows []hugePagesRow
}

type hugePagesRow struct{ Size, C, CHuge, Go, Py string } // GB/s

func (r *report) pingpong() (*pingpongData, error) {
	var d pingpongData
	sizes := r.sizes("pingpong", "", 2)
	for _, sz := range sizes {
		c, g, py := r.get("pingpong", "", 2, sz, "c"), r.get("pingpong", "", 2, sz, "go"), r.get("pingpong", "", 2, sz, "mpi4py")
		best := "–"
		if c != nil && g != nil {
			best = fmt.Sprintf("%.2f", g.Min/c.Min)
		}
		d.Rows = append(d.Rows, pingpongRow{
			Size: fmtSize(sz), C: fmtT(c), Go: fmtT(g), Py: fmtT(py),
			GoC: ratio(g, c), GoPy: ratio(g, py),
			CBW: bw(sz, c), GoBW: bw(sz, g), PyBW: bw(sz, py),
			GoCBest: best,
		})
	}

	// Goal 1a: latency at 8 bytes.
	c, g, py := r.get("pingpong", "", 2, 8, "c"), r.get("pingpong", "", 2, 8, "go"), r.get("pingpong", "", 2, 8, "mpi4py")
	if c != nil && g != nil && py != nil {
		note := fmt.Sprintf("min–max over %d rounds: C %s, Go %s, mpi4py %s", g.N, spread(c), spread(g), spread(py))
		oc, og, op := r.get("overhead", "", 1, 8, "c"), r.get("overhead", "", 1, 8, "go"), r.get("overhead", "", 1, 8, "mpi4py")
		if oc != nil && og != nil && op != nil {
			note += fmt.Sprintf("; the calls alone (one rank, 8 B to itself, see the call overhead below): Go − C = %s, ⅓ (mpi4py − C) = %s",
				fmtDur(og.Median-oc.Median), fmtDur((op.Median-oc.Median)/3))
		}
		r.evalGoal("1a", "8-byte latency overhead", "8-byte ping-pong: (Go − C) ≤ ⅓ (mpi4py − C)", note,
			func(p pick) (string, bool) {
				over, pyOver := p(g)-p(c), p(py)-p(c)
				return fmt.Sprintf("C %s, Go %s, mpi4py %s: Go − C = %s, ⅓ (mpi4py − C) = %s",
					fmtDur(p(c)), fmtDur(p(g)), fmtDur(p(py)), fmtDur(over), fmtDur(pyOver/3)), over <= pyOver/3
			})
	}
	// Goal 1b: bandwidth at >= 1 MiB.
	if len(sizes) > 0 && sizes[len(sizes)-1] >= 1<<20 {
		r.evalGoal("1b", "bandwidth at ≥ 1 MiB", "Go bandwidth ≥ 0.95 × C at every size ≥ 1 MiB", "",
			func(p pick) (string, bool) {
				worst, worstSize := math.Inf(1), int64(0)
				var parts []string
				for _, sz := range sizes {
					c, g := r.get("pingpong", "", 2, sz, "c"), r.get("pingpong", "", 2, sz, "go")
					if sz < 1<<20 || c == nil || g == nil {
						continue
					}
					q := p(c) / p(g) // Go bandwidth / C bandwidth
					parts = append(parts, fmt.Sprintf("%s %.2f", fmtSize(sz), q))
					if q < worst {
						worst, worstSize = q, sz
					}
				}
				return fmt.Sprintf("lowest Go ÷ C bandwidth %.2f (at %s); per size: %s", worst, fmtSize(worstSize),
					strings.Join(parts, ", ")), worst >= 0.95
			})
	}
	// Goal 1c: no slower than mpi4py at any size from 16 B.
	if len(sizes) > 0 {
		r.evalGoal("1c", "ping-pong against mpi4py", "Go ≤ 1.0 × mpi4py's one-way time at every size from 16 B", "",
			func(p pick) (string, bool) {
				var rows int
				var misses []string
				for _, sz := range sizes {
					g, py := r.get("pingpong", "", 2, sz, "go"), r.get("pingpong", "", 2, sz, "mpi4py")
					if sz < 16 || g == nil || py == nil {
						continue
					}
					rows++
					if q := p(g) / p(py); q > 1 {
						misses = append(misses, fmt.Sprintf("%s: %.2f × mpi4py", fmtSize(sz), q))
					}
				}
				return rowsVerdict(rows, misses)
			})
	}
	d.Goals = r.goalsOf("1a", "1b", "1c")

	lat := r.lineSeries("pingpong", "", 2, []string{"c", "go", "mpi4py", "c-huge"}, func(sz int64, s *stat) float64 { return s.Median * 1e6 })
	title := "Ping-pong latency, 2 ranks (one-way)\n" + r.goalTitle("1a")
	if err := plotLines(filepath.Join(docsDir, "img", "pingpong_latency.png"), title, "message size", "one-way time (µs)", lat, true); err != nil {
		return nil, err
	}
	bwS := r.lineSeries("pingpong", "", 2, []string{"c", "go", "mpi4py", "c-huge"}, func(sz int64, s *stat) float64 { return float64(sz) / s.Median / 1e9 })
	title = "Ping-pong bandwidth, 2 ranks\n" + r.goalTitle("1b")
	if err := plotLines(filepath.Join(docsDir, "img", "pingpong_bandwidth.png"), title, "message size", "bandwidth (GB/s)", bwS, false); err != nil {
		return nil, err
	}

	for _, sz := range sizes {
		h := r.get("pingpong", "", 2, sz, "c-huge")
		if sz < 4<<20 || h == nil {
			continue
		}
		if d.Huge == nil {
			d.Huge = &hugePagesData{THP: thpMode()}
		}
		c, g, py := r.get("pingpong", "", 2, sz, "c"), r.get("pingpong", "", 2, sz, "go"), r.get("pingpong", "", 2, sz, "mpi4py")
		d.Huge.Rows = append(d.Huge.Rows, hugePagesRow{fmtSize(sz), bw(sz, c), bw(sz, h), bw(sz, g), bw(sz, py)})
	}
	return &d, nil
}

// --- 1. Call overhead

// overheadData is the cost of the calls alone (one rank, messages to
// itself), which explains the small-message latencies.
type overheadData struct {
	// Heading: the ping-pong section, under which this one goes, is
	// missing.
	Heading           bool
	C, Go, Py         string // medians
	N                 int    // rounds
	CSpread, GoSpread string
	PySpread          string
	GoOver, PyOver    string // overheads over C
	PyOverThird       string
	WithinThird       bool    // Go's overhead ≤ ⅓ of mpi4py's
	PercentOfPy       float64 // Go's overhead in % of mpi4py's
	// Path is where each nanosecond of the 8-byte path goes (overhead.go);
	// nil if the steps' runs are missing.
	Path *pathData
}

func (r *report) overhead() *overheadData {
	c, g, py := r.get("overhead", "", 1, 8, "c"), r.get("overhead", "", 1, 8, "go"), r.get("overhead", "", 1, 8, "mpi4py")
	if c == nil || g == nil || py == nil {
		return nil
	}
	over, pyOver := g.Median-c.Median, py.Median-c.Median
	return &overheadData{
		Heading: !r.has("pingpong"),
		C:       fmtT(c), Go: fmtT(g), Py: fmtT(py),
		N:       g.N,
		CSpread: spread(c), GoSpread: spread(g), PySpread: spread(py),
		GoOver: fmtDur(over), PyOver: fmtDur(pyOver), PyOverThird: fmtDur(pyOver / 3),
		WithinThird: over <= pyOver/3,
		PercentOfPy: 100 * over / pyOver,
		Path:        r.path(),
	}
}

// --- 2. Non-contiguous sends

var noncontigSystems = []struct{ id, label string }{
	{"go-pack", "Go `mpiarr.Pack`"},
	{"go-derived", "Go `mpiarr.Derived`"},
	{"c-derived", "C, MPI derived datatype"},
	{"c-pack", "C, hand pack loop + `MPI_Send`"},
	{"mpi4py", "mpi4py, `np.ascontiguousarray(view)` + `Send`"},
	{"c-contig", "C, already contiguous (bytes alone)"},
}

var views = []struct{ id, label string }{
	{"transpose", "transpose `a.T`"},
	{"left_half", "left half `a[:, :1024]`"},
	{"every_other", "every second element `a[::2, ::2]`"},
}

type noncontigData struct {
	N     int // the array is N×N
	Iters int // timed messages per run
	Rows  []noncontigRow
	Goals []goal
}

type noncontigRow struct {
	View, System        string
	Time, BW            string
	CDerived, CPack, Py string // time ÷ theirs
}

func (r *report) noncontig() (*noncontigData, error) {
	n := r.run.Config.NoncontigN
	d := noncontigData{N: n, Iters: r.run.Config.NoncontigIter}
	for _, v := range views {
		for _, s := range noncontigSystems {
			st := r.noncontigStat(v.id, s.id)
			if st == nil {
				continue
			}
			d.Rows = append(d.Rows, noncontigRow{
				View: v.label, System: s.label,
				Time: fmtT(st), BW: bw(r.noncontigSize(v.id), st),
				CDerived: ratio(st, r.noncontigStat(v.id, "c-derived")),
				CPack:    ratio(st, r.noncontigStat(v.id, "c-pack")),
				Py:       ratio(st, r.noncontigStat(v.id, "mpi4py")),
			})
		}
	}
	gp, gd := r.noncontigStat("transpose", "go-pack"), r.noncontigStat("transpose", "go-derived")
	cd, py := r.noncontigStat("transpose", "c-derived"), r.noncontigStat("transpose", "mpi4py")
	if gp != nil && gd != nil && cd != nil && py != nil {
		r.evalGoal("2", "transposed send",
			fmt.Sprintf("%d×%d float64 `a.T` sent in logical order: best of Go Pack/Derived ≤ 0.5 × C `MPI_Type_vector` AND ≤ 0.4 × mpi4py `ascontiguousarray`", n, n),
			fmt.Sprintf("min–max over rounds: Go Pack %s, Go Derived %s, C derived %s, mpi4py %s", spread(gp), spread(gd), spread(cd), spread(py)),
			func(p pick) (string, bool) {
				best, name := p(gp), "Pack"
				if p(gd) < best {
					best, name = p(gd), "Derived"
				}
				qc, qp := best/p(cd), best/p(py)
				return fmt.Sprintf("Go %s %s (Pack %s, Derived %s), C derived %s, mpi4py %s: %.2f × C, %.2f × mpi4py",
					name, fmtDur(best), fmtDur(p(gp)), fmtDur(p(gd)), fmtDur(p(cd)), fmtDur(p(py)), qc, qp), qc <= 0.5 && qp <= 0.4
			})
		d.Goals = r.goalsOf("2")
	}
	var groups []barGroup
	for _, s := range noncontigSystems {
		g := barGroup{Name: s.id}
		for _, v := range views {
			st := r.noncontigStat(v.id, s.id)
			if st == nil {
				g.Values = append(g.Values, 0)
				continue
			}
			g.Values = append(g.Values, st.Median*1e3)
		}
		groups = append(groups, g)
	}
	title := fmt.Sprintf("Non-contiguous sends of %d×%d float64 views, 2 ranks\n%s", n, n, r.goalTitle("2"))
	if err := plotBars(filepath.Join(docsDir, "img", "noncontig.png"), title, "time per message (ms)",
		[]string{"transpose", "left half", "every other"}, groups, false); err != nil {
		return nil, err
	}
	return &d, nil
}

func (r *report) noncontigStat(view, system string) *stat {
	return r.get("noncontig", view, 2, r.noncontigSize(view), system)
}

func (r *report) noncontigSize(view string) int64 {
	n := int64(r.run.Config.NoncontigN)
	switch view {
	case "transpose":
		return n * n * 8
	case "left_half":
		return n * n / 2 * 8
	}
	return n * n / 4 * 8
}

// --- 3. Collectives

type collOp struct{ ID, Label, Conv string }

var collOps = []collOp{
	{"bcast", "Bcast", "the message"},
	{"reduce", "Reduce (sum)", "each rank's vector"},
	{"allreduce", "Allreduce (sum)", "each rank's vector"},
	{"scatterv", "Scatterv", "each rank's part (the root sends np ×)"},
	{"gatherv", "Gatherv", "each rank's part (the root receives np ×)"},
	{"alltoall", "Alltoall", "the block each rank sends to each rank (send buffer np ×)"},
}

type collData struct {
	Ops   []collOp // for the size convention
	Ranks []collRanks
	Goals []goal
}

// collRanks is the table and the plot of one number of ranks.
type collRanks struct {
	NP   int
	Rows []collRow
	File string // the plot, in img/
}

type collRow struct {
	Op, Size       string
	C, Go, Py      string
	GoC, GoPy, PyC string
	CHuge          string // "–" under 1 MiB
}

func (r *report) coll() (*collData, error) {
	d := collData{Ops: collOps}
	if len(r.sizes("coll", "bcast", 2))+len(r.sizes("coll", "bcast", 4)) > 0 {
		r.evalGoal("3a", "collectives against mpi4py",
			"Every collective of this section, every size, 2 and 4 ranks: Go ≤ 1.0 × mpi4py's time, and at 8 B (Go − C) ≤ ⅓ (mpi4py − C)", "",
			func(p pick) (string, bool) {
				var rows int
				var misses []string
				for _, np := range []int{2, 4} {
					for _, o := range collOps {
						for _, sz := range r.sizes("coll", o.ID, np) {
							c, g, py := r.get("coll", o.ID, np, sz, "c"), r.get("coll", o.ID, np, sz, "go"), r.get("coll", o.ID, np, sz, "mpi4py")
							if c == nil || g == nil || py == nil {
								continue
							}
							rows++
							var miss []string
							if q := p(g) / p(py); q > 1 {
								miss = append(miss, fmt.Sprintf("%.2f × mpi4py", q))
							}
							if over, pyOver := p(g)-p(c), p(py)-p(c); sz == 8 && over > pyOver/3 {
								miss = append(miss, fmt.Sprintf("Go − C = %s, ⅓ (mpi4py − C) = %s", fmtDur(over), fmtDur(pyOver/3)))
							}
							if len(miss) > 0 {
								misses = append(misses, fmt.Sprintf("%s %s on %d ranks: %s", o.Label, fmtSize(sz), np, strings.Join(miss, ", ")))
							}
						}
					}
				}
				return rowsVerdict(rows, misses)
			})
		d.Goals = r.goalsOf("3a")
	}
	for _, np := range []int{2, 4} {
		if len(r.sizes("coll", "bcast", np)) == 0 {
			continue
		}
		rk := collRanks{NP: np, File: fmt.Sprintf("coll_np%d.png", np)}
		var labels []string
		gGo := barGroup{Name: "Go ÷ C"}
		gPy := barGroup{Name: "mpi4py ÷ C"}
		for _, o := range collOps {
			for _, sz := range r.sizes("coll", o.ID, np) {
				c, g, py := r.get("coll", o.ID, np, sz, "c"), r.get("coll", o.ID, np, sz, "go"), r.get("coll", o.ID, np, sz, "mpi4py")
				huge := "–"
				if h := r.get("coll", o.ID, np, sz, "c-huge"); h != nil && sz >= 1<<20 {
					huge = fmtT(h)
				}
				rk.Rows = append(rk.Rows, collRow{
					Op: o.Label, Size: fmtSize(sz),
					C: fmtT(c), Go: fmtT(g), Py: fmtT(py),
					GoC: ratio(g, c), GoPy: ratio(g, py), PyC: ratio(py, c),
					CHuge: huge,
				})
				labels = append(labels, fmt.Sprintf("%s\n%s", o.ID, fmtSize(sz)))
				gGo.Values = append(gGo.Values, q(g, c))
				gPy.Values = append(gPy.Values, q(py, c))
			}
		}
		title := fmt.Sprintf("Collectives, %d ranks: time relative to C (1 = C; lower is faster)\n%s", np, r.goalTitle("3a"))
		if err := plotBars(filepath.Join(docsDir, "img", rk.File), title, "time ÷ C time (log scale)", labels, []barGroup{gGo, gPy}, true); err != nil {
			return nil, err
		}
		d.Ranks = append(d.Ranks, rk)
	}
	return &d, nil
}

// rowsVerdict is the measured text and verdict of a goal whose every row
// must meet its rule: misses describes the rows that do not.
func rowsVerdict(rows int, misses []string) (string, bool) {
	if len(misses) == 0 {
		return fmt.Sprintf("all %d rows meet their rule", rows), rows > 0
	}
	return fmt.Sprintf("%d of %d rows miss their rule: %s", len(misses), rows, strings.Join(misses, "; ")), false
}

// --- 4. Objects

type objectsData struct {
	Cases []objectsCase
	Goals []goal
}

// objectsCase is the table of one payload.
type objectsCase struct {
	ID     string
	Labels []string // the systems' columns
	Rows   []objectsRow
}

type objectsRow struct {
	N     string
	Times []string // one per system
	Py, C string   // the first system ÷ mpi4py, ÷ the C buffer
}

func (r *report) objects() (*objectsData, error) {
	cases := []struct {
		id      string
		systems []string
		labels  []string
	}{
		{"list", []string{"go-gob", "mpi4py"}, []string{"Go gob", "mpi4py pickle"}},
		{"dict", []string{"go-gob", "go-gob-slices", "mpi4py"}, []string{"Go gob (arrays)", "Go gob (slices)", "mpi4py pickle"}},
		{"array", []string{"go-sendarray", "go-gob", "mpi4py", "c-buffer"}, []string{"Go SendArray", "Go gob", "mpi4py pickle", "C buffer"}},
	}
	var d objectsData
	var series []lineSeries
	for _, c := range cases {
		oc := objectsCase{ID: c.id, Labels: c.labels}
		for _, sz := range r.sizes("objects", c.id, 2) {
			row := objectsRow{N: fmtCount(sz)}
			for _, s := range c.systems {
				row.Times = append(row.Times, fmtT(r.get("objects", c.id, 2, sz, s)))
			}
			g := r.get("objects", c.id, 2, sz, c.systems[0])
			row.Py, row.C = ratio(g, r.get("objects", c.id, 2, sz, "mpi4py")), ratio(g, r.get("objects", "array", 2, sz, "c-buffer"))
			oc.Rows = append(oc.Rows, row)
		}
		d.Cases = append(d.Cases, oc)
		for i, s := range c.systems {
			ls := lineSeries{Name: c.id + ": " + c.labels[i]}
			for _, sz := range r.sizes("objects", c.id, 2) {
				if st := r.get("objects", c.id, 2, sz, s); st != nil {
					ls.X = append(ls.X, float64(sz))
					ls.Y = append(ls.Y, st.Median*1e6)
				}
			}
			if len(ls.X) > 0 {
				series = append(series, ls)
			}
		}
	}
	if len(d.Cases) > 0 {
		r.evalGoal("4a", "object messages against pickle",
			"List, dict of arrays and array (SendArray) at every size: Go ≤ 1.0 × mpi4py's pickle", "",
			func(p pick) (string, bool) {
				var rows int
				var misses []string
				for _, c := range cases {
					for _, sz := range r.sizes("objects", c.id, 2) {
						g, py := r.get("objects", c.id, 2, sz, c.systems[0]), r.get("objects", c.id, 2, sz, "mpi4py")
						if g == nil || py == nil {
							continue
						}
						rows++
						if q := p(g) / p(py); q > 1 {
							misses = append(misses, fmt.Sprintf("%s of %s: %.2f × pickle", c.id, fmtCount(sz), q))
						}
					}
				}
				return rowsVerdict(rows, misses)
			})
		d.Goals = r.goalsOf("4a")
	}
	if err := plotLinesCount(filepath.Join(docsDir, "img", "objects.png"), "Object messages, 2 ranks (one-way, decoding included)\n"+r.goalTitle("4a"),
		"elements per array (n)", "one-way time (µs)", series); err != nil {
		return nil, err
	}
	return &d, nil
}

// --- 5. Kernels

var kernelCases = []struct{ id, label, numpy string }{
	{"copy_c", "contiguous copy `a.Copy(OrderC)`", "`a.copy()`"},
	{"transpose_copy", "transposing copy `a.T().Copy(OrderC)`", "`np.ascontiguousarray(a.T)`"},
	{"every_other_copy", "strided copy `a[::2, ::2]`", "`a[::2, ::2].copy()`"},
	{"left_half_copy", "strided copy `a[:, :2048]`", "`a[:, :2048].copy()`"},
	{"reshape_copy", "reshape-copy `a.T().Reshape(-1)`", "`a.T.reshape(-1)`"},
	{"add", "`ndarray.Add(a, b)`", "`a + b`"},
	{"sum", "`ndarray.Sum[float64](a)`", "`a.sum()`"},
	{"view_T", "view `a.T()`", "`a.T`"},
	{"view_expr", "view `c.SliceExpr(\"1:5:2, ::-1, 3:\")`", "`c[1:5:2, ::-1, 3:]`"},
	{"view_sub", "view `c.Slice(Range(1,5).Step(2), Colon.Step(-1), From(3))`", "(same as above)"},
	{"copy_into", "diagnostic: `dst.Assign(a)` (no allocation)", "`np.copyto(dst, a)`"},
	{"transpose_into", "diagnostic: `dst.Assign(a.T())` (no allocation)", "`np.copyto(dst, a.T)`"},
	{"add_into", "diagnostic: `ndarray.AddInto(dst, a, b)` (no allocation)", "`np.add(a, b, out=dst)`"},
}

type kernelsData struct {
	N         int // the arrays are N×N
	Rounds    int
	Reps      int // timed calls per kernel
	ViewIters int
	Batches   int
	Rows      []kernelRow
	Goals     []goal
	Diag      *kernelDiag // nil: no diagnostic run
}

type kernelRow struct {
	Label, NumPyLabel string
	Go, NumPy, Ratio  string
	Allocs            string // views only, else "–"
}

// kernelDiag splits the big kernels' times into the loop and the
// allocation of the result, from the *_into runs.
type kernelDiag struct {
	Rounds int
	THP    string
	Splits []kernelSplit
	Sum    *kernelSum
}

type kernelSplit struct {
	Label               string
	GoLoop, NumPyLoop   string
	Ratio               float64 // the loops, Go ÷ NumPy
	GoAlloc, NumPyAlloc string  // the medians' differences
	GoPlain             string  // "": no go-plain run
	PlainRatio          float64
}

type kernelSum struct {
	Go, NumPy, GoPlain string
	PlainRatio         float64
}

func (r *report) kernels() (*kernelsData, error) {
	n := r.run.Config.KernelN
	d := kernelsData{
		N: n, Rounds: r.run.Config.Rounds["kernels"], Reps: r.run.Config.KernelReps,
		ViewIters: r.run.Config.ViewIters, Batches: harness.Batches,
	}
	var labels []string
	gGo, gNp := barGroup{Name: "Go"}, barGroup{Name: "NumPy"}
	for _, k := range kernelCases {
		g, np := r.kern(k.id, "go"), r.kern(k.id, "numpy")
		if g == nil && np == nil {
			continue
		}
		if k.id == "view_sub" {
			np = r.kern("view_expr", "numpy")
		}
		allocs := "–"
		if g != nil && strings.HasPrefix(k.id, "view") {
			allocs = fmt.Sprintf("%.0f", g.Allocs)
		}
		d.Rows = append(d.Rows, kernelRow{k.label, k.numpy, fmtT(g), fmtT(np), ratio(g, np), allocs})
		if !strings.HasPrefix(k.id, "view") && !strings.HasSuffix(k.id, "_into") {
			labels = append(labels, k.id)
			gGo.Values = append(gGo.Values, med(g)*1e3)
			gNp.Values = append(gNp.Values, med(np)*1e3)
		}
	}

	// Goals.
	tc, cc, ntc := r.kern("transpose_copy", "go"), r.kern("copy_c", "go"), r.kern("transpose_copy", "numpy")
	if tc != nil && cc != nil && ntc != nil {
		r.evalGoal("5a", "transposing copy",
			fmt.Sprintf("C-order copy of `a.T` (%d×%d): ≤ 3 × Go's contiguous `a.Copy(OrderC)` AND ≥ 4× faster than `np.ascontiguousarray(a.T)`", n, n),
			fmt.Sprintf("min–max over rounds: Go transpose %s, Go copy %s, NumPy transpose %s", spread(tc), spread(cc), spread(ntc)),
			func(p pick) (string, bool) {
				q1, q2 := p(tc)/p(cc), p(ntc)/p(tc)
				return fmt.Sprintf("Go %s = %.2f × Go contiguous copy (%s); NumPy %s = %.2f× Go", fmtDur(p(tc)), q1, fmtDur(p(cc)),
					fmtDur(p(ntc)), q2), q1 <= 3 && q2 >= 4
			})
	}
	for _, k := range []struct{ id, gid, name string }{
		{"every_other_copy", "5b", "strided copy `a[::2, ::2]`"},
		{"left_half_copy", "5c", "strided copy `a[:, :2048]`"},
		{"add", "5d", "`ndarray.Add`"},
		{"sum", "5e", "`Sum`"},
	} {
		g, np := r.kern(k.id, "go"), r.kern(k.id, "numpy")
		if g == nil || np == nil {
			continue
		}
		note := fmt.Sprintf("min–max over rounds: Go %s, NumPy %s", spread(g), spread(np))
		if g.Median > np.Median && g.Min <= np.Max {
			note += "; the ranges overlap"
		}
		r.evalGoal(k.gid, k.name, k.name+" no slower than NumPy", note, func(p pick) (string, bool) {
			return fmt.Sprintf("Go %s, NumPy %s: %.2f × NumPy", fmtDur(p(g)), fmtDur(p(np)), p(g)/p(np)), p(g) <= p(np)
		})
	}
	vt, ve := r.kern("view_T", "go"), r.kern("view_expr", "go")
	if vt != nil && ve != nil {
		r.evalGoal("5f", "view creation", "`a.T()` and `c.SliceExpr(\"1:5:2, ::-1, 3:\")`: ≤ 2 allocations and < 1 µs each", "",
			func(p pick) (string, bool) {
				return fmt.Sprintf("`T()` %s, %.0f allocs; `SliceExpr` %s, %.0f allocs", fmtDur(p(vt)), vt.Allocs, fmtDur(p(ve)), ve.Allocs),
					vt.Allocs <= 2 && ve.Allocs <= 2 && p(vt) < 1e-6 && p(ve) < 1e-6
			})
	}
	d.Goals = r.goalsOf("5a", "5b", "5c", "5d", "5e", "5f")
	d.Diag = r.kernelDiag()
	title := "Array kernels, 4096×4096 float64, one process\n" + r.goalsLine("5a", "5b", "5c", "5d", "5e")
	if err := plotBars(filepath.Join(docsDir, "img", "kernels.png"), title, "time per call (ms)", labels, []barGroup{gGo, gNp}, false); err != nil {
		return nil, err
	}
	return &d, nil
}

func (r *report) kernelDiag() *kernelDiag {
	d := kernelDiag{Rounds: r.run.Config.Rounds["kernels"], THP: thpMode()}
	for _, sp := range []struct{ with, into, label string }{
		{"copy_c", "copy_into", "contiguous copy"},
		{"transpose_copy", "transpose_into", "transposing copy"},
		{"add", "add_into", "`Add`"},
	} {
		gw, gi, nw, ni := r.kern(sp.with, "go"), r.kern(sp.into, "go"), r.kern(sp.with, "numpy"), r.kern(sp.into, "numpy")
		if gw == nil || gi == nil || nw == nil || ni == nil {
			continue
		}
		s := kernelSplit{
			Label: sp.label, GoLoop: fmtT(gi), NumPyLoop: fmtT(ni), Ratio: gi.Median / ni.Median,
			GoAlloc: fmtDur(gw.Median - gi.Median), NumPyAlloc: fmtDur(nw.Median - ni.Median),
		}
		if h := r.kern(sp.into, "go-plain"); h != nil {
			s.GoPlain, s.PlainRatio = fmtT(h), h.Median/ni.Median
		}
		d.Splits = append(d.Splits, s)
	}
	if g, h, n := r.kern("sum", "go"), r.kern("sum", "go-plain"), r.kern("sum", "numpy"); g != nil && h != nil && n != nil {
		d.Sum = &kernelSum{Go: fmtT(g), NumPy: fmtT(n), GoPlain: fmtT(h), PlainRatio: h.Median / n.Median}
	}
	if len(d.Splits) == 0 && d.Sum == nil {
		return nil
	}
	return &d
}

func (r *report) kern(cas, system string) *stat {
	for k, s := range r.stats {
		if k.Bench == "kernels" && k.Case == cas && k.System == system {
			return s
		}
	}
	return nil
}

// --- 6. Distributed arrays

type distData struct {
	N, HaloIters int // the halo exchange: an N×N array
	N3           int // the redistribution: an N3³ array
	Size3        string
	RedistIters  int
	Rounds       int
	Rows         []distRow
}

type distRow struct {
	Op                   string
	NP                   int
	Derived, Pack, Py, C string
	DerivedPy, PackPy    string // ratios
	DerivedC, PackC      string
	// min–max over the rounds
	DerivedSpread, PackSpread, PySpread, CSpread string
}

func (r *report) dist() (*distData, error) {
	cfg := r.run.Config
	d := distData{
		N: cfg.DistN, HaloIters: cfg.DistHaloIters,
		N3: cfg.DistN3, Size3: fmtSize(int64(8 * cfg.DistN3 * cfg.DistN3 * cfg.DistN3)), RedistIters: cfg.DistRedistIters,
		Rounds: cfg.Rounds["dist"],
	}
	type row struct {
		cas  string
		np   int
		size int64
	}
	var rows []row
	seen := map[row]bool{}
	for k := range r.stats {
		if k.Bench == "dist" {
			if rw := (row{k.Case, k.NP, k.Size}); !seen[rw] {
				seen[rw] = true
				rows = append(rows, rw)
			}
		}
	}
	// By ranks, then the halo exchanges (2x1 before 1x2), then the
	// redistribution.
	slices.SortFunc(rows, func(a, b row) int {
		if a.np != b.np {
			return a.np - b.np
		}
		ha, hb := strings.HasPrefix(a.cas, "halo "), strings.HasPrefix(b.cas, "halo ")
		if ha != hb {
			if ha {
				return -1
			}
			return 1
		}
		return strings.Compare(b.cas, a.cas)
	})
	if len(rows) == 0 {
		return &d, nil
	}
	var labels []string
	gD, gP, gC := barGroup{Name: "Go Derived ÷ mpi4py"}, barGroup{Name: "Go Pack ÷ mpi4py"}, barGroup{Name: "C ÷ mpi4py"}
	for _, rw := range rows {
		get := func(sys string) *stat { return r.get("dist", rw.cas, rw.np, rw.size, sys) }
		gd, gp, py, c := get("go-derived"), get("go-pack"), get("mpi4py"), get("c")
		d.Rows = append(d.Rows, distRow{
			Op: distLabel(rw.cas), NP: rw.np,
			Derived: fmtT(gd), Pack: fmtT(gp), Py: fmtT(py), C: fmtT(c),
			DerivedPy: ratio(gd, py), PackPy: ratio(gp, py), DerivedC: ratio(gd, c), PackC: ratio(gp, c),
			DerivedSpread: spread(gd), PackSpread: spread(gp), PySpread: spread(py), CSpread: spread(c),
		})
		labels = append(labels, fmt.Sprintf("%s\nnp=%d", strings.Replace(distLabel(rw.cas), " ", "\n", 1), rw.np))
		gD.Values = append(gD.Values, q(gd, py))
		gP.Values = append(gP.Values, q(gp, py))
		gC.Values = append(gC.Values, q(c, py))
	}
	title := "Distributed arrays: time relative to mpi4py + NumPy by hand (1 = mpi4py; lower is faster)\nno goal set for this suite: comparison only"
	if err := plotRatios(filepath.Join(docsDir, "img", "dist.png"), title, "time ÷ mpi4py time (log scale)", "mpi4py (= 1)",
		labels, []barGroup{gD, gP, gC}); err != nil {
		return nil, err
	}
	return &d, nil
}

// distLabel names a case of the dist suite: "halo 2x2" is the halo
// exchange on a 2x2 grid, "redist 4x1x1 to 1x1x4" a redistribution.
func distLabel(cas string) string {
	switch {
	case strings.HasPrefix(cas, "halo "):
		return "halo exchange " + strings.ReplaceAll(strings.TrimPrefix(cas, "halo "), "x", "×")
	case strings.HasPrefix(cas, "redist "):
		return "Redistribute " + strings.ReplaceAll(strings.ReplaceAll(strings.TrimPrefix(cas, "redist "), "x", "×"), " to ", " → ")
	}
	return cas
}
