package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

//go:embed templates
var templateFS embed.FS

// views holds every page template, parsed once at start, per language:
// views[lang][name] is templates/views/name.html with the common set.
type views map[string]map[string]*template.Template

// parseViews parses each view together with templates/common, once per
// language with that language's functions bound.
func parseViews(cats map[string]catalog, assetURL func(string) string, lc *lunarCache) (views, error) {
	names, err := fs.Glob(templateFS, "templates/views/*.html")
	if err != nil {
		return nil, err
	}
	out := views{}
	for _, lang := range pageLangs {
		out[lang] = map[string]*template.Template{}
		for _, file := range names {
			name := strings.TrimSuffix(path.Base(file), ".html")
			t, err := template.New(name).Funcs(pageFuncs(lang, cats[lang], lc)).Funcs(template.FuncMap{"asset": assetURL}).
				ParseFS(templateFS, "templates/common/*.html", file)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
			out[lang][name] = t
		}
	}
	return out, nil
}

// Page is what every view gets, embedded in the view's own struct: who is
// reading, in which language, and where they are.
type Page struct {
	Lang     string // "zh" or "en"
	HTMLLang string // the html element's lang attribute
	User     *booking.User
	Path     string // this page's path and query: next= and the language switch
	Nav      string // the menu entry to mark as current
	Notice   string // a message key to show once, after a redirect (?done=)
}

// basePage fills Page for this request.
func (s *Server) basePage(c *gin.Context, nav string) Page {
	lang := pageLang(c)
	p := Page{Lang: lang, HTMLLang: htmlLang(lang), User: pageUser(c), Path: pagePath(c), Nav: nav}
	if k := c.Query("done"); k != "" && s.pages.cats[lang]["done."+k] != "" {
		p.Notice = "done." + k
	}
	return p
}

// pagePath is where the language switch and the login link lead back to:
// this page, or, for the answer to a form (a POST, often to an address
// with no page of its own, such as /rooms/:id/book), the page the form was
// on, else the home page.
func pagePath(c *gin.Context) string {
	if m := c.Request.Method; m == http.MethodGet || m == http.MethodHead {
		return c.Request.URL.RequestURI()
	}
	if u, err := url.Parse(c.GetHeader("Referer")); err == nil && u.Path != "" {
		return safeNext(u.RequestURI())
	}
	return "/"
}

// T translates key into the page's language, for handlers that build
// strings (the templates use t).
func (s *Server) T(p Page, key string, args ...any) string {
	return s.pages.cats[p.Lang].translate(key, args...)
}

// render writes view name with data; it renders into a buffer first, so a
// template failure becomes the friendly error page, never half a page.
func (s *Server) render(c *gin.Context, status int, name string, lang string, data any) {
	t := s.pages.views[lang][name]
	if t == nil {
		s.log.Error("no such view", "view", name)
		s.renderFatal(c, lang)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("page failed", "view", name, "err", err)
		s.renderFatal(c, lang)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// renderFatal is the last resort: a plain page in the reader's language.
func (s *Server) renderFatal(c *gin.Context, lang string) {
	msg := "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>出错了</title><p>出错了，请稍后再试。<a href=\"/\">返回首页</a></p>"
	if lang == langEN {
		msg = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Error</title><p>Something went wrong, please try again later. <a href=\"/\">Home</a></p>"
	}
	c.Data(http.StatusInternalServerError, "text/html; charset=utf-8", []byte(msg))
	c.Abort()
}

// errorView is the friendly page for a failure that is not a form's.
type errorView struct {
	Page
	Status  int
	Message string
}

// pageFail shows err as a page: not found, forbidden, busy or internal,
// in the reader's language, never raw JSON or a stack trace.
func (s *Server) pageFail(c *gin.Context, err error) {
	p := s.basePage(c, "")
	code := booking.ErrorCode(err)
	if code == booking.EINTERNAL {
		s.log.Error("page failed", "route", c.FullPath(), "err", err)
	}
	if code == booking.EUNAUTHORIZED {
		s.toLogin(c)
		return
	}
	status := statusOf[code]
	if code == booking.EUNAVAILABLE || code == booking.ERATELIMITED {
		c.Header("Retry-After", "1")
	}
	s.render(c, status, "error", p.Lang, &errorView{Page: p, Status: status, Message: s.errText(p.Lang, err)})
	c.Abort()
}

// pageNotFound answers an unknown page with the friendly 404 page.
func (s *Server) pageNotFound(c *gin.Context) {
	s.pageFail(c, booking.Errorf(booking.ENOTFOUND, "没有这个页面 no such page"))
}
