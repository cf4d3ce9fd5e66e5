package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestBilingualMessages reads every message literal the domain passes to
// Errorf, Invalid or NotFound and checks that a page can show it in one
// language: it splits into a Chinese half and an English half with no
// Chinese in it (arguments stand in as names in both scripts).
func TestBilingualMessages(t *testing.T) {
	files, _ := filepath.Glob("../booking/*.go")
	verb := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		for _, msg := range messageLiterals(t, f) {
			n++
			for _, arg := range []string{"明珠合唱队", "Choir 7"} {
				// An argument reads as the verb writes it: %q quoted.
				text := verb.ReplaceAllStringFunc(msg, func(v string) string {
					if strings.HasSuffix(v, "q") {
						return strconv.Quote(arg)
					}
					return arg
				})
				zh, en := splitBilingual(text)
				if zh == en || !strings.ContainsFunc(zh, isCJK) || en == "" {
					t.Errorf("%s: %q does not split into Chinese and English (got %q | %q)", f, msg, zh, en)
					break
				}
				if strings.ContainsFunc(strings.ReplaceAll(en, arg, ""), func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
					t.Errorf("%s: %q: English half %q has Chinese", f, msg, en)
					break
				}
			}
		}
	}
	if n < 50 {
		t.Fatalf("found only %d messages", n)
	}
}

// messageLiterals are the format strings of the coded-error calls in file.
func messageLiterals(t *testing.T, file string) []string {
	fs := token.NewFileSet()
	af, err := parser.ParseFile(fs, file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(af, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 {
			return true
		}
		name := ""
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			name = fn.Name
		case *ast.SelectorExpr:
			name = fn.Sel.Name
		}
		if name != "Errorf" && name != "Invalid" && name != "NotFound" {
			return true
		}
		if lit, ok := call.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, _ := strconv.Unquote(lit.Value)
			out = append(out, s)
		}
		return true
	})
	return out
}
