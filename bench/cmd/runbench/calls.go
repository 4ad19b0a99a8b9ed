// --- 9. The calls of issue 13: Iallreduce beside a computation, Put and
// Get, persistent requests (bench/go/calls and its peers).

package main

import (
	"fmt"
	"strings"
)

// callsCase is one case of the calls suite, in the report's order.
type callsCase struct {
	ID, Label, Group string
}

var callsCases = []callsCase{
	{"iallreduce_compute", "Iallreduce + computation + Wait", "overlap"},
	{"allreduce_compute", "Allreduce, then the computation", "overlap"},
	{"compute", "the computation alone", "overlap"},
	{"put_fence", "Put + Fence", "rma"},
	{"get_fence", "Get + Fence", "rma"},
	{"put_lock", "Lock + Put + Unlock", "rma"},
	{"get_lock", "Lock + Get + Unlock", "rma"},
	{"persist", "persistent Start/Wait round trip", "send"},
	{"send", "Send/Recv round trip", "send"},
}

type callsData struct {
	Rounds  int
	Compute string
	Rows    []callsRow
	Overlap []overlapRow
	Goals   []goal
}

type callsRow struct {
	Case, Size          string
	C, Go, Py           string
	GoC, GoPy           string
	GoOver, PyOver3, BW string // the rule's figures: overheads below 1 MiB, Go ÷ C bandwidth from 1 MiB
	Verdict             string // "–" for rows no goal judges
}

// overlapRow says, per system and size, how much of the reduction the
// computation hid: exposed is the time beyond the computation's.
type overlapRow struct {
	Size, System               string
	Compute, Blocking, Overlap string
	ExposedBlocking, Exposed   string
	Hidden                     string
}

// callsJudged are the cases the goals judge; the others are anchors.
var callsJudged = map[string]bool{"iallreduce_compute": true, "put_fence": true, "get_fence": true, "put_lock": true, "get_lock": true, "persist": true}

func (r *report) calls() *callsData {
	d := callsData{Rounds: r.run.Config.Rounds["calls"], Compute: fmtDur(r.run.Config.CallsCompute)}
	for _, cc := range callsCases {
		for _, sz := range r.sizes("calls", cc.ID, 2) {
			c, g, py := r.get("calls", cc.ID, 2, sz, "c"), r.get("calls", cc.ID, 2, sz, "go"), r.get("calls", cc.ID, 2, sz, "mpi4py")
			row := callsRow{Case: cc.Label, Size: fmtSize(sz), C: fmtT(c), Go: fmtT(g), Py: fmtT(py),
				GoC: ratio(g, c), GoPy: ratio(g, py), GoOver: "–", PyOver3: "–", BW: "–", Verdict: "–"}
			if c != nil && g != nil {
				if sz >= largeMessage {
					row.BW = ratio(c, g)
				} else if py != nil {
					row.GoOver, row.PyOver3 = fmtDur(g.Median-c.Median), fmtDur((py.Median-c.Median)/3)
				}
				if _, met, ok := interhostRule(sz, c, g, py, byMedian); ok && callsJudged[cc.ID] {
					row.Verdict = verdict(met)
				}
			}
			d.Rows = append(d.Rows, row)
		}
	}
	for _, sz := range r.sizes("calls", "iallreduce_compute", 2) {
		for _, sys := range []string{"c", "go", "mpi4py"} {
			comp, blk, ovl := r.get("calls", "compute", 2, sz, sys), r.get("calls", "allreduce_compute", 2, sz, sys),
				r.get("calls", "iallreduce_compute", 2, sz, sys)
			if comp == nil || blk == nil || ovl == nil {
				continue
			}
			row := overlapRow{Size: fmtSize(sz), System: sys, Compute: fmtT(comp), Blocking: fmtT(blk), Overlap: fmtT(ovl),
				ExposedBlocking: fmtDur(blk.Median - comp.Median), Exposed: fmtDur(ovl.Median - comp.Median), Hidden: "–"}
			if b := blk.Median - comp.Median; b > 0 {
				row.Hidden = fmt.Sprintf("%.0f%%", 100*(1-max(ovl.Median-comp.Median, 0)/b))
			}
			d.Overlap = append(d.Overlap, row)
		}
	}

	// The goals: each judged row by the rule of its size, as everywhere
	// (below 1 MiB Go's overhead over C at most a third of mpi4py's, from
	// 1 MiB Go at least 0.95x C's bandwidth).
	judge := func(ids []string, small bool) func(p pick) (string, bool) {
		return func(p pick) (string, bool) {
			var missed []string
			n := 0
			for _, id := range ids {
				for _, sz := range r.sizes("calls", id, 2) {
					if small != (sz < largeMessage) {
						continue
					}
					m, met, ok := interhostRule(sz, r.get("calls", id, 2, sz, "c"), r.get("calls", id, 2, sz, "go"), r.get("calls", id, 2, sz, "mpi4py"), p)
					if !ok {
						continue
					}
					n++
					if !met {
						missed = append(missed, id+" "+m)
					}
				}
			}
			if len(missed) == 0 {
				return fmt.Sprintf("all %d rows meet their rule", n), n > 0
			}
			return fmt.Sprintf("%d of %d rows miss their rule: %s", len(missed), n, strings.Join(missed, "; ")), false
		}
	}
	has := func(id string, small bool) bool {
		for _, sz := range r.sizes("calls", id, 2) {
			if small == (sz < largeMessage) {
				return true
			}
		}
		return false
	}
	// both judges a case below and from 1 MiB, whichever it has.
	both := func(id string) func(p pick) (string, bool) {
		return func(p pick) (string, bool) {
			var parts []string
			met := true
			for _, small := range []bool{true, false} {
				if !has(id, small) {
					continue
				}
				m, ok := judge([]string{id}, small)(p)
				met = met && ok
				if small {
					parts = append(parts, "below 1 MiB "+m)
				} else {
					parts = append(parts, "from 1 MiB "+m)
				}
			}
			return strings.Join(parts, "; "), met
		}
	}
	rma := []string{"put_fence", "get_fence", "put_lock", "get_lock"}
	if has("iallreduce_compute", true) || has("iallreduce_compute", false) {
		r.evalGoal("9a", "Iallreduce beside a computation",
			"Iallreduce + computation + Wait, 2 ranks: below 1 MiB per rank (Go − C) ≤ ⅓ (mpi4py − C), from 1 MiB Go ≥ 0.95 × C bandwidth", "",
			both("iallreduce_compute"))
	}
	if has("put_fence", true) {
		r.evalGoal("9b", "one-sided latency", "Put and Get of 8 bytes, with fences or a lock, 2 ranks: (Go − C) ≤ ⅓ (mpi4py − C)", "", judge(rma, true))
	}
	if has("put_fence", false) {
		r.evalGoal("9c", "one-sided bandwidth at ≥ 1 MiB", "Put and Get, with fences or a lock, 2 ranks: Go bandwidth ≥ 0.95 × C at every size ≥ 1 MiB", "",
			judge(rma, false))
	}
	if has("persist", true) || has("persist", false) {
		r.evalGoal("9d", "persistent requests",
			"Ping-pong with SendInit/RecvInit, Start, Wait: below 1 MiB (Go − C) ≤ ⅓ (mpi4py − C), from 1 MiB Go ≥ 0.95 × C bandwidth", "",
			both("persist"))
	}
	d.Goals = r.goalsOf("9a", "9b", "9c", "9d")
	return &d
}
