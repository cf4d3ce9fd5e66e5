package web

import (
	"io/fs"
	"regexp"
	"testing"
)

// Both languages have the same keys, and every key a template names
// literally (t "key") is in them: a missing one would show as the key.
func TestCatalogsAreComplete(t *testing.T) {
	cats, err := loadCatalogs()
	if err != nil {
		t.Fatal(err)
	}
	for k := range cats[langZH] {
		if _, ok := cats[langEN][k]; !ok {
			t.Errorf("%q is in zh but not en", k)
		}
	}
	for k := range cats[langEN] {
		if _, ok := cats[langZH][k]; !ok {
			t.Errorf("%q is in en but not zh", k)
		}
	}
	used := regexp.MustCompile(`\bt "([^"]+)"`)
	fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, _ := templateFS.ReadFile(path)
		for _, m := range used.FindAllStringSubmatch(string(raw), -1) {
			if _, ok := cats[langZH][m[1]]; !ok {
				t.Errorf("%s uses %q, which no catalog has", path, m[1])
			}
		}
		return nil
	})
}
