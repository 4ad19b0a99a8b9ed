package ndarray_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// onlyFile checks that dir holds just the file name: no temporary file
// was left behind.
func onlyFile(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	require.Equal(t, []string{name}, names)
}

// A Save that fails leaves the file it was to replace as it was, and no
// temporary file. Before Save wrote to a temporary file, it truncated the
// old file first: a nil array left it empty.
func TestSaveFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keep.npy")
	old := ndarray.Iota[float64](3, 4)
	require.NoError(t, ndarray.Save(path, old))
	err := ndarray.Save(path, (*ndarray.Array[float64])(nil))
	require.ErrorIs(t, err, ndarray.ErrValue)
	back, err := ndarray.Load[float64](path)
	require.NoError(t, err)
	require.Equal(t, old.ToSlice(), back.ToSlice())
	onlyFile(t, dir, "keep.npy")

	// A directory that does not exist: nothing is created.
	err = ndarray.Save(filepath.Join(dir, "no", "such.npy"), old)
	require.ErrorIs(t, err, os.ErrNotExist)
	require.ErrorContains(t, err, "such.npy")
	onlyFile(t, dir, "keep.npy")
}

// Save onto a full file system is an error (ENOSPC), and the old file
// stays whole.
func TestSaveFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v: %s", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", dir, err, out)
		}
	})
	path := filepath.Join(dir, "checkpoint.npy")
	old := ndarray.Iota[float64](40, 100) // 31 KiB: fits, but not twice
	require.NoError(t, ndarray.Save(path, old))
	require.NoError(t, ndarray.Save(path, old), "the same again, beside the old file")
	for _, shape := range [][]int{{50, 100}, {200, 100}} { // 39 KiB beside the old 31, 156 KiB
		err := ndarray.Save(path, ndarray.Full(9.0, shape...))
		require.ErrorIs(t, err, syscall.ENOSPC, "%v", shape)
		back, err := ndarray.Load[float64](path)
		require.NoError(t, err)
		require.Equal(t, old.ToSlice(), back.ToSlice())
		onlyFile(t, dir, "checkpoint.npy")
	}
}

// The new file has the permission bits of the file it replaces, or those
// os.Create gives; a symbolic link is followed and stays a link; a path
// that is not a regular file is written in place.
func TestSaveModesLinksDevices(t *testing.T) {
	dir := t.TempDir()
	a := ndarray.Iota[int32](5)

	ref := filepath.Join(dir, "ref")
	f, err := os.Create(ref)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	refInfo, err := os.Stat(ref)
	require.NoError(t, err)
	path := filepath.Join(dir, "new.npy")
	require.NoError(t, ndarray.Save(path, a))
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, refInfo.Mode(), info.Mode(), "a new file's mode, as os.Create's")

	require.NoError(t, os.Chmod(path, 0o640))
	require.NoError(t, ndarray.Save(path, a))
	info, err = os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o640), info.Mode().Perm(), "the replaced file's mode")

	link := filepath.Join(dir, "link.npy")
	require.NoError(t, os.Symlink("new.npy", link))
	b := ndarray.Iota[int32](7)
	require.NoError(t, ndarray.Save(link, b))
	linfo, err := os.Lstat(link)
	require.NoError(t, err)
	require.Equal(t, os.ModeSymlink, linfo.Mode().Type(), "the link stays a link")
	back, err := ndarray.Load[int32](path)
	require.NoError(t, err)
	require.Equal(t, b.ToSlice(), back.ToSlice(), "the file the link points to is replaced")

	require.NoError(t, ndarray.Save(os.DevNull, a))
	dinfo, err := os.Stat(os.DevNull)
	require.NoError(t, err)
	require.NotZero(t, dinfo.Mode()&os.ModeDevice, "%s is still a device", os.DevNull)
}

// saveShape is what the helper process saves: 8 MiB of float64.
var saveShape = []int{1024, 1024}

// TestSaveHelperProcess is not a test: TestSaveKilledMidWrite runs the
// test binary with NDARRAY_SAVE_HELPER set to a path, and it then saves
// generation after generation there (generation g holds g*size + i at
// flat index i), printing "writing g" before each, until it is killed.
func TestSaveHelperProcess(t *testing.T) {
	path := os.Getenv("NDARRAY_SAVE_HELPER")
	if path == "" {
		t.Skip("a helper process of TestSaveKilledMidWrite")
	}
	base := ndarray.Iota[float64](saveShape...)
	size := float64(base.Size())
	for g := 1; g < 1000; g++ {
		a := ndarray.Must(ndarray.Add(base, ndarray.Full(float64(g)*size, saveShape...)))
		fmt.Println("writing", g)
		if err := ndarray.Save(path, a); err != nil {
			fmt.Println("Save:", err)
			os.Exit(1)
		}
	}
	os.Exit(0)
}

// A process killed (SIGKILL) in the middle of Save leaves the file either
// as it was or as the complete new array. Before Save wrote a temporary
// file and renamed it, it truncated the file and wrote in place.
func TestSaveKilledMidWrite(t *testing.T) {
	if os.Getenv("NDARRAY_SAVE_HELPER") != "" {
		t.Skip("in the helper process")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	trials := 6
	if testing.Short() {
		trials = 2
	}
	dir := t.TempDir()
	for trial := range trials {
		path := filepath.Join(dir, fmt.Sprintf("gen%d.npy", trial))
		cmd := exec.Command(exe, "-test.run=^TestSaveHelperProcess$")
		cmd.Env = append(os.Environ(), "NDARRAY_SAVE_HELPER="+path)
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		writes := make(chan int, 1000)
		go func() {
			defer close(writes)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if f := strings.Fields(sc.Text()); len(f) == 2 && f[0] == "writing" {
					if g, err := strconv.Atoi(f[1]); err == nil {
						writes <- g
					}
				}
			}
		}()
		// Time generation 2, then kill at a random moment of generation 4.
		var t2, t3 time.Time
		for g := range writes {
			switch g {
			case 2:
				t2 = time.Now()
			case 3:
				t3 = time.Now()
			}
			if g == 4 {
				break
			}
		}
		require.False(t, t3.IsZero(), "trial %d: the helper stopped before generation 4", trial)
		time.Sleep(time.Duration(rand.Int64N(int64(t3.Sub(t2)) + 1)))
		require.NoError(t, cmd.Process.Kill())
		last := 4 // the generation the helper was writing when it died
		for g := range writes {
			last = g
		}
		_ = cmd.Wait()

		a, err := ndarray.Load[float64](path)
		require.NoError(t, err, "trial %d", trial)
		require.Equal(t, saveShape, a.Shape())
		values := a.ToSlice()
		size := float64(len(values))
		g := values[0] / size
		require.Contains(t, []float64{float64(last - 1), float64(last)}, g,
			"trial %d: killed while writing generation %d: that one or the one before", trial, last)
		for i, v := range values {
			if v != g*size+float64(i) {
				require.Failf(t, "a mix", "trial %d: element %d is %v, generation %v would have %v", trial, i, v, g, g*size+float64(i))
			}
		}
		t.Logf("trial %d: killed while writing generation %d: the file holds generation %v", trial, last, g)
	}
}
