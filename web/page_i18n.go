package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"
)

// Languages the pages speak, Chinese first: it is the default for a
// browser that asks for neither.
const (
	langZH = "zh"
	langEN = "en"
)

var pageLangs = []string{langZH, langEN}

// langMatcher matches Accept-Language against the catalogs: any Chinese
// (zh-TW, zh-HK too) reads the Chinese pages, English the English ones.
var langMatcher = language.NewMatcher([]language.Tag{language.SimplifiedChinese, language.English})

// langCookie remembers the reader's choice across visits.
const langCookie = "lang"

//go:embed locales
var localeFS embed.FS

// catalog is one language's messages, key → text (fmt verbs allowed).
type catalog map[string]string

// loadCatalogs reads locales/<lang>/*.json. A key defined twice in one
// language is an error, so that two pages cannot silently fight over it.
func loadCatalogs() (map[string]catalog, error) {
	out := map[string]catalog{}
	for _, lang := range pageLangs {
		cat := catalog{}
		files, err := fs.Glob(localeFS, path.Join("locales", lang, "*.json"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if err := mergeCatalog(cat, f); err != nil {
				return nil, err
			}
		}
		out[lang] = cat
	}
	return out, nil
}

func mergeCatalog(cat catalog, file string) error {
	raw, err := localeFS.ReadFile(file)
	if err != nil {
		return err
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	for k, v := range m {
		if _, dup := cat[k]; dup {
			return fmt.Errorf("%s: key %q defined twice", file, k)
		}
		cat[k] = v
	}
	return nil
}

// translate looks key up; a missing key shows as itself, which the
// catalog tests forbid for every key a template uses.
func (cat catalog) translate(key string, args ...any) string {
	s, ok := cat[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// pageLang is the reader's language: the cookie if set, else the best
// match for Accept-Language, else Chinese.
func pageLang(c *gin.Context) string {
	if v, err := c.Cookie(langCookie); err == nil && (v == langZH || v == langEN) {
		return v
	}
	tag, _ := language.MatchStrings(langMatcher, c.GetHeader("Accept-Language"))
	if base, _ := tag.Base(); base.String() == "en" {
		return langEN
	}
	return langZH
}

// htmlLang is the lang attribute of a page in lang.
func htmlLang(lang string) string {
	if lang == langEN {
		return "en"
	}
	return "zh-CN"
}

// safeNext keeps a redirect target on this site: a path, never "//host"
// or a scheme, so that login cannot be used to send people elsewhere.
// No control character either: browsers drop tabs and newlines from a
// URL ("/\t/evil.example" is "//evil.example" to them), and the others
// break the Location header.
func safeNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r == '\\' || r < ' ' || r == 0x7f }) {
		return "/"
	}
	return next
}
