package doctest

// Every ```go block of README.md and docs/*.md must compile against the
// module as it is now. How to write one:
//
//   - A block whose first line of code (after blank lines and // comments)
//     is a package clause is a whole file, compiled as it is, alone in a
//     package of its own: it brings its own imports, and a package main
//     its own func main.
//   - Any other block is the body of a function, as if of func main. Its
//     imports are added from the package names it uses, looked up in
//     knownImports below (this test does not run goimports: add a row
//     when a snippet needs another package).
//   - Unused variables and imports are compile errors, as in any Go
//     program, which is the point: a snippet declares what it uses and
//     uses what it declares, so that a reader can paste it into a main
//     and build it. A program's own helpers (a stencil, a global array)
//     are declared in the snippet, as a variable or a function literal.
//   - A block fenced as ```go-fragment (or ```text) is not compiled. Keep
//     that for text that is deliberately not a whole Go program, and use
//     it sparingly.
//
// The snippets are built by one `go build`: the function bodies as
// functions of one package, which is not main (compiling, not linking,
// and instantiating the generic code they share once: a package per
// snippet took a second and a half each), and each whole file in a
// package of its own. The packages exist only in an overlay (go build
// -overlay), at internal/doctest/testdata/snippets/*: inside the module,
// so that its packages resolve, with the same import paths from run to
// run, so that the build cache knows the snippets that did not change,
// and without a file in the work tree. A //line directive in front of
// each snippet makes the compiler report its errors at the markdown file
// and line, and the test names the line at which each failing block
// starts. DOCTEST_KEEP=DIR writes the files to DIR instead of a
// temporary directory, to look at them as the compiler saw them.

import (
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// knownImports maps the package names snippets may use to their import
// paths.
var knownImports = map[string]string{
	"ndarray": "github.com/ndmpi/ndmpi/ndarray",
	"ndmat":   "github.com/ndmpi/ndmpi/ndarray/ndmat",
	"mpiarr":  "github.com/ndmpi/ndmpi/mpiarr",
	"mpitest": "github.com/ndmpi/ndmpi/mpiarr/mpitest",
	"strides": "github.com/ndmpi/ndmpi/strides",
	"mat":     "gonum.org/v1/gonum/mat",

	"bytes":    "bytes",
	"cmplx":    "math/cmplx",
	"context":  "context",
	"errors":   "errors",
	"filepath": "path/filepath",
	"fmt":      "fmt",
	"io":       "io",
	"log":      "log",
	"math":     "math",
	"os":       "os",
	"rand":     "math/rand/v2",
	"runtime":  "runtime",
	"slices":   "slices",
	"sort":     "sort",
	"strconv":  "strconv",
	"strings":  "strings",
	"sync":     "sync",
	"syscall":  "syscall",
	"testing":  "testing",
	"time":     "time",
}

// snippet is one ```go block.
type snippet struct {
	file  string // relative to the module root, with slashes
	fence int    // line of the opening fence
	first int    // line of the block's first line of code
	last  int    // line of its last line of code
	code  string
}

func (s snippet) String() string { return fmt.Sprintf("%s:%d", s.file, s.fence) }

var fenceRE = regexp.MustCompile("^([ \t]*)(```+|~~~+)[ \t]*([^ \t`]*)")

// extract returns the ```go blocks of a markdown file. Blocks indented
// inside a list lose their indentation.
func extract(file, text string) []snippet {
	var out []snippet
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		m := fenceRE.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		indent, fence, lang := m[1], m[2], m[3]
		start := i
		var body []string
		for i++; i < len(lines); i++ {
			t := strings.TrimSpace(lines[i])
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				break
			}
			body = append(body, strings.TrimPrefix(lines[i], indent))
		}
		if lang == "go" {
			out = append(out, snippet{file: file, fence: start + 1, first: start + 2, last: start + 1 + len(body),
				code: strings.Join(body, "\n")})
		}
	}
	return out
}

// isFile reports whether a snippet is a whole file: its first line of
// code is a package clause.
func isFile(code string) bool {
	for line := range strings.SplitSeq(code, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		return strings.HasPrefix(t, "package ")
	}
	return false
}

// directive places the code that follows at the snippet's first line.
func directive(s snippet) string { return fmt.Sprintf("//line %s:%d\n", s.file, s.first) }

// bodies returns the Go file in which the snippets that are function
// bodies compile, each as a function of its own, with the imports they
// use.
func bodies(snippets []snippet) string {
	var funcs strings.Builder
	seen := map[string]bool{}
	var imports []string
	for i, s := range snippets {
		body := fmt.Sprintf("func snippet%d() {\n%s%s\n}\n\n", i, directive(s), s.code)
		funcs.WriteString(body)
		// The names the body uses but does not declare: go/parser's
		// object resolution lists them as unresolved. A body that does
		// not parse adds no imports; the compiler then reports its
		// syntax error.
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n\n"+body, 0)
		if err != nil {
			continue
		}
		for _, id := range f.Unresolved {
			if path, ok := knownImports[id.Name]; ok && !seen[id.Name] {
				seen[id.Name] = true
				imports = append(imports, fmt.Sprintf("\t%s %q\n", id.Name, path))
			}
		}
	}
	slices.Sort(imports)
	return "package snippets\n\nimport (\n" + strings.Join(imports, "") + ")\n\n" + funcs.String()
}

// moduleRoot is the directory of go.mod above the test's directory.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = up
	}
}

// docSnippets returns the ```go blocks of README.md and docs/*.md.
func docSnippets(t *testing.T, root string) []snippet {
	docs, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []snippet
	for _, path := range append([]string{filepath.Join(root, "README.md")}, docs...) {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, extract(filepath.ToSlash(rel), string(text))...)
	}
	return out
}

func TestSnippetsCompile(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command in PATH")
	}
	root := moduleRoot(t)
	snippets := docSnippets(t, root)
	if len(snippets) == 0 {
		t.Fatal("no ```go blocks found in README.md and docs/*.md")
	}

	// The function bodies in one package, each whole file in its own.
	var funcs []snippet
	files := map[string]string{}
	for _, s := range snippets {
		if isFile(s.code) {
			files[fmt.Sprintf("file%02d", len(files))] = directive(s) + s.code + "\n"
		} else {
			funcs = append(funcs, s)
		}
	}
	if len(funcs) > 0 {
		files["bodies"] = bodies(funcs)
	}

	// The packages live in the module only as go build sees it, through
	// an overlay: their files are in a temporary directory, and their
	// import paths stay the same from run to run, so that the build
	// cache knows snippets that did not change.
	tmp := t.TempDir()
	if dir := os.Getenv("DOCTEST_KEEP"); dir != "" {
		tmp = dir
	}
	replace := map[string]string{}
	var pkgs []string
	for name, src := range files {
		path := filepath.Join(tmp, name+".go")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		pkg := filepath.Join("internal", "doctest", "testdata", "snippets", name)
		replace[filepath.Join(root, pkg, "snippet.go")] = path
		pkgs = append(pkgs, "./"+filepath.ToSlash(pkg))
	}
	overlay, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		t.Fatal(err)
	}
	overlayFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	slices.Sort(pkgs)

	// -e: every error, not the first ten of a package.
	cmd := exec.Command(goTool, append([]string{"build", "-overlay", overlayFile, "-gcflags=-e"}, pkgs...)...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	t.Logf("%d snippets from README.md and docs/*.md (%d whole files)", len(snippets), len(snippets)-len(funcs))
	if err == nil {
		return
	}
	// The //line directives place every error at a markdown line.
	failed := map[int]bool{}
	for _, m := range errorPos.FindAllStringSubmatch(string(out), -1) {
		line, _ := strconv.Atoi(m[2])
		for i, s := range snippets {
			if s.file == m[1] && s.first <= line && line <= s.last+1 {
				failed[i] = true
			}
		}
	}
	for i, s := range snippets {
		if failed[i] {
			t.Errorf("%s: the ```go block starting here does not compile", s)
		}
	}
	if len(failed) == 0 {
		t.Errorf("go build failed outside the snippets (do the module's own packages build?)")
	}
	t.Errorf("go build: %v\n%s", err, out)
}

// errorPos finds the markdown positions in go build's errors.
var errorPos = regexp.MustCompile(`(?m)^(\S+\.md):(\d+)(?::\d+)?: `)

// The extraction itself: fences, indentation, languages, and the two
// kinds of snippet.
func TestExtract(t *testing.T) {
	md := "text\n```go\nx := 1\n_ = x\n```\n\n- item\n  ```go\n  package p\n  ```\n```go-fragment\nnot go\n```\n```sh\nls\n```\n"
	got := extract("a.md", md)
	if len(got) != 2 {
		t.Fatalf("got %d snippets, want 2: %+v", len(got), got)
	}
	if got[0].fence != 2 || got[0].first != 3 || got[0].code != "x := 1\n_ = x" || isFile(got[0].code) {
		t.Errorf("first snippet: %+v", got[0])
	}
	if got[1].fence != 8 || got[1].code != "package p" || !isFile(got[1].code) {
		t.Errorf("second snippet: %+v", got[1])
	}
	src := bodies([]snippet{{file: "a.md", first: 3, code: "fmt.Println(ndarray.Zeros[float64](2))\nvar errors = 1\n_ = errors"}})
	for _, want := range []string{"\tfmt \"fmt\"\n", "\tndarray \"github.com/ndmpi/ndmpi/ndarray\"\n", "//line a.md:3\n"} {
		if !strings.Contains(src, want) {
			t.Errorf("source lacks %q:\n%s", want, src)
		}
	}
	if strings.Contains(src, "\"errors\"") {
		t.Errorf("a local variable named errors got an import:\n%s", src)
	}
}
