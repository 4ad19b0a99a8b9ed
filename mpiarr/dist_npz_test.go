package mpiarr_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ndmpi/ndmpi/mpiarr"
	"github.com/ndmpi/ndmpi/mpiarr/mpitest"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/stretchr/testify/require"
)

// npzCase is a distributed array of an archive and its global array.
type npzCase struct {
	name   string
	dist   mpiarr.AnyDist
	global ndarray.AnyArray
	free   func() error
}

func npzEntry[T ndarray.Element](t *testing.T, c *mpiarr.Comm, name string, g *ndarray.Array[T], opts mpiarr.DistOptions) npzCase {
	d := distOf(t, c, g, opts, *new(T))
	return npzCase{name, d, g, d.Free}
}

// npzCases are arrays of several dtypes, dimensions, grids and halos,
// with empty blocks (2 rows over 3 or 4 ranks) and an empty array.
func npzCases(t *testing.T, c *mpiarr.Comm) []npzCase {
	bools := ndarray.Zeros[bool](2, 3)
	for i := range 2 {
		bools.Set(true, i, i+1)
	}
	return []npzCase{
		npzEntry(t, c, "u", spread(9, 10), mpiarr.DistOptions{Halo: []int{1, 1}}),
		npzEntry(t, c, "idx", globalOf[int32](25), mpiarr.DistOptions{Halo: []int{2}, Periodic: []bool{true}}),
		npzEntry(t, c, "z", ndarray.AsType[complex128](spread(3, 4, 9)), mpiarr.DistOptions{Grid: []int{1, 0, 0}}),
		npzEntry(t, c, "flags", bools, mpiarr.DistOptions{Grid: []int{0, 1}}),
		npzEntry(t, c, "empty", globalOf[float32](0, 3), mpiarr.DistOptions{}),
		npzEntry(t, c, "é", globalOf[uint16](4, 4), mpiarr.DistOptions{Grid: []int{1, 0}}),
	}
}

func distNPZOf(cases []npzCase) mpiarr.DistNPZ {
	var z mpiarr.DistNPZ
	for _, e := range cases {
		z = append(z, mpiarr.DistNPZEntry{Name: e.name, Dist: e.dist})
	}
	return z
}

// WriteNPZ's archive is numpy.savez's: Go's zip reader (which checks
// every member's CRC-32) and numpy.load read every array back, in order;
// ReadNPZ reads it into Dists of other grids. With zip64 records forced,
// the same.
func TestDistNPZ(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	cases := npzCases(t, c)
	for _, e := range cases {
		defer e.free()
	}
	z := distNPZOf(cases)
	var names []string
	for _, e := range cases {
		names = append(names, e.name)
	}
	for _, zip64 := range []bool{false, true} {
		t.Run(fmt.Sprint("zip64=", zip64), func(t *testing.T) {
			if zip64 {
				defer mpiarr.SetZip64Limit(1)()
			}
			path := filepath.Join(dir, fmt.Sprintf("dists%v.npz", zip64))
			require.NoError(t, mpiarr.WriteNPZ(path, z))
			if c.Rank() == 0 {
				back, err := ndarray.LoadNPZ(path)
				require.NoError(t, err)
				require.Len(t, back, len(cases))
				for i, e := range cases {
					require.Equal(t, e.name, back[i].Name)
					require.Equal(t, e.global.String(), back[i].Array.String(), e.name)
					require.Equal(t, e.global.DType(), back[i].Array.DType(), e.name)
					require.Equal(t, e.global.Shape(), back[i].Array.Shape(), e.name)
					// The reference for NumPy: each array as numpy.save writes it.
					require.NoError(t, ndarray.SaveNPZ(filepath.Join(dir, fmt.Sprintf("ref%d.npz", i)), ndarray.NPZ{{Name: "a", Array: e.global}}, false))
				}
			}
			require.NoError(t, c.Barrier())
			numpyCheck(t, c, `
import sys, zipfile, numpy as np
path, d, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
with zipfile.ZipFile(path) as zf:
    assert zf.testzip() is None, "a member's CRC-32 is wrong"
    assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
z = np.load(path)
assert z.files == names, (z.files, names)
for i, n in enumerate(names):
    want = np.load("%s/ref%d.npz" % (d, i))["a"]
    got = z[n]
    assert got.dtype == want.dtype and got.shape == want.shape, (n, got.dtype, got.shape, want.dtype, want.shape)
    assert (got == want).all(), n
`, path, dir, strings.Join(names, ","))

			// Back into Dists of other grids, halos and layouts.
			for _, e := range cases {
				require.NoError(t, readBackNPZ(t, c, path, e))
			}
			members, err := mpiarr.NPZMembers(c, path)
			require.NoError(t, err)
			require.Len(t, members, len(cases))
			for i, m := range members {
				require.Equal(t, cases[i].name, m.Name)
				require.Equal(t, cases[i].global.DType(), m.DType)
				require.Equal(t, cases[i].global.Shape(), m.Shape)
			}
		})
	}
}

// readBackNPZ reads the array of e from the archive into a Dist split
// over the last axis, with no halo, and compares its block.
func readBackNPZ(t *testing.T, c *mpiarr.Comm, path string, e npzCase) error {
	switch g := e.global.(type) {
	case *ndarray.Array[float64]:
		return readBackAs(t, c, path, e.name, g)
	case *ndarray.Array[float32]:
		return readBackAs(t, c, path, e.name, g)
	case *ndarray.Array[int32]:
		return readBackAs(t, c, path, e.name, g)
	case *ndarray.Array[uint16]:
		return readBackAs(t, c, path, e.name, g)
	case *ndarray.Array[complex128]:
		return readBackAs(t, c, path, e.name, g)
	case *ndarray.Array[bool]:
		return readBackAs(t, c, path, e.name, g)
	}
	return fmt.Errorf("no case for %T", e.global)
}

func readBackAs[T ndarray.Element](t *testing.T, c *mpiarr.Comm, path, name string, g *ndarray.Array[T]) error {
	grid := make([]int, g.Ndim())
	for k := range grid {
		grid[k] = 1
	}
	grid[len(grid)-1] = 0
	d, err := mpiarr.NewDist[T](c, g.Shape(), mpiarr.DistOptions{Grid: grid})
	if err != nil {
		return err
	}
	defer d.Free()
	if err := mpiarr.ReadNPZ(path, mpiarr.DistNPZ{{Name: name, Dist: d}}); err != nil {
		return err
	}
	require.Equal(t, blockOf(g, d.BlockStart, d.BlockShape).ToSlice(), d.Interior.ToSlice(), "%s, rank %d", name, c.Rank())
	return nil
}

// ReadNPZ reads what numpy.savez wrote: a C-order array, a Fortran-order
// one and a big-endian one, by name with or without ".npy".
func TestDistNPZFromNumPy(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	path := filepath.Join(dir, "np.npz")
	numpyCheck(t, c, `
import sys, numpy as np
np.savez(sys.argv[1], a=np.arange(24.).reshape(4, 6),
         b=np.asfortranarray(np.arange(35, dtype=np.int16).reshape(5, 7)),
         c=np.arange(10, dtype=">i4"))
`, path)
	a, err := mpiarr.NewDist[float64](c, []int{4, 6}, mpiarr.DistOptions{Halo: []int{1, 1}})
	require.NoError(t, err)
	defer a.Free()
	b, err := mpiarr.NewDist[int16](c, []int{5, 7}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer b.Free()
	d, err := mpiarr.NewDist[int32](c, []int{10}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer d.Free()
	members, err := mpiarr.NPZMembers(c, path)
	require.NoError(t, err)
	require.Equal(t, []mpiarr.NPZMember{
		{Name: "a", DType: ndarray.Float64, Shape: []int{4, 6}},
		{Name: "b", DType: ndarray.Int16, Shape: []int{5, 7}, Fortran: true},
		{Name: "c", DType: ndarray.Int32, Shape: []int{10}},
	}, members)
	require.NoError(t, mpiarr.ReadNPZ(path, mpiarr.DistNPZ{{Name: "c", Dist: d}, {Name: "a.npy", Dist: a}, {Name: "b", Dist: b}}))
	require.Equal(t, blockOf(ndarray.Iota[float64](4, 6), a.BlockStart, a.BlockShape).ToSlice(), a.Interior.ToSlice())
	require.Equal(t, blockOf(ndarray.Iota[int16](5, 7), b.BlockStart, b.BlockShape).ToSlice(), b.Interior.ToSlice())
	require.Equal(t, blockOf(ndarray.Iota[int32](10), d.BlockStart, d.BlockShape).ToSlice(), d.Interior.ToSlice())
}

// Bad entries and archives are the same error on every rank, and leave
// the target untouched.
func TestDistNPZErrors(t *testing.T) {
	c := mpitest.Comm(t)
	dir := sharedDir(t, c)
	u, err := mpiarr.NewDist[float64](c, []int{6, 4}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer u.Free()
	v, err := mpiarr.NewDist[int64](c, []int{5}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer v.Free()
	path := filepath.Join(dir, "a.npz")
	if c.Rank() == 0 {
		require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	}
	require.NoError(t, c.Barrier())
	var nilDist *mpiarr.Dist[float64]
	for _, tc := range []struct {
		z    mpiarr.DistNPZ
		kind error
		msg  string
	}{
		{nil, mpiarr.ErrArg, "no arrays"},
		{mpiarr.DistNPZ{{"u", u}, {"u", v}}, mpiarr.ErrArg, `two entries are named "u"`},
		{mpiarr.DistNPZ{{"u", u}, {"v", nilDist}}, mpiarr.ErrArg, `entry 1 ("v") holds a nil Dist`},
		{mpiarr.DistNPZ{{"", u}}, mpiarr.ErrArg, "empty name"},
		{mpiarr.DistNPZ{{"a\x00b", u}}, mpiarr.ErrArg, "NUL byte"},
	} {
		err := mpiarr.WriteNPZ(path, tc.z)
		require.ErrorIs(t, err, tc.kind)
		require.ErrorContains(t, err, tc.msg)
	}
	if c.Rank() == 0 {
		old, err := os.ReadFile(path)
		require.NoError(t, err)
		require.Equal(t, "old", string(old))
	}
	require.NoError(t, c.Barrier())

	require.NoError(t, mpiarr.WriteNPZ(path, mpiarr.DistNPZ{{"u", u}, {"v", v}}))
	err = mpiarr.ReadNPZ(path, mpiarr.DistNPZ{{"w", u}})
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, `"w" is not a file in`)
	require.ErrorContains(t, err, `which holds "u", "v"`)
	err = mpiarr.ReadNPZ(path, mpiarr.DistNPZ{{"v", u}})
	require.ErrorIs(t, err, mpiarr.ErrDType)
	w, err := mpiarr.NewDist[int64](c, []int{6}, mpiarr.DistOptions{})
	require.NoError(t, err)
	defer w.Free()
	require.ErrorIs(t, mpiarr.ReadNPZ(path, mpiarr.DistNPZ{{"v", w}}), mpiarr.ErrCount)
	require.ErrorIs(t, mpiarr.ReadNPZ(filepath.Join(dir, "missing.npz"), mpiarr.DistNPZ{{"v", v}}), mpiarr.ErrIO)

	// numpy.savez_compressed's members cannot be read in place.
	zpath := filepath.Join(dir, "z.npz")
	if c.Rank() == 0 {
		require.NoError(t, ndarray.SaveNPZ(zpath, ndarray.NPZ{{Name: "v", Array: ndarray.Iota[int64](5)}}, true))
	}
	require.NoError(t, c.Barrier())
	err = mpiarr.ReadNPZ(zpath, mpiarr.DistNPZ{{"v", v}})
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "compressed")
	// A file that is no archive.
	require.ErrorIs(t, mpiarr.ReadNPZ(filepath.Join(dir, "ref.txt"), mpiarr.DistNPZ{{"v", v}}), mpiarr.ErrIO)
	npy := filepath.Join(dir, "v.npy")
	require.NoError(t, v.WriteNPY(npy))
	err = mpiarr.ReadNPZ(npy, mpiarr.DistNPZ{{"v", v}})
	require.ErrorIs(t, err, mpiarr.ErrArg)
	require.ErrorContains(t, err, "not a .npz (zip) archive")
}
