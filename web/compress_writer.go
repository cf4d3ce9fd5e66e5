package web

import (
	"compress/gzip"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// compress is the middleware that gzips answers built per request. The
// first minGzip bytes are held back, so that a small body goes out plain
// with its Content-Length; past that the answer is compressed as it is
// written. HEAD, 1xx/204/206/304, answers already encoded (a kept feed's
// gzip bytes) and types other than text and JSON pass as they are.
//
// If-None-Match is read with the "-gz" of our compressed variants'
// ETags taken off, so the handlers compare their plain tags and answer 304
// for either form; a 304 then carries the form the client holds.
func compress(c *gin.Context) {
	r := c.Request
	inm := r.Header.Get("If-None-Match")
	if strings.Contains(inm, gzSuffix+`"`) {
		r.Header.Set("If-None-Match", strings.ReplaceAll(inm, gzSuffix+`"`, `"`))
	}
	w := writerPool.Get().(*gzipWriter)
	*w = gzipWriter{ResponseWriter: c.Writer, buf: w.buf[:0], accept: wantsGzip(r), inm: inm}
	c.Writer = w
	defer func() {
		w.finish()
		c.Writer = w.ResponseWriter
		w.ResponseWriter = nil
		writerPool.Put(w)
	}()
	c.Next()
}

var writerPool = sync.Pool{New: func() any { return &gzipWriter{buf: make([]byte, 0, minGzip)} }}

// gzipWriter decides, at the first write past minGzip bytes or at the
// end, whether the answer goes out compressed.
type gzipWriter struct {
	gin.ResponseWriter
	buf       []byte       // held back while undecided
	zw        *gzip.Writer // set once compressing
	decided   bool
	accept    bool   // the client takes gzip and this is no HEAD
	inm       string // If-None-Match as the client sent it
	committed bool   // WriteHeaderNow was asked for
}

func (w *gzipWriter) Write(p []byte) (int, error) {
	switch {
	case w.zw != nil:
		return w.zw.Write(p)
	case w.decided:
		return w.ResponseWriter.Write(p)
	case len(w.buf)+len(p) < minGzip && w.compressible():
		w.buf = append(w.buf, p...)
		return len(p), nil
	}
	w.decide(len(w.buf)+len(p) >= minGzip)
	return w.Write(p)
}

func (w *gzipWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Written is true once anything was written or the header was asked for,
// held back or not: renderGuard relies on it.
func (w *gzipWriter) Written() bool {
	return len(w.buf) > 0 || w.committed || w.ResponseWriter.Written()
}

// WriteHeaderNow is what gin calls for bodyless answers (304, 204): the
// answer is decided then, as plain.
func (w *gzipWriter) WriteHeaderNow() {
	w.committed = true
	if !w.decided {
		w.decide(false)
	}
	w.ResponseWriter.WriteHeaderNow()
}

// Flush sends what is held back: plain if undecided and still small.
func (w *gzipWriter) Flush() {
	if !w.decided {
		w.decide(false)
	}
	if w.zw != nil {
		w.zw.Flush()
	}
	w.ResponseWriter.Flush()
}

// finish ends the answer: undecided bodies are small and go out plain.
func (w *gzipWriter) finish() {
	if !w.decided {
		w.decide(false)
	}
	if w.zw != nil {
		w.zw.Close()
		gzipPools[dynamicLevel].Put(w.zw)
		w.zw = nil
	}
}

// decide fixes the encoding and writes the header and anything held back.
// big: the body has reached minGzip bytes.
func (w *gzipWriter) decide(big bool) {
	w.decided = true
	h := w.Header()
	if w.typeCompressible() || w.Status() == http.StatusNotModified {
		addVary(h)
	}
	if tag := h.Get("ETag"); w.Status() == http.StatusNotModified && tag != "" && strings.Contains(w.inm, gzETag(tag)) {
		h.Set("ETag", gzETag(tag)) // the client holds the compressed variant
	}
	if big && w.accept && w.compressible() {
		h.Del("Content-Length")
		h.Del("Accept-Ranges")
		h.Set("Content-Encoding", "gzip")
		if tag := h.Get("ETag"); tag != "" {
			h.Set("ETag", gzETag(tag))
		}
		w.zw = gzipPools[dynamicLevel].Get().(*gzip.Writer)
		w.zw.Reset(w.ResponseWriter)
	}
	held := w.buf
	w.buf = w.buf[:0]
	if len(held) > 0 {
		w.Write(held)
	}
}

// compressible: this answer could be compressed if it were big enough.
func (w *gzipWriter) compressible() bool {
	if !w.accept {
		return false
	}
	switch st := w.Status(); {
	case st < 200, st == http.StatusNoContent, st == http.StatusPartialContent, st == http.StatusNotModified:
		return false
	}
	h := w.Header()
	return h.Get("Content-Encoding") == "" && h.Get("Content-Range") == "" &&
		!strings.Contains(h.Get("Cache-Control"), "no-transform") && w.typeCompressible()
}

// typeCompressible: text, JSON, JavaScript, SVG and calendars compress
// well; images, fonts and archives are compressed already.
func (w *gzipWriter) typeCompressible() bool {
	ct, _, _ := strings.Cut(w.Header().Get("Content-Type"), ";")
	switch ct = strings.ToLower(strings.TrimSpace(ct)); ct {
	case "application/json", "application/javascript", "application/xml", "image/svg+xml", "application/manifest+json":
		return true
	}
	return strings.HasPrefix(ct, "text/")
}
