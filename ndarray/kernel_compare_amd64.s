#include "textflag.h"

// AVX-512 kernels of the float64 comparisons (kernel_compare_amd64.go):
// d[i] = x[i] OP y[i] as bools, n a multiple of 8. Each vector compare
// gives an 8-bit mask; spread, a lookup table turns it into the eight
// bytes 0 or 1 stored at once.

#define CMPLOOP(PRED) \
	MOVQ d+0(FP), DI; \
	MOVQ x+8(FP), SI; \
	MOVQ y+16(FP), DX; \
	MOVQ n+24(FP), CX; \
	MOVQ spread+32(FP), R8; \
	XORQ AX, AX; \
loop: \
	CMPQ    AX, CX; \
	JGE     done; \
	VMOVUPD 0(SI)(AX*8), Z0; \
	VCMPPD  PRED, 0(DX)(AX*8), Z0, K1; \
	KMOVB   K1, BX; \
	MOVQ    0(R8)(BX*8), BX; \
	MOVQ    BX, 0(DI)(AX*1); \
	ADDQ    $8, AX; \
	JMP     loop; \
done: \
	VZEROUPPER; \
	RET

// func less64AVX512(d *bool, x, y *float64, n int, spread *[256]uint64)
TEXT ·less64AVX512(SB), NOSPLIT, $0-40
	CMPLOOP($0x11) // LT_OQ

// func lessEqual64AVX512(d *bool, x, y *float64, n int, spread *[256]uint64)
TEXT ·lessEqual64AVX512(SB), NOSPLIT, $0-40
	CMPLOOP($0x12) // LE_OQ

// func equal64AVX512(d *bool, x, y *float64, n int, spread *[256]uint64)
TEXT ·equal64AVX512(SB), NOSPLIT, $0-40
	CMPLOOP($0x00) // EQ_OQ

// func notEqual64AVX512(d *bool, x, y *float64, n int, spread *[256]uint64)
TEXT ·notEqual64AVX512(SB), NOSPLIT, $0-40
	CMPLOOP($0x04) // NEQ_UQ: NaN is unequal to everything
