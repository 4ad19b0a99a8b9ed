package mpiarr

import (
	"runtime"
	"unsafe"
)

// This file holds the pins of a window's origins. An operation's origin
// is MPI's until the synchronisation that completes it, so its memory
// stays pinned that long (win_rma.go). Pinning takes a lock of the Go
// heap and reads its metadata: for a Put of 8 bytes between two ranks
// Pin and Unpin cost 170-180 ns, over a third of what the window's Go
// code added to MPI's own time. A program that reuses its origin arrays, as
// iterative ones do, pays it once: the window keeps the last few origins
// pinned after their operations complete, until other origins displace
// them or Free unpins them all.

const (
	// pinSlots is how many origins a window keeps pinned.
	pinSlots = 8
	// pinKeepBytes: an origin of a larger operation is unpinned as soon
	// as its last operation completes. Its pinning costs little beside
	// the transfer, and a large array stays collectable.
	pinKeepBytes = 64 << 10
)

// pinSlot is one pinned origin, by the pointer the operations pass MPI.
// A pinned object is never freed, so no other object can take its
// address while it is pinned: an equal pointer is the same memory.
type pinSlot struct {
	p     unsafe.Pointer
	pin   runtime.Pinner
	users int    // operations MPI may still be using p for
	used  uint64 // pinCache.tick when last held
	keep  bool   // stays pinned with no users
}

// pinCache is a window's pinned origins; the window's mutex guards it.
type pinCache struct {
	slots [pinSlots]pinSlot
	tick  uint64
}

// hold pins p for an operation of the given size, or counts one more
// user of its pin, and returns the slot to release when the operation
// completes. It returns nil when every slot has users: the caller pins
// p itself.
func (c *pinCache) hold(p unsafe.Pointer, bytes int) *pinSlot {
	c.tick++
	var free *pinSlot
	for i := range c.slots {
		s := &c.slots[i]
		if s.p == p {
			s.users++
			s.used = c.tick
			s.keep = s.keep && bytes <= pinKeepBytes
			return s
		}
		if s.users == 0 && (free == nil || s.used < free.used) {
			free = s
		}
	}
	if free == nil {
		return nil
	}
	if free.p != nil {
		free.pin.Unpin()
	}
	free.p, free.users, free.used, free.keep = p, 1, c.tick, bytes <= pinKeepBytes
	free.pin.Pin(p)
	return free
}

// release ends one user's hold on s.
func (c *pinCache) release(s *pinSlot) {
	if s.users--; s.users == 0 && !s.keep {
		s.pin.Unpin()
		s.p = nil
	}
}

// drop unpins every origin: the window is freed, MPI uses none of them.
func (c *pinCache) drop() {
	for i := range c.slots {
		s := &c.slots[i]
		if s.p != nil {
			s.pin.Unpin()
		}
		*s = pinSlot{}
	}
}
