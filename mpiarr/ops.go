package mpiarr

import (
	"github.com/ndmpi/ndmpi/mpiarr/internal/mpi"
	"github.com/ndmpi/ndmpi/ndarray"
)

// Op is a reduction operation for Reduce and Allreduce, as mpi4py's
// MPI.SUM and friends, or one that OpCreate made from a Go function.
type Op uint32

// The reduction operations.
const (
	Sum  Op = iota + 1 // MPI_SUM: numbers, complex included
	Prod               // MPI_PROD: numbers, complex included
	Min                // MPI_MIN: integers and floats
	Max                // MPI_MAX: integers and floats
	LAnd               // MPI_LAND: logical and, of bools and integers
	LOr                // MPI_LOR: logical or
	LXor               // MPI_LXOR: logical exclusive or
	BAnd               // MPI_BAND: bitwise and, of integers
	BOr                // MPI_BOR: bitwise or
	BXor               // MPI_BXOR: bitwise exclusive or
)

var opNames = [...]string{"", "Sum", "Prod", "Min", "Max", "LAnd", "LOr", "LXor", "BAnd", "BOr", "BXor"}

// String names the operation: "Sum", "Max", ...
func (o Op) String() string {
	switch {
	case int(o) < len(opNames) && o > 0:
		return opNames[o]
	case o == Replace:
		return "Replace"
	case o == NoOp:
		return "NoOp"
	}
	return o.userString()
}

func (o Op) handle() mpi.Op {
	switch o {
	case Sum:
		return mpi.OpSum
	case Prod:
		return mpi.OpProd
	case Min:
		return mpi.OpMin
	case Max:
		return mpi.OpMax
	case LAnd:
		return mpi.OpLand
	case LOr:
		return mpi.OpLor
	case LXor:
		return mpi.OpLxor
	case BAnd:
		return mpi.OpBand
	case BOr:
		return mpi.OpBor
	case BXor:
		return mpi.OpBxor
	}
	return o.userHandle()
}

// check reports whether MPI defines the operation on elements of dtype d
// (MPI-3.1 §5.9.2), naming an alternative when it does not. The check
// depends only on arguments every rank passes alike, so every rank
// reaches the same verdict.
func (o Op) check(op string, d ndarray.DType) error {
	kind := d.Kind()
	ok := false
	hint := ""
	switch o {
	case Sum, Prod:
		ok = kind != 'b'
		hint = "; for bool use LOr (any) or LAnd (all)"
	case Min, Max:
		ok = kind == 'i' || kind == 'u' || kind == 'f'
		if kind == 'b' {
			hint = "; for bool use LAnd (min) or LOr (max)"
		}
	case LAnd, LOr, LXor:
		ok = kind == 'b' || kind == 'i' || kind == 'u'
	case BAnd, BOr, BXor:
		ok = kind == 'i' || kind == 'u'
		if kind == 'b' {
			hint = "; for bool use LAnd, LOr or LXor"
		}
	default:
		return o.checkUser(op, d)
	}
	if !ok {
		return newError(op, ErrDType, "MPI defines no %s on %s elements%s", o, d, hint)
	}
	return nil
}
