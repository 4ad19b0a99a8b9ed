package mpiarr

import (
	"runtime"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

func TestStages(t *testing.T) {
	cases := map[string]struct {
		n      int
		class  int
		mapped bool // outside the Go heap
	}{
		"empty":              {0, 0, false},
		"one byte":           {1, 0, false},
		"odd":                {1000, 10, false},
		"just below big":     {1 << 20, 20, false},
		"smallest big":       {1<<20 + 1, bigStage, true},
		"big, not a power 2": {5 << 20, 23, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			st := getStage(c.n)
			require.Len(t, st.buf, c.n)
			require.Equal(t, c.class, st.class)
			require.GreaterOrEqual(t, len(st.words)*bytesPerWord, 1<<c.class)
			require.Zero(t, uintptr(unsafe.Pointer(unsafe.SliceData(st.words)))%8, "aligned for every dtype")
			if runtime.GOOS == "linux" {
				require.Equal(t, c.mapped, st.mapped.Bytes != nil)
			}
			for i := range st.buf {
				st.buf[i] = byte(i)
			}
			putStage(st)
		})
	}
}

// TestBigStagesKept checks that the pool keeps bigStagesKept large stages
// of a class for reuse and unmaps the ones it has no room for.
func TestBigStagesKept(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("large stages are mapped on Linux")
	}
	const class = bigStage + 1
	bigStages.Lock()
	for _, st := range bigStages.free[class] {
		_ = st.mapped.Unmap()
	}
	bigStages.free[class] = nil
	bigStages.Unlock()

	var held []*stage
	for range bigStagesKept + 1 {
		held = append(held, getStage(1<<class))
	}
	for _, st := range held {
		putStage(st)
	}
	dropped := held[bigStagesKept].words[:1:1]
	bytesOf := func(w []uint64) []byte { return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w))), 8) }
	require.ErrorIs(t, syscall.Madvise(bytesOf(dropped), 0), syscall.ENOMEM, "the stage past the kept ones is unmapped")

	var again []*stage
	for range bigStagesKept {
		again = append(again, getStage(1<<class))
	}
	require.ElementsMatch(t, held[:bigStagesKept], again, "the kept stages come back")
	for _, st := range again {
		require.NoError(t, syscall.Madvise(bytesOf(st.words), 0), "still mapped")
		putStage(st)
	}
}
