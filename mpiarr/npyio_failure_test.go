package mpiarr_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// everyRankFailed checks that err is an error on this rank and on every
// other rank of c: a collective I/O call must never let ranks go different
// ways. It returns the errors of all ranks, for messages.
func everyRankFailed(t *testing.T, c *mpiarr.Comm, err error, what string) {
	t.Helper()
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	all, gerr := mpiarr.AllgatherObj(c, msg)
	require.NoError(t, gerr)
	for r, m := range all {
		require.NotEmpty(t, m, "%s: rank %d returned no error (errors of all ranks: %q)", what, r, all)
	}
}

// smallFS mounts a tmpfs of the given size (e.g. "256k") on a temporary
// directory every rank of c shares, for tests of a full file system: rank
// 0 mounts it once for the job and unmounts it when the test ends, after
// every rank is done. Every rank skips the test alike when mounting is
// impossible (not root, no permission, no tmpfs).
func smallFS(t *testing.T, c *mpiarr.Comm, size string) string {
	t.Helper()
	type mounted struct{ Dir, Skip string }
	var m mounted
	if c.Rank() == 0 {
		m.Dir = t.TempDir()
		switch out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", m.Dir).CombinedOutput(); {
		case os.Geteuid() != 0:
			m.Skip = "mounting a small tmpfs needs root"
		case err != nil:
			m.Skip = fmt.Sprintf("cannot mount a tmpfs: %v: %s", err, strings.TrimSpace(string(out)))
		}
		require.NoError(t, c.BcastObj(m, 0))
	} else {
		require.NoError(t, c.BcastObj(&m, 0))
	}
	if m.Skip != "" {
		t.Skip(m.Skip)
	}
	t.Cleanup(func() {
		_ = c.Barrier()
		if c.Rank() == 0 {
			if out, err := exec.Command("umount", m.Dir).CombinedOutput(); err != nil {
				t.Errorf("umount %s: %v: %s", m.Dir, err, out)
			}
		}
	})
	return m.Dir
}

// filledDist returns a distributed array of the given global shape holding
// base + the flat index of each element.
func filledDist(t *testing.T, c *mpiarr.Comm, shape []int, base float64, o mpiarr.DistOptions) *mpiarr.Dist[float64] {
	t.Helper()
	d, err := mpiarr.NewDist[float64](c, shape, o)
	require.NoError(t, err)
	t.Cleanup(func() { _ = d.Free() })
	var g *ndarray.Array[float64]
	if c.Rank() == 0 {
		g = ndarray.Must(ndarray.Add(globalOf[float64](shape...), ndarray.Full(base, shape...)))
	}
	require.NoError(t, d.Scatter(g, 0))
	return d
}

// A file whose data is cut short is an error on every rank, naming the
// sizes, whatever the grid; a file with bytes after the data reads, as
// numpy.load reads it. Before the check, the collective read reported the
// full count past the end of the file and left zeros in the blocks past
// it (at 2 ranks under OpenMPI one rank erred and the other did not).
func TestDistReadNPYTruncated(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	shape := []int{12, 10}
	want := globalOf[float64](shape...)
	path := filepath.Join(dir, "full.npy")
	hdr, err := ndarray.NPYHeader{DType: ndarray.Float64, Shape: shape}.Encode()
	require.NoError(t, err)
	size := int64(len(hdr)) + int64(want.Size()*8)
	if c.Rank() == 0 {
		require.NoError(t, ndarray.Save(path, want))
		st, err := os.Stat(path)
		require.NoError(t, err)
		require.Equal(t, size, st.Size())
	}
	require.NoError(t, c.Barrier())
	grids := [][]int{{0, 1}, {1, 0}, nil}
	for _, cut := range []int64{8, size / 3, size - int64(len(hdr)), 0} {
		short := filepath.Join(dir, fmt.Sprintf("short%d.npy", cut))
		if c.Rank() == 0 {
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(short, data[:size-cut], 0o644))
			if cut == 0 { // bytes after the data are no error
				require.NoError(t, os.WriteFile(short, append(data, 1, 2, 3), 0o644))
			}
		}
		require.NoError(t, c.Barrier())
		for _, grid := range grids {
			d, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{Grid: grid})
			require.NoError(t, err)
			err = d.ReadNPY(short)
			if cut == 0 {
				require.NoError(t, err)
				require.Equal(t, blockOf(want, d.BlockStart, d.BlockShape).ToSlice(), d.Interior.ToSlice())
			} else {
				everyRankFailed(t, c, err, fmt.Sprintf("file %d bytes short, grid %v", cut, grid))
				require.ErrorIs(t, err, mpiarr.ErrIO)
				require.ErrorContains(t, err, fmt.Sprintf("%d bytes", size-cut))
				require.ErrorContains(t, err, fmt.Sprintf("%d", size))
			}
			require.NoError(t, d.Free())
		}
	}
}

// WriteNPY onto a full file system is an error on every rank. Under
// OpenMPI's default I/O component (ompio) it returned nil everywhere
// after printing "No space left on device", and the file read back as
// zeros.
func TestDistWriteNPYFullDisk(t *testing.T) {
	c := mpitest.Comm(t)
	dir := smallFS(t, c, "256k")
	for _, shape := range [][]int{{128, 512}, {200, 200}, {40, 1000}} { // 512 KiB, 312 KiB, 312 KiB
		d := filledDist(t, c, shape, 1, mpiarr.DistOptions{})
		path := filepath.Join(dir, "big.npy")
		err := d.WriteNPY(path)
		everyRankFailed(t, c, err, fmt.Sprintf("WriteNPY of %v onto a 256 KiB file system", shape))
		require.ErrorIs(t, err, syscall.ENOSPC)
		require.ErrorIs(t, err, mpiarr.ErrIO)
		require.NoError(t, c.Barrier())
		if c.Rank() == 0 {
			// Nothing is left behind: no target, no temporary file.
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			require.Empty(t, entries, "after the failed write")
		}
		require.NoError(t, c.Barrier())
	}
}

// A failed WriteNPY leaves the file it was to replace as it was.
func TestDistWriteNPYKeepsOldFile(t *testing.T) {
	c := mpitest.Comm(t)
	dir := smallFS(t, c, "256k")
	path := filepath.Join(dir, "checkpoint.npy")
	shape := []int{64, 100} // 50 KiB: fits
	old := filledDist(t, c, shape, 7, mpiarr.DistOptions{})
	require.NoError(t, old.WriteNPY(path))
	if c.Rank() == 0 {
		back, err := ndarray.Load[float64](path)
		require.NoError(t, err)
		require.Equal(t, ndarray.Must(ndarray.Add(globalOf[float64](shape...), ndarray.Full(7.0, shape...))).ToSlice(), back.ToSlice())
	}

	// The same shape again fits beside the old file, and replaces it.
	again := filledDist(t, c, shape, 8, mpiarr.DistOptions{Grid: []int{1, 0}})
	require.NoError(t, again.WriteNPY(path))
	wantOld := ndarray.Must(ndarray.Add(globalOf[float64](shape...), ndarray.Full(8.0, shape...)))

	for _, big := range [][]int{{300, 100}, {400, 100}} { // 234 and 312 KiB: no room beside the old file
		d := filledDist(t, c, big, 9, mpiarr.DistOptions{})
		err := d.WriteNPY(path)
		everyRankFailed(t, c, err, fmt.Sprintf("WriteNPY of %v over a 50 KiB file on a 256 KiB file system", big))
		require.NoError(t, c.Barrier())
		if c.Rank() == 0 {
			back, err := ndarray.Load[float64](path)
			require.NoError(t, err, "the old file")
			require.Equal(t, shape, back.Shape())
			require.Equal(t, wantOld.ToSlice(), back.ToSlice(), "the old file")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			require.Len(t, entries, 1, "no temporary file left behind")
		}
		// Every rank reads the old file back.
		r, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{})
		require.NoError(t, err)
		require.NoError(t, r.ReadNPY(path))
		require.Equal(t, blockOf(wantOld, r.BlockStart, r.BlockShape).ToSlice(), r.Interior.ToSlice())
		require.NoError(t, r.Free())
	}
}

// A failure one rank finds during the collective calls of WriteNPY or
// ReadNPY is an error on every rank: the old file stays as it was, no
// temporary file is left, and the Interiors are untouched. Before the
// agreement, the rank that failed returned its error and the others nil.
func TestDistNPYFailureOnOneRank(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	shape := []int{13, 9}
	path := filepath.Join(dir, "keep.npy")
	old := filledDist(t, c, shape, 100, mpiarr.DistOptions{})
	require.NoError(t, old.WriteNPY(path))
	wantOld := ndarray.Must(ndarray.Add(globalOf[float64](shape...), ndarray.Full(100.0, shape...)))
	checkOld := func(what string) {
		require.NoError(t, c.Barrier())
		if c.Rank() == 0 {
			back, err := ndarray.Load[float64](path)
			require.NoError(t, err, what)
			require.Equal(t, wantOld.ToSlice(), back.ToSlice(), what)
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			require.Len(t, entries, 1, "%s: no temporary file left behind", what)
		}
		require.NoError(t, c.Barrier())
	}
	injected := fmt.Errorf("%w: injected", mpiarr.ErrMPI)
	for r := range c.Size() {
		for _, point := range []string{"write", "written"} {
			what := fmt.Sprintf("WriteNPY failing at %q on rank %d", point, r)
			restore := mpiarr.SetNPYFault(func(op, p string, rank int) error {
				if p == point && rank == r {
					return injected
				}
				return nil
			})
			d := filledDist(t, c, shape, 200, mpiarr.DistOptions{Grid: []int{0, 1}})
			err := d.WriteNPY(path)
			restore()
			everyRankFailed(t, c, err, what)
			require.ErrorIs(t, err, mpiarr.ErrMPI, what)
			if c.Rank() != r {
				require.ErrorContains(t, err, fmt.Sprintf("rank %d failed writing", r), what)
			}
			checkOld(what)
		}

		what := fmt.Sprintf("ReadNPY failing on rank %d", r)
		restore := mpiarr.SetNPYFault(func(op, p string, rank int) error {
			if p == "read" && rank == r {
				return injected
			}
			return nil
		})
		d := filledDist(t, c, shape, 300, mpiarr.DistOptions{})
		before := d.Interior.ToSlice()
		err := d.ReadNPY(path)
		restore()
		everyRankFailed(t, c, err, what)
		require.ErrorIs(t, err, mpiarr.ErrMPI, what)
		require.Equal(t, before, d.Interior.ToSlice(), "%s: the Interior is left as it was", what)
	}
}

// A file that shrinks between the header's check and the collective read
// is an error on every rank: collective reads past the end of the file
// report the full count, so rank 0 checks the size after the read.
func TestDistReadNPYCutDuringRead(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	shape := []int{16, 6}
	path := filepath.Join(dir, "shrinks.npy")
	d := filledDist(t, c, shape, 1, mpiarr.DistOptions{})
	require.NoError(t, d.WriteNPY(path))
	restore := mpiarr.SetNPYFault(func(op, p string, rank int) error {
		if p == "read" && rank == 0 {
			return os.Truncate(path, 128+8*8) // the header and 8 elements
		}
		return nil
	})
	defer restore()
	e, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{Grid: []int{0, 1}})
	require.NoError(t, err)
	defer e.Free()
	err = e.ReadNPY(path)
	everyRankFailed(t, c, err, "ReadNPY of a file cut during the read")
	require.ErrorIs(t, err, mpiarr.ErrIO)
	if c.Rank() == 0 { // its read may come out short, or its size check fail
		require.Regexp(t, "the file ended early|cut short during the read: it is 192 bytes long", err.Error())
	}
	require.Equal(t, make([]float64, e.Interior.Size()), e.Interior.ToSlice(), "the Interior is left as it was")
}

// A temporary file of the wrong size after the write (a file system that
// took fewer bytes than MPI reported) is an error on every rank.
func TestDistWriteNPYWrongSize(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	shape := []int{16, 6}
	path := filepath.Join(dir, "short.npy")
	restore := mpiarr.SetNPYFault(func(op, p string, rank int) error {
		if p != "written" || rank != 0 {
			return nil
		}
		tmps, err := filepath.Glob(filepath.Join(dir, ".short.npy.tmp-*"))
		if err != nil || len(tmps) != 1 {
			return fmt.Errorf("%w: temporary files %q: %v", mpiarr.ErrIO, tmps, err)
		}
		return os.Truncate(tmps[0], 500)
	})
	defer restore()
	d := filledDist(t, c, shape, 1, mpiarr.DistOptions{})
	err := d.WriteNPY(path)
	everyRankFailed(t, c, err, "WriteNPY whose file came out short")
	require.ErrorIs(t, err, mpiarr.ErrIO)
	require.ErrorContains(t, err, "holds 500 bytes after the write, the header and the data make 896")
	require.NoError(t, c.Barrier())
	if c.Rank() == 0 {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, entries)
	}
}
