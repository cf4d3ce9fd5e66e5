package web

import (
	"html"
	"html/template"
	"strings"
)

// gridRows writes the week's rows as HTML for the room page to embed.
// A week has some 170 cells and 300 values in them; as template actions
// each value costs a reflective call to html/template's escapers, some
// 2 ms of a page holding 100 classes (the target is 5 ms for all of it).
// So the rows are written here, every value through html.EscapeString,
// which is safe in text and in double-quoted attributes alike; the
// markup around them stays in room.html. missing is the words for an
// hour the clocks skip.
func gridRows(g *weekGrid, missing string) template.HTML {
	var b strings.Builder
	b.Grow(len(g.Rows) * 7 * 160)
	w := func(parts ...string) {
		for i, p := range parts {
			if i%2 == 1 {
				p = html.EscapeString(p)
			}
			b.WriteString(p)
		}
	}
	for _, row := range g.Rows {
		w(`<tr><th scope="row" class="hour">`, row.Label, `</th>`)
		for _, c := range row.Cells {
			w(`<td class="`, c.Class, `">`)
			if c.Missing {
				w(`<span class="muted">`, missing, `</span></td>`)
				continue
			}
			if c.FreeFirst {
				gridFree(w, c)
			}
			for _, it := range c.Items {
				w(`<div class="occ `, it.Kind, `">`)
				if it.Href != "" && it.Cont == "" {
					w(`<a class="occ-link" href="`, it.Href, `">`)
				}
				switch {
				case it.Cont != "":
					w(`<span class="cont">`, it.Cont, `</span>`)
				case it.What != "":
					w(`<strong>`, it.Who, `</strong> <span>`, it.What, `</span> <span class="span">`, it.Span, `</span>`)
				default:
					w(`<strong>`, it.Who, `</strong> <span class="span">`, it.Span, `</span>`)
				}
				if it.Href != "" && it.Cont == "" {
					w(`</a>`)
				}
				w(`</div>`)
			}
			if c.Free != "" && !c.FreeFirst {
				gridFree(w, c)
			}
			w(`</td>`)
		}
		w("</tr>\n")
	}
	return template.HTML(b.String())
}

// gridFree writes a cell's link to book its free time.
func gridFree(w func(...string), c gridCell) {
	w(`<a class="free" href="`, c.Free, `"><span class="visually-hidden">`, c.FreeDay, ` </span>`, c.FreeText, `</a>`)
}
