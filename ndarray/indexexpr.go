package ndarray

// This file reads NumPy's basic index expressions, "1:5:2, ::-1, None,
// ..., 3", into Index terms: SliceExpr for code that indexes as it would
// in Python, ParseIndex to parse once and apply with Slice. What the terms
// mean for an array's window is index.go's business.

import (
	"math"
	"strings"
)

// maxIndexTerms bounds the terms of an expression parsed without
// allocating; longer expressions fall back to the heap.
const maxIndexTerms = 32

// SliceExpr returns the view NumPy gives for a[expr], where expr is a basic
// index expression in Python syntax: integers, slices with optional steps,
// None (or newaxis), and at most one "..." separated by commas, e.g.
// "1:5:2, ::-1, None, ..., 3". Bounds are clipped and negative steps
// walk backwards exactly as in NumPy; "" indexes nothing and gives a view
// of the whole array. See Slice for the typed equivalent.
//
// Errors say what is wrong and where: a syntax error names the column, an
// index out of range names the index, the axis and its length.
func (a *Array[T]) SliceExpr(expr string) (*Array[T], error) {
	var buf [maxIndexTerms]Index
	idx, err := parseIndex(expr, buf[:0])
	if err != nil {
		return nil, err
	}
	return a.sub("SliceExpr", idx)
}

// ParseIndex parses a basic index expression as SliceExpr does, so that
// code can parse once and apply it with Slice many times.
func ParseIndex(expr string) ([]Index, error) { return parseIndex(expr, nil) }

func parseIndex(expr string, out []Index) ([]Index, error) {
	p := indexParser{s: expr}
	p.space()
	if p.peek() == '(' { // a[(1, 2)] and a[()] mean the same as a[1, 2] and a[()]
		if end := len(expr) - 1; end > p.i && expr[end] == ')' {
			p.s = expr[:end]
			p.i++
		}
	}
	p.space()
	if p.done() {
		return out, nil
	}
	for {
		x, err := p.term()
		if err != nil {
			return nil, err
		}
		out = append(out, x)
		p.space()
		if p.done() {
			return out, nil
		}
		if p.peek() != ',' {
			return nil, p.errorf("expected ',' between index terms")
		}
		p.i++
		p.space()
		if p.done() { // trailing comma: "1," is the tuple (1,)
			return out, nil
		}
	}
}

type indexParser struct {
	s string
	i int
}

func (p *indexParser) done() bool { return p.i >= len(p.s) }

func (p *indexParser) peek() byte {
	if p.done() {
		return 0
	}
	return p.s[p.i]
}

func (p *indexParser) space() {
	for !p.done() && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

func (p *indexParser) errorf(format string, args ...any) error {
	return opError("SliceExpr", ErrValue, "invalid index expression %q at column %d: "+format,
		append([]any{p.s, p.i + 1}, args...)...)
}

// keyword consumes word if it comes next and is not followed by more
// identifier characters.
func (p *indexParser) keyword(word string) bool {
	end := p.i + len(word)
	if end > len(p.s) || p.s[p.i:end] != word {
		return false
	}
	if end < len(p.s) && isIdent(p.s[end]) {
		return false
	}
	p.i = end
	return true
}

func isIdent(c byte) bool {
	return c == '_' || c == '.' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

func (p *indexParser) term() (Index, error) {
	switch {
	case p.keyword("None"), p.keyword("newaxis"), p.keyword("np.newaxis"), p.keyword("numpy.newaxis"):
		return NewAxis, nil
	case p.keyword("...") || p.keyword("Ellipsis"):
		return Ellipsis, nil
	}
	var x Index
	start, ok, err := p.integer()
	if err != nil {
		return x, err
	}
	p.space()
	if p.peek() != ':' {
		if !ok {
			return x, p.errorf("expected an integer, a slice, None or '...'")
		}
		return Int(start), nil
	}
	p.i++ // first ':'
	x.start, x.hasStart = start, ok
	p.space()
	if x.stop, x.hasStop, err = p.integer(); err != nil {
		return x, err
	}
	p.space()
	if p.peek() == ':' {
		p.i++
		p.space()
		if x.step, x.hasStep, err = p.integer(); err != nil {
			return x, err
		}
	}
	return x, nil
}

// integer parses an optional signed decimal integer; ok is false when
// none is there.
func (p *indexParser) integer() (v int, ok bool, err error) {
	begin := p.i
	if c := p.peek(); c == '-' || c == '+' {
		p.i++
		p.space()
	}
	digits := p.i
	for !p.done() && ('0' <= p.s[p.i] && p.s[p.i] <= '9' || p.s[p.i] == '_') {
		p.i++
	}
	if p.i == digits {
		if digits != begin {
			return 0, false, p.errorf("expected digits after the sign")
		}
		return 0, false, nil
	}
	if !p.done() && isIdent(p.s[p.i]) {
		return 0, false, p.errorf("unexpected %q in a number", p.s[p.i])
	}
	text := p.s[digits:p.i]
	if text[0] == '_' || text[len(text)-1] == '_' || strings.Contains(text, "__") {
		return 0, false, p.errorf("invalid underscore in %q", text)
	}
	// Accumulate by hand: no allocation, and values past the int range
	// saturate, because Python clips huge slice bounds (and an integer
	// index that large is out of bounds anyway).
	neg := p.s[begin] == '-'
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '_' {
			continue
		}
		d := int(c - '0')
		if v > (math.MaxInt-d)/10 {
			if neg {
				return math.MinInt, true, nil
			}
			return math.MaxInt, true, nil
		}
		v = v*10 + d
	}
	if neg {
		v = -v
	}
	return v, true, nil
}
