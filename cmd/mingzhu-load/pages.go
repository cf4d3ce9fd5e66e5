package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
)

const epPage = "GET page (browser, gzip)"

// browserAccept is what a browser sends for a page.
const (
	browserAccept   = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	browserEncoding = "gzip, deflate, br"
)

// PageProbe is what setup saw of the pages mix's page, so the report says
// what the figure is of: a 404 or a JSON error is measured like anything
// else, and must not pass for the home page.
type PageProbe struct {
	Path        string `json:"path"`
	Status      int    `json:"status"`
	ContentType string `json:"content_type"`
	Bytes       int    `json:"bytes"`      // plain body
	GzipBytes   int    `json:"gzip_bytes"` // body sent to a gzip client; 0 when sent plain
	IsPage      bool   `json:"is_page"`    // 200 and text/html
}

// pageOp GETs the page anonymously, as a browser does.
func pageOp(path string) op {
	return op{name: epPage, expect: []int{200}, run: func(ctx context.Context, w *worker) result {
		return w.api.send(ctx, call{method: "GET", path: path, accept: browserAccept, acceptEncoding: browserEncoding}, &w.buf)
	}}
}

// probePage asks for the page once plain and once as a browser, and notes
// loudly when the answer is not an HTML page.
func (fx *fixture) probePage(ctx context.Context, api *API, path string, log io.Writer) {
	var buf bytes.Buffer
	p := &PageProbe{Path: path}
	fx.page = p
	plain := api.send(ctx, call{method: "GET", path: path, accept: browserAccept}, &buf)
	if plain.err != nil {
		fx.notes = append(fx.notes, fmt.Sprintf("pages: GET %s failed: %v", path, plain.err))
		return
	}
	p.Status, p.ContentType, p.Bytes = plain.status, plain.header.Get("Content-Type"), len(plain.body)
	p.IsPage = p.Status == 200 && strings.HasPrefix(p.ContentType, "text/html")
	z := api.send(ctx, call{method: "GET", path: path, accept: browserAccept, acceptEncoding: browserEncoding}, &buf)
	if z.err == nil && z.header.Get("Content-Encoding") == "gzip" {
		p.GzipBytes = len(z.body)
	}
	if !p.IsPage {
		msg := fmt.Sprintf("NOT A PAGE: GET %s answered %d %s; the pages row measures that answer, not a page", path, p.Status, p.ContentType)
		fx.notes = append(fx.notes, msg)
		fmt.Fprintln(log, "setup:", msg)
	}
}

// writePage prints what the page and feed probes saw.
func (r *Report) writePage(out io.Writer) {
	if p := r.Page; p != nil {
		verdict := "an HTML page"
		if !p.IsPage {
			verdict = "NOT AN HTML PAGE"
		}
		fmt.Fprintf(out, "page %s: %d %s, %s plain, %s to a gzip client: %s\n", p.Path, p.Status, p.ContentType,
			kb(float64(p.Bytes)), gzSize(p.GzipBytes), verdict)
	}
	if f := r.Feed; f != nil {
		fmt.Fprintf(out, "feed of room %s: %s plain, %s to a gzip client (%d bookings added by -fill)\n",
			f.Room, kb(float64(f.Bytes)), gzSize(f.GzipBytes), f.Filled)
	}
}

func gzSize(n int) string {
	if n == 0 {
		return "not compressed"
	}
	return kb(float64(n)) + " gzip"
}
