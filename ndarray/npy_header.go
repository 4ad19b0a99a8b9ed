package ndarray

// This file is the .npy header codec: NPYHeader, the bytes numpy.save
// writes for it (Encode), and reading them back (ReadNPYHeader), with a
// fast path for the headers numpy.save and WriteNPY write and the general
// Python-literal parser of pyliteral.go for anything else.

import (
	"bytes"
	binenc "encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/ndmpi/ndmpi/strides"
)

// The constants of numpy/lib/format.py (NumPy 1.24).
const (
	npyMagic      = "\x93NUMPY"
	npyMagicLen   = len(npyMagic) + 2 // the magic string and the version bytes
	npyArrayAlign = 64                // ARRAY_ALIGN: the data starts at a multiple of it
	// npyGrowthDigits is GROWTH_AXIS_MAX_DIGITS: NumPy pads the header so
	// that the length of the growth axis (the first in C order, the last
	// in F order) can be rewritten in place with up to this many digits.
	npyGrowthDigits = 21
	// npyMaxDims bounds the axes a header may declare: NumPy 2's
	// NPY_MAXDIMS (NumPy 1.24 allows 32).
	npyMaxDims = 64
)

// nativeBigEndian reports the machine's byte order, which is the order
// of an Array's storage and so of the data WriteNPY writes.
var nativeBigEndian = binenc.NativeEndian.Uint16([]byte{0, 1}) == 1

// NPYHeader is the header of a .npy file: what numpy.lib.format writes
// before the data, parsed.
//
// The data that follows it is the array's elements in C order, or in F
// order when Fortran is set, each in the byte order BigEndian names, with
// no gaps: Shape's product times DType.ItemSize() bytes. Parallel writers
// (MPI-IO) use Encode on one process and write each block at its byte
// offset after the header.
type NPYHeader struct {
	DType   DType
	Shape   []int
	Fortran bool // the header's fortran_order: the data is in F order
	// BigEndian is the data's byte order: the descr's '>' (for items
	// wider than a byte). A descr of '=' or without an order means the
	// reading machine's, so BigEndian is then the machine's order; data
	// needs swapping when BigEndian differs from it.
	BigEndian bool
	// Major and Minor are the format version. Encode picks the version
	// when both are zero: 1.0 when the header's length fits 16 bits, 2.0
	// otherwise; version 3.0 (a UTF-8 header) only when asked for.
	Major, Minor int
}

// Descr returns the header's descr string, NumPy's dtype.str: '<f8',
// '>i4', '|b1', '<c16'. One-byte types have no byte order ('|').
func (h NPYHeader) Descr() string {
	d := h.DType
	if !d.valid() {
		return "?"
	}
	order := byte('<')
	switch {
	case d.ItemSize() == 1:
		order = '|'
	case h.BigEndian:
		order = '>'
	}
	return string(order) + string(d.Kind()) + strconv.Itoa(d.ItemSize())
}

// DataBytes is the length of the data that follows the header: the
// product of Shape times the item size. It is -1 if that overflows an
// int64 or the header is invalid.
func (h NPYHeader) DataBytes() int64 {
	if !h.DType.valid() || strides.CheckShape(h.Shape, h.DType.ItemSize()) != nil {
		return -1
	}
	n := int64(strides.Size(h.Shape))
	size := int64(h.DType.ItemSize())
	if n > math.MaxInt64/size {
		return -1
	}
	return n * size
}

// Encode returns the header as numpy.save writes it: the magic string
// "\x93NUMPY", the version, the header's length (two bytes little-endian
// in version 1.0, four in 2.0 and 3.0), and the dictionary literal
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
//
// followed by the spaces NumPy leaves for the growth axis, then spaces
// and a final '\n' up to the next multiple of 64 bytes, where the data
// starts: len(Encode()) is the data's byte offset. The bytes equal
// NumPy 1.24's for the same dtype, shape and order. A requested version
// (Major, Minor non-zero) is honoured, or an error returned if the header
// does not fit it.
func (h NPYHeader) Encode() ([]byte, error) {
	b, err := h.encode()
	if err != nil {
		return nil, &Error{Op: "NPYHeader.Encode", Err: err}
	}
	return b, nil
}

func (h NPYHeader) encode() ([]byte, error) {
	if !h.DType.valid() {
		return nil, fmt.Errorf("%w: invalid dtype %v", ErrDType, h.DType)
	}
	if len(h.Shape) > npyMaxDims {
		return nil, fmt.Errorf("%w: shape has %d axes, more than the %d a .npy header may have", ErrShape, len(h.Shape), npyMaxDims)
	}
	if err := strides.CheckShape(h.Shape, h.DType.ItemSize()); err != nil {
		return nil, err
	}
	if h.DataBytes() < 0 {
		return nil, fmt.Errorf("%w: shape %s of %s holds more bytes than an int64 counts", ErrShape, strides.Tuple(h.Shape), h.DType)
	}
	major, minor := h.Major, h.Minor
	if (major != 0 || minor != 0) && (major < 1 || major > 3 || minor != 0) {
		return nil, fmt.Errorf("%w: .npy format version %d.%d is not 1.0, 2.0 or 3.0", ErrValue, major, minor)
	}

	// _write_array_header: the dict's repr with sorted keys, then the
	// growth padding.
	var text strings.Builder
	text.WriteString("{'descr': '")
	text.WriteString(h.Descr())
	text.WriteString("', 'fortran_order': ")
	if h.Fortran {
		text.WriteString("True")
	} else {
		text.WriteString("False")
	}
	text.WriteString(", 'shape': ")
	text.WriteString(strides.Tuple(h.Shape))
	text.WriteString(", }")
	if n := len(h.Shape); n > 0 {
		growth := h.Shape[0]
		if h.Fortran {
			growth = h.Shape[n-1]
		}
		text.WriteString(strings.Repeat(" ", max(0, npyGrowthDigits-len(strconv.Itoa(growth)))))
	}

	// _wrap_header_guess_version: 1.0 if it fits, 2.0 otherwise; the
	// header is ASCII, so never 3.0 unless asked for.
	if major == 0 {
		if b, ok := wrapNPYHeader(text.String(), 1); ok {
			return b, nil
		}
		major = 2
	}
	b, ok := wrapNPYHeader(text.String(), major)
	if !ok {
		return nil, fmt.Errorf("%w: header of %d bytes does not fit .npy format version %d.0 (at most 65535 bytes)", ErrValue, len(text.String())+1, major)
	}
	return b, nil
}

// wrapNPYHeader is format.py's _wrap_header: the magic string, version and
// length before text, spaces and a '\n' after it so that the data starts
// at a multiple of npyArrayAlign. ok is false if the length does not fit
// the version's length field.
func wrapNPYHeader(text string, major int) (b []byte, ok bool) {
	lenField := 4
	if major == 1 {
		lenField = 2
	}
	hlen := len(text) + 1 // the final '\n'
	// As in NumPy, a header already aligned still gets a full ARRAY_ALIGN
	// of padding.
	pad := npyArrayAlign - (npyMagicLen+lenField+hlen)%npyArrayAlign
	total := hlen + pad
	if major == 1 && total > math.MaxUint16 || int64(total) > math.MaxUint32 {
		return nil, false
	}
	b = make([]byte, 0, npyMagicLen+lenField+total)
	b = append(b, npyMagic...)
	b = append(b, byte(major), 0)
	if major == 1 {
		b = binenc.LittleEndian.AppendUint16(b, uint16(total))
	} else {
		b = binenc.LittleEndian.AppendUint32(b, uint32(total))
	}
	b = append(b, text...)
	b = append(b, bytes.Repeat([]byte{' '}, pad)...)
	return append(b, '\n'), true
}

// ReadNPYHeader reads a .npy header from r and returns it with the byte
// offset of the data, which is the number of bytes read: r is left at the
// first byte of the data.
//
// The header's dictionary is parsed as the Python literal it is, as
// NumPy's safe_eval does: keys in any order, either quote, any spacing,
// trailing commas, and Python 2's "3L" integers in versions 1.0 and 2.0.
// A header that is not a .npy header, or whose dictionary is malformed or
// has other keys, is an ErrValue error naming what is wrong; a dtype
// outside Element (float16, datetime64, strings, objects, structured
// dtypes) is an ErrDType error naming the descr.
func ReadNPYHeader(r io.Reader) (NPYHeader, int64, error) {
	h, off, err := readNPYHeader(r)
	if err != nil {
		return NPYHeader{}, 0, &Error{Op: "ReadNPYHeader", Err: err}
	}
	return h, off, nil
}

// readNPYHeader is ReadNPYHeader with errors the caller attributes.
func readNPYHeader(r io.Reader) (NPYHeader, int64, error) {
	var pre [npyMagicLen + 4]byte
	if err := readFullOrTruncated(r, pre[:npyMagicLen], "magic string and version"); err != nil {
		return NPYHeader{}, 0, err
	}
	if string(pre[:len(npyMagic)]) != npyMagic {
		return NPYHeader{}, 0, fmt.Errorf("%w: not a .npy file: it starts with %q, not the magic string %q", ErrValue, pre[:len(npyMagic)], npyMagic)
	}
	h := NPYHeader{Major: int(pre[6]), Minor: int(pre[7])}
	if (h.Major < 1 || h.Major > 3) || h.Minor != 0 {
		return NPYHeader{}, 0, fmt.Errorf("%w: unsupported .npy format version %d.%d (want 1.0, 2.0 or 3.0)", ErrValue, h.Major, h.Minor)
	}
	lenField := 4
	if h.Major == 1 {
		lenField = 2
	}
	if err := readFullOrTruncated(r, pre[npyMagicLen:npyMagicLen+lenField], "header length"); err != nil {
		return NPYHeader{}, 0, err
	}
	var hlen int64
	if lenField == 2 {
		hlen = int64(binenc.LittleEndian.Uint16(pre[npyMagicLen:]))
	} else {
		hlen = int64(binenc.LittleEndian.Uint32(pre[npyMagicLen:]))
	}
	text, err := readHeaderText(r, hlen)
	if err != nil {
		return NPYHeader{}, 0, err
	}
	if err := h.parseDict(text); err != nil {
		return NPYHeader{}, 0, err
	}
	return h, int64(npyMagicLen+lenField) + hlen, nil
}

// readFullOrTruncated fills buf from r, reporting a short read as a
// truncated file.
func readFullOrTruncated(r io.Reader, buf []byte, what string) error {
	n, err := io.ReadFull(r, buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%w: truncated .npy file: %s needs %d bytes, found %d: %w", ErrValue, what, len(buf), n, io.ErrUnexpectedEOF)
	}
	return err
}

// readHeaderText reads the n bytes of the header's text. Long headers
// are read in growing steps, so that a corrupt length field costs memory
// in proportion to the bytes actually there.
func readHeaderText(r io.Reader, n int64) (string, error) {
	if n <= 1<<16 {
		buf := make([]byte, n)
		if err := readFullOrTruncated(r, buf, "header"); err != nil {
			return "", err
		}
		return string(buf), nil
	}
	var b strings.Builder
	k, err := io.CopyN(&b, r, n)
	if err == io.EOF {
		return "", fmt.Errorf("%w: truncated .npy file: header needs %d bytes, found %d: %w", ErrValue, n, k, io.ErrUnexpectedEOF)
	}
	return b.String(), err
}

// parseDict fills h from the header's dictionary literal, checked as
// format.py's _read_array_header checks it.
func (h *NPYHeader) parseDict(text string) error {
	descr, ok := h.parseCanonical(text)
	if !ok {
		var err error
		if descr, err = h.parseLiteral(text); err != nil {
			return err
		}
	}
	if err := h.parseDescr(descr); err != nil {
		return err
	}
	if h.DataBytes() < 0 || h.DataBytes() > math.MaxInt {
		return fmt.Errorf("%w: .npy header's shape %s of %s holds more bytes than an int counts", ErrValue, strides.Tuple(h.Shape), h.DType)
	}
	return nil
}

// parseCanonical reads a header written the way numpy.save and WriteNPY
// write them, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }"
// then spaces and a newline, without the general parser: a small array's
// header costs more to parse than its data to copy. It sets h.Fortran and
// h.Shape and returns the descr; ok is false, and h untouched, for any
// other text, which parseLiteral then reads.
func (h *NPYHeader) parseCanonical(text string) (descr *pyValue, ok bool) {
	rest, ok := strings.CutPrefix(text, "{'descr': '")
	if !ok {
		return nil, false
	}
	end := strings.IndexByte(rest, '\'')
	if end < 0 {
		return nil, false
	}
	for _, c := range []byte(rest[:end]) {
		if c < ' ' || c > '~' || c == '\\' || c == '"' { // escapes and control characters: the literal parser's business
			return nil, false
		}
	}
	d := rest[:end]
	rest = rest[end:]
	var fortran bool
	switch {
	case strings.HasPrefix(rest, "', 'fortran_order': False, 'shape': ("):
		rest = rest[len("', 'fortran_order': False, 'shape': ("):]
	case strings.HasPrefix(rest, "', 'fortran_order': True, 'shape': ("):
		rest, fortran = rest[len("', 'fortran_order': True, 'shape': ("):], true
	default:
		return nil, false
	}
	end = strings.IndexByte(rest, ')')
	if end < 0 {
		return nil, false
	}
	dims, tail := rest[:end], rest[end:]
	if strings.TrimLeft(strings.TrimPrefix(tail, "), }"), " ") != "\n" {
		return nil, false
	}
	var shape []int
	if dims != "" {
		// "n," for one axis, "n, m" and so on for more.
		one, isOne := strings.CutSuffix(dims, ",")
		if isOne && strings.Contains(one, ",") || !isOne && !strings.Contains(dims, ", ") {
			return nil, false
		}
		parts := strings.Split(one, ", ")
		if len(parts) > npyMaxDims {
			return nil, false
		}
		shape = make([]int, len(parts))
		for i, p := range parts {
			if p == "" || len(p) > 18 || strings.Trim(p, "0123456789") != "" || len(p) > 1 && p[0] == '0' {
				return nil, false
			}
			n, err := strconv.Atoi(p)
			if err != nil {
				return nil, false
			}
			shape[i] = n
		}
	}
	h.Fortran, h.Shape = fortran, shape
	return &pyValue{kind: pyStr, s: d, src: "'" + d + "'"}, true
}

// parseLiteral parses any header dictionary as the Python literal it is,
// sets h.Fortran and h.Shape and returns the descr.
func (h *NPYHeader) parseLiteral(text string) (*pyValue, error) {
	p := pyParser{s: text, longInts: h.Major <= 2}
	d, err := p.parse()
	if err != nil {
		return nil, fmt.Errorf("%w: cannot parse .npy header %s: %v", ErrValue, quoteHeader(text), err)
	}
	if d.kind != pyDict {
		return nil, fmt.Errorf("%w: .npy header is not a dictionary: %s", ErrValue, quoteHeader(text))
	}
	var descr, fortran, shape *pyValue
	var keys []string
	for i := 0; i < len(d.items); i += 2 {
		k, v := &d.items[i], &d.items[i+1]
		if k.kind != pyStr {
			keys = append(keys, k.src)
			continue
		}
		keys = append(keys, strconv.Quote(k.s))
		switch k.s {
		case "descr":
			descr = v
		case "fortran_order":
			fortran = v
		case "shape":
			shape = v
		}
	}
	// Python's dict keeps the last of repeated keys; the key set must be
	// exactly these three.
	if descr == nil || fortran == nil || shape == nil || len(uniqueStrings(keys)) != 3 {
		return nil, fmt.Errorf("%w: .npy header has keys [%s], want exactly 'descr', 'fortran_order' and 'shape'", ErrValue, strings.Join(uniqueStrings(keys), ", "))
	}

	if shape.kind != pyTuple {
		return nil, fmt.Errorf("%w: .npy header's shape is not a tuple of integers: %s", ErrValue, shape.src)
	}
	if len(shape.items) > npyMaxDims {
		return nil, fmt.Errorf("%w: .npy header's shape has %d axes, more than %d", ErrValue, len(shape.items), npyMaxDims)
	}
	h.Shape = nil // a 0-d array's shape is nil, as Array.Shape gives it
	if len(shape.items) > 0 {
		h.Shape = make([]int, len(shape.items))
	}
	for i, v := range shape.items {
		if v.kind != pyInt {
			return nil, fmt.Errorf("%w: .npy header's shape is not a tuple of integers: %s", ErrValue, shape.src)
		}
		n, err := strconv.ParseInt(v.s, 10, 0)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%w: .npy header's shape %s has a length that does not fit an int: %s", ErrValue, shape.src, v.src)
		case n < 0:
			return nil, fmt.Errorf("%w: .npy header's shape %s has a negative length", ErrValue, shape.src)
		}
		h.Shape[i] = int(n)
	}

	if fortran.kind != pyBool {
		return nil, fmt.Errorf("%w: .npy header's fortran_order is not True or False: %s", ErrValue, fortran.src)
	}
	h.Fortran = fortran.b
	return descr, nil
}

func uniqueStrings(xs []string) []string {
	var out []string
	for _, x := range xs {
		found := false
		for _, y := range out {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// quoteHeader quotes a header's text for an error message, cut short if
// it is long.
func quoteHeader(text string) string {
	text = strings.TrimRight(text, " \n")
	if len(text) > 200 {
		return strconv.Quote(text[:200]) + "..."
	}
	return strconv.Quote(text)
}

// parseDescr sets h.DType and h.BigEndian from the header's descr, which
// NumPy writes as dtype.str ('<f8', '|b1') but which may be anything
// numpy.dtype accepts: '=f8' (native order), 'f8', 'float64', 'd'.
func (h *NPYHeader) parseDescr(v *pyValue) error {
	switch v.kind {
	case pyStr:
	case pyList:
		return fmt.Errorf("%w: .npy file holds a structured dtype (descr %s), which ndarray does not support", ErrDType, v.src)
	case pyTuple:
		return fmt.Errorf("%w: .npy file holds a subarray dtype (descr %s), which ndarray does not support", ErrDType, v.src)
	default:
		return fmt.Errorf("%w: .npy header's descr is not a dtype descriptor: %s", ErrValue, v.src)
	}
	s := v.s
	body, order := s, byte('=')
	if len(s) > 0 && strings.IndexByte("<>=|", s[0]) >= 0 {
		body, order = s[1:], s[0]
	}
	d := Invalid
	for _, dt := range DTypes {
		if len(body) >= 2 && body[0] == dt.Kind() && body[1:] == strconv.Itoa(dt.ItemSize()) {
			d = dt
			break
		}
	}
	if d == Invalid && body != "" {
		d, _ = ParseDType(body)
	}
	if d == Invalid {
		return fmt.Errorf("%w: .npy file holds dtype %s (%s), which ndarray does not support: the element types are bool, int8-int64, uint8-uint64, float32, float64, complex64 and complex128",
			ErrDType, strconv.Quote(s), describeDescr(body))
	}
	h.DType = d
	switch order {
	case '>':
		h.BigEndian = d.ItemSize() > 1
	case '<':
		h.BigEndian = false
	default: // '=' and '|': the reader's native order
		h.BigEndian = nativeBigEndian && d.ItemSize() > 1
	}
	return nil
}

// describeDescr names the NumPy type of a descr ndarray does not hold.
func describeDescr(body string) string {
	if body == "" {
		return "empty"
	}
	size := body[1:]
	switch body[0] {
	case 'f':
		switch size {
		case "2":
			return "float16"
		case "10", "12", "16":
			return "longdouble"
		}
	case 'e':
		return "float16"
	case 'c':
		if size == "20" || size == "24" || size == "32" {
			return "clongdouble"
		}
	case 'g':
		return "longdouble"
	case 'G':
		return "clongdouble"
	case 'O':
		return "object: pickled Python objects"
	case 'M':
		return "datetime64"
	case 'm':
		return "timedelta64"
	case 'U':
		return "unicode string"
	case 'S', 'a':
		return "byte string"
	case 'V':
		return "void"
	}
	switch body {
	case "float16", "half":
		return "float16"
	case "longdouble", "float128", "clongdouble", "complex256", "object", "str", "bytes":
		return body
	}
	return "unknown"
}
