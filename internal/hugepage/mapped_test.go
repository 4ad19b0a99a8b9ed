package hugepage

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

func TestMap(t *testing.T) {
	cases := map[string]struct {
		nb      int
		aligned bool // on a huge page, advised, where the kernel has them
	}{
		"empty":          {0, false},
		"one byte":       {1, false},
		"below a page":   {Size - 1, false},
		"one huge page":  {Size, true},
		"odd, past four": {Threshold + 3, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m, err := Map(c.nb)
			require.NoError(t, err)
			require.Len(t, m.Bytes, c.nb)
			require.Equal(t, c.nb, cap(m.Bytes), "no room past the end")
			for i, v := range m.Bytes {
				if v != 0 {
					require.Zero(t, v, "byte %d", i)
				}
			}
			for i := range m.Bytes {
				m.Bytes[i] = byte(i)
			}
			if c.aligned && enabled {
				p := uintptr(unsafe.Pointer(unsafe.SliceData(m.Bytes)))
				require.Zero(t, p%Size, "starts on a huge page")
				require.True(t, advised(t, p), "advised MADV_HUGEPAGE")
			}
			require.NoError(t, m.Unmap())
		})
	}
	require.Panics(t, func() { _, _ = Map(-1) })
	require.NoError(t, Mapped{}.Unmap(), "the zero Mapped holds nothing")
}
