package mpiarr_test

import (
	"encoding/binary"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// sharedDir is a temporary directory every rank of c uses: the root makes
// it and broadcasts its name.
func sharedDir(t testing.TB, c *mpiarr.Comm) string {
	t.Helper()
	var dir string
	if c.Rank() == 0 {
		dir = t.TempDir()
		require.NoError(t, c.BcastObj(dir, 0))
	} else {
		require.NoError(t, c.BcastObj(&dir, 0))
	}
	// No rank may leave (and the root remove the directory) while others
	// still read in it.
	t.Cleanup(func() { _ = c.Barrier() })
	return dir
}

func TestDistNPY(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	shape := []int{9, 7}
	want := globalOf[float64](shape...)
	d, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{Halo: []int{1, 1}})
	require.NoError(t, err)
	defer d.Free()
	var g *ndarray.Array[float64]
	if c.Rank() == 0 {
		g = want
	}
	require.NoError(t, d.Scatter(g, 0))

	// Every rank writes its block; the file is the global array.
	path := filepath.Join(dir, "dist.npy")
	require.NoError(t, d.WriteNPY(path))
	if c.Rank() == 0 {
		back, err := ndarray.Load[float64](path)
		require.NoError(t, err)
		require.Equal(t, shape, back.Shape())
		require.Equal(t, want.ToSlice(), back.ToSlice())
	}

	// Reading back: a C-order file, a Fortran-order one and a big-endian
	// one, as NumPy writes them.
	fpath := filepath.Join(dir, "fortran.npy")
	bpath := filepath.Join(dir, "big.npy")
	if c.Rank() == 0 {
		require.NoError(t, ndarray.Save(fpath, want.Copy(ndarray.OrderF)))
		writeBigEndian(t, bpath, want)
	}
	require.NoError(t, c.Barrier())
	for _, p := range []string{path, fpath, bpath} {
		e, err := mpiarr.NewDist[float64](c, shape, mpiarr.DistOptions{Grid: []int{1, 0}, Halo: []int{0, 1}})
		require.NoError(t, err)
		require.NoError(t, e.ReadNPY(p), p)
		require.Equal(t, blockOf(want, e.BlockStart, e.BlockShape).ToSlice(), e.Interior.ToSlice(), "%s rank %d", p, c.Rank())
		require.NoError(t, e.Free())
	}

	// A file of another dtype or shape is the same error on every rank.
	f, err := mpiarr.NewDist[float32](c, shape, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer f.Free()
	err = f.ReadNPY(path)
	require.ErrorIs(t, err, mpiarr.ErrDType)
	require.ErrorContains(t, err, "holds float64 elements, the distributed array float32")
	other, err := mpiarr.NewDist[float64](c, []int{7, 9}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer other.Free()
	require.ErrorIs(t, other.ReadNPY(path), mpiarr.ErrCount)
	err = d.ReadNPY(filepath.Join(dir, "missing.npy"))
	require.ErrorIs(t, err, mpiarr.ErrIO, "a file rank 0 cannot open is ErrIO on every rank")
	if c.Rank() == 0 {
		require.ErrorIs(t, err, fs.ErrNotExist)
	}
}

// writeBigEndian writes a as a big-endian ('>f8') .npy file, as
// a.astype('>f8') saved by NumPy.
func writeBigEndian(t *testing.T, path string, a *ndarray.Array[float64]) {
	h := ndarray.NPYHeader{DType: ndarray.Float64, Shape: a.Shape(), BigEndian: true}
	hdr, err := h.Encode()
	require.NoError(t, err)
	for _, v := range a.ToSlice() {
		hdr = binary.BigEndian.AppendUint64(hdr, math.Float64bits(v))
	}
	require.NoError(t, os.WriteFile(path, hdr, 0o644))
}
