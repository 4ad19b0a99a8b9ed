package mpiarr

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSharedClockYields ticks a shared clock from several goroutines at
// once for longer than schedEvery with short calls: it must have yielded,
// and its pace of readings stays within its bounds.
func TestSharedClockYields(t *testing.T) {
	var s sharedClock
	var wg sync.WaitGroup
	stop := time.Now().Add(3 * schedEvery)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				s.point()
			}
		}()
	}
	wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.NotZero(t, s.clock.yielded, "short calls over 3 schedEvery yield")
	require.LessOrEqual(t, s.readEvery.Load(), uint32(maxReadEvery))
	require.Equal(t, s.clock.readEvery, s.readEvery.Load())
}

// TestSchedClockLongCalls: calls that each last longer than longCall
// never yield.
func TestSchedClockLongCalls(t *testing.T) {
	var s schedClock
	s.yielded = time.Since(epoch) - 2*schedEvery // due, were the calls short
	s.read = time.Since(epoch) - 3*longCall      // the last reading, 3 ms ago
	require.False(t, s.reading(2), "two calls in 3 ms are long calls")
	s.read = time.Since(epoch) - 3*longCall
	require.True(t, s.reading(10), "ten calls in 3 ms are short")
	require.False(t, s.reading(10), "a yield has just been made")
}
