package ndarray

import (
	encbin "encoding/binary" // math.go has a function named binary
	"math/bits"
	"unsafe"

	"github.com/ndmpi/ndmpi/internal/hugepage"
	"github.com/ndmpi/ndmpi/strides"
)

// Boolean masks: reading the elements a mask selects (NumPy's a[m]) and
// writing values where it is true (a[m] = v). A Go bool is one byte
// holding 0 or 1, which the loops use: eight mask elements read as one
// little-endian word are skipped at once when all false and copied as a
// block when all true, their trues counted by a population count, and in
// mixed words each element is stored unconditionally while the output
// position advances by the mask byte, with no branch to mispredict.

// allTrue is eight true bools read as one little-endian word.
const allTrue = 0x0101010101010101

// Extract returns the elements of a where cond is true, in C order, as a
// new 1-D array: numpy.extract(cond, a), which for a cond of a's shape is
// NumPy's boolean indexing a[cond]. As numpy.extract, a cond of another
// shape is matched with a element by element in C order, both flattened;
// a true element of cond past a's last element is then an ErrIndex error.
func Extract[T Element](cond *Array[bool], a *Array[T]) (*Array[T], error) {
	if cond == nil {
		return nil, opError("Extract", ErrValue, "cond is a nil array")
	}
	if err := nilOperand("Extract", a); err != nil {
		return nil, err
	}
	if strides.Equal(cond.shape, a.shape) {
		return masked(cond, a), nil
	}
	c, x := cond.Ravel(OrderC), a.Ravel(OrderC)
	n, nc := x.Size(), c.Size()
	if nc > n {
		tail := c.part(0, n, nc-n)
		if k := countTrue(tail); k > 0 {
			first := n
			for v := range tail.Values() {
				if v {
					break
				}
				first++
			}
			return nil, opError("Extract", ErrIndex, "index %d is out of bounds for axis 0 with size %d: cond of shape %s selects past a's %d elements, shape %s",
				first, n, strides.Tuple(cond.shape), n, strides.Tuple(a.shape))
		}
		c = c.part(0, 0, n)
	} else {
		x = x.part(0, 0, nc)
	}
	return masked(c, x), nil
}

// masked is a[m] for m of a's shape.
func masked[T Element](m *Array[bool], a *Array[T]) *Array[T] {
	count := countTrue(m)
	// One element of slack: the branch-free loop stores every element it
	// visits at the next output position, also after the last true one.
	// Every element up to count is written, so the storage is not
	// cleared first (hugepage.MakeUninit).
	buf := hugepage.MakeUninit[T](count + 1)
	out := newArray(buf[:count:count], 0, []int{count}, []int{1})
	out.ownData = true
	if count == 0 {
		out.strides[0] = 0 // NumPy's strides of an empty array
		return out
	}
	mb := boolBytes(m.data)
	n := a.Size()
	if a.IsCContiguous() && m.IsCContiguous() {
		gatherMasked(buf, a.data[a.offset:a.offset+n], mb[m.offset:m.offset+n])
		return out
	}
	var l pair
	shape, as, ms := l.coalesce(a.shape, a.strides, m.strides)
	if len(shape) == 0 {
		buf[0] = a.data[a.offset]
		return out
	}
	in := len(shape) - 1
	cnt, aq, mq := shape[in], as[in], ms[in]
	j := 0
	walk(shape[:in], as[:in], ms[:in], a.offset, m.offset, func(ao, mo int) {
		if aq == 1 && mq == 1 {
			j += gatherMasked(buf[j:], a.data[ao:ao+cnt], mb[mo:mo+cnt])
			return
		}
		for range cnt {
			buf[j] = a.data[ao]
			j += int(mb[mo])
			ao, mo = ao+aq, mo+mq
		}
	})
	return out
}

// gatherMasked stores the elements of src whose mask byte is 1 at the
// start of dst, which has room for one more than their number, and
// returns their number.
func gatherMasked[T Element](dst, src []T, mask []byte) int {
	j, i := 0, 0
	for ; i+8 <= len(mask); i += 8 {
		switch w := encbin.LittleEndian.Uint64(mask[i:]); w {
		case 0:
			continue
		case allTrue:
			j += copy(dst[j:j+8], src[i:i+8])
			continue
		}
		for k := i; k < i+8; k++ {
			dst[j] = src[k]
			j += int(mask[k])
		}
	}
	for ; i < len(mask); i++ {
		dst[j] = src[i]
		j += int(mask[i])
	}
	return j
}

// countTrue is CountNonzero for bool arrays: eight elements at a time on
// unit-strided runs, four on runs of stride 2 (the rows of m[::2, ::2]),
// one at a time on other strides, each run in one loop.
func countTrue(m *Array[bool]) int {
	if m.Size() == 0 {
		return 0
	}
	mb := boolBytes(m.data)
	shape, ss := strides.Coalesce(m.shape, m.strides)
	st := ss[0]
	if len(shape) == 0 {
		return int(mb[m.offset])
	}
	in := len(shape) - 1
	cnt, q := shape[in], st[in]
	n := 0
	walk(shape[:in], st[:in], st[:in], m.offset, m.offset, func(off, _ int) {
		n += countRun(mb, off, q, cnt)
	})
	return n
}

// countRun counts the ones among the cnt bytes of b from off in steps of
// s, every byte 0 or 1.
func countRun(b []byte, off, s, cnt int) int {
	n, i := 0, 0
	switch s {
	case 1:
		b = b[off : off+cnt]
		for ; i+8 <= cnt; i += 8 {
			n += bits.OnesCount64(encbin.LittleEndian.Uint64(b[i:]))
		}
		off = i // b starts at the run now
	case 2:
		// A word holds elements i..i+3 in its even bytes. The word ends
		// one byte past element i+3, so it is read only while an element
		// follows, which keeps it inside b.
		for ; i+4 < cnt; i += 4 {
			n += bits.OnesCount64(encbin.LittleEndian.Uint64(b[off:]) & 0x00ff00ff00ff00ff)
			off += 8
		}
	}
	for ; i < cnt; i++ {
		n += int(b[off])
		off += s
	}
	return n
}

// boolBytes is the storage of a []bool as the bytes it is, each 0 or 1.
func boolBytes(b []bool) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b))), len(b))
}

// PutMask sets the elements of a where mask is true, as numpy.putmask(a,
// mask, values): the element at flat position i (in C order) becomes
// values[i % len(values)]. With one value it is NumPy's a[mask] = value.
// mask has a's size (it is matched with a in C order, flattened, when its
// shape differs), else the error is ErrShape; no values change nothing, as
// in NumPy. A read-only a gives ErrReadOnly.
func PutMask[T Element](a *Array[T], mask *Array[bool], values ...T) error {
	return putMasked("PutMask", a, mask, values, false)
}

// Place sets the elements of a where mask is true to values taken in
// turn, as numpy.place(a, mask, values): the k-th true element (in C
// order) becomes values[k % len(values)], so that with one value per true
// element it is NumPy's a[mask] = values. mask has a's size, else the
// error is ErrShape; no values for a mask with a true element is an
// ErrValue error.
func Place[T Element](a *Array[T], mask *Array[bool], values ...T) error {
	return putMasked("Place", a, mask, values, true)
}

// putMasked writes values where mask is true: the k-th true element gets
// values[k % len] when inTurn, the element at flat position i values[i %
// len] otherwise.
func putMasked[T Element](op string, a *Array[T], mask *Array[bool], values []T, inTurn bool) error {
	if mask == nil {
		return opError(op, ErrValue, "mask is a nil array")
	}
	if err := nilOperand(op, a); err != nil {
		return err
	}
	if err := a.checkWriteable(op); err != nil {
		return err
	}
	n := a.Size()
	if mask.Size() != n {
		return opError(op, ErrShape, "mask and data must be the same size: mask of shape %s, data of shape %s",
			strides.Tuple(mask.shape), strides.Tuple(a.shape))
	}
	if len(values) == 0 {
		if inTurn && countTrue(mask) > 0 {
			return opError(op, ErrValue, "Cannot insert from an empty array!")
		}
		return nil
	}
	if n == 0 {
		return nil
	}
	m := mask
	if !strides.Equal(mask.shape, a.shape) {
		flat := mask.Ravel(OrderC)
		m = flat.view(flat.offset, append([]int(nil), a.shape...), strides.CStrides(a.shape, 1))
	}
	if b, ok := any(a).(*Array[bool]); ok && MayShareMemory(b, m) {
		m = m.Copy(OrderC) // a bool array masked by a view of itself: read the mask before writing
	}
	mb := boolBytes(m.data)
	var l pair
	shape, as, ms := l.coalesce(a.shape, a.strides, m.strides)
	if len(shape) == 0 {
		if mb[m.offset] != 0 {
			a.data[a.offset] = values[0]
		}
		return nil
	}
	in := len(shape) - 1
	cnt, aq, mq := shape[in], as[in], ms[in]
	nv := len(values)
	pos := 0 // flat position, or number of trues so far when inTurn
	walk(shape[:in], as[:in], ms[:in], a.offset, m.offset, func(ao, mo int) {
		switch {
		case nv == 1:
			v := values[0]
			for range cnt {
				if mb[mo] != 0 {
					a.data[ao] = v
				}
				ao, mo = ao+aq, mo+mq
			}
		case inTurn:
			for range cnt {
				if mb[mo] != 0 {
					a.data[ao] = values[pos%nv]
					pos++
				}
				ao, mo = ao+aq, mo+mq
			}
		default:
			for range cnt {
				if mb[mo] != 0 {
					a.data[ao] = values[pos%nv]
				}
				pos++
				ao, mo = ao+aq, mo+mq
			}
		}
	})
	return nil
}
