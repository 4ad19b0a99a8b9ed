// The examples' test: every program of examples/ is built and run under
// the MPI launcher with 4 ranks, and its output, put in rank order (see
// package runner), must be the one in testdata/<name>.out. Those files are
// the documentation's promise: regenerate them with
//
//	go test ./examples/ -run TestExamples -update
//
// and read every line before committing them.
//
// With -tags mpich the examples are built against MPICH and run with
// mpiexec.mpich.
package examples_test

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/examples/internal/runner"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.out with the outputs of this run")

// timeout bounds every run: the examples take a second or two, and a hang
// is a failure, not a wait.
const timeout = 60 * time.Second

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
	root      string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// built builds every example once, into a temporary directory, and
// returns the path of example name.
func built(t *testing.T, name string) string {
	t.Helper()
	buildOnce.Do(func() {
		root, buildErr = runner.ModuleRoot()
		if buildErr != nil {
			return
		}
		binDir, buildErr = os.MkdirTemp("", "ndmpi-examples-")
		if buildErr != nil {
			return
		}
		buildErr = runner.Build(root, binDir)
	})
	require.NoError(t, buildErr)
	return filepath.Join(binDir, name)
}

func needLauncher(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath(runner.Launcher); err != nil {
		t.Skipf("%s is not installed (%v): the examples run under the MPI launcher; `make deps` installs it", runner.Launcher, err)
	}
}

// Every directory of examples/ is an example with an expected output, and
// the other way round.
func TestEveryExampleListed(t *testing.T) {
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var dirs []string
	for _, e := range entries {
		if e.IsDir() && !slices.Contains([]string{"demo", "internal", "testdata"}, e.Name()) {
			dirs = append(dirs, e.Name())
		}
	}
	var listed []string
	for _, e := range runner.Examples {
		listed = append(listed, e.Name)
		if !*update {
			assert.FileExists(t, filepath.Join("testdata", e.Name+".out"))
		}
	}
	slices.Sort(listed)
	assert.Equal(t, dirs, listed, "runner.Examples must list every directory of examples/")

	outs, err := filepath.Glob(filepath.Join("testdata", "*.out"))
	require.NoError(t, err)
	for _, f := range outs {
		name := filepath.Base(f)
		assert.Contains(t, listed, name[:len(name)-len(".out")], "%s belongs to no example", f)
	}
}

// Each example under the launcher with 4 ranks prints its expected output
// (and writes its files, in a directory of its own).
func TestExamples(t *testing.T) {
	needLauncher(t)
	for _, e := range runner.Examples {
		t.Run(e.Name, func(t *testing.T) {
			dir := t.TempDir()
			o := runner.RunIn(dir, built(t, e.Name), 4, timeout)
			require.NoError(t, o.Err, "%s\n%s", runner.LauncherCommand(e.Name, 4), o.ErrContext())
			checkFiles(t, dir, e.Name)
			path := filepath.Join("testdata", e.Name+".out")
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(o.Text()), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, sameMPI(string(want)), sameMPI(o.Text()), "output of %s in rank order, against %s", e.Name, path)
			if o.Stderr != "" {
				t.Logf("standard error:\n%s", o.Stderr)
			}
		})
	}
}

// A program started on its own is a world of one rank: rank 0, with
// nobody to send to.
func TestAlone(t *testing.T) {
	needLauncher(t) // OpenMPI's singleton mode starts its runtime from the launcher's package
	o := runner.RunAlone(built(t, "sendrecv"), timeout)
	require.NoError(t, o.Err, o.ErrContext())
	assert.Equal(t, "Rank 0 has data: [0. 1. 2. 3. 4. 5. 6. 7. 8. 9.]\n", o.Text())
}

// Every example works with any number of ranks: alone, and under the
// launcher with 2 and 3 (one rank without a partner, uneven splits).
func TestOtherSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the examples run with 4 ranks only")
	}
	needLauncher(t)
	for _, e := range runner.Examples {
		t.Run(e.Name+"/alone", func(t *testing.T) {
			dir := t.TempDir()
			o := runner.RunAloneIn(dir, built(t, e.Name), timeout)
			require.NoError(t, o.Err, o.ErrContext())
			assert.NotEmpty(t, o.Text())
			checkFiles(t, dir, e.Name)
		})
	}
	for _, np := range []int{2, 3} {
		for _, e := range runner.Examples {
			t.Run(fmt.Sprintf("%s/np=%d", e.Name, np), func(t *testing.T) {
				dir := t.TempDir()
				o := runner.RunIn(dir, built(t, e.Name), np, timeout)
				require.NoError(t, o.Err, "%s\n%s", runner.LauncherCommand(e.Name, np), o.ErrContext())
				assert.Contains(t, o.Ranks, 0, "rank 0 printed nothing")
				checkFiles(t, dir, e.Name)
			})
		}
	}
}

// checkFiles checks that example name wrote its files into dir.
func checkFiles(t *testing.T, dir, name string) {
	t.Helper()
	for _, f := range runner.Files[name] {
		assert.FileExists(t, filepath.Join(dir, f), "%s writes %s into its working directory", name, f)
	}
}

// The expected outputs hold the seed's own: testdata/mpi4py has the seed's
// Python programs (verbatim, but for np.zeros in place of np.empty where
// np.empty's garbage would print), and what mpi4py prints when they run
// with 4 ranks must appear, line by line and in rank order, in the
// expected output of the example of the same name: all of it, for the
// examples that are the seed's program and nothing more.
//
// mpi4py here is linked to OpenMPI: the programs run under OpenMPI's
// mpirun whatever the build tags. The test is skipped without mpirun or
// without a Python that imports mpi4py and numpy (/usr/bin/python3 first).
func TestSeedOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no mpi4py runs")
	}
	if _, err := exec.LookPath("mpirun"); err != nil {
		t.Skip("OpenMPI's mpirun is not installed: cannot run the seed's mpi4py programs")
	}
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import mpi4py, numpy").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("no python3 with mpi4py and numpy (make deps installs them)")
	}
	whole := map[string]bool{"sendrecv": true, "sendrecv_slice": true, "scatterv": true, "gatherv": true, "reduce": true}
	progs, err := filepath.Glob(filepath.Join("testdata", "mpi4py", "*.py"))
	require.NoError(t, err)
	require.NotEmpty(t, progs)
	for _, prog := range progs {
		name := strings.TrimSuffix(filepath.Base(prog), ".py")
		t.Run(name, func(t *testing.T) {
			got := runMPI4Py(t, python, prog, 4)
			want, err := os.ReadFile(filepath.Join("testdata", name+".out"))
			require.NoError(t, err)
			if whole[name] {
				assert.Equal(t, got, string(want), "mpi4py's output of %s, in rank order", prog)
				return
			}
			ours := strings.Split(string(want), "\n")
			i := 0
			for _, line := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				for i < len(ours) && ours[i] != line {
					i++
				}
				if !assert.Less(t, i, len(ours), "mpi4py printed %q, which testdata/%s.out lacks (or has out of order); mpi4py's output:\n%s", line, name, got) {
					return
				}
				i++
			}
		})
	}
}

// runMPI4Py runs a Python program under OpenMPI's mpirun with np ranks
// and returns its output in rank order, each rank's output in a file of
// its own (--output-filename) so that nothing interleaves.
func runMPI4Py(t *testing.T, python, prog string, np int) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("mpirun", "-np", fmt.Sprint(np), "--oversubscribe", "--bind-to", "none",
		"--output-filename", dir, python, prog)
	cmd.Env = append(os.Environ(), "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s\n%s", cmd, out)
	var b strings.Builder
	for r := range np {
		files, err := filepath.Glob(filepath.Join(dir, "*", fmt.Sprintf("rank.%d", r), "stdout"))
		require.NoError(t, err)
		if len(files) == 0 {
			continue // a rank that printed nothing
		}
		data, err := os.ReadFile(files[0])
		require.NoError(t, err)
		b.Write(data)
	}
	return b.String()
}

// truncated matches the truncation error as OpenMPI words it: OpenMPI
// reports the size of a truncated message, MPICH only that it was larger.
var truncated = regexp.MustCompile(`message truncated: \d+ elements arrived, the receive buffer has room for (\d+)`)

// sameMPI makes the expected outputs, recorded with OpenMPI, comparable
// with MPICH's: the one line that differs says less with MPICH.
func sameMPI(out string) string {
	if runner.Launcher == "mpirun" {
		return out
	}
	return truncated.ReplaceAllString(out, "message truncated: the message holds more than the $1 elements the receive buffer has room for")
}
