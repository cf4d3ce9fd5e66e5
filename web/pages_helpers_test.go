package web_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// browser is a page client like a browser: a cookie jar, a language, and
// the Sec-Fetch-Site header browsers send, so the cross-origin guard sees
// what it sees in real use. It does not follow redirects, so tests can
// check where they lead.
type browser struct {
	t    *testing.T
	base string
	c    *http.Client
	lang string // Accept-Language; "" sends none
	site string // Sec-Fetch-Site for writes; "same-origin" by default
}

func newBrowser(t *testing.T, e *env) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: t, base: e.srv.URL, c: c, site: "same-origin"}
}

// page is one answer: status, Location, body and headers.
type page struct {
	Status   int
	Location string
	Body     string
	Header   http.Header
}

func (b *browser) do(method, path string, form url.Values) page {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if b.lang != "" {
		req.Header.Set("Accept-Language", b.lang)
	}
	if method != http.MethodGet && b.site != "" {
		req.Header.Set("Sec-Fetch-Site", b.site)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Body: string(raw), Header: resp.Header}
}

func (b *browser) get(path string) page { b.t.Helper(); return b.do(http.MethodGet, path, nil) }

func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	return b.do(http.MethodPost, path, form)
}

// login logs in through the form and fails the test if it is refused.
func (b *browser) login(username, password string) {
	b.t.Helper()
	if p := b.post("/login", url.Values{"username": {username}, "password": {password}, "next": {"/"}}); p.Status != http.StatusSeeOther {
		b.t.Fatalf("login %s: %d %.300s", username, p.Status, p.Body)
	}
}

// cookie returns the value of the named cookie the jar holds for the site.
func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.base)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// form is url.Values from pairs: form("a", "1", "b", "2").
func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}
