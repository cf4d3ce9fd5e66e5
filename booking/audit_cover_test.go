package booking

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// passedThrough are the Tx write methods the auditing layer deliberately
// passes through, each with its reason: they write no audit line and
// change no cached answer, so on a shared store they record no change
// either. Anything else named like a write must be overridden by
// auditTx, or its changes would go unrecorded.
var passedThrough = map[string]string{
	"InsertAudit": "the audit line itself",
	"InsertToken": "a login: a session, not a change to an entity; a token not cached is read from the store",
}

// TestAuditTxCoversEveryWrite: every method of Tx whose name says it
// writes (Insert, Put, Set, Update, Delete) is declared on auditTx in
// this package's source, not merely promoted from the embedded Tx, and
// each such override writes its audit line (t.record, which also names
// AllKeys for the change log unless the entity is a booking) or names
// the keys it changed itself (t.keys.add). A new write method (an
// engineer's InsertClosure) fails here until it is wired into the audit
// trail and the change log, or listed in passedThrough with a reason.
func TestAuditTxCoversEveryWrite(t *testing.T) {
	declared := auditTxMethods(t)
	tx := reflect.TypeOf((*Tx)(nil)).Elem()
	writes := 0
	for i := range tx.NumMethod() {
		name := tx.Method(i).Name
		if !isWriteName(name) {
			continue
		}
		writes++
		_, skip := passedThrough[name]
		fn := declared[name]
		switch {
		case skip && fn != nil:
			t.Errorf("%s is listed in passedThrough but auditTx overrides it", name)
		case !skip && fn == nil:
			t.Errorf("Tx.%s writes but auditTx does not override it: add it to booking/audit_tx.go (before-image, change, t.record)", name)
		case !skip && !calls(fn, "record") && !calls(fn, "add"):
			t.Errorf("auditTx.%s neither calls t.record nor names its keys (t.keys.add): the change log would miss it", name)
		}
	}
	if writes < 20 {
		t.Fatalf("found only %d write methods on Tx: the name test is broken", writes)
	}
	for name := range passedThrough {
		if _, ok := tx.MethodByName(name); !ok {
			t.Errorf("passedThrough lists %s, which Tx no longer has", name)
		}
	}
}

// calls reports whether fn's body calls a method or function named name.
func calls(fn *ast.FuncDecl, name string) bool {
	found := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == name {
				found = true
			}
		}
		return !found
	})
	return found
}

func isWriteName(name string) bool {
	for _, p := range []string{"Insert", "Put", "Set", "Update", "Delete"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// auditTxMethods parses the package's non-test files for the methods
// declared with receiver auditTx or *auditTx.
func auditTxMethods(t *testing.T) map[string]*ast.FuncDecl {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*ast.FuncDecl{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && receiverName(fn.Recv.List[0].Type) == "auditTx" {
				out[fn.Name.Name] = fn
			}
		}
	}
	return out
}

func receiverName(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
