package ndarray

// This file parses the Python literals a .npy header is written in: the
// header is the repr() of a dict, which NumPy reads back with
// ast.literal_eval, so any spelling Python accepts (either quote, any
// spacing, trailing commas, Python 2's 3L) must read here too. The parser
// knows nothing of .npy files; npy_header.go gives the values a meaning.

import (
	"fmt"
	"strconv"
	"strings"
)

// pyMaxDepth bounds the nesting of a literal, so that no input can
// exhaust the stack.
const pyMaxDepth = 32

// A pyValue is a Python literal from a .npy header.
type pyValue struct {
	kind  pyKind
	s     string    // a str's contents; an int's digits, sign included
	b     bool      // a bool's value
	items []pyValue // a tuple's or list's elements; a dict's keys and values, alternating
	src   string    // the source text, for messages
}

type pyKind uint8

const (
	pyNone pyKind = iota
	pyBool
	pyInt
	pyNumber // a float or other number: never valid in a header
	pyStr
	pyTuple
	pyList
	pyDict
)

// pyParser parses the Python literals a .npy header is made of: dicts,
// tuples, lists, strings, integers, True, False and None. It never
// panics and is linear in the input.
type pyParser struct {
	s        string
	i        int
	depth    int
	longInts bool // accept Python 2's "3L"
}

func (p *pyParser) parse() (pyValue, error) {
	p.space()
	v, err := p.value()
	if err != nil {
		return v, err
	}
	p.space()
	if p.i < len(p.s) {
		return v, p.errorf("unexpected %q after the literal", p.s[p.i])
	}
	return v, nil
}

func (p *pyParser) errorf(format string, args ...any) error {
	return fmt.Errorf("at byte %d: "+format, append([]any{p.i}, args...)...)
}

func (p *pyParser) space() {
	for p.i < len(p.s) && strings.IndexByte(" \t\n\r\f\v", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *pyParser) value() (pyValue, error) {
	if p.i >= len(p.s) {
		return pyValue{}, p.errorf("unexpected end of header")
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > pyMaxDepth {
		return pyValue{}, p.errorf("literal nested more than %d deep", pyMaxDepth)
	}
	start := p.i
	var v pyValue
	var err error
	switch c := p.s[p.i]; {
	case c == '{':
		v, err = p.sequence('}', pyDict)
	case c == '(':
		v, err = p.sequence(')', pyTuple)
	case c == '[':
		v, err = p.sequence(']', pyList)
	case c == '\'' || c == '"':
		v, err = p.str()
	case c == '-' || c == '+' || c == '.' || isDigit(c):
		v, err = p.number()
	case isIdentStart(c):
		v, err = p.name()
	default:
		return pyValue{}, p.errorf("unexpected %q", c)
	}
	if err != nil {
		return v, err
	}
	if v.src == "" {
		v.src = p.s[start:p.i]
	}
	return v, nil
}

// sequence parses a dict, tuple or list whose opening bracket is at p.i.
// A parenthesised value without a comma is that value, as in Python.
func (p *pyParser) sequence(closing byte, kind pyKind) (pyValue, error) {
	start := p.i
	p.i++
	v := pyValue{kind: kind}
	commas := 0
	for {
		p.space()
		if p.i < len(p.s) && p.s[p.i] == closing {
			p.i++
			break
		}
		item, err := p.value()
		if err != nil {
			return v, err
		}
		v.items = append(v.items, item)
		p.space()
		if kind == pyDict {
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return v, p.errorf("expected ':' after dictionary key %s", item.src)
			}
			p.i++
			p.space()
			val, err := p.value()
			if err != nil {
				return v, err
			}
			v.items = append(v.items, val)
			p.space()
		}
		if p.i >= len(p.s) {
			return v, p.errorf("unexpected end of header: missing %q", closing)
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			commas++
		case closing:
		default:
			return v, p.errorf("expected ',' or %q, found %q", closing, p.s[p.i])
		}
	}
	if kind == pyTuple && commas == 0 && len(v.items) == 1 {
		inner := v.items[0]
		inner.src = p.s[start:p.i]
		return inner, nil
	}
	return v, nil
}

// str parses a quoted string, decoding the common escapes.
func (p *pyParser) str() (pyValue, error) {
	quote := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == quote:
			p.i++
			return pyValue{kind: pyStr, s: b.String()}, nil
		case c == '\n':
			return pyValue{}, p.errorf("newline inside a string")
		case c == '\\' && p.i+1 < len(p.s):
			e := p.s[p.i+1]
			p.i += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0':
				b.WriteByte(0)
			case '\\', '\'', '"':
				b.WriteByte(e)
			case 'x':
				if p.i+2 <= len(p.s) {
					if x, err := strconv.ParseUint(p.s[p.i:p.i+2], 16, 8); err == nil {
						b.WriteByte(byte(x))
						p.i += 2
						continue
					}
				}
				return pyValue{}, p.errorf("bad \\x escape")
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
			}
			continue
		default:
			b.WriteByte(c)
		}
		p.i++
	}
	return pyValue{}, p.errorf("unterminated string")
}

// number parses an integer, with an optional sign (and Python 2's L
// suffix when allowed); other numbers parse as pyNumber.
func (p *pyParser) number() (pyValue, error) {
	start := p.i
	sign := ""
	for p.i < len(p.s) && (p.s[p.i] == '-' || p.s[p.i] == '+') {
		if p.s[p.i] == '-' {
			if sign == "-" {
				sign = ""
			} else {
				sign = "-"
			}
		}
		p.i++
		p.space()
	}
	digits := p.i
	for p.i < len(p.s) && (isDigit(p.s[p.i]) || isIdentStart(p.s[p.i]) || p.s[p.i] == '.') {
		p.i++
	}
	tok := p.s[digits:p.i]
	if p.longInts && len(tok) > 1 && (tok[len(tok)-1] == 'L' || tok[len(tok)-1] == 'l') {
		tok = tok[:len(tok)-1]
	}
	if tok == "" {
		return pyValue{}, p.errorf("expected a number after the sign")
	}
	for i := 0; i < len(tok); i++ {
		if !isDigit(tok[i]) {
			return pyValue{kind: pyNumber, src: p.s[start:p.i]}, nil
		}
	}
	tok = strings.TrimLeft(tok, "0")
	if tok == "" {
		tok = "0"
	}
	return pyValue{kind: pyInt, s: sign + tok}, nil
}

// name parses True, False, None, or a prefixed string (u'...', b'...').
func (p *pyParser) name() (pyValue, error) {
	start := p.i
	for p.i < len(p.s) && (isIdentStart(p.s[p.i]) || isDigit(p.s[p.i])) {
		p.i++
	}
	switch word := p.s[start:p.i]; word {
	case "True", "False":
		return pyValue{kind: pyBool, b: word == "True"}, nil
	case "None":
		return pyValue{kind: pyNone}, nil
	case "u", "U", "b", "B":
		if p.i < len(p.s) && (p.s[p.i] == '\'' || p.s[p.i] == '"') {
			return p.str()
		}
	}
	return pyValue{}, fmt.Errorf("at byte %d: unexpected name %q", start, p.s[start:p.i])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
