package npformat

import (
	"fmt"
	"unicode/utf8"
)

// FloatMode is np.set_printoptions' floatmode: how Precision limits the
// fractional digits of float and complex elements.
type FloatMode string

// The four NumPy float modes.
const (
	// FloatModeFixed prints exactly Precision fractional digits.
	FloatModeFixed FloatMode = "fixed"
	// FloatModeUnique prints the fewest digits that identify each value,
	// ignoring Precision.
	FloatModeUnique FloatMode = "unique"
	// FloatModeMaxPrec prints at most Precision digits, fewer when they
	// identify the value; NumPy's default.
	FloatModeMaxPrec FloatMode = "maxprec"
	// FloatModeMaxPrecEqual is FloatModeMaxPrec with every element padded
	// to the digit count of the longest.
	FloatModeMaxPrecEqual FloatMode = "maxprec_equal"
)

// Options mirrors the np.set_printoptions knobs this package honours. Start
// from DefaultOptions and change fields: the zero Options is not NumPy's
// default (Precision 0 and Threshold 0 are meaningful values), although the
// zero Sign, FloatMode, NanStr and InfStr are read as their defaults.
type Options struct {
	// Precision is the number of fractional digits (see FloatMode).
	Precision int
	// Threshold is the element count above which arrays are summarised.
	Threshold int
	// EdgeItems is how many leading and trailing entries per axis a
	// summary keeps.
	EdgeItems int
	// LineWidth is the column at which rows wrap.
	LineWidth int
	// Suppress keeps small values in positional notation (they then print
	// as 0. once below the Precision cutoff) instead of switching the whole
	// array to scientific notation.
	Suppress bool
	// Sign is '-' (sign only negatives), '+' (always sign) or ' ' (a space
	// where a '+' would go).
	Sign byte
	// FloatMode is one of the FloatMode constants.
	FloatMode FloatMode
	// NanStr and InfStr spell not-a-number and infinity.
	NanStr, InfStr string
}

// DefaultOptions returns NumPy 1.24's print options.
func DefaultOptions() Options {
	return Options{
		Precision: 8,
		Threshold: 1000,
		EdgeItems: 3,
		LineWidth: 75,
		Suppress:  false,
		Sign:      '-',
		FloatMode: FloatModeMaxPrec,
		NanStr:    "nan",
		InfStr:    "inf",
	}
}

// Validate reports the settings NumPy itself would reject, plus the
// negative counts it would misbehave on.
func (o Options) Validate() error {
	o = o.normalized()
	switch {
	case o.Precision < 0:
		return fmt.Errorf("npformat: precision must be >= 0, got %d", o.Precision)
	case o.EdgeItems < 0:
		return fmt.Errorf("npformat: edgeitems must be >= 0, got %d", o.EdgeItems)
	case o.Sign != '-' && o.Sign != '+' && o.Sign != ' ':
		return fmt.Errorf("npformat: sign must be one of ' ', '+' or '-', got %q", o.Sign)
	}
	switch o.FloatMode {
	case FloatModeFixed, FloatModeUnique, FloatModeMaxPrec, FloatModeMaxPrecEqual:
		return nil
	}
	return fmt.Errorf("npformat: floatmode must be one of fixed, unique, maxprec, maxprec_equal, got %q", o.FloatMode)
}

// normalized fills the fields whose zero value has no NumPy meaning.
func (o Options) normalized() Options {
	if o.Sign == 0 {
		o.Sign = '-'
	}
	if o.FloatMode == "" {
		o.FloatMode = FloatModeMaxPrec
	}
	if o.NanStr == "" {
		o.NanStr = "nan"
	}
	if o.InfStr == "" {
		o.InfStr = "inf"
	}
	return o
}

// mustNormalize panics on options NumPy would refuse with a ValueError.
func mustNormalize(o Options) *Options {
	if err := o.Validate(); err != nil {
		panic(err)
	}
	o = o.normalized()
	return &o
}

// strLen is Python's len() of a str: widths count code points, which only
// differs from bytes when NanStr or InfStr are not ASCII.
func strLen(s string) int { return utf8.RuneCountInString(s) }
