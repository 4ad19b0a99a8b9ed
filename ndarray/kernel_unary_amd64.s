#include "textflag.h"

// AVX-512 and AVX2 kernels of Sqrt and Exp (kernel_unary_amd64.go decides
// which run). Each takes n elements, a multiple of the vector length; the
// caller does the rest in Go. d may equal x: every vector is loaded
// before it is stored.

// func sqrt64AVX512(d, x *float64, n int)
TEXT ·sqrt64AVX512(SB), NOSPLIT, $0-24
	MOVQ    d+0(FP), DI
	MOVQ    x+8(FP), SI
	MOVQ    n+16(FP), CX
	XORQ    AX, AX
	MOVQ    CX, DX
	ANDQ    $-32, DX
sqrt64x32:
	CMPQ    AX, DX
	JGE     sqrt64x8
	VSQRTPD 0(SI)(AX*8), Z0
	VSQRTPD 64(SI)(AX*8), Z1
	VSQRTPD 128(SI)(AX*8), Z2
	VSQRTPD 192(SI)(AX*8), Z3
	VMOVUPD Z0, 0(DI)(AX*8)
	VMOVUPD Z1, 64(DI)(AX*8)
	VMOVUPD Z2, 128(DI)(AX*8)
	VMOVUPD Z3, 192(DI)(AX*8)
	ADDQ    $32, AX
	JMP     sqrt64x32
sqrt64x8:
	CMPQ    AX, CX
	JGE     sqrt64done
	VSQRTPD 0(SI)(AX*8), Z0
	VMOVUPD Z0, 0(DI)(AX*8)
	ADDQ    $8, AX
	JMP     sqrt64x8
sqrt64done:
	VZEROUPPER
	RET

// func sqrt32AVX512(d, x *float32, n int)
TEXT ·sqrt32AVX512(SB), NOSPLIT, $0-24
	MOVQ    d+0(FP), DI
	MOVQ    x+8(FP), SI
	MOVQ    n+16(FP), CX
	XORQ    AX, AX
	MOVQ    CX, DX
	ANDQ    $-64, DX
sqrt32x64:
	CMPQ    AX, DX
	JGE     sqrt32x16
	VSQRTPS 0(SI)(AX*4), Z0
	VSQRTPS 64(SI)(AX*4), Z1
	VSQRTPS 128(SI)(AX*4), Z2
	VSQRTPS 192(SI)(AX*4), Z3
	VMOVUPS Z0, 0(DI)(AX*4)
	VMOVUPS Z1, 64(DI)(AX*4)
	VMOVUPS Z2, 128(DI)(AX*4)
	VMOVUPS Z3, 192(DI)(AX*4)
	ADDQ    $64, AX
	JMP     sqrt32x64
sqrt32x16:
	CMPQ    AX, CX
	JGE     sqrt32done
	VSQRTPS 0(SI)(AX*4), Z0
	VMOVUPS Z0, 0(DI)(AX*4)
	ADDQ    $16, AX
	JMP     sqrt32x16
sqrt32done:
	VZEROUPPER
	RET

// exp(x) = 2^m * 2^(j/16) * exp(r), where n = round(x * 16/ln2) = 16m + j
// with 0 <= j < 16, and r = x - n*ln2/16, |r| <= ln2/32, is reduced in
// two FMA steps (ln2/16 split into a head and a tail). n is rounded by
// adding 1.5 * 2^52 inside the FMA that multiplies, which leaves n in the
// low bits of the sum: VPERMI2PD reads j from its low 4 bits and picks
// 2^(j/16) from a 16-entry table held in two registers. exp(r) - 1 is
// r + r^2 (1/2 + r/6 + ... + r^5/5040), Taylor's terms to r^7 (truncation
// below 2^-60); the result T + T*(exp(r)-1) is scaled by 2^m with
// VSCALEFPD, which rounds once into the subnormal range and overflows to
// +Inf. x is first clamped to [-746, 710], beyond which exp is 0 or +Inf;
// NaN inputs are copied to the output. The error is below 1.5 units in
// the last place (the table's rounding plus the final FMA's).
DATA expc<>+0(SB)/8, $0x40371547652b82fe   // 16/ln2
DATA expc<>+8(SB)/8, $0x4338000000000000   // 1.5 * 2^52
DATA expc<>+16(SB)/8, $0xbfa62e42fefa39ef  // -ln2/16, head
DATA expc<>+24(SB)/8, $0xbc3abc9e3b39803f  // -ln2/16, tail
DATA expc<>+32(SB)/8, $0x3fb0000000000000  // 1/16
DATA expc<>+40(SB)/8, $0x3f2a01a01a01a01a  // 1/5040
DATA expc<>+48(SB)/8, $0x3f56c16c16c16c17  // 1/720
DATA expc<>+56(SB)/8, $0x3f81111111111111  // 1/120
DATA expc<>+64(SB)/8, $0x3fa5555555555555  // 1/24
DATA expc<>+72(SB)/8, $0x3fc5555555555555  // 1/6
DATA expc<>+80(SB)/8, $0x3fe0000000000000  // 1/2
DATA expc<>+88(SB)/8, $0x4086300000000000  // 710
DATA expc<>+96(SB)/8, $0xc087500000000000  // -746
DATA expc<>+104(SB)/8, $0x3ff0000000000000 // 2^(j/16), j = 0 ... 15
DATA expc<>+112(SB)/8, $0x3ff0b5586cf9890f
DATA expc<>+120(SB)/8, $0x3ff172b83c7d517b
DATA expc<>+128(SB)/8, $0x3ff2387a6e756238
DATA expc<>+136(SB)/8, $0x3ff306fe0a31b715
DATA expc<>+144(SB)/8, $0x3ff3dea64c123422
DATA expc<>+152(SB)/8, $0x3ff4bfdad5362a27
DATA expc<>+160(SB)/8, $0x3ff5ab07dd485429
DATA expc<>+168(SB)/8, $0x3ff6a09e667f3bcd
DATA expc<>+176(SB)/8, $0x3ff7a11473eb0187
DATA expc<>+184(SB)/8, $0x3ff8ace5422aa0db
DATA expc<>+192(SB)/8, $0x3ff9c49182a3f090
DATA expc<>+200(SB)/8, $0x3ffae89f995ad3ad
DATA expc<>+208(SB)/8, $0x3ffc199bdd85529c
DATA expc<>+216(SB)/8, $0x3ffd5818dcfba487
DATA expc<>+224(SB)/8, $0x3ffea4afa2a490da
GLOBL expc<>(SB), RODATA|NOPTR, $232

// func exp64AVX512(d, x *float64, n int)
TEXT ·exp64AVX512(SB), NOSPLIT, $0-24
	MOVQ         d+0(FP), DI
	MOVQ         x+8(FP), SI
	MOVQ         n+16(FP), CX
	VBROADCASTSD expc<>+0(SB), Z16
	VBROADCASTSD expc<>+8(SB), Z17
	VBROADCASTSD expc<>+16(SB), Z18
	VBROADCASTSD expc<>+24(SB), Z19
	VBROADCASTSD expc<>+32(SB), Z20
	VBROADCASTSD expc<>+40(SB), Z21
	VBROADCASTSD expc<>+48(SB), Z22
	VBROADCASTSD expc<>+56(SB), Z23
	VBROADCASTSD expc<>+64(SB), Z24
	VBROADCASTSD expc<>+72(SB), Z25
	VBROADCASTSD expc<>+80(SB), Z26
	VBROADCASTSD expc<>+88(SB), Z29
	VBROADCASTSD expc<>+96(SB), Z30
	VMOVUPD      expc<>+104(SB), Z27
	VMOVUPD      expc<>+168(SB), Z28
	XORQ         AX, AX
exp64loop:
	CMPQ         AX, CX
	JGE          exp64done
	VMOVUPD      0(SI)(AX*8), Z0
	VCMPPD       $3, Z0, Z0, K1        // K1: NaN lanes
	VMINPD       Z29, Z0, Z1
	VMAXPD       Z30, Z1, Z1           // x clamped
	VMOVAPD      Z17, Z2
	VFMADD231PD  Z16, Z1, Z2           // k = x*16/ln2 + 1.5*2^52: n in the low bits
	VSUBPD       Z17, Z2, Z3           // n
	VFMADD231PD  Z18, Z3, Z1           // r = x - n*head
	VFMADD231PD  Z19, Z3, Z1           // r -= n*tail
	VMOVAPD      Z21, Z4
	VFMADD213PD  Z22, Z1, Z4
	VFMADD213PD  Z23, Z1, Z4
	VFMADD213PD  Z24, Z1, Z4
	VFMADD213PD  Z25, Z1, Z4
	VFMADD213PD  Z26, Z1, Z4           // p = 1/2 + r/6 + ... + r^5/5040
	VMULPD       Z1, Z1, Z5
	VFMADD213PD  Z1, Z5, Z4            // q = r + r^2 p = exp(r) - 1
	VPERMI2PD    Z28, Z27, Z2          // T = 2^(j/16)
	VFMADD213PD  Z2, Z2, Z4            // T + T q
	VMULPD       Z20, Z3, Z3           // n/16, whose floor is m
	VSCALEFPD    Z3, Z4, Z4            // * 2^m
	VMOVAPD      Z0, K1, Z4
	VMOVUPD      Z4, 0(DI)(AX*8)
	ADDQ         $8, AX
	JMP          exp64loop
exp64done:
	VZEROUPPER
	RET

// AVX2 kernels of the same, for CPUs without AVX-512 (AMD before Zen 4):
// 256-bit registers, FMA for the reductions and the polynomial.

// func sqrt64AVX2(d, x *float64, n int)
TEXT ·sqrt64AVX2(SB), NOSPLIT, $0-24
	MOVQ    d+0(FP), DI
	MOVQ    x+8(FP), SI
	MOVQ    n+16(FP), CX
	XORQ    AX, AX
	MOVQ    CX, DX
	ANDQ    $-16, DX
sqrt64avx2x16:
	CMPQ    AX, DX
	JGE     sqrt64avx2x4
	VSQRTPD 0(SI)(AX*8), Y0
	VSQRTPD 32(SI)(AX*8), Y1
	VSQRTPD 64(SI)(AX*8), Y2
	VSQRTPD 96(SI)(AX*8), Y3
	VMOVUPD Y0, 0(DI)(AX*8)
	VMOVUPD Y1, 32(DI)(AX*8)
	VMOVUPD Y2, 64(DI)(AX*8)
	VMOVUPD Y3, 96(DI)(AX*8)
	ADDQ    $16, AX
	JMP     sqrt64avx2x16
sqrt64avx2x4:
	CMPQ    AX, CX
	JGE     sqrt64avx2done
	VSQRTPD 0(SI)(AX*8), Y0
	VMOVUPD Y0, 0(DI)(AX*8)
	ADDQ    $4, AX
	JMP     sqrt64avx2x4
sqrt64avx2done:
	VZEROUPPER
	RET

// func sqrt32AVX2(d, x *float32, n int)
TEXT ·sqrt32AVX2(SB), NOSPLIT, $0-24
	MOVQ    d+0(FP), DI
	MOVQ    x+8(FP), SI
	MOVQ    n+16(FP), CX
	XORQ    AX, AX
	MOVQ    CX, DX
	ANDQ    $-32, DX
sqrt32avx2x32:
	CMPQ    AX, DX
	JGE     sqrt32avx2x8
	VSQRTPS 0(SI)(AX*4), Y0
	VSQRTPS 32(SI)(AX*4), Y1
	VSQRTPS 64(SI)(AX*4), Y2
	VSQRTPS 96(SI)(AX*4), Y3
	VMOVUPS Y0, 0(DI)(AX*4)
	VMOVUPS Y1, 32(DI)(AX*4)
	VMOVUPS Y2, 64(DI)(AX*4)
	VMOVUPS Y3, 96(DI)(AX*4)
	ADDQ    $32, AX
	JMP     sqrt32avx2x32
sqrt32avx2x8:
	CMPQ    AX, CX
	JGE     sqrt32avx2done
	VSQRTPS 0(SI)(AX*4), Y0
	VMOVUPS Y0, 0(DI)(AX*4)
	ADDQ    $8, AX
	JMP     sqrt32avx2x8
sqrt32avx2done:
	VZEROUPPER
	RET

// The AVX2 exp runs the algorithm of the AVX-512 one with what AVX2 lacks
// built otherwise. VGATHERQPD reads 2^(j/16) from the table of expc<>,
// indexed by the low 4 bits of k; the gather clears its mask register,
// which is set again for every vector. There is no VSCALEFPD: 2^m is
// added to the exponent field of T + T q as an integer, which is exact
// only while the result stays normal. So the scale is split in two,
// 2^m = 2^a * 2^b with a = floor(m/2), b = m - a, both in [-539, 512]:
// adding a to the exponent of T + T q (in [2^-1/32, 2^31/32)) cannot leave
// the normal range, and the multiply by 2^b, a normal number, rounds once
// into the subnormal range and overflows to +Inf, as VSCALEFPD does; the
// results are those of the AVX-512 kernel bit for bit. Both exponents
// come from k with shifts alone: k's bits are 0x4338000000000000 + n, a
// multiple of 32 plus n, so k >> 5 is a multiple of 2^12 plus a, whose low
// 12 bits VPSLLQ $52 moves into the exponent field, and (k + 16 + 1023*32)
// >> 5 gives b + 1023, the biased exponent of 2^b, the same way.
// Constants that do not fit in the 16 YMM registers are read from expd<>,
// four copies each for the FMAs' memory operands.
DATA expd<>+0(SB)/8, $0x3f2a01a01a01a01a   // 1/5040
DATA expd<>+8(SB)/8, $0x3f2a01a01a01a01a
DATA expd<>+16(SB)/8, $0x3f2a01a01a01a01a
DATA expd<>+24(SB)/8, $0x3f2a01a01a01a01a
DATA expd<>+32(SB)/8, $0x3f56c16c16c16c17  // 1/720
DATA expd<>+40(SB)/8, $0x3f56c16c16c16c17
DATA expd<>+48(SB)/8, $0x3f56c16c16c16c17
DATA expd<>+56(SB)/8, $0x3f56c16c16c16c17
DATA expd<>+64(SB)/8, $0x3f81111111111111  // 1/120
DATA expd<>+72(SB)/8, $0x3f81111111111111
DATA expd<>+80(SB)/8, $0x3f81111111111111
DATA expd<>+88(SB)/8, $0x3f81111111111111
DATA expd<>+96(SB)/8, $0x3fa5555555555555  // 1/24
DATA expd<>+104(SB)/8, $0x3fa5555555555555
DATA expd<>+112(SB)/8, $0x3fa5555555555555
DATA expd<>+120(SB)/8, $0x3fa5555555555555
DATA expd<>+128(SB)/8, $0x3fc5555555555555 // 1/6
DATA expd<>+136(SB)/8, $0x3fc5555555555555
DATA expd<>+144(SB)/8, $0x3fc5555555555555
DATA expd<>+152(SB)/8, $0x3fc5555555555555
DATA expd<>+160(SB)/8, $0x3fe0000000000000 // 1/2
DATA expd<>+168(SB)/8, $0x3fe0000000000000
DATA expd<>+176(SB)/8, $0x3fe0000000000000
DATA expd<>+184(SB)/8, $0x3fe0000000000000
DATA expd<>+192(SB)/8, $15                 // mask of j
DATA expd<>+200(SB)/8, $32752              // 16 + 1023*32
GLOBL expd<>(SB), RODATA|NOPTR, $208

// func exp64AVX2(d, x *float64, n int)
TEXT ·exp64AVX2(SB), NOSPLIT, $0-24
	MOVQ         d+0(FP), DI
	MOVQ         x+8(FP), SI
	MOVQ         n+16(FP), CX
	LEAQ         expc<>+104(SB), R8
	VBROADCASTSD expc<>+0(SB), Y8
	VBROADCASTSD expc<>+8(SB), Y9
	VBROADCASTSD expc<>+16(SB), Y10
	VBROADCASTSD expc<>+24(SB), Y11
	VBROADCASTSD expc<>+88(SB), Y12
	VBROADCASTSD expc<>+96(SB), Y13
	VPBROADCASTQ expd<>+192(SB), Y14
	VPBROADCASTQ expd<>+200(SB), Y15
	XORQ         AX, AX
exp64avx2loop:
	CMPQ         AX, CX
	JGE          exp64avx2done
	VMOVUPD      0(SI)(AX*8), Y0
	VMINPD       Y12, Y0, Y1
	VMAXPD       Y13, Y1, Y1                 // x clamped; NaN becomes 710
	VMOVAPD      Y9, Y2
	VFMADD231PD  Y8, Y1, Y2                  // k = x*16/ln2 + 1.5*2^52: n in the low bits
	VSUBPD       Y9, Y2, Y3                  // n
	VFMADD231PD  Y10, Y3, Y1                 // r = x - n*head
	VFMADD231PD  Y11, Y3, Y1                 // r -= n*tail
	VPAND        Y14, Y2, Y6                 // j
	VPCMPEQQ     Y7, Y7, Y7
	VGATHERQPD   Y7, (R8)(Y6*8), Y3          // T = 2^(j/16)
	VMOVUPD      expd<>+0(SB), Y4
	VFMADD213PD  expd<>+32(SB), Y1, Y4
	VFMADD213PD  expd<>+64(SB), Y1, Y4
	VFMADD213PD  expd<>+96(SB), Y1, Y4
	VFMADD213PD  expd<>+128(SB), Y1, Y4
	VFMADD213PD  expd<>+160(SB), Y1, Y4      // p = 1/2 + r/6 + ... + r^5/5040
	VMULPD       Y1, Y1, Y5
	VFMADD213PD  Y1, Y5, Y4                  // q = r + r^2 p = exp(r) - 1
	VFMADD213PD  Y3, Y3, Y4                  // T + T q
	VPSRLQ       $5, Y2, Y5
	VPSLLQ       $52, Y5, Y5
	VPADDQ       Y5, Y4, Y4                  // * 2^a, exact
	VPADDQ       Y15, Y2, Y2
	VPSRLQ       $5, Y2, Y2
	VPSLLQ       $52, Y2, Y2                 // 2^b
	VMULPD       Y2, Y4, Y4                  // * 2^b, rounded once
	VCMPPD       $3, Y0, Y0, Y7              // NaN lanes
	VBLENDVPD    Y7, Y0, Y4, Y4
	VMOVUPD      Y4, 0(DI)(AX*8)
	ADDQ         $4, AX
	JMP          exp64avx2loop
exp64avx2done:
	VZEROUPPER
	RET

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL   $0, CX
	XGETBV
	MOVL   AX, eax+0(FP)
	MOVL   DX, edx+4(FP)
	RET
