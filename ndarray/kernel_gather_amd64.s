#include "textflag.h"

// Strided gathers of 8-byte elements (float64, int64, uint64, complex64):
// n elements from src in steps of stride elements into dst, contiguous.
// They move words, whatever the words hold.

// func gather64(dst, src unsafe.Pointer, n, stride int)
TEXT ·gather64(SB), NOSPLIT, $0-32
	MOVQ    dst+0(FP), DI
	MOVQ    src+8(FP), SI
	MOVQ    n+16(FP), CX
	MOVQ    stride+24(FP), BX
	SHLQ    $3, BX           // stride in bytes
	LEAQ    (BX)(BX*2), R10  // 3 strides
loop4:
	CMPQ    CX, $4
	JLT     tail
	MOVQ    0(SI), AX
	MOVQ    0(SI)(BX*1), DX
	MOVQ    0(SI)(BX*2), R8
	MOVQ    0(SI)(R10*1), R9
	MOVQ    AX, 0(DI)
	MOVQ    DX, 8(DI)
	MOVQ    R8, 16(DI)
	MOVQ    R9, 24(DI)
	LEAQ    (SI)(BX*4), SI
	ADDQ    $32, DI
	SUBQ    $4, CX
	JMP     loop4
tail:
	TESTQ   CX, CX
	JEQ     done
	MOVQ    0(SI), AX
	MOVQ    AX, 0(DI)
	ADDQ    BX, SI
	ADDQ    $8, DI
	DECQ    CX
	JMP     tail
done:
	RET

// gatherEven64AVX2 is gather64 with stride 2: two 32-byte loads give four
// elements, picked by an unpack and a lane permutation. The vector loop
// stops while at least five elements remain, so that it never reads the
// word after the last element.
// func gatherEven64AVX2(dst, src unsafe.Pointer, n int)
TEXT ·gatherEven64AVX2(SB), NOSPLIT, $0-24
	MOVQ    dst+0(FP), DI
	MOVQ    src+8(FP), SI
	MOVQ    n+16(FP), CX
loopv:
	CMPQ    CX, $4
	JLE     tailv
	VMOVUPD 0(SI), Y0        // x0 x1 x2 x3
	VMOVUPD 32(SI), Y1       // x4 x5 x6 x7
	VUNPCKLPD Y1, Y0, Y2     // x0 x4 x2 x6
	VPERMPD $0xD8, Y2, Y2    // x0 x2 x4 x6
	VMOVUPD Y2, 0(DI)
	ADDQ    $64, SI
	ADDQ    $32, DI
	SUBQ    $4, CX
	JMP     loopv
tailv:
	VZEROUPPER
tailv1:
	TESTQ   CX, CX
	JEQ     donev
	MOVQ    0(SI), AX
	MOVQ    AX, 0(DI)
	ADDQ    $16, SI
	ADDQ    $8, DI
	DECQ    CX
	JMP     tailv1
donev:
	RET
