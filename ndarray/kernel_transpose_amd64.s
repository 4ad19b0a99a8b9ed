#include "textflag.h"

// transposeBlock64AVX2 copies an ni x nj block of 8-byte elements (both
// multiples of 4) that is unit-strided along i in the source and along j
// in the destination: element (i, j) is read at src + (i + j*sq)*8 and
// written at dst + (i*dp + j)*8. Each 4 x 4 tile is four 32-byte loads,
// a transpose in registers (two unpacks, then lane exchanges) and four
// 32-byte stores, where the Go loop moves the sixteen words one by one.
// func transposeBlock64AVX2(dst, src unsafe.Pointer, ni, nj, dp, sq int)
TEXT ·transposeBlock64AVX2(SB), NOSPLIT, $0-48
	MOVQ    dst+0(FP), DI
	MOVQ    src+8(FP), SI
	MOVQ    ni+16(FP), R8
	MOVQ    nj+24(FP), R9
	MOVQ    dp+32(FP), R10
	SHLQ    $3, R10          // dp in bytes
	MOVQ    sq+40(FP), R11
	SHLQ    $3, R11          // sq in bytes
	LEAQ    (R11)(R11*2), R12 // 3 sq
	LEAQ    (R10)(R10*2), R13 // 3 dp
rows:
	TESTQ   R8, R8
	JLE     done
	MOVQ    SI, AX           // source of tile (i, 0)
	MOVQ    DI, BX           // destination of tile (i, 0)
	MOVQ    R9, CX
cols:
	VMOVUPD 0(AX), Y0                // a0 a1 a2 a3
	VMOVUPD 0(AX)(R11*1), Y1         // b0 b1 b2 b3
	VMOVUPD 0(AX)(R11*2), Y2         // c0 c1 c2 c3
	VMOVUPD 0(AX)(R12*1), Y3         // e0 e1 e2 e3
	VUNPCKLPD Y1, Y0, Y4             // a0 b0 a2 b2
	VUNPCKHPD Y1, Y0, Y5             // a1 b1 a3 b3
	VUNPCKLPD Y3, Y2, Y6             // c0 e0 c2 e2
	VUNPCKHPD Y3, Y2, Y7             // c1 e1 c3 e3
	VPERM2F128 $0x20, Y6, Y4, Y0     // a0 b0 c0 e0
	VPERM2F128 $0x20, Y7, Y5, Y1     // a1 b1 c1 e1
	VPERM2F128 $0x31, Y6, Y4, Y2     // a2 b2 c2 e2
	VPERM2F128 $0x31, Y7, Y5, Y3     // a3 b3 c3 e3
	VMOVUPD Y0, 0(BX)
	VMOVUPD Y1, 0(BX)(R10*1)
	VMOVUPD Y2, 0(BX)(R10*2)
	VMOVUPD Y3, 0(BX)(R13*1)
	LEAQ    (AX)(R11*4), AX
	ADDQ    $32, BX
	SUBQ    $4, CX
	JG      cols
	ADDQ    $32, SI
	LEAQ    (DI)(R10*4), DI
	SUBQ    $4, R8
	JMP     rows
done:
	VZEROUPPER
	RET
