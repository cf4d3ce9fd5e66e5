package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

//go:embed static
var staticFS embed.FS

// pageState is what the pages need beyond the service: templates per
// language, catalogs, the bundled assets and the cross-origin guard.
type pageState struct {
	views  views
	cats   map[string]catalog
	assets map[string]asset
	cop    *http.CrossOriginProtection
	lunar  *lunarCache
}

// asset is one bundled static file with its content hash, which is in its
// address, so it can be cached for a year and still never be stale.
type asset struct {
	body []byte
	mime string
	hash string
}

// newPageState parses the templates and bundles the assets; a broken
// template fails the start, not a reader's request.
func newPageState() (*pageState, error) {
	cats, err := loadCatalogs()
	if err != nil {
		return nil, err
	}
	assets := map[string]asset{}
	for name, spec := range map[string]struct{ glob, mime string }{
		"app.css": {"static/css/*.css", "text/css; charset=utf-8"},
		"app.js":  {"static/js/*.js", "text/javascript; charset=utf-8"},
	} {
		a, err := bundle(spec.glob, spec.mime)
		if err != nil {
			return nil, err
		}
		assets[name] = a
	}
	ps := &pageState{cats: cats, assets: assets, cop: http.NewCrossOriginProtection(), lunar: &lunarCache{}}
	if ps.views, err = parseViews(cats, ps.assetURL, ps.lunar); err != nil {
		return nil, err
	}
	return ps, nil
}

// bundle joins the files matching glob in name order: one stylesheet and
// one script for the whole site, whatever number of files they are kept in.
func bundle(glob, mime string) (asset, error) {
	files, err := fs.Glob(staticFS, glob)
	if err != nil {
		return asset{}, err
	}
	var buf bytes.Buffer
	for _, f := range files {
		b, err := staticFS.ReadFile(f)
		if err != nil {
			return asset{}, err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	sum := sha256.Sum256(buf.Bytes())
	return asset{body: buf.Bytes(), mime: mime, hash: hex.EncodeToString(sum[:6])}, nil
}

// assetURL is the versioned address of a bundled asset.
func (ps *pageState) assetURL(name string) string {
	return "/static/" + name + "?v=" + ps.assets[name].hash
}

func (s *Server) handleAsset(c *gin.Context) {
	a, ok := s.pages.assets[strings.TrimPrefix(c.Param("name"), "/")]
	if !ok {
		s.pageNotFound(c)
		return
	}
	c.Header("Cache-Control", "public, max-age=31536000, immutable")
	c.Header("ETag", `"`+a.hash+`"`)
	if c.GetHeader("If-None-Match") == `"`+a.hash+`"` {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, a.mime, a.body)
}

// pageRoutes registers the pages. Every page learns its reader from the
// session cookie; every state-changing page request passes the
// cross-origin guard first.
func (s *Server) pageRoutes() {
	get(&s.router.RouterGroup, "/static/:name", s.handleAsset)
	g := s.router.Group("/", pageHeaders, s.pageSession)
	g.Use(func(c *gin.Context) {
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			s.crossOrigin(c)
		}
	})
	s.accountPages(g)
	s.residentPages(g)
	s.subscribePages(g)
	s.leaderPages(g)
	s.staffPages(g)
}

// noRoute keeps JSON errors for the API and feeds, and shows people the
// friendly 404 page everywhere else.
func (s *Server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/calendar/") {
		s.fail(c, errNoEndpoint)
		return
	}
	pageHeaders(c)
	s.pageSession(c)
	if !c.IsAborted() {
		s.pageNotFound(c)
	}
}

// pagePolicy lets a page load only this site's own script, styles and
// images (the QR codes are inline SVG), post forms only here, and never be
// framed by another site, so that a click cannot be stolen by an overlay.
const pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"

// pageHeaders are the browser protections every page carries.
func pageHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", pagePolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
}
