package ndarray

import (
	"unsafe"

	"github.com/ndmpi/ndmpi/strides"
)

// This file holds the loop that every copy, pack, assignment and
// conversion to C order runs on: copying the elements of one strided
// layout into another of the same shape, index by index.
//
// Strategy, after coalescing the axes both layouts traverse in step:
//   - both innermost strides 1: one copy() per contiguous run;
//   - the fastest axis of the source is not the fastest axis of the
//     destination (a transpose): a cache-blocked loop over those two axes,
//     so that each tile's source lines and destination lines stay in cache;
//   - otherwise: a strided loop over the innermost axis (gather's, when
//     the destination is contiguous along it).
// Outer axes are walked by an odometer that updates offsets incrementally.

// The transposing copy works on blocks of block x block elements (so that
// the source lines and destination lines a block touches stay in cache
// and TLB), each moved as 4 x 4 tiles held in registers.
const block = 256

// copyLayout copies the elements of src (offset so, strides ss, in
// elements) into dst (offset do, strides ds) for the given shape.
func copyLayout[T Element](dst []T, do int, ds []int, src []T, so int, ss []int, shape []int) {
	if strides.Size(shape) == 0 {
		return
	}
	var l pair
	cshape, ds, ss := l.coalesce(shape, ds, ss)
	n := len(cshape)
	if n == 0 {
		dst[do] = src[so]
		return
	}
	in := n - 1
	if ds[in] == 1 && ss[in] == 1 {
		run := cshape[in]
		walk(cshape[:in], ds[:in], ss[:in], do, so, func(d, s int) {
			copy(dst[d:d+run], src[s:s+run])
		})
		return
	}
	if p := transposedAxis(cshape, ds, ss); p >= 0 {
		copyTiled(dst, do, ds, src, so, ss, cshape, p, in)
		return
	}
	cnt, dq, sq := cshape[in], ds[in], ss[in]
	if dq == 1 {
		walk(cshape[:in], ds[:in], ss[:in], do, so, func(d, s int) {
			gather(dst[d:d+cnt], src, s, sq)
		})
		return
	}
	walk(cshape[:in], ds[:in], ss[:in], do, so, func(d, s int) {
		for i := 0; i < cnt; i++ {
			dst[d] = src[s]
			d += dq
			s += sq
		}
	})
}

// transposedAxis returns the axis along which the source is unit-strided
// when that is not the innermost axis and the destination is unit-strided
// along the innermost one (or the reverse): the case a tiled loop speeds
// up. It returns -1 otherwise.
func transposedAxis(shape, ds, ss []int) int {
	in := len(shape) - 1
	if in < 1 {
		return -1
	}
	for p := 0; p < in; p++ {
		if shape[p] < 2 {
			continue
		}
		if (abs(ss[p]) == 1 && abs(ds[in]) == 1) || (abs(ds[p]) == 1 && abs(ss[in]) == 1) {
			return p
		}
	}
	return -1
}

// copyTiled copies with axes p and q (q innermost) blocked, every other
// axis walked outside.
func copyTiled[T Element](dst []T, do int, ds []int, src []T, so int, ss []int, shape []int, p, q int) {
	var outer pair
	outerShape, outerD, outerS := outer.shape[:0], outer.a[:0], outer.b[:0]
	for ax := range shape {
		if ax != p && ax != q {
			outerShape = append(outerShape, shape[ax])
			outerD = append(outerD, ds[ax])
			outerS = append(outerS, ss[ax])
		}
	}
	t := tiles{np: shape[p], nq: shape[q], dp: ds[p], dq: ds[q], sp: ss[p], sq: ss[q]}
	walk(outerShape, outerD, outerS, do, so, func(d0, s0 int) {
		transpose2D(dst, d0, src, s0, t)
	})
}

// tiles is a 2-D copy: np x nq elements, with strides (dp, dq) in the
// destination and (sp, sq) in the source.
type tiles struct {
	np, nq         int
	dp, dq, sp, sq int
}

// transpose2D copies a 2-D layout block by block. Inside a block, 4 x 4
// tiles are loaded into registers and stored, so each cache line of source
// and destination is touched in full while it is in cache. The offsets of
// every element are in range (the caller's layouts are valid), which is
// what makes the unchecked loads and stores safe.
func transpose2D[T Element](dst []T, d0 int, src []T, s0 int, t tiles) {
	size := int(unsafe.Sizeof(*new(T)))
	dbase := unsafe.Pointer(unsafe.SliceData(dst))
	sbase := unsafe.Pointer(unsafe.SliceData(src))
	at := func(base unsafe.Pointer, off int) *T { return (*T)(unsafe.Add(base, off*size)) }
	dp, dq, sp, sq := t.dp, t.dq, t.sp, t.sq
	for ib := 0; ib < t.np; ib += block {
		ie := min(ib+block, t.np)
		for jb := 0; jb < t.nq; jb += block {
			je := min(jb+block, t.nq)
			// j0 is the first column the Go tiles move: past the whole
			// tiles of the block when the assembly moved them (every
			// 4-row group), so that the loop below does only their
			// ragged right edge.
			j0 := jb
			if ni, nj := (ie-ib)&^3, (je-jb)&^3; sp == 1 && dq == 1 && ni > 0 && nj > 0 &&
				transposeWords(unsafe.Pointer(at(dbase, d0+ib*dp+jb)), unsafe.Pointer(at(sbase, s0+ib+jb*sq)), ni, nj, dp, sq, unsafe.Sizeof(*new(T))) {
				j0 = jb + nj
			}
			i := ib
			for ; i+4 <= ie; i += 4 {
				j := j0
				for ; j+4 <= je; j += 4 {
					s := s0 + i*sp + j*sq
					d := d0 + i*dp + j*dq
					a0, a1, a2, a3 := *at(sbase, s), *at(sbase, s+sp), *at(sbase, s+2*sp), *at(sbase, s+3*sp)
					s += sq
					b0, b1, b2, b3 := *at(sbase, s), *at(sbase, s+sp), *at(sbase, s+2*sp), *at(sbase, s+3*sp)
					s += sq
					c0, c1, c2, c3 := *at(sbase, s), *at(sbase, s+sp), *at(sbase, s+2*sp), *at(sbase, s+3*sp)
					s += sq
					e0, e1, e2, e3 := *at(sbase, s), *at(sbase, s+sp), *at(sbase, s+2*sp), *at(sbase, s+3*sp)
					*at(dbase, d), *at(dbase, d+dq), *at(dbase, d+2*dq), *at(dbase, d+3*dq) = a0, b0, c0, e0
					d += dp
					*at(dbase, d), *at(dbase, d+dq), *at(dbase, d+2*dq), *at(dbase, d+3*dq) = a1, b1, c1, e1
					d += dp
					*at(dbase, d), *at(dbase, d+dq), *at(dbase, d+2*dq), *at(dbase, d+3*dq) = a2, b2, c2, e2
					d += dp
					*at(dbase, d), *at(dbase, d+dq), *at(dbase, d+2*dq), *at(dbase, d+3*dq) = a3, b3, c3, e3
				}
				for ; j < je; j++ { // ragged right edge
					s := s0 + i*sp + j*sq
					d := d0 + i*dp + j*dq
					for k := 0; k < 4; k++ {
						*at(dbase, d+k*dp) = *at(sbase, s+k*sp)
					}
				}
			}
			for ; i < ie; i++ { // ragged bottom edge
				s := s0 + i*sp + jb*sq
				d := d0 + i*dp + jb*dq
				for j := jb; j < je; j++ {
					*at(dbase, d) = *at(sbase, s)
					d += dq
					s += sq
				}
			}
		}
	}
}

// stackDims is the number of axes the kernels handle without allocating;
// more axes work, through the heap.
const stackDims = 16

// pair is the coalesced layout of two operands, in arrays that stay on the
// stack for up to stackDims axes: the kernels run on every pack and
// unpack of a message, which must not allocate.
type pair struct {
	shape, a, b [stackDims]int
}

// coalesce merges the axes that both layouts traverse in step and drops
// axes of length 1, as strides.Coalesce, into p's arrays.
func (p *pair) coalesce(shape, a, b []int) (cshape, ca, cb []int) {
	if len(shape) > stackDims {
		cs, st := strides.Coalesce(shape, a, b)
		return cs, st[0], st[1]
	}
	cshape, ca, cb = p.shape[:0], p.a[:0], p.b[:0]
	for i, d := range shape {
		if d == 1 {
			continue
		}
		if last := len(cshape) - 1; last >= 0 && ca[last] == d*a[i] && cb[last] == d*b[i] {
			cshape[last] *= d
			ca[last], cb[last] = a[i], b[i]
			continue
		}
		cshape = append(cshape, d)
		ca = append(ca, a[i])
		cb = append(cb, b[i])
	}
	return cshape, ca, cb
}

// walk calls f with the offsets of every index of shape in C order, in two
// layouts at once, starting from offsets d and s. A 0-d shape calls f once.
func walk(shape, ds, ss []int, d, s int, f func(d, s int)) {
	walk3(shape, ds, ss, ss, d, s, s, func(d, s, _ int) { f(d, s) })
}

// walk3 calls f with the offsets, in three layouts, of every index of
// shape in C order, updating them incrementally (an odometer). A 0-d shape
// calls f once.
func walk3(shape, s0, s1, s2 []int, o0, o1, o2 int, f func(o0, o1, o2 int)) {
	n := len(shape)
	if n == 1 { // the common case: one outer axis
		for i := 0; i < shape[0]; i++ {
			f(o0, o1, o2)
			o0, o1, o2 = o0+s0[0], o1+s1[0], o2+s2[0]
		}
		return
	}
	var idxBuf [stackDims]int
	var idx []int
	if n <= len(idxBuf) {
		idx = idxBuf[:n]
	} else {
		idx = make([]int, n)
	}
	for {
		f(o0, o1, o2)
		ax := n - 1
		for ; ax >= 0; ax-- {
			idx[ax]++
			o0, o1, o2 = o0+s0[ax], o1+s1[ax], o2+s2[ax]
			if idx[ax] < shape[ax] {
				break
			}
			o0, o1, o2 = o0-s0[ax]*shape[ax], o1-s1[ax]*shape[ax], o2-s2[ax]*shape[ax]
			idx[ax] = 0
		}
		if ax < 0 {
			return
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
