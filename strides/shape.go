package strides

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Size is the number of elements in a layout of the given shape: the
// product of the lengths, 1 for a 0-d shape.
func Size(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// CheckShape reports an error wrapping ErrShape if a length is negative,
// or if arrays of the shape could not be counted in bytes: the product of
// the non-zero lengths times itemSize (1 to count elements) must fit an
// int. The zero lengths are left out, as NumPy leaves them out, so that
// the verdict does not depend on where a zero stands: (0, 2^62, 2^62) is
// refused as (2^62, 2^62, 0) is.
func CheckShape(shape []int, itemSize int) error {
	n := max(itemSize, 1)
	for i, d := range shape {
		if d < 0 {
			return fmt.Errorf("%w: negative dimension %d in shape %s (axis %d)", ErrShape, d, Tuple(shape), i)
		}
	}
	for _, d := range shape {
		if d == 0 {
			continue
		}
		if n > math.MaxInt/d {
			return fmt.Errorf("%w: array is too big: shape %s of %d-byte elements has more bytes than an int can count", ErrShape, Tuple(shape), max(itemSize, 1))
		}
		n *= d
	}
	return nil
}

// Equal reports whether two shapes (or stride lists) are identical.
func Equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Tuple formats a shape or stride list as Python prints a tuple: "()",
// "(3,)", "(2, 3)". Error messages use it so they read like NumPy's.
func Tuple(xs []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(x))
	}
	if len(xs) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

// NormalizeAxis maps a possibly negative axis (-1 is the last) into
// [0, ndim), or reports an error wrapping ErrAxis in NumPy's words.
func NormalizeAxis(axis, ndim int) (int, error) {
	if axis < -ndim || axis >= ndim {
		return 0, fmt.Errorf("%w: axis %d is out of bounds for array of dimension %d", ErrAxis, axis, ndim)
	}
	if axis < 0 {
		axis += ndim
	}
	return axis, nil
}
