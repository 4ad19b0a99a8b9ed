package hugepage

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

func TestMake(t *testing.T) {
	cases := map[string]struct {
		n       int
		aligned bool // on huge pages where the kernel has them
		make    func(n int) (ptr unsafe.Pointer, length, capacity int, zero bool)
	}{
		"small float64":    {1000, false, probe[float64]},
		"below threshold":  {Threshold/8 - 1, false, probe[float64]},
		"threshold":        {Threshold / 8, true, probe[float64]},
		"large complex128": {1 << 20, true, probe[complex128]},
		"odd bool":         {Threshold + 3, true, probe[bool]},
		"empty":            {0, false, probe[int32]},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p, n, capacity, zero := c.make(c.n)
			require.Equal(t, c.n, n)
			require.Equal(t, c.n, capacity, "no room to append into the padding")
			require.True(t, zero)
			if c.aligned && enabled {
				require.Zero(t, uintptr(p)%Size, "starts on a huge page")
				require.True(t, advised(t, uintptr(p)), "advised MADV_HUGEPAGE")
			}
		})
	}
	require.Panics(t, func() { Make[float64](-1) })
}

func TestMakeUninit(t *testing.T) {
	for _, n := range []int{0, 1000, UninitMin/8 - 1, UninitMin / 8, Threshold/8 - 1, Threshold / 8, 1 << 20} {
		s := MakeUninit[uint64](n)
		requireKept(t, s, n)
		requireOnHugePages(t, s, Threshold)
	}
	require.Panics(t, func() { MakeUninit[float64](-1) })
}

func TestMakeAligned(t *testing.T) {
	for _, n := range []int{0, 1000, Size/8 - 1, Size / 8, Threshold / 8} {
		s := MakeAligned[uint64](n)
		for _, v := range s {
			require.Zero(t, v)
		}
		requireKept(t, s, n)
		requireOnHugePages(t, s, Size)
	}
	require.Panics(t, func() { MakeAligned[float64](-1) })
}

func TestMakeUninitPlain(t *testing.T) {
	for _, n := range []int{0, 1000, UninitMin / 8, Threshold / 8} {
		requireKept(t, MakeUninitPlain[uint64](n), n)
	}
	require.Panics(t, func() { MakeUninitPlain[float64](-1) })
}

// requireKept checks that s has n elements and no room to append into
// padding, and that what is written to it survives a collection: the
// storage stays alive while s does.
func requireKept(t *testing.T, s []uint64, n int) {
	t.Helper()
	require.Len(t, s, n)
	require.Equal(t, n, cap(s), "no room to append into the padding")
	for i := range s {
		s[i] = uint64(i) * 3
	}
	runtime.GC()
	for i := range s {
		require.Equal(t, uint64(i)*3, s[i])
	}
}

// requireOnHugePages checks that s starts on a huge page, advised, when
// it has threshold bytes or more and the kernel has huge pages.
func requireOnHugePages(t *testing.T, s []uint64, threshold int) {
	t.Helper()
	if len(s)*8 >= threshold && enabled {
		p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
		require.Zero(t, p%Size, "starts on a huge page")
		require.True(t, advised(t, p), "advised MADV_HUGEPAGE")
	}
}

// probe makes n elements of T, writes the last, and reports the slice.
func probe[T Elem](n int) (unsafe.Pointer, int, int, bool) {
	s := Make[T](n)
	var zero T
	for _, v := range s {
		if v != zero {
			return nil, 0, 0, false
		}
	}
	return unsafe.Pointer(unsafe.SliceData(s)), len(s), cap(s), true
}

func TestAdvise(t *testing.T) {
	words := make([]uint64, 3*Size/8)
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), len(words)*8)
	Advise(b)
	Advise(b[:Threshold-1]) // too small: nothing to do
	if enabled {
		lo := (uintptr(unsafe.Pointer(&b[0])) + Size - 1) &^ (Size - 1)
		require.True(t, advised(t, lo), "the first whole huge page inside b")
	}
	runtime.KeepAlive(words)
}

// advised reports whether the mapping holding address p carries the
// MADV_HUGEPAGE flag ("hg" in /proc/self/smaps).
func advised(t *testing.T, p uintptr) bool {
	if runtime.GOOS != "linux" {
		return false
	}
	b, err := os.ReadFile("/proc/self/smaps")
	require.NoError(t, err)
	inside := false
	for _, line := range strings.Split(string(b), "\n") {
		if lo, hi, ok := mappingRange(line); ok {
			inside = lo <= p && p < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && inside {
			return strings.Contains(" "+flags+" ", " hg ")
		}
	}
	return false
}

// mappingRange parses the header line of a mapping, "lo-hi perms ...".
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	r, _, found := strings.Cut(line, " ")
	a, z, dash := strings.Cut(r, "-")
	if !found || !dash {
		return 0, 0, false
	}
	l, err1 := strconv.ParseUint(a, 16, 64)
	h, err2 := strconv.ParseUint(z, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(l), uintptr(h), true
}
