package mpiarr

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSharedClockYields ticks a shared clock from several goroutines at
// once with short calls, for at least 3 schedEvery and until it has
// yielded: it must yield, and its pace of readings stays within its
// bounds. The test waits for the yield rather than for a fixed 3
// schedEvery because a rank of an oversubscribed run (4 ranks on 2 cores)
// may get no core for most of 12 ms, and then its calls look long.
func TestSharedClockYields(t *testing.T) {
	var s sharedClock
	yielded := func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.clock.yielded != 0
	}
	var wg sync.WaitGroup
	start := time.Now()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				s.point()
				if i%1024 == 0 && time.Since(start) > 3*schedEvery && (yielded() || time.Since(start) > 500*schedEvery) {
					return
				}
			}
		}()
	}
	wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.NotZero(t, s.clock.yielded, "short calls over %v never yielded", time.Since(start))
	require.LessOrEqual(t, s.readEvery.Load(), uint32(maxReadEvery))
	require.Equal(t, s.clock.readEvery, s.readEvery.Load())
}

// TestSchedClockLongCalls: calls that each last longer than longCall
// never yield, and neither do the short calls of the window of schedEvery
// that had them (a Barrier after a long Allreduce): the next yield comes
// after a whole window of short calls.
func TestSchedClockLongCalls(t *testing.T) {
	var s schedClock
	s.yielded = time.Since(epoch) - 2*schedEvery // due, were the calls short
	s.read = time.Since(epoch) - 3*longCall      // the last reading, 3 ms ago
	require.False(t, s.reading(2), "two calls in 3 ms are long calls")
	s.read = time.Since(epoch) - 3*longCall
	require.False(t, s.reading(10), "ten calls in 3 ms are short, but their window had long ones")
	s.read = time.Since(epoch) - 3*longCall
	require.False(t, s.reading(10), "the window of short calls has just begun")
	s.yielded -= schedEvery // that window has passed
	s.read = time.Since(epoch) - 3*longCall
	require.True(t, s.reading(10), "a window of short calls yields")
	require.False(t, s.reading(10), "a yield has just been made")
}
