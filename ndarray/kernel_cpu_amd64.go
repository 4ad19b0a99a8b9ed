package ndarray

// useAVX2 reports that the CPU and the operating system support AVX2 and
// FMA: the CPUID feature bits and the YMM register state enabled in XCR0.
// Where AVX-512 is missing (AMD before Zen 4, many virtual machines), the
// vector kernels run on 256-bit registers instead of the Go loops. Tests
// turn it off, with useAVX512, to check each path against the others
// (kernelPaths).
var useAVX2 = hasAVX2()

func hasAVX2() bool {
	if maxLeaf, _, _, _ := cpuid(0, 0); maxLeaf < 7 {
		return false
	}
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if _, _, ecx, _ := cpuid(1, 0); ecx&(fma|osxsave|avx) != fma|osxsave|avx {
		return false
	}
	if xcr0, _ := xgetbv(); xcr0&0x6 != 0x6 { // XMM and YMM state
		return false
	}
	_, ebx, _, _ := cpuid(7, 0)
	return ebx&(1<<5) != 0
}
