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

// AVX2 kernels of the same comparisons, for CPUs without AVX-512. Each
// 256-bit compare gives a 4-bit mask (VMOVMSKPD); two make the 8-bit
// index into spread, so the same table stores eight bools at once. The
// main loop takes 16 elements a step, the second loop the last 8 if n is
// an odd multiple of 8.

// CMP2 compares the 8 elements at byte offset OFF of x and y from index
// AX and stores their bools at byte offset OFFD (OFF/8) of d.
#define CMP2(PRED, OFF, OFFD) \
	VMOVUPD   OFF(SI)(AX*8), Y0; \
	VMOVUPD   OFF+32(SI)(AX*8), Y1; \
	VCMPPD    PRED, OFF(DX)(AX*8), Y0, Y0; \
	VCMPPD    PRED, OFF+32(DX)(AX*8), Y1, Y1; \
	VMOVMSKPD Y0, BX; \
	VMOVMSKPD Y1, R9; \
	SHLL      $4, R9; \
	ORL       R9, BX; \
	MOVQ      0(R8)(BX*8), BX; \
	MOVQ      BX, OFFD(DI)(AX*1)

#define CMPLOOP2(PRED) \
	MOVQ d+0(FP), DI; \
	MOVQ x+8(FP), SI; \
	MOVQ y+16(FP), DX; \
	MOVQ n+24(FP), CX; \
	MOVQ spread+32(FP), R8; \
	XORQ AX, AX; \
	MOVQ CX, R10; \
	ANDQ $-16, R10; \
loop2: \
	CMPQ AX, R10; \
	JGE  loop1; \
	CMP2(PRED, 0, 0); \
	CMP2(PRED, 64, 8); \
	ADDQ $16, AX; \
	JMP  loop2; \
loop1: \
	CMPQ AX, CX; \
	JGE  done; \
	CMP2(PRED, 0, 0); \
done: \
	VZEROUPPER; \
	RET

// func less64AVX2(d *bool, x, y *float64, n int, spread *[256]uint64)
TEXT ·less64AVX2(SB), NOSPLIT, $0-40
	CMPLOOP2($0x11) // LT_OQ

// func lessEqual64AVX2(d *bool, x, y *float64, n int, spread *[256]uint64)
TEXT ·lessEqual64AVX2(SB), NOSPLIT, $0-40
	CMPLOOP2($0x12) // LE_OQ

// func equal64AVX2(d *bool, x, y *float64, n int, spread *[256]uint64)
TEXT ·equal64AVX2(SB), NOSPLIT, $0-40
	CMPLOOP2($0x00) // EQ_OQ

// func notEqual64AVX2(d *bool, x, y *float64, n int, spread *[256]uint64)
TEXT ·notEqual64AVX2(SB), NOSPLIT, $0-40
	CMPLOOP2($0x04) // NEQ_UQ: NaN is unequal to everything
