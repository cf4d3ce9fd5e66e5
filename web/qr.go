package web

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	qr "github.com/piglig/go-qr"
)

// qrQuiet is the light margin around a QR code, in modules: ISO/IEC 18004
// asks for four, and phone cameras find the code faster with it.
const qrQuiet = 4

// qrSVG draws text as a QR code in inline SVG, one path of dark modules
// on a white square, scaled by CSS (viewBox in modules, crisp edges), so
// the page needs no image request and prints sharp at any size.
//
// The encoder is github.com/piglig/go-qr: a Go port of Nayuki's QR Code
// generator (the reference implementation many others are checked
// against), maintained, with no dependencies beyond the standard library,
// returning errors instead of panicking, and exposing the module grid
// (Size, Module) so that the SVG is ours: an inline element with a label,
// not a file with an XML prolog. github.com/skip2/go-qrcode was the other
// candidate; it is unmaintained since 2020 and offers only a bitmap with
// a fixed border. Error correction M (15 %) survives a poster's creases
// and smudges while keeping a feed address of ~100 characters at a size a
// phone reads from arm's length.
func qrSVG(text, label string) (template.HTML, error) {
	code, err := qr.EncodeText(text, qr.Medium)
	if err != nil {
		return "", fmt.Errorf("qr code of %d bytes: %w", len(text), err)
	}
	n := code.Size() + 2*qrQuiet
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges">`,
		n, n, html.EscapeString(label))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y := range code.Size() {
		for x := 0; x < code.Size(); {
			if !code.Module(x, y) {
				x++
				continue
			}
			run := 1
			for code.Module(x+run, y) {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+qrQuiet, y+qrQuiet, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}
