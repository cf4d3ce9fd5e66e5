package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// Compression. Pages, JSON and feeds go out gzip-compressed to clients that
// accept it: residents read them on phones over the centre's Wi-Fi or
// mobile data, and a room feed of 700 KB shrinks to a tenth. Answers built
// per request are compressed by the compress middleware (compress_writer.go);
// answers kept in the cache carry their compressed bytes beside the plain
// ones, made once when the entry is built, and go out with sendVariant, so
// a cache hit costs no compression at all.

// minGzip is the smallest body worth compressing: below about 1 KB the
// gzip header and the CPU cost more than the bytes saved.
const minGzip = 1024

// gzSuffix marks a compressed variant's strong ETag ("abc" → "abc-gz"): the
// bytes differ, so a strong validator must differ too (RFC 9110 §8.8.1).
const gzSuffix = "-gz"

// Levels: per-request compression runs on two shared cores, so it takes
// the fast level; compressed-once cache entries can afford the default.
const (
	dynamicLevel = gzip.BestSpeed
	cachedLevel  = gzip.DefaultCompression
)

// gzipPools recycle writers per level: a flate compressor is about 1 MB of
// tables, far too much to allocate per request.
var gzipPools = map[int]*sync.Pool{dynamicLevel: newGzipPool(dynamicLevel), cachedLevel: newGzipPool(cachedLevel)}

func newGzipPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, level) // the levels above are valid
		return w
	}}
}

// gzipBytes compresses b once, for a cache entry; nil when b is too small
// to be worth it (the entry then always goes out plain).
func gzipBytes(b []byte) []byte {
	if len(b) < minGzip {
		return nil
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/4 + 64)
	zw := gzipPools[cachedLevel].Get().(*gzip.Writer)
	defer gzipPools[cachedLevel].Put(zw)
	zw.Reset(&buf)
	zw.Write(b) // writes to a bytes.Buffer cannot fail
	zw.Close()
	return buf.Bytes()
}

// acceptsGzip reads Accept-Encoding (RFC 9110 §12.5.3): gzip (or x-gzip)
// with a q above zero, or * when gzip is not named. It allocates nothing.
func acceptsGzip(header string) bool {
	star := false
	for header != "" {
		var item string
		item, header, _ = strings.Cut(header, ",")
		coding, params, _ := strings.Cut(item, ";")
		coding = strings.TrimSpace(coding)
		ok := qAbove0(params)
		switch {
		case strings.EqualFold(coding, "gzip"), strings.EqualFold(coding, "x-gzip"):
			return ok
		case coding == "*":
			star = ok
		}
	}
	return star
}

// qAbove0 reports whether the parameters of one Accept-Encoding item leave
// it acceptable: no q, or a q that parses and is above zero.
func qAbove0(params string) bool {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		name, val, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(strings.TrimSpace(name), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
			return err == nil && q > 0
		}
	}
	return true
}

// wantsGzip: this request may be answered compressed. HEAD never is, so
// its Content-Length is the plain body's, as a GET without gzip would get.
func wantsGzip(r *http.Request) bool {
	return r.Method != http.MethodHead && acceptsGzip(r.Header.Get("Accept-Encoding"))
}

// gzETag is the compressed variant's tag: "-gz" inside the quotes of a
// strong tag; weak tags (semantic equivalence) and no tag stay as they are.
func gzETag(tag string) string {
	if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' {
		return tag
	}
	return tag[:len(tag)-1] + gzSuffix + `"`
}

// addVary adds Accept-Encoding to Vary unless it is there already, so a
// shared cache keeps the plain and the compressed answer apart.
func addVary(h http.Header) {
	for _, v := range h.Values("Vary") {
		for _, t := range strings.Split(v, ",") {
			if t = strings.TrimSpace(t); t == "*" || strings.EqualFold(t, "Accept-Encoding") {
				return
			}
		}
	}
	h.Add("Vary", "Accept-Encoding")
}

// sendVariant answers a kept body in the encoding the client takes: gz (the
// same bytes compressed, from gzipBytes; nil for none) when it accepts gzip,
// else plain. An ETag already set is switched to the variant's. The
// middleware passes the answer through untouched (it is already encoded,
// or small).
func sendVariant(c *gin.Context, status int, contentType string, plain, gz []byte) {
	h := c.Writer.Header()
	addVary(h)
	body := plain
	if gz != nil && wantsGzip(c.Request) {
		body = gz
		h.Set("Content-Encoding", "gzip")
		if tag := h.Get("ETag"); tag != "" {
			h.Set("ETag", gzETag(tag))
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	c.Data(status, contentType, body)
}
