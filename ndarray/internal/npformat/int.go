package npformat

import "strconv"

// signedInt and unsignedInt split the integer element types so each can be
// widened losslessly to int64 or uint64.
type signedInt interface{ int8 | int16 | int32 | int64 }

type unsignedInt interface {
	uint8 | uint16 | uint32 | uint64
}

// newSignedFormat is arrayprint.IntegerFormat: every element right-aligned
// to the wider of the shown minimum and maximum.
func newSignedFormat[I signedInt](values []I) elemFormatter {
	width := 0
	if len(values) > 0 {
		lo, hi := values[0], values[0]
		for _, v := range values {
			lo, hi = min(lo, v), max(hi, v)
		}
		width = max(len(strconv.FormatInt(int64(lo), 10)), len(strconv.FormatInt(int64(hi), 10)))
	}
	return func(buf []byte, i int) []byte {
		var tmp [24]byte
		s := strconv.AppendInt(tmp[:0], int64(values[i]), 10)
		buf = appendRepeat(buf, ' ', width-len(s))
		return append(buf, s...)
	}
}

// newUnsignedFormat is newSignedFormat for unsigned types, whose minimum is
// never wider than the maximum.
func newUnsignedFormat[U unsignedInt](values []U) elemFormatter {
	width := 0
	if len(values) > 0 {
		hi := values[0]
		for _, v := range values {
			hi = max(hi, v)
		}
		width = len(strconv.FormatUint(uint64(hi), 10))
	}
	return func(buf []byte, i int) []byte {
		var tmp [24]byte
		s := strconv.AppendUint(tmp[:0], uint64(values[i]), 10)
		buf = appendRepeat(buf, ' ', width-len(s))
		return append(buf, s...)
	}
}

// newBoolFormat is arrayprint.BoolFormat: " True" lines up with "False",
// except in a 0-d array where there is nothing to line up with.
func newBoolFormat(values []bool, zeroD bool) elemFormatter {
	trueStr := " True"
	if zeroD {
		trueStr = "True"
	}
	return func(buf []byte, i int) []byte {
		if values[i] {
			return append(buf, trueStr...)
		}
		return append(buf, "False"...)
	}
}
