#include "textflag.h"

// STREAM_LOOP is the stream loop of extreme64AVX512 for OP (VMAXPD or
// VMINPD): from element AX up to CX, then on to fold.
#define STREAM_LOOP(OP, loop, fold) \
loop: \
	CMPQ    AX, CX; \
	JGE     fold; \
	VMOVUPD 0(SI)(AX*8), Z2; \
	VMOVUPD 64(SI)(AX*8), Z3; \
	OP      Z2, Z0, Z0; \
	OP      Z3, Z1, Z1; \
	VCMPPD  $3, Z3, Z2, K1; \
	KORB    K1, K2, K2; \
	ADDQ    $16, AX; \
	JMP     loop

// AVX-512 kernels of ArgMax and ArgMin of float64 runs
// (kernel_arg_amd64.go): one pass finds the extreme value and whether a
// NaN occurs, a second finds the first element equal to it. n is a
// multiple of 16 (extreme64AVX512) or of 8 (findEq64AVX512).

// func extreme64AVX512(x *float64, n int, max, stream bool) (m float64, nan bool)
//
// With stream, for long runs that the hardware prefetcher streams alone,
// the loops leave out the PREFETCHT0s and test two vectors for NaN in one
// VCMPPD $3 (true where either is NaN).
TEXT ·extreme64AVX512(SB), NOSPLIT, $0-33
	MOVQ    x+0(FP), SI
	MOVQ    n+8(FP), CX
	MOVB    max+16(FP), BX
	MOVB    stream+17(FP), DX
	VMOVUPD 0(SI), Z0
	VMOVUPD 64(SI), Z1
	VCMPPD  $3, Z0, Z0, K2
	VCMPPD  $3, Z1, Z1, K1
	KORB    K1, K2, K2
	MOVQ    $16, AX
	TESTB   BX, BX
	JZ      minsel
	TESTB   DX, DX
	JNZ     smaxloop
maxloop:
	CMPQ    AX, CX
	JGE     maxfold
	// 1 KiB ahead: with the row streams of an axis reduction the
	// hardware prefetcher alone left the loop waiting (0.86x with).
	PREFETCHT0 1024(SI)(AX*8)
	PREFETCHT0 1088(SI)(AX*8)
	VMOVUPD 0(SI)(AX*8), Z2
	VMOVUPD 64(SI)(AX*8), Z3
	VMAXPD  Z2, Z0, Z0
	VMAXPD  Z3, Z1, Z1
	VCMPPD  $3, Z2, Z2, K1
	KORB    K1, K2, K2
	VCMPPD  $3, Z3, Z3, K1
	KORB    K1, K2, K2
	ADDQ    $16, AX
	JMP     maxloop
	STREAM_LOOP(VMAXPD, smaxloop, maxfold)
maxfold:
	VMAXPD         Z1, Z0, Z0
	VEXTRACTF64X4  $1, Z0, Y1
	VMAXPD         Y1, Y0, Y0
	VEXTRACTF128   $1, Y0, X1
	VMAXPD         X1, X0, X0
	VPERMILPD      $1, X0, X1
	VMAXPD         X1, X0, X0
	JMP            done
minsel:
	TESTB   DX, DX
	JNZ     sminloop
minloop:
	CMPQ    AX, CX
	JGE     minfold
	PREFETCHT0 1024(SI)(AX*8)
	PREFETCHT0 1088(SI)(AX*8)
	VMOVUPD 0(SI)(AX*8), Z2
	VMOVUPD 64(SI)(AX*8), Z3
	VMINPD  Z2, Z0, Z0
	VMINPD  Z3, Z1, Z1
	VCMPPD  $3, Z2, Z2, K1
	KORB    K1, K2, K2
	VCMPPD  $3, Z3, Z3, K1
	KORB    K1, K2, K2
	ADDQ    $16, AX
	JMP     minloop
	STREAM_LOOP(VMINPD, sminloop, minfold)
minfold:
	VMINPD         Z1, Z0, Z0
	VEXTRACTF64X4  $1, Z0, Y1
	VMINPD         Y1, Y0, Y0
	VEXTRACTF128   $1, Y0, X1
	VMINPD         X1, X0, X0
	VPERMILPD      $1, X0, X1
	VMINPD         X1, X0, X0
done:
	MOVSD   X0, m+24(FP)
	KMOVB   K2, DX
	TESTL   DX, DX
	SETNE   nan+32(FP)
	VZEROUPPER
	RET

// func findEq64AVX512(x *float64, n int, v float64) int
TEXT ·findEq64AVX512(SB), NOSPLIT, $0-32
	MOVQ         x+0(FP), SI
	MOVQ         n+8(FP), CX
	VBROADCASTSD v+16(FP), Z1
	XORQ         AX, AX
loop:
	CMPQ         AX, CX
	JGE          none
	VCMPPD       $0, 0(SI)(AX*8), Z1, K1
	KMOVB        K1, DX
	TESTL        DX, DX
	JNZ          found
	ADDQ         $8, AX
	JMP          loop
found:
	BSFL         DX, DX
	ADDQ         DX, AX
	MOVQ         AX, ret+24(FP)
	VZEROUPPER
	RET
none:
	MOVQ         CX, ret+24(FP)
	VZEROUPPER
	RET

// AVX2 kernels of the same two passes, for CPUs without AVX-512. n is a
// multiple of 16 for both: four 256-bit vectors a step.

// func extreme64AVX2(x *float64, n int, max bool) (m float64, nan bool)
//
// Y0-Y3 hold the running extremes, Y4 the NaN mask: VCMPPD $3 of two
// vectors is true where either is NaN, so two compares cover four.
// Without extreme64AVX512's PREFETCHT0: on the AVX2 machine measured
// (AMD EPYC) they made ArgMax of 4096x8192 5-15% slower.
TEXT ·extreme64AVX2(SB), NOSPLIT, $0-33
	MOVQ    x+0(FP), SI
	MOVQ    n+8(FP), CX
	MOVB    max+16(FP), BX
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
	VMOVUPD 64(SI), Y2
	VMOVUPD 96(SI), Y3
	VCMPPD  $3, Y1, Y0, Y4
	VCMPPD  $3, Y3, Y2, Y5
	VORPD   Y5, Y4, Y4
	MOVQ    $16, AX
	TESTB   BX, BX
	JZ      minloop
maxloop:
	CMPQ    AX, CX
	JGE     maxfold
	VMOVUPD 0(SI)(AX*8), Y5
	VMOVUPD 32(SI)(AX*8), Y6
	VMOVUPD 64(SI)(AX*8), Y7
	VMOVUPD 96(SI)(AX*8), Y8
	VMAXPD  Y5, Y0, Y0
	VMAXPD  Y6, Y1, Y1
	VMAXPD  Y7, Y2, Y2
	VMAXPD  Y8, Y3, Y3
	VCMPPD  $3, Y6, Y5, Y5
	VCMPPD  $3, Y8, Y7, Y7
	VORPD   Y7, Y5, Y5
	VORPD   Y5, Y4, Y4
	ADDQ    $16, AX
	JMP     maxloop
maxfold:
	VMAXPD       Y1, Y0, Y0
	VMAXPD       Y3, Y2, Y2
	VMAXPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VMAXPD       X1, X0, X0
	VPERMILPD    $1, X0, X1
	VMAXPD       X1, X0, X0
	JMP          done
minloop:
	CMPQ    AX, CX
	JGE     minfold
	VMOVUPD 0(SI)(AX*8), Y5
	VMOVUPD 32(SI)(AX*8), Y6
	VMOVUPD 64(SI)(AX*8), Y7
	VMOVUPD 96(SI)(AX*8), Y8
	VMINPD  Y5, Y0, Y0
	VMINPD  Y6, Y1, Y1
	VMINPD  Y7, Y2, Y2
	VMINPD  Y8, Y3, Y3
	VCMPPD  $3, Y6, Y5, Y5
	VCMPPD  $3, Y8, Y7, Y7
	VORPD   Y7, Y5, Y5
	VORPD   Y5, Y4, Y4
	ADDQ    $16, AX
	JMP     minloop
minfold:
	VMINPD       Y1, Y0, Y0
	VMINPD       Y3, Y2, Y2
	VMINPD       Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VMINPD       X1, X0, X0
	VPERMILPD    $1, X0, X1
	VMINPD       X1, X0, X0
done:
	MOVSD   X0, m+24(FP)
	VPTEST  Y4, Y4
	SETNE   nan+32(FP)
	VZEROUPPER
	RET

// func findEq64AVX2(x *float64, n int, v float64) int
//
// Four vectors a step are compared with v and their masks ORed for one
// test; the step holding a match gathers the four 4-bit masks into 16
// bits, whose lowest set bit is the first match.
TEXT ·findEq64AVX2(SB), NOSPLIT, $0-32
	MOVQ         x+0(FP), SI
	MOVQ         n+8(FP), CX
	VBROADCASTSD v+16(FP), Y4
	XORQ         AX, AX
loop:
	CMPQ         AX, CX
	JGE          none
	VCMPPD       $0, 0(SI)(AX*8), Y4, Y0
	VCMPPD       $0, 32(SI)(AX*8), Y4, Y1
	VCMPPD       $0, 64(SI)(AX*8), Y4, Y2
	VCMPPD       $0, 96(SI)(AX*8), Y4, Y3
	VORPD        Y1, Y0, Y5
	VORPD        Y3, Y2, Y6
	VORPD        Y6, Y5, Y5
	VPTEST       Y5, Y5
	JNZ          found
	ADDQ         $16, AX
	JMP          loop
found:
	VMOVMSKPD    Y0, DX
	VMOVMSKPD    Y1, BX
	SHLL         $4, BX
	ORL          BX, DX
	VMOVMSKPD    Y2, BX
	SHLL         $8, BX
	ORL          BX, DX
	VMOVMSKPD    Y3, BX
	SHLL         $12, BX
	ORL          BX, DX
	BSFL         DX, DX
	ADDQ         DX, AX
	MOVQ         AX, ret+24(FP)
	VZEROUPPER
	RET
none:
	MOVQ         CX, ret+24(FP)
	VZEROUPPER
	RET
