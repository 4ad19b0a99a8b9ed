package hugepage

import "unsafe"

// Mapped is memory outside the Go heap, for buffers the module keeps for
// reuse (mpiarr's large message stages). Memory the heap holds counts
// towards the collector's goal, which is twice the live heap: the stages
// kept for 8 MiB object messages held 38 of a 61 MB live heap, so the heap
// grew to 120 MB before each collection, and the buffers allocated
// meanwhile landed on memory the process had not touched for a while,
// which is slow on a virtual machine (bench/go/objects). Mapped memory is
// outside that accounting, and its owner frees it.
type Mapped struct {
	// Bytes is the memory: len is what Map was asked for, and from Size
	// bytes on it starts on a huge page boundary, advised MADV_HUGEPAGE.
	Bytes []byte
	all   []byte // the whole mapping, padding included
}

// Map returns nb bytes of zeroed memory outside the Go heap, until Unmap.
// It holds no Go pointers and the collector never scans it. Where the
// system has no anonymous mappings (not Linux), it is a Go allocation
// that Unmap leaves to the collector.
func Map(nb int) (Mapped, error) {
	if nb < 0 {
		panic("hugepage.Map: negative size")
	}
	pad := 0
	if enabled && nb >= Size {
		pad = Size
	}
	all, err := mapAnon(nb + pad)
	if err != nil {
		return Mapped{}, err
	}
	m := Mapped{Bytes: all[:nb:nb], all: all}
	if pad > 0 {
		m.Bytes = alignedIn[byte](unsafe.Pointer(unsafe.SliceData(all)), nb, nb)
	}
	return m, nil
}

// Unmap frees the memory of m: nothing may use m.Bytes afterwards.
func (m Mapped) Unmap() error {
	if m.all == nil {
		return nil
	}
	return unmapAnon(m.all)
}
