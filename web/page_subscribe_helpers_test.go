package web_test

import (
	"html"
	"image"
	"image/color"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Safari on an iPhone, and WeChat's in-app browser on the same phone.
const (
	uaSafari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
	uaWeChat = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN"
)

// getWith is b.get with extra request headers (a user agent, say), using
// the browser's cookies.
func (b *browser) getWith(path string, header map[string]string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.base+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if b.lang != "" {
		req.Header.Set("Accept-Language", b.lang)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{Status: resp.StatusCode, Location: resp.Header.Get("Location"), Body: string(raw), Header: resp.Header}
}

var (
	qrSVGPattern = regexp.MustCompile(`(?s)<svg[^>]*class="qr"[^>]*>.*?</svg>`)
	viewBoxAttr  = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)
	pathD        = regexp.MustCompile(`<path[^>]*\sd="([^"]*)"`)
	pathToken    = regexp.MustCompile(`[MmHhVvZz]|-?\d+`)
)

// decodeQR finds the page's inline QR code, draws it as an image and reads
// it back with gozxing, a decoder independent of the library that drew it.
// Only what an SVG path of axis-parallel rectangles can say is
// understood (M, h, v, z, absolute or relative): each closed subpath is
// filled as its bounding box.
func decodeQR(t *testing.T, body string) string {
	t.Helper()
	svg := qrSVGPattern.FindString(body)
	if svg == "" {
		t.Fatalf("no <svg class=\"qr\"> on the page")
	}
	if !strings.Contains(svg, `role="img"`) || !strings.Contains(svg, `aria-label="`) {
		t.Errorf("the QR code has no role=img and label: %.200s", svg)
	}
	vb := viewBoxAttr.FindStringSubmatch(svg)
	d := pathD.FindStringSubmatch(svg)
	if vb == nil || d == nil {
		t.Fatalf("QR svg without viewBox or path: %.300s", svg)
	}
	n, _ := strconv.Atoi(vb[1])
	const scale = 6
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	fill := func(x0, y0, x1, y1 int) {
		for y := min(y0, y1) * scale; y < max(y0, y1)*scale; y++ {
			for x := min(x0, x1) * scale; x < max(x0, x1)*scale; x++ {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	toks := pathToken.FindAllString(d[1], -1)
	var x, y, sx, sy, minX, minY, maxX, maxY int
	num := func(i *int) int { *i++; v, _ := strconv.Atoi(toks[*i]); return v }
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "M", "m":
			nx, ny := num(&i), num(&i)
			if toks[i-2] == "m" {
				nx, ny = x+nx, y+ny
			}
			x, y, sx, sy = nx, ny, nx, ny
			minX, minY, maxX, maxY = x, y, x, y
		case "h", "H":
			v := num(&i)
			if toks[i-1] == "h" {
				v += x
			}
			x = v
		case "v", "V":
			v := num(&i)
			if toks[i-1] == "v" {
				v += y
			}
			y = v
		case "z", "Z":
			fill(minX, minY, maxX, maxY)
			x, y = sx, sy
			continue
		default:
			t.Fatalf("unexpected path token %q", toks[i])
		}
		minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("the QR code does not decode: %v", err)
	}
	return res.GetText()
}

var inputValue = regexp.MustCompile(`<input id="f-feed"[^>]*value="([^"]*)"`)

// feedField is the address in the page's read-only feed field.
func feedField(t *testing.T, body string) string {
	t.Helper()
	m := inputValue.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no feed field on the page")
	}
	return html.UnescapeString(m[1])
}
