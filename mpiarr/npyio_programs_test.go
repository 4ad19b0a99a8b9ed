package mpiarr_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

func init() { programs["npy-checkpoint"] = npyCheckpoint }

// checkpointShape is the global shape the checkpoint program writes: 16
// MiB of float64, so that a write lasts long enough to be killed in the
// middle of.
var checkpointShape = []int{2048, 1024}

// npyCheckpoint writes a distributed array over the checkpoint file named
// by its first argument again and again, generation g holding g*size + i
// at flat index i, until it is killed or has written its second argument's
// number of generations. Every rank prints its pid; rank 0 prints
// "writing g" before each write and "wrote g" after it.
func npyCheckpoint() int {
	args := os.Args[len(os.Args)-2:]
	path := args[0]
	gens, err := strconv.Atoi(args[1])
	if err != nil {
		fmt.Println("bad generation count:", err)
		return 2
	}
	c, err := mpiarr.Init()
	if err != nil {
		fmt.Println("Init:", err)
		return 1
	}
	defer mpiarr.Finalize()
	fmt.Println("pid", os.Getpid())
	d, err := mpiarr.NewDist[float64](c, checkpointShape, mpiarr.DistOptions{})
	if err != nil {
		fmt.Println("NewDist:", err)
		return 1
	}
	// base holds the flat global index of every element of the block.
	base := ndarray.Zeros[float64](d.BlockShape...)
	for idx := range base.All() {
		g := d.GlobalIndex(idx...)
		flat := 0
		for k, x := range g {
			flat = flat*checkpointShape[k] + x
		}
		base.Set(float64(flat), idx...)
	}
	size := 1.0
	for _, n := range checkpointShape {
		size *= float64(n)
	}
	for g := 1; g <= gens; g++ {
		if err := d.Interior.Assign(ndarray.Must(ndarray.Add(base, ndarray.Full(float64(g)*size, d.BlockShape...)))); err != nil {
			fmt.Println("Assign:", err)
			return 1
		}
		if c.Rank() == 0 {
			fmt.Println("writing", g)
		}
		if err := d.WriteNPY(path); err != nil {
			fmt.Println("WriteNPY:", err)
			return 1
		}
		if c.Rank() == 0 {
			fmt.Println("wrote", g)
		}
	}
	return 0
}

// checkpointGeneration loads the checkpoint and returns the generation it
// holds, or an error if it is not one whole generation.
func checkpointGeneration(path string) (int, error) {
	a, err := ndarray.Load[float64](path)
	if err != nil {
		return 0, err
	}
	if !slicesEqual(a.Shape(), checkpointShape) {
		return 0, fmt.Errorf("shape %v, want %v", a.Shape(), checkpointShape)
	}
	values := a.ToSlice()
	size := float64(len(values))
	g := values[0] / size
	if g < 1 || g != float64(int(g)) {
		return 0, fmt.Errorf("element 0 is %v: no generation", values[0])
	}
	for i, v := range values {
		if v != g*size+float64(i) {
			return 0, fmt.Errorf("element %d is %v, generation %v would have %v: a mix or zeros", i, v, g, g*size+float64(i))
		}
	}
	return int(g), nil
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A rank killed (SIGKILL) in the middle of WriteNPY leaves the checkpoint
// either as it was or as the complete new array, never a mix or zeros.
// Before WriteNPY wrote to a temporary file and renamed it, it truncated
// the file and wrote in place: a kill mid-write destroyed the previous
// checkpoint in 7 of 24 trials, and once left a full-length file with
// zeros that Load and numpy.load accepted.
func TestDistWriteNPYKilledMidWrite(t *testing.T) {
	if mpitest.UnderLauncher() {
		t.Skip("runs jobs of its own, once")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	trials := 6
	if testing.Short() {
		trials = 2
	}
	dir := t.TempDir()
	for trial := range trials {
		np := 2 + trial%2
		victim := (trial / 2) % np // rank 0 (header, rename) or another
		path := filepath.Join(dir, fmt.Sprintf("ckpt%d.npy", trial))
		gen, killed := runAndKill(t, exe, np, victim, path)
		got, err := checkpointGeneration(path)
		require.NoError(t, err, "trial %d: np %d, rank %d killed while writing generation %d", trial, np, victim, killed)
		require.Contains(t, []int{gen, gen + 1}, got, "trial %d: the last complete generation or the one being written", trial)
		t.Logf("trial %d: np %d, rank %d killed while writing generation %d: checkpoint holds generation %d", trial, np, victim, killed, got)
	}
}

// runAndKill runs the checkpoint program on np ranks until generation 2
// is written, then kills rank victim at a random moment of a later write.
// It returns the last generation rank 0 reported written and the one it
// was writing when the kill came.
func runAndKill(t *testing.T, exe string, np, victim int, path string) (written, writing int) {
	t.Helper()
	cmd := mpitest.Command(np, exe, path, "1000")
	cmd.Env = append(cmd.Env, "MPIARR_TEST_PROGRAM=npy-checkpoint")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = cmd.Stdout
	require.NoError(t, cmd.Start())

	var mu sync.Mutex
	pids := map[int]int{}
	var lines []string
	events := make(chan [2]int, 1000) // (writing 0 / wrote 1, generation)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			rank, text, ok := mpitest.SplitTag(sc.Text())
			mu.Lock()
			lines = append(lines, sc.Text())
			mu.Unlock()
			if !ok {
				continue
			}
			f := strings.Fields(text)
			if len(f) != 2 {
				continue
			}
			n, err := strconv.Atoi(f[1])
			if err != nil {
				continue
			}
			mu.Lock()
			switch f[0] {
			case "pid":
				pids[rank] = n
			case "writing":
				events <- [2]int{0, n}
			case "wrote":
				events <- [2]int{1, n}
			}
			mu.Unlock()
		}
	}()
	killAll := func() {
		mu.Lock()
		defer mu.Unlock()
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		for _, pid := range pids {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
	defer func() {
		killAll()
		<-done
		_ = cmd.Wait()
	}()
	fail := func(format string, args ...any) {
		mu.Lock()
		output := strings.Join(lines, "\n")
		mu.Unlock()
		t.Fatalf(format+"\njob output:\n%s", append(args, output)...)
	}

	// Measure one write (generation 2), then kill in the middle of one.
	timeout := time.After(2 * time.Minute)
	var started, period time.Duration
	begin := time.Now()
	for written < 3 {
		select {
		case e := <-events:
			switch {
			case e[0] == 0 && e[1] == 2:
				started = time.Since(begin)
			case e[0] == 1 && e[1] == 2:
				period = time.Since(begin) - started
			}
			if e[0] == 1 {
				written = e[1]
			} else {
				writing = e[1]
			}
		case <-done:
			fail("the job ended before generation 3 was written")
		case <-timeout:
			fail("generation 3 not written within 2 minutes")
		}
	}
	for writing <= written { // wait for the next write to start
		select {
		case e := <-events:
			if e[0] == 0 {
				writing = e[1]
			} else {
				written = e[1]
			}
		case <-done:
			fail("the job ended before the kill")
		case <-timeout:
			fail("no write started within 2 minutes")
		}
	}
	time.Sleep(time.Duration(rand.Int64N(int64(period) + 1)))
	mu.Lock()
	pid, ok := pids[victim]
	mu.Unlock()
	if !ok {
		fail("rank %d never printed its pid", victim)
	}
	require.NoError(t, syscall.Kill(pid, syscall.SIGKILL))
	// The generation rank 0 last reported written (it may have finished
	// another before the kill landed).
	for {
		select {
		case e := <-events:
			if e[0] == 1 {
				written = e[1]
			} else {
				writing = e[1]
			}
			continue
		case <-done:
		case <-time.After(time.Minute):
			fail("the job did not end within a minute of the kill")
		}
		break
	}
	for len(events) > 0 {
		if e := <-events; e[0] == 1 {
			written = e[1]
		}
	}
	if writing <= written {
		writing = written + 1
	}
	return written, writing
}
