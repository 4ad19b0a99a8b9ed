//go:build linux

package hugepage

import (
	"os"
	"strings"
	"syscall"
)

const madvHugePage = 14 // MADV_HUGEPAGE

// enabled is false when the kernel gives no transparent huge pages
// ("never", or no THP support), where the padding of Make would buy
// nothing.
var enabled = thpAvailable()

func thpAvailable() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return false
	}
	return !strings.Contains(string(b), "[never]")
}

// advise marks b, which starts on a huge page boundary, MADV_HUGEPAGE.
func advise(b []byte) {
	if len(b) >= Size {
		_ = syscall.Madvise(b[:len(b)&^(Size-1)], madvHugePage)
	}
}

// mapAnon maps n bytes of private anonymous memory (at least one byte,
// so that every mapping has an address).
func mapAnon(n int) ([]byte, error) {
	return syscall.Mmap(-1, 0, max(n, 1), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS)
}

func unmapAnon(b []byte) error { return syscall.Munmap(b) }
