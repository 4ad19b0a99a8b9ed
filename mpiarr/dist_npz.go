// .npz archives of several distributed arrays, written and read in
// parallel: the archive is a zip file of stored (uncompressed) members,
// numpy.savez's format, so that every member's .npy data lies at a known
// offset of the file and the ranks write and read their blocks there
// with the collective calls of the parallel .npy I/O (npyio.go). What a
// zip file needs beyond the data is the CRC-32 of every member, which no
// rank can compute alone: each rank computes its blocks' share of it, the
// shares are combined by one MPI_Allreduce (CRC-32 is linear over GF(2),
// so a member's CRC is the exclusive or of its pieces' CRCs, each shifted
// by the bytes after it, zlib's crc32_combine), and rank 0 writes the zip
// headers, which hold nothing else that needs the data.

package mpiarr

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// AnyDist is a *Dist[T] of any element type: what a DistNPZ entry holds.
// Its methods are unexported, so only a *Dist[T] is one; a type switch
// recovers it.
type AnyDist interface {
	npzComm() *Comm
	npzHeader() ndarray.NPYHeader
	npzTemp(op, path string, size int64) (tmp, target string, err error)
	npzReplace(op, tmp, target string, size int64, failed error) error
	npzWrite(op string, f *File, at int64, hdr []byte) (crc uint32, err error)
	npzRead(op string, f *File, m npzMember) (finish func() error, err error)
}

// DistNPZEntry is one distributed array of an archive with its name, the
// key numpy.load gives it (the member "NAME.npy").
type DistNPZEntry struct {
	Name string
	Dist AnyDist
}

// DistNPZ is the list of distributed arrays of a .npz archive, in the
// archive's order:
//
//	mpiarr.DistNPZ{{Name: "u", Dist: u}, {Name: "v", Dist: v}}
//
// is numpy.savez(file, u=U, v=V) of the global arrays U and V.
type DistNPZ []DistNPZEntry

// WriteNPZ writes the global arrays of z to path as a .npz archive, every
// rank writing its own block of every array: a zip file with one stored
// member "NAME.npy" per entry, in z's order, each an ordinary .npy file
// in C order, which numpy.load reads as numpy.savez's. Archives of 4 GiB
// or more, or members that large, use zip64 records, as NumPy's do. Unlike
// numpy.savez, WriteNPZ appends no ".npz" to path. Collective over the
// ranks of the Dists, which must all be distributed over the same
// processes (communicators that MPI_Comm_compare finds identical,
// congruent or similar); each may have its own grid, halos and dtype.
//
// The write is crash-safe and fails alike on every rank, as WriteNPY:
// rank 0 creates a temporary file beside path with the whole archive's
// size reserved, the ranks write their blocks with one
// MPI_File_write_at_all per member, rank 0 writes the zip headers once
// the members' CRC-32s are combined, and after a sync and a check of the
// size rank 0 renames the file over path. Every rank returns nil, or
// every rank returns an error and path is untouched.
//
// The entries are checked before anything is written, the same way on
// every rank: no entries, a nil Dist, two entries of one name, an empty
// name or one holding a NUL byte, or Dists over other processes are
// ErrArg errors.
func WriteNPZ(path string, z DistNPZ) error {
	const op = "WriteNPZ"
	if err := checkDistNPZ(op, z); err != nil {
		return err
	}
	first := z[0].Dist
	lay, err := layoutNPZ(op, z)
	if err != nil {
		return err
	}
	tmp, target, err := first.npzTemp(op, path, lay.size)
	if err != nil {
		return err
	}
	c := first.npzComm()
	return first.npzReplace(op, tmp, target, lay.size, c.agreeIO(op, writeNPZTemp(op, c, tmp, z, lay), "writing "+tmp))
}

// checkDistNPZ refuses the entries WriteNPZ and ReadNPZ cannot take. Every
// rank passes the same entries, so every rank finds the same.
func checkDistNPZ(op string, z DistNPZ) error {
	if len(z) == 0 {
		return newError(op, ErrArg, "no arrays: an archive needs at least one distributed array, whose ranks write it")
	}
	seen := make(map[string]bool, len(z))
	for i, e := range z {
		switch {
		case e.Dist == nil || isNilDist(e.Dist):
			return newError(op, ErrArg, "entry %d (%q) holds a nil Dist", i, e.Name)
		case e.Name == "":
			return newError(op, ErrArg, "entry %d has an empty name", i)
		case strings.IndexByte(e.Name, 0) >= 0:
			return newError(op, ErrArg, "entry name %q holds a NUL byte (Python's zipfile cuts names there)", e.Name)
		case seen[e.Name]:
			return newError(op, ErrArg, "two entries are named %q", e.Name)
		}
		seen[e.Name] = true
		if i > 0 {
			cmp, err := z[0].Dist.npzComm().Compare(e.Dist.npzComm())
			if err != nil {
				return err
			}
			if cmp == Unequal {
				return newError(op, ErrArg, "entry %q is distributed over other processes than entry %q: one archive is written by one set of ranks",
					e.Name, z[0].Name)
			}
		}
	}
	return nil
}

func isNilDist(a AnyDist) bool {
	type nilable interface{ npzIsNil() bool }
	n, ok := a.(nilable)
	return ok && n.npzIsNil()
}

func (d *Dist[T]) npzIsNil() bool { return d == nil }

func (d *Dist[T]) npzComm() *Comm { return d.Comm }

func (d *Dist[T]) npzHeader() ndarray.NPYHeader {
	return ndarray.NPYHeader{DType: ndarray.DTypeOf[T](), Shape: d.Global, BigEndian: bigEndian}
}

func (d *Dist[T]) npzTemp(op, path string, size int64) (string, string, error) {
	return d.createTemp(op, path, size)
}

func (d *Dist[T]) npzReplace(op, tmp, target string, size int64, failed error) error {
	return d.replace(op, tmp, target, size, failed)
}

// zip64Limit is the size or offset from which a zip record needs its zip64
// form (the 32-bit fields hold 0xFFFFFFFF and the value moves to a zip64
// extra field); tests lower it to check the zip64 records on small files.
var zip64Limit int64 = 0xFFFFFFFF

// npzLayout is where everything of an archive goes: the same on every
// rank, computed from the entries alone.
type npzLayout struct {
	members []npzOut
	cdAt    int64 // the central directory's offset
	size    int64 // the archive's size
}

// npzOut is one member to write.
type npzOut struct {
	name     string // "NAME.npy"
	hdr      []byte // the .npy header
	at       int64  // offset of the local file header
	dataAt   int64  // offset of the member's first byte (its .npy header)
	size     int64  // the member's size: header and data
	zip64    bool   // the member's size needs zip64 fields
	zip64Off bool   // its local header's offset needs a zip64 field
}

// Record sizes of the zip format (APPNOTE.TXT 4.3).
const (
	localHeaderLen   = 30
	centralHeaderLen = 46
	endLen           = 22
	end64Len         = 56
	end64LocatorLen  = 20
)

func layoutNPZ(op string, z DistNPZ) (npzLayout, error) {
	var lay npzLayout
	at := int64(0)
	for _, e := range z {
		h := e.Dist.npzHeader()
		hdr, err := h.Encode()
		if err != nil {
			return lay, wrapError(op, ErrArg, fmt.Errorf("entry %q: %w", e.Name, err))
		}
		m := npzOut{name: e.Name + ".npy", hdr: hdr, at: at, size: int64(len(hdr)) + h.DataBytes()}
		m.zip64 = m.size >= zip64Limit
		m.zip64Off = at >= zip64Limit
		m.dataAt = at + localHeaderLen + int64(len(m.name)) + m.localExtraLen()
		at = m.dataAt + m.size
		lay.members = append(lay.members, m)
	}
	lay.cdAt = at
	for _, m := range lay.members {
		at += centralHeaderLen + int64(len(m.name)) + m.centralExtraLen()
	}
	if lay.needs64(at - lay.cdAt) {
		at += end64Len + end64LocatorLen
	}
	lay.size = at + endLen
	return lay, nil
}

func (m npzOut) localExtraLen() int64 {
	if m.zip64 {
		return 4 + 16 // both sizes
	}
	return 0
}

func (m npzOut) centralExtraLen() int64 {
	n := int64(0)
	if m.zip64 {
		n += 16
	}
	if m.zip64Off {
		n += 8
	}
	if n > 0 {
		n += 4
	}
	return n
}

// needs64 reports whether the end of the central directory needs the
// zip64 records.
func (l npzLayout) needs64(cdSize int64) bool {
	return len(l.members) >= 0xFFFF || cdSize >= zip64Limit || l.cdAt >= zip64Limit
}

// writeNPZTemp writes every member's blocks, combines the CRCs and writes
// the zip records (rank 0), then syncs and closes the file; it returns
// this rank's failure, after taking part in every collective call.
func writeNPZTemp(op string, c *Comm, tmp string, z DistNPZ, lay npzLayout) error {
	f, err := openFile(op, c.WithLayout(Pack), tmp, ModeWronly)
	if err != nil {
		return err // see writeTemp
	}
	var local error
	keep := func(err error) {
		if local == nil && err != nil {
			local = err
		}
	}
	crcs := ndarray.Zeros[int64](len(z))
	for i, e := range z {
		crc, err := e.Dist.npzWrite(op, f, lay.members[i].dataAt, lay.members[i].hdr)
		keep(err)
		crcs.Set(int64(crc), i)
	}
	// Every rank takes part, failed or not: the failure is agreed on after.
	keep(c.Allreduce(InPlace, crcs, BXor))
	keep(f.defaultView(op))
	if c.rank == 0 && local == nil {
		rec := lay.records(crcs.ToSlice(), time.Now())
		for _, r := range rec {
			keep(writeBytesAt(op, f, r.at, r.b))
		}
	}
	keep(f.call(op, func() error { return mpi.FileSync(f.h) }, "syncing %s", tmp))
	keep(f.call(op, func() error { return mpi.FileClose(&f.h) }, "closing %s", tmp))
	return local
}

// writeBytesAt writes b at byte offset at of f (the default view), from
// one rank.
func writeBytesAt(op string, f *File, at int64, b []byte) error {
	buf, err := ndarray.FromSlice(b, len(b))
	if err != nil {
		return wrapError(op, ErrArg, err)
	}
	st, err := f.access(fileAccess{op: op, offset: at, explicit: true, write: true}, buf)
	if err == nil && st.Bytes != len(b) {
		err = newError(op, ErrIO, "the file system took %d of %d bytes at offset %d of %s", st.Bytes, len(b), at, f.path)
	}
	return err
}

// npzWrite writes this rank's block of d as the data of the member whose
// .npy header hdr starts at byte at (rank 0 writes the header when the
// records go in), and returns this rank's share of the member's CRC-32
// register.
func (d *Dist[T]) npzWrite(op string, f *File, at int64, hdr []byte) (uint32, error) {
	var local error
	if err := f.setView(op, at+int64(len(hdr)), ndarray.DTypeOf[T](), d.fileView(false)); err != nil {
		local = err
	}
	st, err := f.access(fileAccess{op: op, explicit: true, write: true, coll: true, prior: local}, d.Interior)
	if want := d.Interior.Size() * d.Interior.ItemSize(); err == nil && local == nil && st.Bytes != want {
		err = newError(op, ErrIO, "the file system took %d of the %d bytes of this rank's block", st.Bytes, want)
	}
	if local == nil {
		local = err
	}
	size := int64(len(hdr)) + ndarray.NPYHeader{DType: ndarray.DTypeOf[T](), Shape: d.Global}.DataBytes()
	var s crcShare
	if d.Comm.rank == 0 {
		s.add(0, hdr)
	}
	block := d.Interior.Copy(ndarray.OrderC)
	if n := block.Size(); n > 0 {
		elems, _ := block.Data() // a new array: writeable
		b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(elems))), n*block.ItemSize())
		item := int64(block.ItemSize())
		nd := len(d.Global)
		row := d.BlockShape[nd-1] * block.ItemSize()
		lines := n / d.BlockShape[nd-1]
		for l := range lines {
			g := d.GlobalIndex(unravel(l*d.BlockShape[nd-1], d.BlockShape)...)
			s.add(int64(len(hdr))+int64(ravel(g, d.Global))*item, b[l*row:(l+1)*row])
		}
	}
	return s.end(size), local
}

// crcShare is a rank's share of the CRC-32 register of a byte stream of
// which it holds some pieces, the others taken as zeros: the register
// (with no initial value) of the whole stream is the exclusive or of the
// ranks' shares, because the register is linear in the bytes.
type crcShare struct {
	reg uint32
	pos int64 // the stream position the register has reached
}

// add runs the register over the zeros up to at, then over b.
func (s *crcShare) add(at int64, b []byte) {
	s.reg = crcShift(s.reg, at-s.pos)
	s.reg = ^crc32.Update(^s.reg, crc32.IEEETable, b)
	s.pos = at + int64(len(b))
}

// end runs the register over the zeros up to the stream's end, size.
func (s *crcShare) end(size int64) uint32 { return crcShift(s.reg, size-s.pos) }

// crcOf turns the register of a stream of size bytes, run with no initial
// value, into its CRC-32: what the register would hold had it started at
// 0xFFFFFFFF, complemented.
func crcOf(reg uint32, size int64) uint32 { return ^(reg ^ crcShift(0xFFFFFFFF, size)) }

// crcPoly is CRC-32's polynomial, bit-reversed (IEEE 802.3).
const crcPoly = 0xedb88320

// crcShift runs a CRC-32 register over n zero bytes: a multiplication by
// x^(8n) modulo the polynomial, in log2(n) steps (zlib's crc32_combine).
func crcShift(reg uint32, n int64) uint32 {
	if n <= 0 || reg == 0 {
		return reg
	}
	return multModP(x2nModP(uint64(n), 3), reg)
}

// multModP multiplies two polynomials modulo crcPoly, bit-reversed.
func multModP(a, b uint32) uint32 {
	m, p := uint32(1)<<31, uint32(0)
	for {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				break
			}
		}
		m >>= 1
		if b&1 != 0 {
			b = b>>1 ^ crcPoly
		} else {
			b >>= 1
		}
	}
	return p
}

// x2nModP is x^(n*2^k) modulo crcPoly.
func x2nModP(n uint64, k uint) uint32 {
	p := uint32(1) << 31 // x^0
	for n != 0 {
		if n&1 != 0 {
			p = multModP(x2nTable[k&31], p)
		}
		n >>= 1
		k++
	}
	return p
}

// x2nTable[k] is x^(2^k) modulo crcPoly.
var x2nTable = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	t[0] = p
	for k := 1; k < 32; k++ {
		p = multModP(p, p)
		t[k] = p
	}
	return t
}()

// record is bytes of the zip structure and where they go.
type record struct {
	at int64
	b  []byte
}

// records are the local file headers and the end of the archive: the
// central directory and the end records, zip64 ones if needed.
func (l npzLayout) records(regs []int64, now time.Time) []record {
	date, clock := dosTime(now)
	var out []record
	var cd []byte
	for i, m := range l.members {
		crc := crcOf(uint32(regs[i]), m.size)
		flags := uint16(0)
		if !isASCII(m.name) {
			flags |= 0x800 // the name is UTF-8
		}
		version := uint16(20)
		if m.zip64 || m.zip64Off {
			version = 45
		}
		size32 := uint32(m.size)
		if m.zip64 {
			size32 = 0xFFFFFFFF
		}
		var h []byte
		h = binary.LittleEndian.AppendUint32(h, 0x04034b50)
		h = binary.LittleEndian.AppendUint16(h, version)
		h = binary.LittleEndian.AppendUint16(h, flags)
		h = binary.LittleEndian.AppendUint16(h, 0) // stored
		h = binary.LittleEndian.AppendUint16(h, clock)
		h = binary.LittleEndian.AppendUint16(h, date)
		h = binary.LittleEndian.AppendUint32(h, crc)
		h = binary.LittleEndian.AppendUint32(h, size32)
		h = binary.LittleEndian.AppendUint32(h, size32)
		h = binary.LittleEndian.AppendUint16(h, uint16(len(m.name)))
		h = binary.LittleEndian.AppendUint16(h, uint16(m.localExtraLen()))
		h = append(h, m.name...)
		if m.zip64 {
			h = binary.LittleEndian.AppendUint16(h, 0x0001)
			h = binary.LittleEndian.AppendUint16(h, 16)
			h = binary.LittleEndian.AppendUint64(h, uint64(m.size))
			h = binary.LittleEndian.AppendUint64(h, uint64(m.size))
		}
		h = append(h, m.hdr...) // the member's .npy header follows at once
		out = append(out, record{m.at, h})

		off32 := uint32(m.at)
		if m.zip64Off {
			off32 = 0xFFFFFFFF
		}
		cd = binary.LittleEndian.AppendUint32(cd, 0x02014b50)
		cd = binary.LittleEndian.AppendUint16(cd, 3<<8|version) // made by Unix
		cd = binary.LittleEndian.AppendUint16(cd, version)
		cd = binary.LittleEndian.AppendUint16(cd, flags)
		cd = binary.LittleEndian.AppendUint16(cd, 0)
		cd = binary.LittleEndian.AppendUint16(cd, clock)
		cd = binary.LittleEndian.AppendUint16(cd, date)
		cd = binary.LittleEndian.AppendUint32(cd, crc)
		cd = binary.LittleEndian.AppendUint32(cd, size32)
		cd = binary.LittleEndian.AppendUint32(cd, size32)
		cd = binary.LittleEndian.AppendUint16(cd, uint16(len(m.name)))
		cd = binary.LittleEndian.AppendUint16(cd, uint16(m.centralExtraLen()))
		cd = binary.LittleEndian.AppendUint16(cd, 0)            // comment
		cd = binary.LittleEndian.AppendUint16(cd, 0)            // disk
		cd = binary.LittleEndian.AppendUint16(cd, 0)            // internal attributes
		cd = binary.LittleEndian.AppendUint32(cd, 0o100600<<16) // a regular file, rw-------, as Python's zipfile writes members
		cd = binary.LittleEndian.AppendUint32(cd, off32)
		cd = append(cd, m.name...)
		if n := m.centralExtraLen(); n > 0 {
			cd = binary.LittleEndian.AppendUint16(cd, 0x0001)
			cd = binary.LittleEndian.AppendUint16(cd, uint16(n-4))
			if m.zip64 {
				cd = binary.LittleEndian.AppendUint64(cd, uint64(m.size))
				cd = binary.LittleEndian.AppendUint64(cd, uint64(m.size))
			}
			if m.zip64Off {
				cd = binary.LittleEndian.AppendUint64(cd, uint64(m.at))
			}
		}
	}
	cdSize := int64(len(cd))
	entries, size32, at32 := uint16(len(l.members)), uint32(cdSize), uint32(l.cdAt)
	if l.needs64(cdSize) {
		end64At := l.cdAt + cdSize
		cd = binary.LittleEndian.AppendUint32(cd, 0x06064b50)
		cd = binary.LittleEndian.AppendUint64(cd, end64Len-12)
		cd = binary.LittleEndian.AppendUint16(cd, 3<<8|45)
		cd = binary.LittleEndian.AppendUint16(cd, 45)
		cd = binary.LittleEndian.AppendUint32(cd, 0)
		cd = binary.LittleEndian.AppendUint32(cd, 0)
		cd = binary.LittleEndian.AppendUint64(cd, uint64(len(l.members)))
		cd = binary.LittleEndian.AppendUint64(cd, uint64(len(l.members)))
		cd = binary.LittleEndian.AppendUint64(cd, uint64(cdSize))
		cd = binary.LittleEndian.AppendUint64(cd, uint64(l.cdAt))
		cd = binary.LittleEndian.AppendUint32(cd, 0x07064b50)
		cd = binary.LittleEndian.AppendUint32(cd, 0)
		cd = binary.LittleEndian.AppendUint64(cd, uint64(end64At))
		cd = binary.LittleEndian.AppendUint32(cd, 1)
		entries, size32, at32 = 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF
		if len(l.members) < 0xFFFF {
			entries = uint16(len(l.members))
		}
		if cdSize < zip64Limit {
			size32 = uint32(cdSize)
		}
		if l.cdAt < zip64Limit {
			at32 = uint32(l.cdAt)
		}
	}
	cd = binary.LittleEndian.AppendUint32(cd, 0x06054b50)
	cd = binary.LittleEndian.AppendUint16(cd, 0)
	cd = binary.LittleEndian.AppendUint16(cd, 0)
	cd = binary.LittleEndian.AppendUint16(cd, entries)
	cd = binary.LittleEndian.AppendUint16(cd, entries)
	cd = binary.LittleEndian.AppendUint32(cd, size32)
	cd = binary.LittleEndian.AppendUint32(cd, at32)
	cd = binary.LittleEndian.AppendUint16(cd, 0) // comment
	return append(out, record{l.cdAt, cd})
}

// dosTime is t in MS-DOS's date and time fields (local time, two-second
// steps, years from 1980), as zip files keep it.
func dosTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.Local)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// NPZMember describes one array of a .npz archive as its .npy header
// gives it: what a Dist to read it into must have.
type NPZMember struct {
	Name    string        // the key: the member's name less ".npy"
	DType   ndarray.DType // the dtype
	Shape   []int         // the global shape
	Fortran bool          // stored in Fortran order
}

// npzMember is a member as rank 0 found it, broadcast to every rank.
type npzMember struct {
	NPZMember
	BigEndian bool
	At        int64 // the offset of its data in the file
	Err       string
	Kind      int
}

// NPZMembers lists the arrays of the .npz archive at path, in the
// archive's order, on every rank of c: numpy.load(path).files with each
// array's dtype and shape, so that Dists can be made to ReadNPZ into.
// Rank 0 reads the zip directory and every member's .npy header and
// broadcasts them; a file it cannot open is an ErrIO error, one that is
// not a zip archive or holds a member that is not a .npy file an ErrArg
// error, on every rank. Compressed members (numpy.savez_compressed) are
// listed; ReadNPZ refuses them. Collective.
func NPZMembers(c *Comm, path string) ([]NPZMember, error) {
	const op = "NPZMembers"
	if c == nil {
		return nil, newError(op, ErrArg, "nil communicator")
	}
	if err := c.usable(op); err != nil {
		return nil, err
	}
	ms, err := sharedNPZ(op, c, path, nil)
	if err != nil {
		return nil, err
	}
	out := make([]NPZMember, len(ms))
	for i, m := range ms {
		out[i] = m.NPZMember
	}
	return out, nil
}

// ReadNPZ fills every entry's Dist with its block of the array of the
// entry's name in the .npz archive at path, as numpy.load(path)[name]
// would give it (the name may carry ".npy", as a key of numpy.load's
// NpzFile may): the member's dtype must be the Dist's, its shape the
// global shape; C or Fortran order, either byte order. Members that z
// does not name are not read. Collective over the Dists' ranks (see
// WriteNPZ).
//
// Every rank returns nil or every rank returns an error. Rank 0 reads the
// zip directory and the members' .npy headers and broadcasts them, so
// that a file it cannot open (ErrIO) or parse (ErrArg), a name the
// archive does not hold (ErrArg, listing the names it holds), a deflated
// member (ErrArg: numpy.savez_compressed's members cannot be read in
// parallel; numpy.savez's can), another dtype (ErrDType) or shape
// (ErrCount), or a member shorter than its header and data (ErrIO) is the
// same error on every rank before any block is read. Then every rank
// reads its block of every member with one MPI_File_read_at_all each;
// a failure there is agreed on as in ReadNPY. After an error the
// Interiors are left as they were. The members' CRC-32s are not checked
// (numpy.load checks them).
func ReadNPZ(path string, z DistNPZ) error {
	const op = "ReadNPZ"
	if err := checkDistNPZ(op, z); err != nil {
		return err
	}
	c := z[0].Dist.npzComm()
	if err := c.usable(op); err != nil {
		return err
	}
	ms, err := sharedNPZ(op, c, path, z)
	if err != nil {
		return err
	}
	for i, e := range z {
		h := e.Dist.npzHeader()
		m := ms[i]
		if m.DType != h.DType {
			return newError(op, ErrDType, "%s holds %s elements in %q, the distributed array %s", path, m.DType, m.Name, h.DType)
		}
		if !strides.Equal(m.Shape, h.Shape) {
			return newError(op, ErrCount, "%s holds shape %s in %q, the distributed array is %s", path, strides.Tuple(m.Shape), m.Name, strides.Tuple(h.Shape))
		}
	}
	f, err := openFile(op, c, path, ModeRdonly)
	if err != nil {
		return err
	}
	var local error
	var finish []func() error
	for i, e := range z {
		fin, err := e.Dist.npzRead(op, f, ms[i])
		if local == nil {
			local = err
		}
		finish = append(finish, fin)
	}
	if err := f.call(op, func() error { return mpi.FileClose(&f.h) }, "closing %s", path); local == nil {
		local = err
	}
	if err := c.agreeIO(op, local, "reading "+path); err != nil {
		return err
	}
	for _, fin := range finish {
		if err := fin(); err != nil {
			return err
		}
	}
	return nil
}

// npzRead reads this rank's block of member m into a new array and
// returns the function that puts it into the Interior, once every rank
// has read every member.
func (d *Dist[T]) npzRead(op string, f *File, m npzMember) (func() error, error) {
	shape := slices.Clone(d.BlockShape)
	if m.Fortran {
		slices.Reverse(shape)
	}
	block := ndarray.Zeros[T](shape...)
	local := f.setView(op, m.At, ndarray.DTypeOf[T](), d.fileView(m.Fortran))
	st, err := f.access(fileAccess{op: op, explicit: true, coll: true, prior: local}, block)
	if want := block.Size(); err == nil && local == nil && st.Count != want {
		err = newError(op, ErrIO, "the file ended early: %d of the %d bytes of this rank's block of %q", st.Bytes, want*block.ItemSize(), m.Name)
	}
	if local == nil {
		local = err
	}
	return func() error {
		if m.BigEndian != bigEndian {
			swapBytes(block)
		}
		if m.Fortran {
			block = block.T()
		}
		return assignErr(op, d.Interior.Assign(block))
	}, local
}

// sharedNPZ reads, on rank 0, the members of the archive at path that z
// names (every member for a nil z) and broadcasts them, or the error.
func sharedNPZ(op string, c *Comm, path string, z DistNPZ) ([]npzMember, error) {
	var ms []npzMember
	if c.rank == 0 {
		ms = readNPZMembers(path, z)
	}
	if err := c.BcastObj(&ms, 0); err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.Err != "" {
			return nil, newError(op, kinds[m.Kind], "%s (found by rank 0)", m.Err)
		}
	}
	return ms, nil
}

// readNPZMembers reads the zip directory of path and the .npy headers of
// the members z names (all for a nil z). A failure is one member holding
// only the error.
func readNPZMembers(path string, z DistNPZ) []npzMember {
	fail := func(kind error, format string, args ...any) []npzMember {
		return []npzMember{{Err: fmt.Sprintf(format, args...), Kind: kindCode(kind)}}
	}
	st, err := os.Stat(path)
	if err != nil {
		return fail(ErrIO, "%v", err)
	}
	r, err := zip.OpenReader(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fail(ErrIO, "%v", err)
		}
		return fail(ErrArg, "%s is not a .npz (zip) archive: %v", path, err)
	}
	defer r.Close()
	byName := make(map[string]*zip.File, len(r.File))
	var names []string
	for _, zf := range r.File {
		name := strings.TrimSuffix(zf.Name, ".npy")
		if _, dup := byName[name]; !dup {
			names = append(names, name)
		}
		byName[name] = zf
	}
	want := names
	if z != nil {
		want = nil
		for _, e := range z {
			want = append(want, e.Name)
		}
	}
	var out []npzMember
	for _, name := range want {
		key := name
		zf, ok := byName[key]
		if !ok {
			key = strings.TrimSuffix(name, ".npy")
			zf, ok = byName[key]
		}
		if !ok {
			return fail(ErrArg, "%q is not a file in %s, which holds %s", name, path, quoteList(names))
		}
		m, err := memberOf(path, zf, st.Size(), z != nil)
		if err != nil {
			kind := ErrArg
			if errors.Is(err, ErrIO) {
				kind = ErrIO
			}
			return fail(kind, "%v", err)
		}
		m.Name = key
		out = append(out, m)
	}
	return out
}

// memberOf reads the .npy header of one member. forRead refuses what
// ReadNPZ cannot read in place.
func memberOf(path string, zf *zip.File, fileSize int64, forRead bool) (npzMember, error) {
	var m npzMember
	if forRead && zf.Method != zip.Store {
		return m, fmt.Errorf("member %q of %s is compressed (method %d, numpy.savez_compressed): ReadNPZ reads stored members (numpy.savez) in place; "+
			"load the archive with ndarray.LoadNPZ and Scatter it instead", zf.Name, path, zf.Method)
	}
	rc, err := zf.Open()
	if err != nil {
		return m, fmt.Errorf("member %q of %s: %w", zf.Name, path, err)
	}
	defer rc.Close()
	h, hdrLen, err := ndarray.ReadNPYHeader(rc)
	if err != nil {
		return m, fmt.Errorf("member %q of %s is not a .npy file: %w", zf.Name, path, err)
	}
	m.NPZMember = NPZMember{DType: h.DType, Shape: h.Shape, Fortran: h.Fortran}
	m.BigEndian = h.BigEndian
	if zf.Method == zip.Store {
		at, err := zf.DataOffset()
		if err != nil {
			return m, fmt.Errorf("member %q of %s: %w", zf.Name, path, err)
		}
		m.At = at + hdrLen
		if need := hdrLen + h.DataBytes(); int64(zf.UncompressedSize64) < need || at+need > fileSize {
			return m, fmt.Errorf("%w: member %q of %s holds %d bytes, its .npy header (%d bytes) and data (%d bytes of %s %s) make %d, and the file is %d bytes long: it is cut short",
				ErrIO, zf.Name, path, zf.UncompressedSize64, hdrLen, h.DataBytes(), h.DType, strides.Tuple(h.Shape), need, fileSize)
		}
	}
	return m, nil
}

// quoteList lists names for a message, the first few of a long list.
func quoteList(names []string) string {
	if len(names) == 0 {
		return "no arrays"
	}
	const shown = 10
	var b strings.Builder
	for i, n := range names {
		if i == shown {
			fmt.Fprintf(&b, " and %d more", len(names)-shown)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", n)
	}
	return b.String()
}
