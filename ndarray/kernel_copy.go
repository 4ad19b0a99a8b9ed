package ndarray

import "github.com/ndmpi/ndmpi/strides"

// This file holds the loop that every copy, pack, assignment and
// conversion to C order runs on: copying the elements of one strided
// layout into another of the same shape, index by index.
//
// Strategy, after coalescing the axes both layouts traverse in step:
//   - both innermost strides 1: one copy() per contiguous run;
//   - the fastest axis of the source is not the fastest axis of the
//     destination (a transpose): a cache-blocked loop over those two axes,
//     so that each tile's source lines and destination lines stay in cache;
//   - otherwise: a strided loop over the innermost axis.
// Outer axes are walked by an odometer that updates offsets incrementally.

// tile is the side of the square tiles of the transposing copy, in
// elements. 32 keeps a tile of float64 (2 x 8 KiB) well inside L1.
const tile = 32

// copyLayout copies the elements of src (offset so, strides ss, in
// elements) into dst (offset do, strides ds) for the given shape.
func copyLayout[T Element](dst []T, do int, ds []int, src []T, so int, ss []int, shape []int) {
	if strides.Size(shape) == 0 {
		return
	}
	cshape, cst := strides.Coalesce(shape, ds, ss)
	ds, ss = cst[0], cst[1]
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

// copyTiled copies with axes p and q (q innermost) blocked in tiles, every
// other axis walked outside.
func copyTiled[T Element](dst []T, do int, ds []int, src []T, so int, ss []int, shape []int, p, q int) {
	outerShape := make([]int, 0, len(shape)-2)
	outerD := make([]int, 0, len(shape)-2)
	outerS := make([]int, 0, len(shape)-2)
	for ax := range shape {
		if ax != p && ax != q {
			outerShape = append(outerShape, shape[ax])
			outerD = append(outerD, ds[ax])
			outerS = append(outerS, ss[ax])
		}
	}
	np, nq := shape[p], shape[q]
	dp, dq, sp, sq := ds[p], ds[q], ss[p], ss[q]
	walk(outerShape, outerD, outerS, do, so, func(d0, s0 int) {
		for i0 := 0; i0 < np; i0 += tile {
			i1 := min(i0+tile, np)
			for j0 := 0; j0 < nq; j0 += tile {
				j1 := min(j0+tile, nq)
				for i := i0; i < i1; i++ {
					d := d0 + i*dp + j0*dq
					s := s0 + i*sp + j0*sq
					for j := j0; j < j1; j++ {
						dst[d] = src[s]
						d += dq
						s += sq
					}
				}
			}
		}
	})
}

// walk calls f with the offsets of every index of shape in C order, in two
// layouts at once, starting from offsets d and s. A 0-d shape calls f once.
func walk(shape, ds, ss []int, d, s int, f func(d, s int)) {
	n := len(shape)
	switch n {
	case 0:
		f(d, s)
		return
	case 1:
		for i := 0; i < shape[0]; i++ {
			f(d, s)
			d += ds[0]
			s += ss[0]
		}
		return
	}
	var idxBuf [16]int
	idx := idxBuf[:0]
	if n <= len(idxBuf) {
		idx = idxBuf[:n]
	} else {
		idx = make([]int, n)
	}
	for {
		f(d, s)
		ax := n - 1
		for ; ax >= 0; ax-- {
			idx[ax]++
			d += ds[ax]
			s += ss[ax]
			if idx[ax] < shape[ax] {
				break
			}
			d -= ds[ax] * shape[ax]
			s -= ss[ax] * shape[ax]
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
