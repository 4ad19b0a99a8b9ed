//go:build !linux

package hugepage

// enabled: transparent huge pages are a Linux feature.
const enabled = false

func advise([]byte) {}

func mapAnon(n int) ([]byte, error) { return make([]byte, n), nil }

func unmapAnon([]byte) error { return nil }
