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
