//go:build linux

package hugepage

import (
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMapOutsideHeap checks that mapped memory is not the Go heap's: it
// survives collections untouched, and after Unmap the range is gone.
func TestMapOutsideHeap(t *testing.T) {
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	m, err := Map(8 << 20)
	require.NoError(t, err)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	require.Less(t, after.HeapSys-before.HeapSys, uint64(1<<20), "8 MiB mapped, not taken from the heap")
	for i := range m.Bytes {
		m.Bytes[i] = byte(i * 7)
	}
	runtime.GC()
	for i, v := range m.Bytes {
		if v != byte(i*7) {
			require.Equal(t, byte(i*7), v, "byte %d", i)
		}
	}
	p := m.Bytes[:1:1]
	require.NoError(t, m.Unmap())
	require.ErrorIs(t, syscall.Madvise(p, 0), syscall.ENOMEM, "the range is no longer mapped")
}
