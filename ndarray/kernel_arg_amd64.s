#include "textflag.h"

// AVX-512 kernels of ArgMax and ArgMin of float64 runs
// (kernel_arg_amd64.go): one pass finds the extreme value and whether a
// NaN occurs, a second finds the first element equal to it. n is a
// multiple of 16 (extreme64AVX512) or of 8 (findEq64AVX512).

// func extreme64AVX512(x *float64, n int, max bool) (m float64, nan bool)
TEXT ·extreme64AVX512(SB), NOSPLIT, $0-33
	MOVQ    x+0(FP), SI
	MOVQ    n+8(FP), CX
	MOVB    max+16(FP), BX
	VMOVUPD 0(SI), Z0
	VMOVUPD 64(SI), Z1
	VCMPPD  $3, Z0, Z0, K2
	VCMPPD  $3, Z1, Z1, K1
	KORB    K1, K2, K2
	MOVQ    $16, AX
	TESTB   BX, BX
	JZ      minloop
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
maxfold:
	VMAXPD         Z1, Z0, Z0
	VEXTRACTF64X4  $1, Z0, Y1
	VMAXPD         Y1, Y0, Y0
	VEXTRACTF128   $1, Y0, X1
	VMAXPD         X1, X0, X0
	VPERMILPD      $1, X0, X1
	VMAXPD         X1, X0, X0
	JMP            done
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
