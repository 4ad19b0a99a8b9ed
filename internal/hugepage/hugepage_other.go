//go:build !linux

package hugepage

// enabled: transparent huge pages are a Linux feature.
const enabled = false

func advise([]byte) {}
