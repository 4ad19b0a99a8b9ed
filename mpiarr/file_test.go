package mpiarr_test

// Tests of File, MPI-IO: every rank writes its block of a global array
// through a subarray view and reads it back, NumPy checks the raw file,
// and bad input is an error on the ranks concerned (every rank, for the
// collective calls).

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// splitAxis is rank r's block of global split along axis ax as NumPy's
// array_split splits it: the first len%size blocks one longer.
func splitAxis(global []int, ax, r, size int) (block, start []int) {
	block, start = append([]int(nil), global...), make([]int, len(global))
	n := global[ax]
	block[ax] = n / size
	if r < n%size {
		block[ax]++
	}
	start[ax] = r*(n/size) + min(r, n%size)
	return block, start
}

// numpyCheck runs a Python script with NumPy on rank 0 and fails the test
// on every rank if it fails; every rank skips alike without NumPy.
func numpyCheck(t *testing.T, c *mpiarr.Comm, script string, args ...string) {
	t.Helper()
	var out string
	if c.Rank() == 0 {
		if exec.Command("/usr/bin/python3", "-c", "import numpy").Run() != nil {
			out = "skip"
		} else if b, err := exec.Command("/usr/bin/python3", append([]string{"-c", script}, args...)...).CombinedOutput(); err != nil {
			out = fmt.Sprintf("%v: %s", err, b)
		}
		require.NoError(t, c.BcastObj(out, 0))
	} else {
		require.NoError(t, c.BcastObj(&out, 0))
	}
	if out == "skip" {
		t.Skip("no /usr/bin/python3 with numpy")
	}
	require.Empty(t, out, "NumPy's check of the file")
}

// Every rank writes its block of a global array through a subarray view,
// from buffers of every layout the communicator's policy allows; the
// file is the global array in C or Fortran order, as NumPy reads it raw,
// and every rank reads its block back.
func TestFileSubarrayView(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	global := []int{7, 6}
	want := globalOf[float64](global...)
	for _, tc := range []struct {
		name    string
		axis    int
		fortran bool
		layout  mpiarr.Layout
		buffer  func(block *ndarray.Array[float64]) *ndarray.Array[float64] // the block, in some layout
	}{
		{"rows, C, contiguous", 0, false, mpiarr.Refuse, func(b *ndarray.Array[float64]) *ndarray.Array[float64] { return b.Copy(ndarray.OrderC) }},
		{"columns, C, strided view", 1, false, mpiarr.Derived, func(b *ndarray.Array[float64]) *ndarray.Array[float64] {
			wide := ndarray.Zeros[float64](b.Shape()[0], 2*b.Shape()[1])
			view := ndarray.Must(wide.SliceExpr(":, ::2"))
			require.NoError(t, view.Assign(b))
			return view
		}},
		{"columns, C, F-ordered", 1, false, mpiarr.Pack, func(b *ndarray.Array[float64]) *ndarray.Array[float64] { return b.Copy(ndarray.OrderF) }},
		{"rows, Fortran, transposed", 0, true, mpiarr.Pack, func(b *ndarray.Array[float64]) *ndarray.Array[float64] { return b.Copy(ndarray.OrderF) }},
		{"columns, Fortran, contiguous", 1, true, mpiarr.Derived, func(b *ndarray.Array[float64]) *ndarray.Array[float64] { return b.Copy(ndarray.OrderC) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".bin")
			block, start := splitAxis(global, tc.axis, c.Rank(), c.Size())
			mine := blockOf(want, start, block)
			if tc.fortran { // a Fortran view moves the block in Fortran order: the C order of its transpose
				mine = mine.T()
			}
			f, err := mpiarr.OpenFile(c.WithLayout(tc.layout), path, mpiarr.ModeRdwr|mpiarr.ModeCreate)
			require.NoError(t, err)
			view := mpiarr.SubarrayView[float64](global, block, start, tc.fortran)
			require.NoError(t, f.SetView(16, ndarray.Float64, view))
			st, err := f.WriteAtAll(0, tc.buffer(mine))
			require.NoError(t, err)
			require.Equal(t, mine.Size(), st.Count)
			require.Equal(t, 8*mine.Size(), st.Bytes)
			require.NoError(t, f.Sync())

			back := tc.buffer(ndarray.Zeros[float64](mine.Shape()...))
			st, err = f.ReadAtAll(0, back)
			require.NoError(t, err)
			require.Equal(t, mine.Size(), st.Count)
			require.Equal(t, mine.ToSlice(), back.ToSlice())
			size, err := f.Size()
			require.NoError(t, err)
			require.Equal(t, int64(16+8*want.Size()), size)
			require.NoError(t, f.Close())

			order := "C"
			if tc.fortran {
				order = "F"
			}
			numpyCheck(t, c, `
import sys, numpy as np
raw = np.fromfile(sys.argv[1], dtype='<f8', offset=16)
got = raw.reshape((7, 6), order=sys.argv[2])
assert (got == np.arange(42.0).reshape(7, 6)).all(), got
`, path, order)
		})
	}
}

// Non-collective access, at explicit offsets and at the file pointer, in
// the default view (offsets in bytes) and in a view of int32 elements.
func TestFileIndividual(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	path := filepath.Join(dir, "pointer.bin")
	f, err := mpiarr.OpenFile(c, path, mpiarr.ModeRdwr|mpiarr.ModeCreate)
	require.NoError(t, err)
	me := c.Rank()
	// Each rank writes 4 int32s of its own at byte 16*rank.
	mine := ndarray.Must(ndarray.Add(ndarray.Iota[int32](4), ndarray.Full(int32(10*me), 4)))
	st, err := f.WriteAt(int64(16*me), mine)
	require.NoError(t, err)
	require.Equal(t, 4, st.Count)
	require.NoError(t, f.Sync())
	require.NoError(t, c.Barrier())
	require.NoError(t, f.Sync())

	// The file pointer, in bytes: seek to the next rank's part and read it.
	next := (me + 1) % c.Size()
	pos, err := f.Seek(int64(16*next), io.SeekStart)
	require.NoError(t, err)
	require.Equal(t, int64(16*next), pos)
	got := ndarray.Zeros[int32](2, 2)
	st, err = f.Read(got)
	require.NoError(t, err)
	require.Equal(t, 4, st.Count)
	require.Equal(t, []int32{int32(10 * next), int32(10*next + 1), int32(10*next + 2), int32(10*next + 3)}, got.ToSlice())
	pos, err = f.GetPosition()
	require.NoError(t, err)
	require.Equal(t, int64(16*next+16), pos)
	pos, err = f.Seek(-8, io.SeekCurrent)
	require.NoError(t, err)
	require.Equal(t, int64(16*next+8), pos)

	// A view of int32 counting from the start: offsets count elements.
	require.NoError(t, f.SetView(0, ndarray.Int32, mpiarr.Filetype{}))
	pos, err = f.GetPosition()
	require.NoError(t, err)
	require.Equal(t, int64(0), pos, "SetView resets the file pointer")
	_, err = f.Seek(int64(4*me+2), io.SeekStart)
	require.NoError(t, err)
	two := ndarray.Zeros[int32](2)
	st, err = f.ReadAll(two)
	require.NoError(t, err)
	require.Equal(t, 2, st.Count)
	require.Equal(t, []int32{int32(10*me + 2), int32(10*me + 3)}, two.ToSlice())
	// WriteAll at the pointer, then read at explicit offsets.
	_, err = f.Seek(int64(4*me), io.SeekStart)
	require.NoError(t, err)
	_, err = f.WriteAll(ndarray.Full(int32(-me), 1))
	require.NoError(t, err)
	require.NoError(t, f.Sync())
	require.NoError(t, c.Barrier())
	require.NoError(t, f.Sync())
	one := ndarray.Zeros[int32](1)
	_, err = f.ReadAt(int64(4*next), one)
	require.NoError(t, err)
	require.Equal(t, []int32{int32(-next)}, one.ToSlice())
	require.NoError(t, f.Close())
}

// A read that reaches the end of the file counts only what lies before
// it, collective or not, in the default view and through a subarray view;
// the file pointer stops at the end of the file.
func TestFileShortRead(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	path := filepath.Join(dir, "short.bin")
	if c.Rank() == 0 {
		require.NoError(t, os.WriteFile(path, make([]byte, 10*8), 0o644))
	}
	require.NoError(t, c.Barrier())
	f, err := mpiarr.OpenFile(c, path, mpiarr.ModeRdonly)
	require.NoError(t, err)
	defer func() { require.NoError(t, f.Close()) }()
	buf := ndarray.Zeros[float64](8)
	for _, coll := range []bool{false, true} {
		read := f.ReadAt
		if coll {
			read = f.ReadAtAll
		}
		st, err := read(6*8, buf)
		require.NoError(t, err)
		require.Equal(t, 4, st.Count, "collective %v", coll)
		require.Equal(t, 32, st.Bytes)
		st, err = read(12*8, buf)
		require.NoError(t, err)
		require.Equal(t, 0, st.Count, "collective %v: past the end", coll)
		st, err = read(6*8+4, buf) // the last element is cut in half
		require.NoError(t, err)
		require.Equal(t, 3, st.Count, "collective %v: a partial element", coll)

		_, err = f.Seek(7*8, io.SeekStart)
		require.NoError(t, err)
		readp := f.Read
		if coll {
			readp = f.ReadAll
		}
		st, err = readp(buf)
		require.NoError(t, err)
		require.Equal(t, 3, st.Count)
		pos, err := f.GetPosition()
		require.NoError(t, err)
		require.Equal(t, int64(80), pos, "the pointer stops at the end of the file")
	}

	// A subarray view: the block (0:4, 1:3) of a 4x3 array in a file
	// holding 8 of its 12 elements (rows 0 and 1, and 2 of row 2).
	require.NoError(t, f.SetView(16, ndarray.Float64, mpiarr.SubarrayView[float64]([]int{4, 3}, []int{4, 2}, []int{0, 1}, false)))
	st, err := f.ReadAtAll(0, ndarray.Zeros[float64](4, 2))
	require.NoError(t, err)
	require.Equal(t, 5, st.Count, "elements (0,1) (0,2) (1,1) (1,2) and (2,1) lie before byte 80, (2,2) after")
}

// Bad input is an error on the ranks concerned: every rank, for a
// collective call; the file stays usable.
func TestFileErrors(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	path := filepath.Join(dir, "data.bin")
	last := c.Size() - 1

	// Opening.
	_, err := mpiarr.OpenFile(c, filepath.Join(dir, "missing.bin"), mpiarr.ModeRdonly)
	everyRankFailed(t, c, err, "opening a missing file")
	require.ErrorIs(t, err, mpiarr.ErrIO)
	var me *mpiarr.MPIError
	require.ErrorAs(t, err, &me)
	for _, mode := range []mpiarr.Mode{mpiarr.ModeRdonly | mpiarr.ModeWronly, mpiarr.ModeCreate, mpiarr.ModeRdonly | mpiarr.ModeCreate, 1 << 20} {
		_, err = mpiarr.OpenFile(c, path, mode)
		require.ErrorIs(t, err, mpiarr.ErrArg, "mode %v", mode)
		require.ErrorContains(t, err, mode.String())
	}
	_, err = mpiarr.OpenFile(nil, path, mpiarr.ModeRdonly)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	f, err := mpiarr.OpenFile(c, path, mpiarr.ModeRdwr|mpiarr.ModeCreate)
	require.NoError(t, err)
	require.NoError(t, f.SetSize(64))
	require.ErrorIs(t, f.SetSize(-1), mpiarr.ErrArg)
	require.NoError(t, f.Preallocate(128))
	require.NoError(t, f.Close())
	require.ErrorIs(t, f.Close(), mpiarr.ErrArg, "closing twice")
	_, err = f.ReadAt(0, ndarray.Zeros[float64](1))
	require.ErrorContains(t, err, "is closed")
	_, err = mpiarr.OpenFile(c, path, mpiarr.ModeWronly|mpiarr.ModeCreate|mpiarr.ModeExcl)
	everyRankFailed(t, c, err, "creating an existing file exclusively")
	require.ErrorIs(t, err, mpiarr.ErrIO)

	// Writing a file opened read-only.
	f, err = mpiarr.OpenFile(c, path, mpiarr.ModeRdonly)
	require.NoError(t, err)
	defer func() { require.NoError(t, f.Close()) }()
	_, err = f.WriteAt(0, ndarray.Zeros[float64](2))
	require.ErrorIs(t, err, mpiarr.ErrIO, "writing a read-only file")
	require.ErrorContains(t, err, "it was opened ModeRdonly")
	_, err = f.WriteAtAll(0, ndarray.Zeros[float64](2))
	everyRankFailed(t, c, err, "writing a read-only file collectively")
	require.ErrorIs(t, err, mpiarr.ErrIO)

	// Bad arguments of one rank: its own error there, an error naming it
	// on the others, and the other ranks' reads done.
	buf := ndarray.Zeros[float64](2, 3)
	for _, tc := range []struct {
		name string
		kind error
		call func(bad bool) error
	}{
		{"negative offset", mpiarr.ErrArg, func(bad bool) error {
			off := int64(8)
			if bad {
				off = -8
			}
			_, err := f.ReadAtAll(off, buf)
			return err
		}},
		{"refused layout", mpiarr.ErrLayout, func(bad bool) error {
			b := buf
			if bad {
				b = buf.T()
			}
			_, err := f.ReadAtAll(0, b)
			return err
		}},
		{"read-only buffer", mpiarr.ErrReadOnly, func(bad bool) error {
			b := buf
			if bad {
				b = ndarray.Must(ndarray.Zeros[float64](3).BroadcastTo(2, 3))
			}
			_, err := f.ReadAll(b)
			return err
		}},
		{"count past the buffer", mpiarr.ErrCount, func(bad bool) error {
			n := 6
			if bad {
				n = 7
			}
			_, err := f.ReadAtAll(0, mpiarr.Count(buf, n))
			return err
		}},
		{"view past the shape", mpiarr.ErrCount, func(bad bool) error {
			start := []int{0, 0}
			if bad {
				start = []int{3, 0}
			}
			return f.SetView(0, ndarray.Float64, mpiarr.SubarrayView[float64]([]int{4, 4}, []int{2, 2}, start, false))
		}},
		{"filetype of another dtype", mpiarr.ErrDType, func(bad bool) error {
			v := mpiarr.SubarrayView[float64]([]int{4, 4}, []int{2, 2}, []int{0, 0}, false)
			if bad {
				v = mpiarr.SubarrayView[int64]([]int{4, 4}, []int{2, 2}, []int{0, 0}, false)
			}
			return f.SetView(0, ndarray.Float64, v)
		}},
		{"negative displacement", mpiarr.ErrArg, func(bad bool) error {
			disp := int64(0)
			if bad {
				disp = -1
			}
			return f.SetView(disp, ndarray.Float64, mpiarr.Filetype{})
		}},
	} {
		err := tc.call(c.Rank() == last)
		everyRankFailed(t, c, err, tc.name)
		require.ErrorIs(t, err, tc.kind, tc.name)
		if c.Rank() != last {
			require.ErrorContains(t, err, fmt.Sprintf("rank %d failed", last), tc.name)
		}
	}

	// After a failed SetView every rank has the default view: bytes.
	st, err := f.ReadAtAll(124, ndarray.Zeros[uint8](8)) // Preallocate made it 128 bytes
	require.NoError(t, err)
	require.Equal(t, 4, st.Count)

	// Local calls: the rank's own error.
	_, err = f.ReadAt(-1, buf)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "negative offset -1")
	_, err = f.Seek(0, 7)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	_, err = f.Seek(-3, io.SeekStart)
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.NoError(t, f.SetView(0, ndarray.Int32, mpiarr.Filetype{}))
	_, err = f.ReadAt(0, buf)
	require.ErrorIs(t, err, mpiarr.ErrDType)
	require.ErrorContains(t, err, "float64 buffer of shape (2, 3) for a view")

	// Deleting.
	require.NoError(t, c.Barrier())
	if c.Rank() == 0 {
		err = mpiarr.DeleteFile(filepath.Join(dir, "missing.bin"))
		require.ErrorIs(t, err, mpiarr.ErrIO)
		tmp := filepath.Join(dir, "gone.bin")
		require.NoError(t, os.WriteFile(tmp, nil, 0o644))
		require.NoError(t, mpiarr.DeleteFile(tmp))
		require.NoFileExists(t, tmp)
	}
}

// A Fortran-order view takes an F-contiguous block as it lies under
// MemoryOrder, as mpi4py would; bytes other than 0 and 1 read into a bool
// array are normalised, as a receive's are.
func TestFileMemoryOrderAndBools(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	global := []int{5, 4}
	block, start := splitAxis(global, 1, c.Rank(), c.Size())
	mine := blockOf(globalOf[int64](global...), start, block).Copy(ndarray.OrderF)
	path := filepath.Join(dir, "fortran.bin")
	f, err := mpiarr.OpenFile(c.WithLayout(mpiarr.MemoryOrder), path, mpiarr.ModeWronly|mpiarr.ModeCreate)
	require.NoError(t, err)
	require.NoError(t, f.SetView(0, ndarray.Int64, mpiarr.SubarrayView[int64](global, block, start, true)))
	_, err = f.WriteAtAll(0, mine)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	numpyCheck(t, c, `
import sys, numpy as np
got = np.fromfile(sys.argv[1], dtype='<i8').reshape((5, 4), order='F')
assert (got == np.arange(20).reshape(5, 4)).all(), got
`, path)

	bools := filepath.Join(dir, "bools.bin")
	if c.Rank() == 0 {
		require.NoError(t, os.WriteFile(bools, []byte{0, 2, 1, 255, 0, 7}, 0o644))
	}
	require.NoError(t, c.Barrier())
	f, err = mpiarr.OpenFile(c.WithLayout(mpiarr.Pack), bools, mpiarr.ModeRdonly)
	require.NoError(t, err)
	defer func() { require.NoError(t, f.Close()) }()
	for _, strided := range []bool{false, true} {
		got := ndarray.Zeros[bool](6)
		buf := got
		if strided {
			got = ndarray.Zeros[bool](2, 3)
			buf = got.T()
		}
		st, err := f.ReadAtAll(0, buf)
		require.NoError(t, err)
		require.Equal(t, 6, st.Count)
		want := []bool{false, true, true, true, false, true}
		for i, v := range buf.ToSlice() {
			require.Equal(t, want[i], v, "element %d", i)
			require.Equal(t, !want[i], !v, "element %d negated", i) // a Go bool of byte 2 is true and !true at once
		}
	}
}

// Mode prints as the sum of its bits.
func TestModeString(t *testing.T) {
	for _, tc := range []struct {
		mode mpiarr.Mode
		want string
	}{
		{mpiarr.ModeRdonly, "ModeRdonly"},
		{mpiarr.ModeWronly | mpiarr.ModeCreate | mpiarr.ModeExcl, "ModeWronly|ModeCreate|ModeExcl"},
		{mpiarr.ModeRdwr | mpiarr.ModeDeleteOnClose | mpiarr.ModeAppend, "ModeRdwr|ModeDeleteOnClose|ModeAppend"},
		{0, "Mode(0x0)"},
		{mpiarr.ModeRdonly | 1<<12, "ModeRdonly|Mode(0x1000)"},
	} {
		require.Equal(t, tc.want, tc.mode.String())
	}
}

// Parallel .npy I/O of a 2048 x 2048 float64 array (32 MiB), with
// ndarray.Save and Load of the same array as the anchor; the Dist has a
// halo, so its Interior is a strided view. Benchmarks run in the one-rank
// pass only (mpitest does not pass -test.bench on).
func BenchmarkNPY(b *testing.B) {
	c := mpitest.Comm(b)
	dir := sharedDir(b, c)
	shape := []int{2048, 2048}
	g := globalOf[float64](shape...)
	d, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{Halo: []int{1, 1}})
	require.NoError(b, err)
	defer d.Free()
	require.NoError(b, d.Scatter(g, 0))
	path := filepath.Join(dir, "bench.npy")
	b.Run("Save", func(b *testing.B) {
		b.SetBytes(int64(8 * g.Size()))
		for b.Loop() {
			require.NoError(b, ndarray.Save(path, g))
		}
	})
	b.Run("Load", func(b *testing.B) {
		b.SetBytes(int64(8 * g.Size()))
		for b.Loop() {
			_, err := ndarray.Load[float64](path)
			require.NoError(b, err)
		}
	})
	b.Run("WriteNPY", func(b *testing.B) {
		b.SetBytes(int64(8 * g.Size()))
		for b.Loop() {
			require.NoError(b, d.WriteNPY(path))
		}
	})
	b.Run("ReadNPY", func(b *testing.B) {
		b.SetBytes(int64(8 * g.Size()))
		for b.Loop() {
			require.NoError(b, d.ReadNPY(path))
		}
	})
}
