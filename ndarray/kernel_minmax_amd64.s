#include "textflag.h"

// AVX-512 kernels of Maximum, Minimum, Fmax and Fmin for float64 and
// float32 (kernel_minmax_amd64.go decides when they run). Each takes n
// elements, a multiple of the vector length; the caller does the rest.
// d may equal x or y: every vector is loaded before it is stored.
//
// They compute what NumPy's x86 loops compute (npyv_maxn, npyv_maxp):
// VMAXPD x, y is x > y ? x : y, which gives y for equal zeros of either
// sign and y where either operand is NaN; the masked move then puts x
// back where a NaN must come from x (Maximum: x is NaN) or must be
// ignored in y (Fmax: y is NaN).

// MINMAX is one vector step of W-byte elements at element index AX:
// Z2 = INS(x, y), then x where the operands named by NAN are NaN.
#define MINMAX(LOAD, INS, CMP, MOV, NAN, W) \
	LOAD 0(SI)(AX*W), Z0; \
	LOAD 0(DX)(AX*W), Z1; \
	INS  Z1, Z0, Z2; \
	CMP  $3, NAN, NAN, K1; \
	MOV  Z0, K1, Z2; \
	LOAD Z2, 0(DI)(AX*W)

#define ARGS \
	MOVQ d+0(FP), DI; \
	MOVQ x+8(FP), SI; \
	MOVQ y+16(FP), DX; \
	MOVQ n+24(FP), CX; \
	XORQ AX, AX

// func max64AVX512(d, x, y *float64, n int)
TEXT ·max64AVX512(SB), NOSPLIT, $0-32
	ARGS
loop:
	CMPQ AX, CX
	JGE  done
	MINMAX(VMOVUPD, VMAXPD, VCMPPD, VMOVAPD, Z0, 8)
	ADDQ $8, AX
	JMP  loop
done:
	VZEROUPPER
	RET

// func min64AVX512(d, x, y *float64, n int)
TEXT ·min64AVX512(SB), NOSPLIT, $0-32
	ARGS
loop:
	CMPQ AX, CX
	JGE  done
	MINMAX(VMOVUPD, VMINPD, VCMPPD, VMOVAPD, Z0, 8)
	ADDQ $8, AX
	JMP  loop
done:
	VZEROUPPER
	RET

// func fmax64AVX512(d, x, y *float64, n int)
TEXT ·fmax64AVX512(SB), NOSPLIT, $0-32
	ARGS
loop:
	CMPQ AX, CX
	JGE  done
	MINMAX(VMOVUPD, VMAXPD, VCMPPD, VMOVAPD, Z1, 8)
	ADDQ $8, AX
	JMP  loop
done:
	VZEROUPPER
	RET

// func fmin64AVX512(d, x, y *float64, n int)
TEXT ·fmin64AVX512(SB), NOSPLIT, $0-32
	ARGS
loop:
	CMPQ AX, CX
	JGE  done
	MINMAX(VMOVUPD, VMINPD, VCMPPD, VMOVAPD, Z1, 8)
	ADDQ $8, AX
	JMP  loop
done:
	VZEROUPPER
	RET

// func max32AVX512(d, x, y *float32, n int)
TEXT ·max32AVX512(SB), NOSPLIT, $0-32
	ARGS
loop:
	CMPQ AX, CX
	JGE  done
	MINMAX(VMOVUPS, VMAXPS, VCMPPS, VMOVAPS, Z0, 4)
	ADDQ $16, AX
	JMP  loop
done:
	VZEROUPPER
	RET

// func min32AVX512(d, x, y *float32, n int)
TEXT ·min32AVX512(SB), NOSPLIT, $0-32
	ARGS
loop:
	CMPQ AX, CX
	JGE  done
	MINMAX(VMOVUPS, VMINPS, VCMPPS, VMOVAPS, Z0, 4)
	ADDQ $16, AX
	JMP  loop
done:
	VZEROUPPER
	RET

// func fmax32AVX512(d, x, y *float32, n int)
TEXT ·fmax32AVX512(SB), NOSPLIT, $0-32
	ARGS
loop:
	CMPQ AX, CX
	JGE  done
	MINMAX(VMOVUPS, VMAXPS, VCMPPS, VMOVAPS, Z1, 4)
	ADDQ $16, AX
	JMP  loop
done:
	VZEROUPPER
	RET

// func fmin32AVX512(d, x, y *float32, n int)
TEXT ·fmin32AVX512(SB), NOSPLIT, $0-32
	ARGS
loop:
	CMPQ AX, CX
	JGE  done
	MINMAX(VMOVUPS, VMINPS, VCMPPS, VMOVAPS, Z1, 4)
	ADDQ $16, AX
	JMP  loop
done:
	VZEROUPPER
	RET

// AVX2 kernels of the same four operations, for CPUs without AVX-512:
// the same rule on 256-bit vectors, with the NaN mask a vector and
// VBLENDVPD/VBLENDVPS in place of the masked move. n is a multiple of the
// vector length (4 float64, 8 float32); the main loop takes four vectors
// a step, the second loop the rest one vector at a time. d may equal x or
// y: each vector is loaded before the same one is stored.

// MINMAX2 is one vector step at byte offset OFF from element index AX:
// C = INS(x, y), then x where NAN (A for x, B for y) is NaN. B is free
// once INS has read it and holds the NaN mask.
#define MINMAX2(LOAD, INS, CMP, BLEND, W, OFF, A, B, C, NAN) \
	LOAD  OFF(SI)(AX*W), A; \
	LOAD  OFF(DX)(AX*W), B; \
	INS   B, A, C; \
	CMP   $3, NAN, NAN, B; \
	BLEND B, A, C, C; \
	LOAD  C, OFF(DI)(AX*W)

// MINMAX2LOOP is a whole AVX2 kernel body, STEP elements a vector. N0-N3
// name the operand whose NaN puts x back in each of the four unrolled
// steps: x (Y0, Y3, Y6, Y9) for Maximum and Minimum, y (Y1, Y4, Y7, Y10)
// for Fmax and Fmin.
#define MINMAX2LOOP(LOAD, INS, CMP, BLEND, W, STEP, N0, N1, N2, N3) \
	ARGS; \
	MOVQ CX, BX; \
	ANDQ $-(4*STEP), BX; \
loop4: \
	CMPQ AX, BX; \
	JGE  loop1; \
	MINMAX2(LOAD, INS, CMP, BLEND, W, 0, Y0, Y1, Y2, N0); \
	MINMAX2(LOAD, INS, CMP, BLEND, W, 32, Y3, Y4, Y5, N1); \
	MINMAX2(LOAD, INS, CMP, BLEND, W, 64, Y6, Y7, Y8, N2); \
	MINMAX2(LOAD, INS, CMP, BLEND, W, 96, Y9, Y10, Y11, N3); \
	ADDQ $(4*STEP), AX; \
	JMP  loop4; \
loop1: \
	CMPQ AX, CX; \
	JGE  done; \
	MINMAX2(LOAD, INS, CMP, BLEND, W, 0, Y0, Y1, Y2, N0); \
	ADDQ $STEP, AX; \
	JMP  loop1; \
done: \
	VZEROUPPER; \
	RET

// func max64AVX2(d, x, y *float64, n int)
TEXT ·max64AVX2(SB), NOSPLIT, $0-32
	MINMAX2LOOP(VMOVUPD, VMAXPD, VCMPPD, VBLENDVPD, 8, 4, Y0, Y3, Y6, Y9)

// func min64AVX2(d, x, y *float64, n int)
TEXT ·min64AVX2(SB), NOSPLIT, $0-32
	MINMAX2LOOP(VMOVUPD, VMINPD, VCMPPD, VBLENDVPD, 8, 4, Y0, Y3, Y6, Y9)

// func fmax64AVX2(d, x, y *float64, n int)
TEXT ·fmax64AVX2(SB), NOSPLIT, $0-32
	MINMAX2LOOP(VMOVUPD, VMAXPD, VCMPPD, VBLENDVPD, 8, 4, Y1, Y4, Y7, Y10)

// func fmin64AVX2(d, x, y *float64, n int)
TEXT ·fmin64AVX2(SB), NOSPLIT, $0-32
	MINMAX2LOOP(VMOVUPD, VMINPD, VCMPPD, VBLENDVPD, 8, 4, Y1, Y4, Y7, Y10)

// func max32AVX2(d, x, y *float32, n int)
TEXT ·max32AVX2(SB), NOSPLIT, $0-32
	MINMAX2LOOP(VMOVUPS, VMAXPS, VCMPPS, VBLENDVPS, 4, 8, Y0, Y3, Y6, Y9)

// func min32AVX2(d, x, y *float32, n int)
TEXT ·min32AVX2(SB), NOSPLIT, $0-32
	MINMAX2LOOP(VMOVUPS, VMINPS, VCMPPS, VBLENDVPS, 4, 8, Y0, Y3, Y6, Y9)

// func fmax32AVX2(d, x, y *float32, n int)
TEXT ·fmax32AVX2(SB), NOSPLIT, $0-32
	MINMAX2LOOP(VMOVUPS, VMAXPS, VCMPPS, VBLENDVPS, 4, 8, Y1, Y4, Y7, Y10)

// func fmin32AVX2(d, x, y *float32, n int)
TEXT ·fmin32AVX2(SB), NOSPLIT, $0-32
	MINMAX2LOOP(VMOVUPS, VMINPS, VCMPPS, VBLENDVPS, 4, 8, Y1, Y4, Y7, Y10)
