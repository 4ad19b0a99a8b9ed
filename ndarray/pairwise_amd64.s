#include "textflag.h"

// NumPy's pairwise-sum leaf (8 <= n <= 128 elements): eight accumulators
// r0..r7 start as x[0..7] and take x[i+j] for each further group of 8;
// they are combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), and the last
// n%8 elements are added in order. SSE2 (every amd64) holds the
// accumulators two (float64) or four (float32) to a register; each lane
// does the same IEEE additions as NumPy's scalar code, so the result has
// the same bits.

// COMBINE64 folds the float64 accumulators X0 (r0 r1) .. X3 (r6 r7) into
// X0 as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), through the frame's 32
// bytes at r-32(SP); it clobbers X1-X3.
#define COMBINE64 \
	MOVUPD  X0, r-32(SP); \
	MOVUPD  X1, r-16(SP); \
	MOVSD   r-32(SP), X0; \
	ADDSD   r-24(SP), X0; \
	MOVSD   r-16(SP), X1; \
	ADDSD   r-8(SP), X1; \
	ADDSD   X1, X0; \
	MOVUPD  X2, r-32(SP); \
	MOVUPD  X3, r-16(SP); \
	MOVSD   r-32(SP), X2; \
	ADDSD   r-24(SP), X2; \
	MOVSD   r-16(SP), X3; \
	ADDSD   r-8(SP), X3; \
	ADDSD   X3, X2; \
	ADDSD   X2, X0

// func pairwiseBlock64(x *float64, n int) float64
TEXT ·pairwiseBlock64(SB), NOSPLIT, $32-24
	MOVQ    x+0(FP), SI
	MOVQ    n+8(FP), CX
	MOVQ    CX, DX
	ANDQ    $-8, DX          // m = n - n%8
	MOVUPD  0(SI), X0        // r0 r1
	MOVUPD  16(SI), X1       // r2 r3
	MOVUPD  32(SI), X2       // r4 r5
	MOVUPD  48(SI), X3       // r6 r7
	MOVQ    $8, AX
loop64:
	CMPQ    AX, DX
	JGE     combine64
	MOVUPD  0(SI)(AX*8), X4
	ADDPD   X4, X0
	MOVUPD  16(SI)(AX*8), X4
	ADDPD   X4, X1
	MOVUPD  32(SI)(AX*8), X4
	ADDPD   X4, X2
	MOVUPD  48(SI)(AX*8), X4
	ADDPD   X4, X3
	ADDQ    $8, AX
	JMP     loop64
combine64:
	COMBINE64
rest64:
	CMPQ    AX, CX
	JGE     done64
	ADDSD   0(SI)(AX*8), X0
	INCQ    AX
	JMP     rest64
done64:
	MOVSD   X0, ret+16(FP)
	RET

// func pairwiseBlock32(x *float32, n int) float32
TEXT ·pairwiseBlock32(SB), NOSPLIT, $32-20
	MOVQ    x+0(FP), SI
	MOVQ    n+8(FP), CX
	MOVQ    CX, DX
	ANDQ    $-8, DX
	MOVUPS  0(SI), X0        // r0 r1 r2 r3
	MOVUPS  16(SI), X1       // r4 r5 r6 r7
	MOVQ    $8, AX
loop32:
	CMPQ    AX, DX
	JGE     combine32
	MOVUPS  0(SI)(AX*4), X4
	ADDPS   X4, X0
	MOVUPS  16(SI)(AX*4), X4
	ADDPS   X4, X1
	ADDQ    $8, AX
	JMP     loop32
combine32:
	MOVUPS  X0, r-32(SP)
	MOVUPS  X1, r-16(SP)
	MOVSS   r-32(SP), X0
	ADDSS   r-28(SP), X0     // r0+r1
	MOVSS   r-24(SP), X1
	ADDSS   r-20(SP), X1     // r2+r3
	ADDSS   X1, X0
	MOVSS   r-16(SP), X2
	ADDSS   r-12(SP), X2     // r4+r5
	MOVSS   r-8(SP), X3
	ADDSS   r-4(SP), X3      // r6+r7
	ADDSS   X3, X2
	ADDSS   X2, X0
rest32:
	CMPQ    AX, CX
	JGE     done32
	ADDSS   0(SI)(AX*4), X0
	INCQ    AX
	JMP     rest32
done32:
	MOVSS   X0, ret+16(FP)
	RET

// func pairwiseBlock64Strided(x *float64, n, stride int) float64
// pairwiseBlock64 over x[0], x[stride], ..., x[(n-1)*stride] (stride in
// elements, negative too): each pair of accumulators is loaded from two
// elements (MOVSD, MOVHPD), so nothing between them is read and the
// additions are those of the contiguous leaf.
TEXT ·pairwiseBlock64Strided(SB), NOSPLIT, $32-32
	MOVQ    x+0(FP), SI
	MOVQ    n+8(FP), CX
	MOVQ    stride+16(FP), R8
	SHLQ    $3, R8           // s: the stride in bytes
	LEAQ    (R8)(R8*2), R10  // 3s
	LEAQ    (SI)(R8*4), DI   // x + 4s
	MOVQ    CX, DX
	ANDQ    $-8, DX          // m = n - n%8
	MOVSD   0(SI), X0
	MOVHPD  (SI)(R8*1), X0   // r0 r1
	MOVSD   (SI)(R8*2), X1
	MOVHPD  (SI)(R10*1), X1  // r2 r3
	MOVSD   0(DI), X2
	MOVHPD  (DI)(R8*1), X2   // r4 r5
	MOVSD   (DI)(R8*2), X3
	MOVHPD  (DI)(R10*1), X3  // r6 r7
	// Software prefetch, eight iterations ahead (64s) and half an
	// iteration beyond (68s: the next line at stride 2, in the
	// direction of travel). A row of a[::2, ::2] is a new stream every
	// 32 KiB, which the hardware prefetcher picks up late: it measured
	// 0.81x the time without.
	MOVQ    R8, R11
	SHLQ    $6, R11
	LEAQ    (R11)(R8*4), R12
	MOVQ    $8, AX
loopS:
	CMPQ    AX, DX
	JGE     combineS
	LEAQ    (SI)(R8*8), SI
	LEAQ    (DI)(R8*8), DI
	PREFETCHT0 (R11)(SI*1)
	PREFETCHT0 (R12)(SI*1)
	MOVSD   0(SI), X4
	MOVHPD  (SI)(R8*1), X4
	ADDPD   X4, X0
	MOVSD   (SI)(R8*2), X5
	MOVHPD  (SI)(R10*1), X5
	ADDPD   X5, X1
	MOVSD   0(DI), X6
	MOVHPD  (DI)(R8*1), X6
	ADDPD   X6, X2
	MOVSD   (DI)(R8*2), X7
	MOVHPD  (DI)(R10*1), X7
	ADDPD   X7, X3
	ADDQ    $8, AX
	JMP     loopS
combineS:
	COMBINE64
	LEAQ    (SI)(R8*8), SI   // element m
restS:
	CMPQ    AX, CX
	JGE     doneS
	ADDSD   0(SI), X0
	ADDQ    R8, SI
	INCQ    AX
	JMP     restS
doneS:
	MOVSD   X0, ret+24(FP)
	RET

// pairwiseBlock64AVX2 is pairwiseBlock64 with the accumulators four to a
// YMM register (r0..r3 in Y0, r4..r7 in Y2): the same additions lane for
// lane, half the loads and adds, and 10-15 % less time on a long sum that
// streams from memory (Zen 3, measured against the SSE2 leaf).
// func pairwiseBlock64AVX2(x *float64, n int) float64
TEXT ·pairwiseBlock64AVX2(SB), NOSPLIT, $32-24
	MOVQ    x+0(FP), SI
	MOVQ    n+8(FP), CX
	MOVQ    CX, DX
	ANDQ    $-8, DX          // m = n - n%8
	VMOVUPD 0(SI), Y0        // r0 r1 r2 r3
	VMOVUPD 32(SI), Y2       // r4 r5 r6 r7
	MOVQ    $8, AX
loop64avx2:
	CMPQ    AX, DX
	JGE     combine64avx2
	VADDPD  0(SI)(AX*8), Y0, Y0
	VADDPD  32(SI)(AX*8), Y2, Y2
	ADDQ    $8, AX
	JMP     loop64avx2
combine64avx2:
	VEXTRACTF128 $1, Y0, X1
	VEXTRACTF128 $1, Y2, X3
	VZEROUPPER
	COMBINE64
rest64avx2:
	CMPQ    AX, CX
	JGE     done64avx2
	ADDSD   0(SI)(AX*8), X0
	INCQ    AX
	JMP     rest64avx2
done64avx2:
	MOVSD   X0, ret+16(FP)
	RET

// pairwiseTree64AVX2 is pairwiseSum of leaves*pwBlock float64s, leaves a
// power of two: NumPy's recursion splits such a run into a perfect binary
// tree of 128-element leaves, so the sum is each leaf's (as in
// pairwiseBlock64AVX2), added left + right up the tree. The leaves are
// summed in address order and their sums kept on a stack in the frame,
// one entry per level, as a binary counter carries: after leaf i (counted
// from 1) as many entries are combined as i has trailing zero bits. Every
// addition is one the recursion makes, so the bits are its bits; the
// loop saves the recursion's calls, which cost a sum that streams from
// memory a fifth of its time.
// func pairwiseTree64AVX2(x *float64, leaves int) float64
TEXT ·pairwiseTree64AVX2(SB), NOSPLIT, $512-24
	MOVQ    x+0(FP), SI
	MOVQ    leaves+8(FP), CX
	LEAQ    stack-512(SP), R8
	XORQ    BX, BX           // leaves summed
	XORQ    DI, DI           // entries on the stack
leaftree:
	VMOVUPD 0(SI), Y0        // r0 r1 r2 r3
	VMOVUPD 32(SI), Y2       // r4 r5 r6 r7
	MOVQ    $64, AX
looptree:
	VADDPD  0(SI)(AX*1), Y0, Y0
	VADDPD  32(SI)(AX*1), Y2, Y2
	VADDPD  64(SI)(AX*1), Y0, Y0
	VADDPD  96(SI)(AX*1), Y2, Y2
	ADDQ    $128, AX
	CMPQ    AX, $960
	JLT     looptree
	VADDPD  0(SI)(AX*1), Y0, Y0   // the 16th group of 8
	VADDPD  32(SI)(AX*1), Y2, Y2
	VHADDPD Y2, Y0, Y1       // r0+r1, r4+r5, r2+r3, r6+r7
	VEXTRACTF128 $1, Y1, X3
	VADDPD  X3, X1, X1       // (r0+r1)+(r2+r3), (r4+r5)+(r6+r7)
	VUNPCKHPD X1, X1, X3
	VADDSD  X3, X1, X1       // the leaf's sum
	ADDQ    $1024, SI
	INCQ    BX
	MOVQ    BX, DX
carrytree:
	TESTQ   $1, DX
	JNZ     pushtree
	DECQ    DI
	VADDSD  0(R8)(DI*8), X1, X1   // left + right
	SHRQ    $1, DX
	JMP     carrytree
pushtree:
	VMOVSD  X1, 0(R8)(DI*8)
	INCQ    DI
	CMPQ    BX, CX
	JLT     leaftree
	VZEROUPPER
	MOVSD   0(R8), X0
	MOVSD   X0, ret+16(FP)
	RET

// sum4x64AVX2 is sum4 for float64 in AVX2: d[j] = (((d[j] + x0[j]) +
// x1[j]) + x2[j]) + x3[j], the same additions in the same order lane for
// lane, eight elements a step (n a multiple of 8).
// func sum4x64AVX2(d, x0, x1, x2, x3 *float64, n int)
TEXT ·sum4x64AVX2(SB), NOSPLIT, $0-48
	MOVQ    d+0(FP), DI
	MOVQ    x0+8(FP), R8
	MOVQ    x1+16(FP), R9
	MOVQ    x2+24(FP), R10
	MOVQ    x3+32(FP), R11
	MOVQ    n+40(FP), CX
	XORQ    AX, AX
loopsum4:
	CMPQ    AX, CX
	JGE     donesum4
	VMOVUPD 0(DI)(AX*8), Y0
	VMOVUPD 32(DI)(AX*8), Y1
	VADDPD  0(R8)(AX*8), Y0, Y0
	VADDPD  32(R8)(AX*8), Y1, Y1
	VADDPD  0(R9)(AX*8), Y0, Y0
	VADDPD  32(R9)(AX*8), Y1, Y1
	VADDPD  0(R10)(AX*8), Y0, Y0
	VADDPD  32(R10)(AX*8), Y1, Y1
	VADDPD  0(R11)(AX*8), Y0, Y0
	VADDPD  32(R11)(AX*8), Y1, Y1
	VMOVUPD Y0, 0(DI)(AX*8)
	VMOVUPD Y1, 32(DI)(AX*8)
	ADDQ    $8, AX
	JMP     loopsum4
donesum4:
	VZEROUPPER
	RET
