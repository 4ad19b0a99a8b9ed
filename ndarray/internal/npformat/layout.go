package npformat

import (
	"strings"
	"unicode/utf8"
)

// elemFormatter appends the element at flat (C-order) index i.
type elemFormatter func(buf []byte, i int) []byte

// layout is arrayprint._formatArray: nested brackets, separators, wrapping
// and summary markers around already-formatted elements.
type layout struct {
	shape     []int
	kept      []int // the summary's shape: SummaryShape
	strides   []int // the summary's C-order element strides
	format    elemFormatter
	sep       string
	edgeItems int
	summarize bool
}

const summaryInsert = "..."

// array2string is arrayprint.array2string without legacy modes, for an
// array handed over as its summary. prefix and suffix are only measured
// (repr prints them itself); any empty array is "[]".
func array2string[T Element](summary []T, shape []int, o *Options, sep, prefix, suffix string) string {
	if shapeSize(shape) == 0 {
		return "[]"
	}
	l := &layout{shape: shape, kept: shape, sep: sep, edgeItems: o.EdgeItems}
	if summarises(shape, o) {
		l.summarize = true
		l.kept = make([]int, len(shape))
		for i, n := range shape {
			l.kept[i] = keptLen(n, o.EdgeItems)
		}
	}
	l.strides = cStrides(l.kept)
	// Widths come from the summary only, so a summary is aligned to what
	// it prints rather than to the hidden middle.
	l.format = newFormatter(summary, len(shape) == 0, o)
	hanging := " " + strings.Repeat(" ", strLen(prefix))
	width := o.LineWidth - strLen(suffix)
	return string(l.recurse(0, 0, hanging, width))
}

func (l *layout) recurse(axis, offset int, hanging string, width int) []byte {
	axesLeft := len(l.shape) - axis
	if axesLeft == 0 {
		return l.format(nil, offset)
	}
	// Children sit one column further right, inside this level's '['.
	nextHanging := hanging + " "
	nextWidth := width - 1

	// Whether to summarise goes by the axis's length; where its entries
	// are goes by the summary's, which keeps the last ones last.
	n, k := l.shape[axis], l.kept[axis]
	stride := l.strides[axis]
	showSummary := l.summarize && 2*l.edgeItems < n
	leading, trailing := 0, n
	if showSummary {
		leading, trailing = l.edgeItems, l.edgeItems
	}

	var s []byte
	if axesLeft == 1 {
		// Leave room for the separator or the closing bracket.
		elemWidth := width - max(strLen(strings.TrimRight(l.sep, " ")), 1)
		line := []byte(hanging)
		var word []byte
		for i := 0; i < leading; i++ {
			word = l.format(word[:0], offset+i*stride)
			s, line = extendLine(s, line, word, elemWidth, hanging)
			line = append(line, l.sep...)
		}
		if showSummary {
			s, line = extendLine(s, line, []byte(summaryInsert), elemWidth, hanging)
			line = append(line, l.sep...)
		}
		for i := trailing; i > 1; i-- {
			word = l.format(word[:0], offset+(k-i)*stride)
			s, line = extendLine(s, line, word, elemWidth, hanging)
			line = append(line, l.sep...)
		}
		word = l.format(word[:0], offset+(k-1)*stride)
		s, line = extendLine(s, line, word, elemWidth, hanging)
		s = append(s, line...)
	} else {
		// Blank lines between blocks grow with the number of axes below.
		lineSep := strings.TrimRight(l.sep, " ") + strings.Repeat("\n", axesLeft-1)
		for i := 0; i < leading; i++ {
			s = append(s, hanging...)
			s = append(s, l.recurse(axis+1, offset+i*stride, nextHanging, nextWidth)...)
			s = append(s, lineSep...)
		}
		if showSummary {
			s = append(s, hanging...)
			s = append(s, summaryInsert...)
			s = append(s, lineSep...)
		}
		for i := trailing; i > 1; i-- {
			s = append(s, hanging...)
			s = append(s, l.recurse(axis+1, offset+(k-i)*stride, nextHanging, nextWidth)...)
			s = append(s, lineSep...)
		}
		s = append(s, hanging...)
		s = append(s, l.recurse(axis+1, offset+(k-1)*stride, nextHanging, nextWidth)...)
	}

	// The text starts with the hanging indent; its first character becomes
	// this level's '['.
	out := make([]byte, 0, len(s)-len(hanging)+2)
	out = append(out, '[')
	out = append(out, s[len(hanging):]...)
	return append(out, ']')
}

// extendLine is arrayprint._extendLine: wrap before word if it would cross
// lineWidth, unless the line holds nothing but indentation (wrapping would
// not help then).
func extendLine(s, line, word []byte, lineWidth int, nextLinePrefix string) ([]byte, []byte) {
	lineLen := utf8.RuneCount(line)
	needsWrap := lineLen+utf8.RuneCount(word) > lineWidth
	if lineLen <= strLen(nextLinePrefix) {
		needsWrap = false
	}
	if needsWrap {
		s = append(s, trimRightSpace(line)...)
		s = append(s, '\n')
		line = append(line[:0], nextLinePrefix...)
	}
	return s, append(line, word...)
}

func trimRightSpace(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

func cStrides(shape []int) []int {
	st := make([]int, len(shape))
	acc := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = acc
		acc *= shape[i]
	}
	return st
}
