package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/bench/internal/harness"
)

// Each row is judged by the rule of its size: the overhead rule below
// 1 MiB, the bandwidth rule from 1 MiB on, and no verdict without the
// systems the rule needs.
func TestInterhostRule(t *testing.T) {
	s := func(sec float64) *stat { return &stat{Median: sec, Min: sec, Max: sec, N: 1} }
	for _, tc := range []struct {
		name      string
		size      int64
		c, g, py  *stat
		met, ok   bool
		mentioned string
	}{
		{"overhead within a third", 8, s(100e-6), s(103e-6), s(130e-6), true, true, "Go − C = 3.00 µs"},
		{"overhead exactly a third", 512, s(1), s(1.25), s(1.75), true, true, "⅓ (mpi4py − C) = 250 ms"},
		{"overhead above a third", 8, s(100e-6), s(111e-6), s(130e-6), false, true, "Go − C = 11.0 µs"},
		{"Go faster than C", 32 << 10, s(100e-6), s(90e-6), s(130e-6), true, true, "Go − C = -10.0 µs"},
		{"Go and mpi4py faster than C", 8, s(100e-6), s(95e-6), s(70e-6), true, true, "⅓ (mpi4py − C) = -10.0 µs"},
		{"mpi4py faster than C, Go slower", 8, s(100e-6), s(102e-6), s(70e-6), false, true, "Go − C = 2.00 µs"},
		{"no mpi4py below 1 MiB", 8, s(100e-6), s(100e-6), nil, false, false, ""},
		{"bandwidth at 0.95", 1 << 20, s(95e-3), s(100e-3), nil, true, true, "Go ÷ C bandwidth 0.95"},
		{"bandwidth below 0.95", 4 << 20, s(90e-3), s(100e-3), s(50e-3), false, true, "Go ÷ C bandwidth 0.90"},
		{"no Go", 4 << 20, s(90e-3), nil, s(50e-3), false, false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, met, ok := interhostRule(tc.size, tc.c, tc.g, tc.py, byMedian)
			if met != tc.met || ok != tc.ok {
				t.Fatalf("interhostRule = %q, met %v, ok %v; want met %v, ok %v", m, met, ok, tc.met, tc.ok)
			}
			if !strings.Contains(m, tc.mentioned) {
				t.Errorf("interhostRule says %q, want it to contain %q", m, tc.mentioned)
			}
		})
	}
}

func TestPlacement(t *testing.T) {
	for _, tc := range []struct {
		np   int
		want string
	}{
		{2, "node1: 0; node2: 1"},
		{3, "node1: 0; node2: 1; node3: 2"},
		{4, "node1: 0, 3; node2: 1; node3: 2"},
	} {
		if got := placement(tc.np); got != tc.want {
			t.Errorf("placement(%d) = %q, want %q", tc.np, got, tc.want)
		}
	}
}

// renderInterhost renders the report of an interhost-only run.
func renderInterhost(t *testing.T, results []result, skip string) (*report, string) {
	t.Helper()
	docsDir = t.TempDir()
	run := runInfo{Config: quickConfig(), Suites: []string{"interhost"}, InterhostSkip: skip, Others: -1}
	r := newReport(results, run)
	d, err := r.data()
	if err != nil {
		t.Fatalf("data: %v", err)
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, d); err != nil {
		t.Fatalf("template: %v", err)
	}
	return r, b.String()
}

// The section shows every measured row with its rule and verdict, and the
// goals 8a-8c in the summary; a skipped suite says why instead.
func TestInterhostReport(t *testing.T) {
	var results []result
	add := func(bench, cas string, np int, size int64, c, g, py float64) {
		for sys, sec := range map[string]float64{"c": c, "go": g, "mpi4py": py} {
			for round := 1; round <= 3; round++ {
				results = append(results, result{Round: round, Record: harness.Record{
					System: sys, Bench: bench, Case: cas, NP: np, Size: size, Seconds: sec, Check: "ok"}})
			}
		}
	}
	add("interhost-pingpong", "", 2, 8, 50e-6, 52e-6, 80e-6)          // met
	add("interhost-pingpong", "", 2, 4<<20, 10e-3, 10.2e-3, 11e-3)    // met: 0.98
	add("interhost-coll", "allreduce", 2, 8, 100e-6, 200e-6, 160e-6)  // missed
	add("interhost-coll", "allreduce", 4, 1<<20, 20e-3, 25e-3, 22e-3) // missed: 0.80

	r, out := renderInterhost(t, results, "")
	for _, want := range []string{
		"## 8. Across hosts",
		"| 8 B | 50.0 µs | 52.0 µs | 80.0 µs | 2.00 µs | 10.0 µs |",
		"| 4 MiB | 10.0 ms | 10.2 ms | 11.0 ms |",
		"| 2 | node1: 0; node2: 1 | 8 B |",
		"| 4 | node1: 0, 3; node2: 1; node3: 2 | 1 MiB |",
		"Go ≥ 0.95 × C bandwidth | ❌ NOT met |",
		"Go − C ≤ ⅓ (mpi4py − C) | ✅ met |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	for _, tc := range []struct {
		id  string
		met bool
	}{{"8a", true}, {"8b", true}, {"8c", false}} {
		g := r.findGoal(tc.id)
		if g == nil || g.Met != tc.met {
			t.Errorf("goal %s = %+v, want met %v", tc.id, g, tc.met)
		}
	}
	if g := r.findGoal("8c"); g != nil && !strings.Contains(g.Measured, "2 of 2 rows miss") {
		t.Errorf("goal 8c says %q, want both Allreduce rows missed", g.Measured)
	}

	_, out = renderInterhost(t, nil, "not root")
	if !strings.Contains(out, "**Skipped: cannot create network-namespace hosts here: not root.**") {
		t.Errorf("the skipped report does not say why:\n%s", out)
	}
	if strings.Contains(out, "### Ping-pong") {
		t.Errorf("the skipped report has tables:\n%s", out)
	}
}
