package mpiarr

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// The pin cache, without MPI: an origin held again shares its slot, a
// small one stays pinned with no users until displaced, a large one is
// unpinned as its last user goes, the least recently held idle slot is
// the one displaced, a full cache of busy slots declines, and drop
// empties it.
func TestPinCache(t *testing.T) {
	var c pinCache
	bufs := make([]*[4]float64, pinSlots+2)
	for i := range bufs {
		bufs[i] = new([4]float64)
	}
	p := func(i int) unsafe.Pointer { return unsafe.Pointer(bufs[i]) }

	a := c.hold(p(0), 8)
	require.NotNil(t, a)
	require.Same(t, a, c.hold(p(0), 8), "the same origin shares its slot")
	require.Equal(t, 2, a.users)
	c.release(a)
	c.release(a)
	require.Equal(t, p(0), a.p, "a small origin stays pinned with no users")

	big := c.hold(p(1), pinKeepBytes+1)
	require.NotNil(t, big)
	c.release(big)
	require.Nil(t, big.p, "a large origin is unpinned when its last operation completes")

	// A small origin held again for a large operation is no longer kept.
	s := c.hold(p(0), 8)
	require.Same(t, a, s)
	require.Same(t, a, c.hold(p(0), pinKeepBytes+1))
	c.release(s)
	c.release(s)
	require.Nil(t, s.p)

	// Fill every slot with busy origins: the next one is declined.
	c.drop()
	held := make([]*pinSlot, pinSlots)
	for i := range pinSlots {
		held[i] = c.hold(p(i), 8)
		require.NotNil(t, held[i])
	}
	require.Nil(t, c.hold(p(pinSlots), 8), "every slot busy: the caller pins itself")

	// Idle slots: the least recently held one is displaced.
	for i := range pinSlots {
		c.release(held[i])
	}
	require.NotNil(t, c.hold(p(0), 8)) // slot 0 is now the most recent
	c.release(held[0])
	n := c.hold(p(pinSlots+1), 8)
	require.Same(t, held[1], n, "the least recently held idle slot goes")
	require.Equal(t, p(pinSlots+1), n.p)
	c.release(n)

	c.drop()
	for i := range c.slots {
		require.Nil(t, c.slots[i].p)
		require.Zero(t, c.slots[i].users)
	}
}
