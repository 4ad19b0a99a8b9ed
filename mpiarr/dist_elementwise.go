// Elementwise operations over Dists: any ndarray function applied to the
// blocks, with no data moving between ranks when the operands share a
// decomposition.

package mpiarr

import (
	"fmt"

	"github.com/ndmpi/ndmpi/ndarray"
	"github.com/ndmpi/ndmpi/strides"
)

// Every elementwise function of ndarray (Add, Subtract, Multiply, Divide,
// Power, Maximum, Sqrt, Exp, Sin, Floor, the comparisons into
// *Array[bool], Where, Clip, the bitwise and logical functions, IsNaN,
// AsType...) applies to Dists through four combinators instead of one
// wrapper each: DistMap (one operand), DistMap2 (two), DistMap3 (three:
// Where, Clip), and their Into forms, which take the function's out=
// form (AddInto, SqrtInto, WhereInto) and write into an existing Dist.
// numpy.add(x, y) over Dists is DistMap2(ndarray.Add[float64],
// Distributed(x), Distributed(y)), and x += 1 is DistMap2Into(
// ndarray.AddInto[float64], x, Distributed(x), Replicated(ndarray.Scalar(1.0))).
// Heat routes its elementwise functions the same way, through
// __local_op(torch function, x) and __binary_op(torch function, t1, t2):
// Go has no ufunc objects, and a combinator taking ndarray's function
// keeps one implementation of each operation, NumPy's, verified against
// NumPy. A function that does not return an error (IsNaN, LogicalNot,
// AsType) goes in through a literal: func(a *ndarray.Array[float64])
// (*ndarray.Array[bool], error) { return ndarray.IsNaN(a), nil }.
//
// Operands. An Operand is a Dist (Distributed) or an array every rank
// holds alike (Replicated, Heat's split=None; a scalar is
// ndarray.Scalar(v)). The first distributed operand fixes the
// decomposition of the result (its grid, halos and periodicity; the
// halos of the result are zero) and, in the Into forms, dst fixes it.
//
//   - Distributed operands of that decomposition (the same global shape
//     and grid) are used block by block: f runs on the Interiors, no
//     element moves between ranks.
//   - A distributed operand of the same global shape over another grid
//     of the same ranks is redistributed first (Redistribute into a
//     temporary Dist of the target's grid: one MPI_Alltoallv), as Heat
//     resplits the second operand to the first's split.
//   - A replicated operand broadcasts against the global shape by
//     NumPy's rules: along the axes where it is not 1 each rank takes the
//     part facing its own block; no communication. Its values must be
//     the same on every rank, which is not checked.
//   - Distributed operands of another global shape, and replicated ones
//     that would enlarge the global shape (a (4, 3) array against a Dist
//     of shape (3,)), are refused: broadcasting a Dist's own axes would
//     need its elements on other ranks. Pass the smaller one replicated.
//
// Errors. Shape mistakes are found from the global shapes, which every
// rank knows, before any communication: the same ErrCount error (holding
// ndarray.ErrShape where broadcasting failed) on every rank, naming the
// shapes; a nil operand or no distributed operand is an ErrArg error. An
// error of f itself (an ErrDType of ndarray, a negative integer power, an
// integer division by zero in Mod) may arise in one rank's block only:
// one 8-byte MPI_Allreduce after f tells every rank, which all return an
// error (f's own on the ranks where it failed), so that no rank goes on
// alone. Apart from that agreement and the creation of the result's
// communicator (MPI_Cart_create, as NewDist), the new-Dist forms move no
// data; the Into forms create nothing. Results are NumPy's bits for the
// global array: each element is computed from the same elements as on
// one process.

// Operand is one argument of an elementwise operation over Dists: a Dist
// or a replicated array.
type Operand[T ndarray.Element] struct {
	dist *Dist[T]
	arr  *ndarray.Array[T]
}

// Distributed makes an Operand of a Dist.
func Distributed[T ndarray.Element](d *Dist[T]) Operand[T] { return Operand[T]{dist: d} }

// Replicated makes an Operand of an array that every rank holds alike
// and that broadcasts against the global shape.
func Replicated[T ndarray.Element](a *ndarray.Array[T]) Operand[T] { return Operand[T]{arr: a} }

// layoutOf is the part of a Dist that the operands are placed against,
// whatever its element type.
type layoutOf struct {
	Decomp
	comm       *Comm
	blockStart []int
	blockShape []int
	halo       []int
	periodic   []bool
}

func layoutOfDist[T ndarray.Element](d *Dist[T]) *layoutOf {
	return &layoutOf{Decomp: d.Decomp, comm: d.Comm, blockStart: d.BlockStart, blockShape: d.BlockShape, halo: d.Halo, periodic: d.Periodic}
}

// describe names the operand in errors.
func (o Operand[T]) describe(i int) string {
	if o.dist != nil {
		return fmt.Sprintf("operand %d (distributed, shape %s)", i, strides.Tuple(o.dist.Global))
	}
	return fmt.Sprintf("operand %d (replicated, shape %s)", i, strides.Tuple(o.arr.Shape()))
}

func (o Operand[T]) layout() *layoutOf {
	if o.dist == nil {
		return nil
	}
	return layoutOfDist(o.dist)
}

// check verifies, from global shapes only, that the operand fits the
// target decomposition.
func (o Operand[T]) check(op string, i int, target *layoutOf) error {
	switch {
	case o.dist == nil && o.arr == nil:
		return newError(op, ErrArg, "operand %d is nil", i)
	case o.dist != nil:
		if !strides.Equal(o.dist.Global, target.Global) {
			return newError(op, ErrCount, "%s does not match the distributed shape %s: distributed operands must have the same global shape; pass the smaller one replicated",
				o.describe(i), strides.Tuple(target.Global))
		}
		if !strides.Equal(o.dist.Grid, target.Grid) {
			return sameRanks(op, target.comm, o.dist.Comm)
		}
		return nil
	}
	shape, err := strides.Broadcast(target.Global, o.arr.Shape())
	if err != nil {
		return wrapError(op, ErrCount, fmt.Errorf("%s against the distributed shape %s: %w", o.describe(i), strides.Tuple(target.Global), err))
	}
	if !strides.Equal(shape, target.Global) {
		return newError(op, ErrCount, "%s broadcasts the distributed shape %s to %s: a replicated operand may only broadcast into the distributed shape",
			o.describe(i), strides.Tuple(target.Global), strides.Tuple(shape))
	}
	return nil
}

// block returns the operand's part facing this rank's block of target,
// and what to free afterwards. A Dist over another grid is redistributed
// to target's grid here (collective: every rank takes the same branch).
func (o Operand[T]) block(target *layoutOf) (*ndarray.Array[T], func(), error) {
	if o.dist != nil {
		if strides.Equal(o.dist.Grid, target.Grid) {
			return o.dist.Interior, func() {}, nil
		}
		tmp, err := NewDist[T](target.comm, target.Global, DistOptions{Grid: target.Grid, Layout: o.dist.Comm.layout})
		if err != nil {
			return nil, nil, err
		}
		if err := o.dist.Redistribute(tmp); err != nil {
			_ = tmp.Free()
			return nil, nil, err
		}
		return tmp.Interior, func() { _ = tmp.Free() }, nil
	}
	shape := o.arr.Shape()
	lead := len(target.Global) - len(shape)
	idx := make([]ndarray.Index, len(shape))
	for k, n := range shape {
		if n != 1 {
			g := lead + k
			idx[k] = ndarray.Range(target.blockStart[g], target.blockStart[g]+target.blockShape[g])
		}
	}
	return ndarray.Must(o.arr.Slice(idx...)), func() {}, nil
}

// pickTarget returns the decomposition of the first distributed operand.
func pickTarget(op string, ls ...*layoutOf) (*layoutOf, error) {
	for _, l := range ls {
		if l != nil {
			return l, nil
		}
	}
	return nil, newError(op, ErrArg, "no distributed operand: one operand at least must be a Dist (Distributed)")
}

// blocks checks every operand against target, then gathers their parts;
// release frees the temporaries.
type blocks struct{ free []func() }

func (b *blocks) release() {
	for _, f := range b.free {
		f()
	}
}

func operandBlock[T ndarray.Element](b *blocks, o Operand[T], target *layoutOf) (*ndarray.Array[T], error) {
	a, free, err := o.block(target)
	if err != nil {
		return nil, err
	}
	b.free = append(b.free, free)
	return a, nil
}

// newResult makes the Dist that holds a result of target's decomposition.
func newResult[R ndarray.Element](target *layoutOf) (*Dist[R], error) {
	return NewDist[R](target.comm, target.Global, DistOptions{Grid: target.Grid, Halo: target.halo, Periodic: target.periodic, Layout: target.comm.layout})
}

// finish stores the local result in out, then agrees with the other
// ranks on whether any failed; on failure out is freed on every rank.
func finish[R ndarray.Element](op string, out *Dist[R], res *ndarray.Array[R], ferr error) (*Dist[R], error) {
	if ferr == nil {
		ferr = storeBlock(op, out, res)
	}
	if err := out.Comm.agreeIO(op, ferr, "to compute its block"); err != nil {
		_ = out.Free()
		return nil, err
	}
	return out, nil
}

func storeBlock[R ndarray.Element](op string, out *Dist[R], res *ndarray.Array[R]) error {
	if res == nil || !strides.Equal(res.Shape(), out.BlockShape) {
		var shape []int
		if res != nil {
			shape = res.Shape()
		}
		return newError(op, ErrCount, "the function returned shape %s for the block of shape %s", strides.Tuple(shape), strides.Tuple(out.BlockShape))
	}
	if err := out.Interior.Assign(res); err != nil {
		return wrapError(op, ErrArg, err)
	}
	return nil
}

// fail wraps an error of f, keeping ndarray's kind in the chain.
func fail(op string, err error) error {
	if err == nil {
		return nil
	}
	return wrapError(op, ErrArg, err)
}

// intoCheck verifies that dst can take a result of target's
// decomposition: dst is the target itself.
func intoCheck[R ndarray.Element](op string, dst *Dist[R]) (*layoutOf, error) {
	if dst == nil {
		return nil, newError(op, ErrArg, "nil destination")
	}
	if err := dst.Comm.usable(op); err != nil {
		return nil, err
	}
	return layoutOfDist(dst), nil
}

// DistMap returns the Dist holding f of the global array, f applied to
// every rank's block: DistMap(ndarray.Sqrt[float64], x) is Heat's
// ht.sqrt(x) and numpy.sqrt of the global array. The result has x's
// decomposition, halos and periodicity (halos zero). See the notes above
// on errors. Collective.
func DistMap[R, A ndarray.Element](f func(*ndarray.Array[A]) (*ndarray.Array[R], error), x *Dist[A]) (*Dist[R], error) {
	const op = "DistMap"
	if x == nil {
		return nil, newError(op, ErrArg, "operand 0 is nil")
	}
	if err := x.Comm.usable(op); err != nil {
		return nil, err
	}
	out, err := newResult[R](layoutOfDist(x))
	if err != nil {
		return nil, err
	}
	res, ferr := f(x.Interior)
	return finish(op, out, res, fail(op, ferr))
}

// DistMapInto stores f of x's global array into dst, f being an Into
// form (ndarray.SqrtInto, NegativeInto): numpy.sqrt(x, out=dst). dst
// fixes the decomposition; x over another grid is redistributed first;
// dst may be x (in place). Collective.
func DistMapInto[R, A ndarray.Element](f func(dst *ndarray.Array[R], a *ndarray.Array[A]) error, dst *Dist[R], x *Dist[A]) error {
	const op = "DistMapInto"
	target, err := intoCheck(op, dst)
	if err != nil {
		return err
	}
	if x == nil {
		return newError(op, ErrArg, "operand 0 is nil")
	}
	if err := Distributed(x).check(op, 0, target); err != nil {
		return err
	}
	var b blocks
	defer b.release()
	a, err := operandBlock(&b, Distributed(x), target)
	if err != nil {
		return err
	}
	return dst.Comm.agreeIO(op, fail(op, f(dst.Interior, a)), "to compute its block")
}

// DistMap2 returns the Dist holding f(a, b) of the global arrays, f being
// a binary ndarray function: DistMap2(ndarray.Add[float64],
// Distributed(x), Distributed(y)) is Heat's ht.add(x, y), and with
// Replicated(ndarray.Scalar(2.0)) as b, x + 2. The first distributed
// operand fixes the decomposition; see the notes above. Collective.
func DistMap2[R, A, B ndarray.Element](f func(a *ndarray.Array[A], b *ndarray.Array[B]) (*ndarray.Array[R], error), a Operand[A], b Operand[B]) (*Dist[R], error) {
	const op = "DistMap2"
	target, err := pickTarget(op, a.layout(), b.layout())
	if err != nil {
		return nil, err
	}
	if err := target.comm.usable(op); err != nil {
		return nil, err
	}
	if err := errorsOf(a.check(op, 0, target), b.check(op, 1, target)); err != nil {
		return nil, err
	}
	var bl blocks
	defer bl.release()
	la, err := operandBlock(&bl, a, target)
	if err != nil {
		return nil, err
	}
	lb, err := operandBlock(&bl, b, target)
	if err != nil {
		return nil, err
	}
	out, err := newResult[R](target)
	if err != nil {
		return nil, err
	}
	res, ferr := f(la, lb)
	return finish(op, out, res, fail(op, ferr))
}

// DistMap2Into stores f(a, b) of the global arrays into dst, f being an
// Into form (ndarray.AddInto, GreaterInto): numpy.add(a, b, out=dst). dst
// fixes the decomposition and may be an operand (x += y is
// DistMap2Into(ndarray.AddInto[T], x, Distributed(x), Distributed(y))).
// Collective.
func DistMap2Into[R, A, B ndarray.Element](f func(dst *ndarray.Array[R], a *ndarray.Array[A], b *ndarray.Array[B]) error, dst *Dist[R], a Operand[A], b Operand[B]) error {
	const op = "DistMap2Into"
	target, err := intoCheck(op, dst)
	if err != nil {
		return err
	}
	if err := errorsOf(a.check(op, 0, target), b.check(op, 1, target)); err != nil {
		return err
	}
	var bl blocks
	defer bl.release()
	la, err := operandBlock(&bl, a, target)
	if err != nil {
		return err
	}
	lb, err := operandBlock(&bl, b, target)
	if err != nil {
		return err
	}
	return dst.Comm.agreeIO(op, fail(op, f(dst.Interior, la, lb)), "to compute its block")
}

// DistMap3 returns the Dist holding f(a, b, c) of the global arrays:
// DistMap3(ndarray.Where[float64], Distributed(cond), Distributed(x),
// Replicated(ndarray.Scalar(0.0))) is Heat's ht.where(cond, x, 0), and
// DistMap3(ndarray.Clip[float64], Distributed(x), lo, hi) ht.clip. The
// first distributed operand fixes the decomposition. Collective.
func DistMap3[R, A, B, C ndarray.Element](f func(a *ndarray.Array[A], b *ndarray.Array[B], c *ndarray.Array[C]) (*ndarray.Array[R], error), a Operand[A], b Operand[B], c Operand[C]) (*Dist[R], error) {
	const op = "DistMap3"
	target, err := pickTarget(op, a.layout(), b.layout(), c.layout())
	if err != nil {
		return nil, err
	}
	if err := target.comm.usable(op); err != nil {
		return nil, err
	}
	if err := errorsOf(a.check(op, 0, target), b.check(op, 1, target), c.check(op, 2, target)); err != nil {
		return nil, err
	}
	var bl blocks
	defer bl.release()
	la, err := operandBlock(&bl, a, target)
	if err != nil {
		return nil, err
	}
	lb, err := operandBlock(&bl, b, target)
	if err != nil {
		return nil, err
	}
	lc, err := operandBlock(&bl, c, target)
	if err != nil {
		return nil, err
	}
	out, err := newResult[R](target)
	if err != nil {
		return nil, err
	}
	res, ferr := f(la, lb, lc)
	return finish(op, out, res, fail(op, ferr))
}

// DistMap3Into stores f(a, b, c) into dst, f being an Into form
// (ndarray.WhereInto, ClipInto); see DistMap2Into. Collective.
func DistMap3Into[R, A, B, C ndarray.Element](f func(dst *ndarray.Array[R], a *ndarray.Array[A], b *ndarray.Array[B], c *ndarray.Array[C]) error, dst *Dist[R], a Operand[A], b Operand[B], c Operand[C]) error {
	const op = "DistMap3Into"
	target, err := intoCheck(op, dst)
	if err != nil {
		return err
	}
	if err := errorsOf(a.check(op, 0, target), b.check(op, 1, target), c.check(op, 2, target)); err != nil {
		return err
	}
	var bl blocks
	defer bl.release()
	la, err := operandBlock(&bl, a, target)
	if err != nil {
		return err
	}
	lb, err := operandBlock(&bl, b, target)
	if err != nil {
		return err
	}
	lc, err := operandBlock(&bl, c, target)
	if err != nil {
		return err
	}
	return dst.Comm.agreeIO(op, fail(op, f(dst.Interior, la, lb, lc)), "to compute its block")
}

// errorsOf returns the first error: the operands are checked in order,
// the same way on every rank.
func errorsOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
