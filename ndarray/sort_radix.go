package ndarray

import "unsafe"

// Long lines of 2-, 4- and 8-byte numbers sort by LSD radix sort: their
// bits are turned into unsigned keys that order as the numbers do (the
// sign bit flipped for integers; for floats also the other bits of
// negative numbers), then sorted one byte at a time, least significant
// first, skipping bytes every key shares. A row of 4096 float64 costs a
// few passes over it instead of the dozen levels of a comparison sort,
// whose branches mispredict on random data. The passes are stable, so
// the argsort carries the indices along and needs no tie-breaking.

// radixMin is the line length from which radix sort beats introsort.
const radixMin = 256

// radixScratch is the reusable memory of the radix kernels.
type radixScratch struct {
	k64 []uint64
	k32 []uint32
	k16 []uint16
	idx []int64
}

// radixFloats sorts x, which holds no NaN, by its keys; zeros of either
// sign come out as -0.0 first, which sortFloats then puts in order.
func radixFloats[E floating](x []E, s *radixScratch) {
	var e E
	if unsafe.Sizeof(e) == 8 {
		k := unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
		for i, u := range k {
			k[i] = u ^ (uint64(int64(u)>>63) | 1<<63)
		}
		s.k64 = growKeys(s.k64, len(k))
		radixKeys(k, s.k64, nil, nil)
		for i, u := range k {
			k[i] = u ^ (uint64(int64(^u)>>63) | 1<<63)
		}
		return
	}
	k := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
	for i, u := range k {
		k[i] = u ^ (uint32(int32(u)>>31) | 1<<31)
	}
	s.k32 = growKeys(s.k32, len(k))
	radixKeys(k, s.k32, nil, nil)
	for i, u := range k {
		k[i] = u ^ (uint32(int32(^u)>>31) | 1<<31)
	}
}

// radixInts sorts integers of 2, 4 or 8 bytes.
func radixInts[E anyInt](x []E, s *radixScratch) {
	var e E
	flip := E(0)-1 < 0 // signed: flip the sign bit
	switch unsafe.Sizeof(e) {
	case 8:
		k := unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
		s.k64 = growKeys(s.k64, len(k))
		flipKeys(k, flip, 1<<63)
		radixKeys(k, s.k64, nil, nil)
		flipKeys(k, flip, 1<<63)
	case 4:
		k := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
		s.k32 = growKeys(s.k32, len(k))
		flipKeys(k, flip, 1<<31)
		radixKeys(k, s.k32, nil, nil)
		flipKeys(k, flip, 1<<31)
	case 2:
		k := unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(x))), len(x))
		s.k16 = growKeys(s.k16, len(k))
		flipKeys(k, flip, 1<<15)
		radixKeys(k, s.k16, nil, nil)
		flipKeys(k, flip, 1<<15)
	}
}

func flipKeys[K uint16 | uint32 | uint64](k []K, flip bool, bit K) {
	if flip {
		for i := range k {
			k[i] ^= bit
		}
	}
}

// radixArgReal is the stable argsort of k (no NaN), by radix: the keys
// of the values, with both zeros given the key of 0.0 so that they tie,
// sorted with idx in tow. It reports false, doing nothing, for one-byte
// types, which have a counting sort of their own.
func radixArgReal[E realNum](k []E, idx []int64, s *radixScratch) bool {
	var e E
	isFloat := E(1)/2 != 0 // only floats hold a half
	signed := E(0)-1 < 0
	s.idx = growKeys(s.idx, len(k))
	switch unsafe.Sizeof(e) {
	case 8:
		u := unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(k))), len(k))
		for i, v := range u {
			switch {
			case isFloat && v<<1 == 0:
				v = 1 << 63
			case isFloat:
				v ^= uint64(int64(v)>>63) | 1<<63
			case signed:
				v ^= 1 << 63
			}
			u[i] = v
		}
		s.k64 = growKeys(s.k64, len(k))
		radixKeys(u, s.k64, idx, s.idx)
	case 4:
		u := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(k))), len(k))
		for i, v := range u {
			switch {
			case isFloat && v<<1 == 0:
				v = 1 << 31
			case isFloat:
				v ^= uint32(int32(v)>>31) | 1<<31
			case signed:
				v ^= 1 << 31
			}
			u[i] = v
		}
		s.k32 = growKeys(s.k32, len(k))
		radixKeys(u, s.k32, idx, s.idx)
	case 2:
		u := unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(k))), len(k))
		if signed {
			flipKeys(u, true, 1<<15)
		}
		s.k16 = growKeys(s.k16, len(k))
		radixKeys(u, s.k16, idx, s.idx)
	default:
		return false
	}
	return true
}

func growKeys[K any](buf []K, n int) []K {
	if cap(buf) < n {
		return make([]K, n)
	}
	return buf[:n]
}

// radixKeys sorts k by LSD radix on bytes, stably, moving idx along when
// it is not nil; tk (and ti) are scratch of k's length.
func radixKeys[K uint16 | uint32 | uint64](k, tk []K, idx, ti []int64) {
	n := len(k)
	nb := int(unsafe.Sizeof(K(0)))
	var count [8][256]uint32
	for _, v := range k {
		for b := range nb {
			count[b][uint8(v>>(8*b))]++
		}
	}
	src, dst, si, di := k, tk, idx, ti
	for b := range nb {
		c := &count[b]
		if c[uint8(k[0]>>(8*b))] == uint32(n) {
			continue // every key has this byte
		}
		var pos [256]int
		sum := 0
		for d, m := range c {
			pos[d] = sum
			sum += int(m)
		}
		shift := 8 * b
		if idx == nil {
			for _, v := range src {
				d := uint8(v >> shift)
				dst[pos[d]] = v
				pos[d]++
			}
		} else {
			for i, v := range src {
				d := uint8(v >> shift)
				dst[pos[d]], di[pos[d]] = v, si[i]
				pos[d]++
			}
		}
		src, dst, si, di = dst, src, di, si
	}
	if &src[0] != &k[0] {
		copy(k, src)
		if idx != nil {
			copy(idx, si)
		}
	}
}
