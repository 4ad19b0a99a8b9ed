package ndarray

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	binenc "encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// npyBytesOf is what WriteNPY writes for a: two arrays with the same
// bytes have the same dtype, shape, memory order and element bits.
func npyBytesOf(t *testing.T, a AnyArray) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, a.encodeNPY(&buf))
	return buf.Bytes()
}

// requireSameNPZ checks that got holds want's names, in order, and
// arrays of the same dtypes, shapes, orders and values.
func requireSameNPZ(t *testing.T, want, got NPZ) {
	t.Helper()
	require.Equal(t, want.Names(), got.Names())
	for i := range want {
		require.Equal(t, npyBytesOf(t, want[i].Array), npyBytesOf(t, got[i].Array), "entry %q", want[i].Name)
	}
}

func npzBytes(t *testing.T, z NPZ, compressed bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteNPZ(&buf, z, compressed))
	return buf.Bytes()
}

func readNPZBytes(b []byte) (NPZ, error) { return ReadNPZ(bytes.NewReader(b), int64(len(b))) }

// everyLayout is an archive of every dtype in every layout WriteNPY
// distinguishes.
func everyLayout() NPZ {
	var z NPZ
	for _, d := range DTypes {
		z = append(z, npzLayoutsOf[d]()...)
	}
	return z
}

func layoutEntries[T Element]() NPZ {
	layouts := npyLayouts[T]()
	names := make([]string, 0, len(layouts))
	for name := range layouts {
		names = append(names, name)
	}
	slices.Sort(names)
	z := make(NPZ, len(names))
	for i, name := range names {
		z[i] = NPZEntry{Name: DTypeOf[T]().String() + "/" + name, Array: layouts[name]}
	}
	return z
}

var npzLayoutsOf = map[DType]func() NPZ{
	Bool: layoutEntries[bool], Int8: layoutEntries[int8], Int16: layoutEntries[int16], Int32: layoutEntries[int32],
	Int64: layoutEntries[int64], Uint8: layoutEntries[uint8], Uint16: layoutEntries[uint16], Uint32: layoutEntries[uint32],
	Uint64: layoutEntries[uint64], Float32: layoutEntries[float32], Float64: layoutEntries[float64],
	Complex64: layoutEntries[complex64], Complex128: layoutEntries[complex128],
}

// Every dtype in every layout survives a trip through an archive, stored
// and deflated, in memory and through a file; F-ordered arrays come back
// F-ordered, as numpy.load returns them.
func TestNPZRoundTrip(t *testing.T) {
	z := everyLayout()
	require.Len(t, z, 13*len(npyLayouts[int8]()))
	dir := t.TempDir()
	for _, compressed := range []bool{false, true} {
		t.Run(fmt.Sprintf("compressed=%v", compressed), func(t *testing.T) {
			b := npzBytes(t, z, compressed)
			got, err := readNPZBytes(b)
			require.NoError(t, err)
			requireSameNPZ(t, z, got)
			for _, e := range got {
				f := e.Array.(interface{ Flags() Flags }).Flags()
				require.True(t, f.OwnData && f.Writeable, "%s: each array owns fresh storage", e.Name)
			}

			path := filepath.Join(dir, "a.npz")
			require.NoError(t, SaveNPZ(path, z, compressed))
			loaded, err := LoadNPZ(path)
			require.NoError(t, err)
			requireSameNPZ(t, z, loaded)
			onlyNPZ(t, dir, "a.npz")

			r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			require.NoError(t, err)
			for i, f := range r.File {
				require.Equal(t, z[i].Name+".npy", f.Name)
				want := zip.Store
				if compressed {
					want = zip.Deflate
				}
				require.Equal(t, want, f.Method)
			}
		})
	}
	stored, deflated := npzBytes(t, z, false), npzBytes(t, z, true)
	require.Less(t, len(deflated), len(stored)*4/5, "Iota's values compress")
}

func onlyNPZ(t *testing.T, dir string, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	require.Equal(t, []string{name}, names, "no temporary file is left")
}

func TestNPZLookup(t *testing.T) {
	x := Iota[float32](2, 2)
	z := NPZ{{Name: "x", Array: x}, {Name: "y.npy", Array: Iota[int8](3)}, {Name: "nil"}}
	require.Equal(t, []string{"x", "y.npy", "nil"}, z.Names())

	got, err := FromNPZ[float32](z, "x")
	require.NoError(t, err)
	require.Same(t, x, got, "the entry's own array")
	got, err = FromNPZ[float32](z, "x.npy")
	require.NoError(t, err, "the member's name finds the array, as in NumPy")
	require.Same(t, x, got)
	_, ok := z.Lookup("y.npy")
	require.True(t, ok, "an exact name comes first")
	_, ok = z.Lookup("y")
	require.False(t, ok)

	for _, tc := range []struct {
		name string
		err  func() error
		kind error
		msg  string
	}{
		{"missing", func() error { _, err := FromNPZ[float32](z, "w"); return err }, ErrIndex,
			`"w" is not a file in the archive, which holds "x", "y.npy", "nil"`},
		{"wrong dtype", func() error { _, err := FromNPZ[float64](z, "x"); return err }, ErrDType,
			`entry "x" holds float32, asked for float64: call FromNPZ[float32], then AsType to convert`},
		{"nil", func() error { _, err := FromNPZ[float64](z, "nil"); return err }, ErrValue, `entry "nil" holds a nil array`},
		{"empty archive", func() error { _, err := FromNPZ[bool](nil, "x"); return err }, ErrIndex, "which holds no arrays"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			require.ErrorIs(t, err, tc.kind)
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, "FromNPZ", e.Op)
			require.ErrorContains(t, err, tc.msg)
		})
	}

	var many NPZ
	for i := range 12 {
		many = append(many, NPZEntry{Name: fmt.Sprintf("arr_%d", i), Array: Zeros[int8](1)})
	}
	_, err = FromNPZ[int8](many, "z")
	require.ErrorContains(t, err, `"arr_9" and 2 more`)
}

// WriteNPZ checks the entries first: nothing is written for an archive
// numpy.load could not read back as given.
func TestNPZWriteRefuses(t *testing.T) {
	x := Iota[int32](3)
	for name, z := range map[string]NPZ{
		"two entries of one name": {{Name: "x", Array: x}, {Name: "y", Array: x}, {Name: "x", Array: x}},
		"nil interface":           {{Name: "x", Array: x}, {Name: "y"}},
		"nil array":               {{Name: "x", Array: (*Array[float64])(nil)}},
		"NUL in a name":           {{Name: "a\x00b", Array: x}},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteNPZ(&buf, z, false)
			require.ErrorIs(t, err, ErrValue)
			require.Zero(t, buf.Len())

			dir := t.TempDir()
			err = SaveNPZ(filepath.Join(dir, "x.npz"), z, true)
			require.ErrorIs(t, err, ErrValue)
			entries, rerr := os.ReadDir(dir)
			require.NoError(t, rerr)
			require.Empty(t, entries)
		})
	}

	// The same array under two names is fine, and so are names NumPy
	// writes as they are: empty, with a slash, ending in ".npy".
	z := NPZ{{Name: "x", Array: x}, {Name: "y", Array: x}, {Name: "", Array: x}, {Name: "d/e", Array: x}, {Name: "f.npy", Array: x}}
	got, err := readNPZBytes(npzBytes(t, z, false))
	require.NoError(t, err)
	requireSameNPZ(t, z, got)
	require.Equal(t, []string{"x", "y", "", "d/e", "f.npy"}, got.Names())
}

// A SaveNPZ that fails part way leaves the old file whole and no
// temporary file; the new file keeps the old one's permission bits.
func TestSaveNPZKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "keep.npz")
	old := NPZ{{Name: "a", Array: Iota[float64](3, 4)}}
	require.NoError(t, SaveNPZ(path, old, false))
	require.NoError(t, os.Chmod(path, 0o640))

	// 65 axes: the second entry's .npy header cannot be written.
	bad := NPZ{{Name: "b", Array: Iota[int8](100)}, {Name: "c", Array: Zeros[int8](slices.Repeat([]int{1}, 65)...)}}
	err := SaveNPZ(path, bad, true)
	require.ErrorIs(t, err, ErrShape)
	require.ErrorContains(t, err, `keep.npz: entry "c": `)
	back, err := LoadNPZ(path)
	require.NoError(t, err)
	requireSameNPZ(t, old, back)
	onlyNPZ(t, dir, "keep.npz")

	require.NoError(t, SaveNPZ(path, NPZ{{Name: "b", Array: Iota[int8](100)}}, true))
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o640), info.Mode().Perm())
	onlyNPZ(t, dir, "keep.npz")

	err = SaveNPZ(filepath.Join(dir, "no", "such.npz"), old, false)
	require.ErrorIs(t, err, os.ErrNotExist)
	require.NoError(t, SaveNPZ(os.DevNull, old, true), "a device is written in place")

	_, err = LoadNPZ(filepath.Join(dir, "missing.npz"))
	require.ErrorIs(t, err, os.ErrNotExist)
}

// ---------------------------------------------------------------------
// Archives written by NumPy (testdata/npz/gen.py), read without Python.

type npzFixtureArray struct {
	Name    string            `json:"name"`
	DType   string            `json:"dtype"`
	Shape   []int             `json:"shape"`
	Fortran bool              `json:"fortran_order"`
	Values  []json.RawMessage `json:"values"`
}

type npzFixture struct {
	File   string            `json:"file"`
	Names  []string          `json:"names"`
	Arrays []npzFixtureArray `json:"arrays"`
	Error  []string          `json:"error"`
}

func checkNPZFixtureArray[T Element](t *testing.T, z NPZ, c npzFixtureArray) {
	a, err := FromNPZ[T](z, c.Name)
	require.NoError(t, err)
	want := make([]T, len(c.Values))
	for i, v := range c.Values {
		parseNPYValue(t, v, &want[i])
	}
	requireShape(t, c.Shape, a.Shape())
	requireSameValues(t, want, a.ToSlice(), c.Name)
	require.Equal(t, c.Fortran, a.isFortran(), "%s: F-ordered exactly when numpy.load gives F order", c.Name)
}

var npzFixtureChecks = map[DType]func(*testing.T, NPZ, npzFixtureArray){
	Bool: checkNPZFixtureArray[bool], Int8: checkNPZFixtureArray[int8], Int16: checkNPZFixtureArray[int16],
	Int32: checkNPZFixtureArray[int32], Int64: checkNPZFixtureArray[int64], Uint8: checkNPZFixtureArray[uint8],
	Uint16: checkNPZFixtureArray[uint16], Uint32: checkNPZFixtureArray[uint32], Uint64: checkNPZFixtureArray[uint64],
	Float32: checkNPZFixtureArray[float32], Float64: checkNPZFixtureArray[float64],
	Complex64: checkNPZFixtureArray[complex64], Complex128: checkNPZFixtureArray[complex128],
}

func TestNPZFixtures(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "npz", "expected.json"))
	require.NoError(t, err)
	var doc struct {
		Cases []npzFixture `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	require.NotEmpty(t, doc.Cases)
	seen := map[DType]bool{}
	for _, c := range doc.Cases {
		t.Run(strings.TrimSuffix(c.File, ".npz"), func(t *testing.T) {
			path := filepath.Join("testdata", "npz", c.File)
			z, err := LoadNPZ(path)
			b, rerr := os.ReadFile(path)
			require.NoError(t, rerr)
			zr, rerr := readNPZBytes(b)
			if c.Error != nil {
				kind := map[string]error{"dtype": ErrDType, "value": ErrValue}[c.Error[0]]
				require.ErrorIs(t, err, kind)
				require.ErrorContains(t, err, c.Error[1])
				require.ErrorContains(t, err, c.File, "the message names the file")
				require.ErrorIs(t, rerr, kind)
				require.ErrorContains(t, rerr, c.Error[1])
				return
			}
			require.NoError(t, err)
			require.NoError(t, rerr)
			requireSameNPZ(t, z, zr)
			require.Equal(t, c.Names, z.Names(), "numpy.load's files, in order")
			if c.Names == nil {
				require.Empty(t, z.Names())
			}
			for _, a := range c.Arrays {
				d, err := ParseDType(a.DType)
				require.NoError(t, err)
				seen[d] = true
				npzFixtureChecks[d](t, z, a)
			}
			// What was read writes back to archives that read the same.
			for _, compressed := range []bool{false, true} {
				back, err := readNPZBytes(npzBytes(t, z, compressed))
				require.NoError(t, err)
				requireSameNPZ(t, z, back)
			}
		})
	}
	for _, d := range DTypes {
		require.True(t, seen[d], "no fixture of %s", d)
	}
}

// ---------------------------------------------------------------------
// Corrupt archives and zip bombs: errors, in bounded memory.

// rawMember is a member of a zip archive built byte by byte, so that its
// directory can say what a corrupt or hostile archive says.
type rawMember struct {
	name     string
	method   uint16
	data     []byte // as stored: compressed for deflate
	crc      uint32
	full     uint64 // the uncompressed size the directory claims
	headerAt int    // >= 0: the directory points at member headerAt's local header
	dataless bool   // the local header is not followed by the data
}

// rawZip lays out members as a zip file: local headers and data, then the
// central directory and its end record (no zip64: sizes under 4 GiB).
func rawZip(members []rawMember) []byte {
	var out bytes.Buffer
	le := binenc.LittleEndian
	offsets := make([]uint32, len(members))
	for i, m := range members {
		offsets[i] = uint32(out.Len())
		if m.headerAt >= 0 {
			continue
		}
		var h [30]byte
		le.PutUint32(h[0:], 0x04034b50)
		le.PutUint16(h[4:], 20)
		le.PutUint16(h[8:], m.method)
		le.PutUint32(h[14:], m.crc)
		le.PutUint32(h[18:], uint32(len(m.data)))
		le.PutUint32(h[22:], uint32(m.full))
		le.PutUint16(h[26:], uint16(len(m.name)))
		out.Write(h[:])
		out.WriteString(m.name)
		if !m.dataless {
			out.Write(m.data)
		}
	}
	dirAt := out.Len()
	for i, m := range members {
		at := offsets[i]
		if m.headerAt >= 0 {
			at = offsets[m.headerAt]
		}
		var h [46]byte
		le.PutUint32(h[0:], 0x02014b50)
		le.PutUint16(h[4:], 20)
		le.PutUint16(h[6:], 20)
		le.PutUint16(h[10:], m.method)
		le.PutUint32(h[16:], m.crc)
		le.PutUint32(h[20:], uint32(len(m.data)))
		le.PutUint32(h[24:], uint32(m.full))
		le.PutUint16(h[28:], uint16(len(m.name)))
		le.PutUint32(h[42:], at)
		out.Write(h[:])
		out.WriteString(m.name)
	}
	var end [22]byte
	le.PutUint32(end[0:], 0x06054b50)
	le.PutUint16(end[8:], uint16(len(members)))
	le.PutUint16(end[10:], uint16(len(members)))
	le.PutUint32(end[12:], uint32(out.Len()-dirAt))
	le.PutUint32(end[16:], uint32(dirAt))
	out.Write(end[:])
	return out.Bytes()
}

func stored(name string, data []byte) rawMember {
	return rawMember{name: name, method: zip.Store, data: data, crc: crc32.ChecksumIEEE(data), full: uint64(len(data)), headerAt: -1}
}

func deflated(t *testing.T, name string, data []byte) rawMember {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	require.NoError(t, err)
	_, err = w.Write(data)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return rawMember{name: name, method: zip.Deflate, data: buf.Bytes(), crc: crc32.ChecksumIEEE(data), full: uint64(len(data)), headerAt: -1}
}

// npyHeaderOnly is a .npy header declaring shape of dtype, without data.
func npyHeaderOnly(t *testing.T, d DType, shape ...int) []byte {
	return mustEncode(t, NPYHeader{DType: d, Shape: shape})
}

func TestNPZCorrupt(t *testing.T) {
	good := npzBytes(t, NPZ{{Name: "x", Array: Iota[float64](64)}, {Name: "y", Array: Iota[int8](4)}}, false)
	goodDeflated := npzBytes(t, NPZ{{Name: "x", Array: Iota[float64](64)}}, true)
	npy := writeNPYBytes(t, Iota[float64](4))

	flip := func(b []byte, at int) []byte {
		b = bytes.Clone(b)
		b[at] ^= 0x40
		return b
	}
	dataAt := bytes.Index(good, []byte(npyMagic)) + 128 + 8 // element 1 of x
	overlapping := stored("a.npy", npy)
	twin := overlapping
	twin.name, twin.headerAt = "b.npy", 0
	claimsMore := stored("a.npy", npy)
	claimsMore.full *= 2
	bomb := deflated(t, "a.npy", npy)
	bomb.full = 1 << 31
	past := stored("a.npy", npy)
	past.dataless = true

	for _, tc := range []struct {
		name  string
		data  []byte
		msg   string
		cause error
	}{
		{"not a zip", []byte("hello, world"), "not a .npz archive (a zip file)", zip.ErrFormat},
		{"empty file", nil, "not a .npz archive", zip.ErrFormat},
		{"a .npy file", npy, "not a .npz archive", zip.ErrFormat},
		{"cut short", good[:len(good)/2], "not a .npz archive", zip.ErrFormat},
		{"bad checksum", flip(good, dataAt), `member "x.npy": invalid value: corrupt member`, zip.ErrChecksum},
		{"corrupt deflate", flip(goodDeflated, bytes.Index(goodDeflated, []byte("x.npy"))+len("x.npy")+40), `member "x.npy"`, nil},
		{"bad npy magic", flip(good, bytes.Index(good, []byte(npyMagic))+1), "not a .npy file", nil},
		{"header larger than the member", rawZip([]rawMember{stored("a.npy", npyHeaderOnly(t, Float64, 1<<40))}),
			"truncated member: its .npy header declares shape (1099511627776,) of float64, 8796093022208 bytes of data, and the member holds 0 bytes", nil},
		{"overlapping members", rawZip([]rawMember{overlapping, twin}), `members "a.npy" and "b.npy" share compressed data`, nil},
		{"stored member claims more than it holds", rawZip([]rawMember{claimsMore}), `stored member "a.npy" claims 320 bytes in 160 bytes of data`, nil},
		{"deflate ratio", rawZip([]rawMember{bomb}), "more than deflate can: a corrupt archive or a zip bomb", nil},
		{"data past the end", rawZip([]rawMember{past}), "runs past the end of the archive", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z, err := readNPZBytes(tc.data)
			require.Nil(t, z)
			require.ErrorIs(t, err, ErrValue)
			require.ErrorContains(t, err, tc.msg)
			if tc.cause != nil {
				require.ErrorIs(t, err, tc.cause)
			}
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, "ReadNPZ", e.Op)
		})
	}
	_, err := readNPZBytes(good)
	require.NoError(t, err, "the archive the corrupt ones come from reads")
}

// A member whose directory and .npy header agree on 1 GiB of data, but
// whose deflate stream (1.1 MB of random bytes, as big as deflate needs
// to claim 1 GiB) holds far less, costs the first 64 MiB step of storage,
// not 1 GiB.
func TestNPZBombMemory(t *testing.T) {
	const claimed = 1 << 30
	hdr := npyHeaderOnly(t, Uint8, claimed)
	payload := make([]byte, 1100<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range payload {
		payload[i] = byte(r.Uint32())
	}
	m := deflated(t, "big.npy", append(hdr, payload...))
	m.full = uint64(len(hdr)) + claimed
	archive := rawZip([]rawMember{m})

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := readNPZBytes(archive)
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, ErrValue)
	require.ErrorContains(t, err, "truncated .npy file")
	require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(200<<20), "allocated %d MiB", (after.TotalAlloc-before.TotalAlloc)>>20)
}

// A real high-ratio archive reads: 8 MiB of zeros deflate to a few KiB.
func TestNPZZeros(t *testing.T) {
	z := NPZ{{Name: "zeros", Array: Zeros[float64](1 << 20)}}
	b := npzBytes(t, z, true)
	require.Less(t, len(b), 64<<10)
	got, err := readNPZBytes(b)
	require.NoError(t, err)
	requireSameNPZ(t, z, got)
}

// ---------------------------------------------------------------------
// Live interop with NumPy.

func anySpec[T Element](s npySpec) AnyArray { return buildSpec[T](s) }

var npzSpecBuilders = map[DType]func(npySpec) AnyArray{
	Bool: anySpec[bool], Int8: anySpec[int8], Int16: anySpec[int16], Int32: anySpec[int32], Int64: anySpec[int64],
	Uint8: anySpec[uint8], Uint16: anySpec[uint16], Uint32: anySpec[uint32], Uint64: anySpec[uint64],
	Float32: anySpec[float32], Float64: anySpec[float64], Complex64: anySpec[complex64], Complex128: anySpec[complex128],
}

// Go writes archives numpy.load reads, stored and deflated; NumPy's
// numpy.savez and numpy.savez_compressed write archives Go reads. Both
// sides compare what numpy.save writes for each array.
func TestNPZNumPyInterop(t *testing.T) {
	requireNumPy(t)
	dir := t.TempDir()
	specs := npyInteropSpecs()
	var z NPZ
	for i, s := range specs {
		d, err := ParseDType(s.DType)
		require.NoError(t, err)
		z = append(z, NPZEntry{Name: fmt.Sprintf("s%d", i), Array: npzSpecBuilders[d](s)})
	}
	require.NoError(t, SaveNPZ(filepath.Join(dir, "go.npz"), z, false))
	require.NoError(t, SaveNPZ(filepath.Join(dir, "go_c.npz"), z, true))
	specJSON, err := json.Marshal(specs)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "specs.json"), specJSON, 0o644))

	const script = `
import hashlib, io, json, os, sys
import numpy as np
d = sys.argv[1]
specs = json.load(open(os.path.join(d, "specs.json")))
arrays = {}
for i, s in enumerate(specs):
    n = int(np.prod(s["shape"], dtype=np.int64))
    a = np.arange(n).astype(s["dtype"]).reshape(s["shape"])
    if s["view"]:
        a = eval("a[" + s["view"] + "]")
    if s["transpose"]:
        a = a.T
    arrays["s%d" % i] = a
np.savez(os.path.join(d, "np.npz"), **arrays)
np.savez_compressed(os.path.join(d, "np_c.npz"), **arrays)
def digest(a):
    buf = io.BytesIO()
    np.save(buf, a)
    return hashlib.sha256(buf.getvalue()).hexdigest()
out = {}
for name in ["go.npz", "go_c.npz"]:
    with np.load(os.path.join(d, name)) as z:
        out[name] = {"files": list(z.files), "digests": [digest(z[k]) for k in z.files]}
json.dump(out, sys.stdout)
`
	var reports map[string]struct {
		Files   []string `json:"files"`
		Digests []string `json:"digests"`
	}
	require.NoError(t, json.Unmarshal(runPython(t, script, dir), &reports))
	for _, name := range []string{"go.npz", "go_c.npz"} {
		rep := reports[name]
		require.Equal(t, z.Names(), rep.Files, "%s: numpy.load's files", name)
		for i, e := range z {
			sum := sha256.Sum256(npyBytesOf(t, e.Array))
			require.Equal(t, hex.EncodeToString(sum[:]), rep.Digests[i], "%s: %s (%s) as numpy.load reads it", name, e.Name, specs[i])
		}
	}
	for _, name := range []string{"np.npz", "np_c.npz"} {
		got, err := LoadNPZ(filepath.Join(dir, name))
		require.NoError(t, err)
		requireSameNPZ(t, z, got)
	}
}

// ---------------------------------------------------------------------
// Fuzzing: no archive makes the reader panic or allocate without bound,
// and what it accepts writes back to an archive that reads the same.

func FuzzLoadNPZ(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "npz", "*.npz"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, compressed := range []bool{false, true} {
		var buf bytes.Buffer
		z := NPZ{{Name: "a", Array: Iota[int16](2, 3).T()}, {Name: "b", Array: Full(true)}, {Name: "c", Array: Zeros[complex64](0, 2)}}
		if err := WriteNPZ(&buf, z, compressed); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Add([]byte{})

	f.Fuzz(func(t *testing.T, data []byte) {
		z, err := readNPZBytes(data)
		if err != nil {
			var e *Error
			require.ErrorAs(t, err, &e)
			require.True(t, errors.Is(err, ErrValue) || errors.Is(err, ErrDType) || errors.Is(err, ErrShape), "error of no kind: %v", err)
			return
		}
		for _, compressed := range []bool{false, true} {
			var buf bytes.Buffer
			require.NoError(t, WriteNPZ(&buf, z, compressed))
			back, err := ReadNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			require.NoError(t, err)
			requireSameNPZ(t, z, back)
		}
	})
}
