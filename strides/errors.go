package strides

import "errors"

// Errors returned by this package wrap one of these, so callers can test
// the kind of failure with errors.Is while the message names the shapes.
var (
	// ErrShape: shapes that do not fit together (broadcasting, reshape sizes,
	// negative lengths).
	ErrShape = errors.New("shape mismatch")
	// ErrAxis: an axis number out of range.
	ErrAxis = errors.New("axis out of range")
)
