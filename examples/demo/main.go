// Command demo is `make demo`: it builds every example program into
// bin/examples/ at the root of the module and runs each under the MPI
// launcher with 4 ranks (more ranks than cores allowed), printing each
// program's output in rank order (all of rank 0's lines, then rank 1's,
// ...; the tag in front of each line is the rank). Then it runs the
// cross-checks of runner.CrossChecks, which run the distributed examples
// on other numbers of ranks and compare what they computed (heat2d
// restarted from a checkpoint on another number of ranks, stats and
// poisson3d on one rank), and prints a summary table.
// Examples that write files (heat2d's .npy files) run in bin/examples/
// and leave them there.
//
//	go run ./examples/demo            # OpenMPI's mpirun
//	go run -tags mpich ./examples/demo  # MPICH's mpiexec.mpich
//
// A program passes when it exits 0 and prints what
// examples/testdata/<name>.out expects (go test ./examples/ shows any
// difference line by line). The demo exits 1 if any program does not.
package main

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ndmpi/ndmpi/examples/internal/runner"
)

const (
	ranks   = 4
	timeout = 60 * time.Second // per program; each takes a second or two
)

func main() {
	os.Exit(demo())
}

func demo() int {
	start := time.Now()
	root, err := runner.ModuleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		return 1
	}
	if _, err := exec.LookPath(runner.Launcher); err != nil {
		fmt.Fprintf(os.Stderr, "demo: %s is not installed (%v); `make deps` installs it\n", runner.Launcher, err)
		return 1
	}
	binDir := filepath.Join(root, "bin", "examples")
	fmt.Printf("Building the %d examples into %s\n", len(runner.Examples), rel(root, binDir))
	if err := runner.Build(root, binDir); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		return 1
	}

	type result struct {
		ex      runner.Example
		verdict string
		elapsed time.Duration
	}
	var results []result
	failed := 0
	for _, ex := range runner.Examples {
		bin := filepath.Join(binDir, ex.Name)
		fmt.Printf("\n=== %s: %s (%s) ===\n", ex.Name, ex.Title, ex.Seed)
		// An example that writes files runs in binDir, and leaves them
		// there.
		files := runner.Files[ex.Name]
		dir := ""
		if len(files) > 0 {
			dir = binDir
			fmt.Printf("$ cd %s && %s\n", rel(root, binDir), runner.LauncherCommand("./"+ex.Name, ranks))
		} else {
			fmt.Printf("$ %s\n", runner.LauncherCommand(rel(root, bin), ranks))
		}
		for _, f := range files {
			os.Remove(filepath.Join(binDir, f)) // not last run's
		}
		o := runner.RunIn(dir, bin, ranks, timeout)
		for _, r := range slices.Sorted(maps.Keys(o.Ranks)) {
			for _, line := range o.Ranks[r] {
				fmt.Printf("[%d] %s\n", r, line)
			}
		}
		for _, line := range o.Untagged {
			fmt.Println(line)
		}
		if s := strings.TrimRight(o.Stderr, "\n"); s != "" {
			fmt.Println("standard error:")
			fmt.Println(s)
		}

		verdict := "OK"
		want, err := runner.Expected(root, ex.Name)
		switch {
		case o.Err != nil:
			verdict = "FAILED: " + o.Err.Error()
		case err != nil:
			verdict = "FAILED: no expected output: " + err.Error()
		case o.Text() != want:
			verdict = "FAILED: output differs from " + rel(root, runner.ExpectedPath(root, ex.Name))
		}
		var wrote []string
		for _, f := range files {
			path := filepath.Join(binDir, f)
			if _, err := os.Stat(path); err != nil && verdict == "OK" {
				verdict = "FAILED: did not write " + rel(root, path)
			} else if err == nil {
				wrote = append(wrote, rel(root, path))
			}
		}
		if len(wrote) > 0 {
			fmt.Printf("(files left: %s)\n", strings.Join(wrote, ", "))
		}
		if verdict != "OK" {
			failed++
			fmt.Println(verdict)
		}
		results = append(results, result{ex, verdict, o.Elapsed})
	}

	checks, checksFailed := crossChecks(root, binDir)
	failed += checksFailed

	fmt.Printf("\n=== Summary: %d programs under %s with %d ranks and %d cross-checks, %d failed, %.0fs in all ===\n",
		len(results), runner.Launcher, ranks, len(checks), failed, time.Since(start).Seconds())
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "program\twhat it shows\tresult\ttime")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.1fs\n", r.ex.Name, r.ex.Shows, r.verdict, r.elapsed.Seconds())
	}
	for _, c := range checks {
		fmt.Fprintf(tw, "%s (cross-check)\t%s\t%s\t%.1fs\n", c.check.Name, c.check.Shows, c.verdict, c.elapsed.Seconds())
	}
	tw.Flush()
	if failed > 0 {
		return 1
	}
	return 0
}

// checkResult is how a cross-check went.
type checkResult struct {
	check   runner.CrossCheck
	verdict string
	elapsed time.Duration
}

// crossChecks runs runner.CrossChecks, each in a directory of its own
// under binDir/crosscheck, and returns how each went and how many failed.
func crossChecks(root, binDir string) ([]checkResult, int) {
	var results []checkResult
	failed := 0
	for _, c := range runner.CrossChecks {
		fmt.Printf("\n=== cross-check %s: %s ===\n", c.Name, c.Shows)
		dir := filepath.Join(binDir, "crosscheck", c.Name)
		os.RemoveAll(dir) // not last run's
		verdict := "OK"
		t0 := time.Now()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			verdict = "FAILED: " + err.Error()
		} else if what, err := c.Run(filepath.Join(binDir, c.Name), dir, timeout); err != nil {
			verdict = "FAILED"
			fmt.Println(err)
		} else {
			fmt.Println(what)
		}
		if verdict != "OK" {
			failed++
		}
		fmt.Printf("(files left: %s)\n", rel(root, dir))
		results = append(results, checkResult{c, verdict, time.Since(t0)})
	}
	return results, failed
}

// rel shortens path to a path relative to the module root.
func rel(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil {
		return r
	}
	return path
}
