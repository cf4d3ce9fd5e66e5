package web_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// Each subscribe page offers the same feed three ways: webcal:// for the
// calendar app, the http(s) address to copy, and a file to import once;
// and every one of them is an address that answers the feed.
func TestSubscribePagesLinkTheFeed(t *testing.T) {
	te := newTeamEnv(t)
	base := te.srv.URL
	host := strings.TrimPrefix(base, "http://")
	b := newBrowser(t, te.env)
	b.login("choir-lead", "secret-pass")
	me := te.must(200, "GET", "/api/v1/me", te.choir, nil)
	for _, tc := range []struct{ page, feed, download string }{
		{"/rooms/activity/subscribe", "/calendar/rooms/activity.ics", "/rooms/activity/calendar.ics"},
		{"/teams/choir/subscribe", "/calendar/teams/choir.ics", "/teams/choir/calendar.ics"},
		{"/me/subscribe", strings.TrimPrefix(me.Body["feed_url"].(string), base), "/me/calendar.ics"},
	} {
		t.Run(tc.page, func(t *testing.T) {
			p := b.get(tc.page)
			if p.Status != http.StatusOK {
				t.Fatalf("%d %.300s", p.Status, p.Body)
			}
			for _, want := range []string{
				`href="webcal://` + host + tc.feed + `"`,
				`value="` + base + tc.feed + `"`,
				`href="` + tc.download + `" download`,
				`data-subscribe-copy="f-feed"`,
				"苹果手机 iPhone", "华为、小米、OPPO、vivo", "Outlook", "在国外使用 Google 日历",
			} {
				if !strings.Contains(p.Body, want) {
					t.Errorf("page lacks %s", want)
				}
			}
			if i, j := strings.Index(p.Body, "苹果手机 iPhone"), strings.Index(p.Body, "Google 日历"); i > j {
				t.Error("the how-to does not lead with iPhone")
			}
			if f := feedField(t, p.Body); f != base+tc.feed {
				t.Errorf("feed field %q", f)
			}
			if r := te.do("GET", tc.feed, "", nil); r.Status != http.StatusOK || !bytes.HasPrefix(r.Raw, []byte("BEGIN:VCALENDAR")) {
				t.Errorf("the offered address answers %d", r.Status)
			}
		})
	}
}

// Behind a TLS proxy the addresses are https:// and webcal:// with the
// name the reader used.
func TestSubscribeLinksFollowTheProxy(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	p := b.getWith("/rooms/library/subscribe", map[string]string{"X-Forwarded-Proto": "https"})
	host := strings.TrimPrefix(e.srv.URL, "http://")
	if !strings.Contains(p.Body, `value="https://`+host+`/calendar/rooms/library.ics"`) ||
		!strings.Contains(p.Body, `href="webcal://`+host+`/calendar/rooms/library.ics"`) {
		t.Fatalf("behind TLS: %.2000s", p.Body)
	}
}

// The QR code, read back by an independent decoder, is the very address
// in the field (and a subscribe page of another calendar has another code).
func TestSubscribeQRCodeIsTheFeedAddress(t *testing.T) {
	te := newTeamEnv(t)
	b := newBrowser(t, te.env)
	b.login("choir-lead", "secret-pass")
	seen := map[string]bool{}
	for _, path := range []string{"/rooms/activity/subscribe", "/teams/choir/subscribe", "/me/subscribe"} {
		p := b.get(path)
		got, want := decodeQR(t, p.Body), feedField(t, p.Body)
		if got != want {
			t.Errorf("%s: the QR code says %q, the field %q", path, got, want)
		}
		if seen[got] {
			t.Errorf("%s: the same code as another page", path)
		}
		seen[got] = true
	}
}

// WeChat's browser, which will not open webcal:// links, is told to open
// the page in the phone's browser; other browsers are not.
func TestSubscribeTellsWeChatToOpenTheBrowser(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	const notice = "请点右上角「···」，选择「在浏览器中打开」"
	for _, tc := range []struct {
		ua   string
		want bool
	}{{uaWeChat, true}, {uaSafari, false}, {"", false}} {
		p := b.getWith("/rooms/activity/subscribe", map[string]string{"User-Agent": tc.ua})
		if got := strings.Contains(p.Body, notice) && strings.Contains(p.Body, `class="subscribe-wechat"`); got != tc.want {
			t.Errorf("user agent %q: notice shown %v, want %v", tc.ua, got, tc.want)
		}
		if !strings.Contains(p.Body, "webcal://") {
			t.Errorf("user agent %q: no webcal link", tc.ua)
		}
	}
	b.lang = "en"
	p := b.getWith("/teams/none/subscribe", map[string]string{"User-Agent": uaWeChat})
	if p.Status != http.StatusNotFound {
		t.Fatalf("unknown team: %d", p.Status)
	}
	p = b.getWith("/rooms/activity/subscribe", map[string]string{"User-Agent": uaWeChat})
	if !strings.Contains(p.Body, "choose “Open in browser”") || strings.Contains(p.Body, "浏览器") {
		t.Errorf("English WeChat notice: %.3000s", p.Body)
	}
}

// The one-off download is the feed itself: the same bytes and ETag, only
// marked as a file to save.
func TestSubscribeDownloadIsTheFeed(t *testing.T) {
	te := newTeamEnv(t)
	te.must(201, "POST", "/api/v1/series", te.choir, series("choir", "activity", at(2026, 11, 30, 9, 0), at(2026, 11, 30, 11, 0), "FREQ=WEEKLY;BYDAY=MO,WE"))
	b := newBrowser(t, te.env)
	b.login("choir-lead", "secret-pass")
	me := te.must(200, "GET", "/api/v1/me", te.choir, nil)
	for _, tc := range []struct{ download, feed, file string }{
		{"/rooms/activity/calendar.ics", "/calendar/rooms/activity.ics", "mingzhu-room-activity.ics"},
		{"/teams/choir/calendar.ics", "/calendar/teams/choir.ics", "mingzhu-team-choir.ics"},
		{"/me/calendar.ics", strings.TrimPrefix(me.Body["feed_url"].(string), te.srv.URL), "mingzhu-my-calendar.ics"},
	} {
		d := b.get(tc.download)
		f := te.do("GET", tc.feed, "", nil)
		if d.Status != http.StatusOK || f.Status != http.StatusOK {
			t.Fatalf("%s: %d, feed %d", tc.download, d.Status, f.Status)
		}
		if cd := d.Header.Get("Content-Disposition"); cd != `attachment; filename="`+tc.file+`"` {
			t.Errorf("%s: Content-Disposition %q", tc.download, cd)
		}
		if f.Header.Get("Content-Disposition") != "" {
			t.Errorf("%s: the feed itself became a download", tc.feed)
		}
		if d.Body != string(f.Raw) || !strings.Contains(d.Body, "choir class") {
			t.Errorf("%s: %d bytes, the feed %d", tc.download, len(d.Body), len(f.Raw))
		}
		if !strings.HasPrefix(d.Header.Get("Content-Type"), "text/calendar") || d.Header.Get("ETag") != f.Header.Get("ETag") {
			t.Errorf("%s: %q %q, feed ETag %q", tc.download, d.Header.Get("Content-Type"), d.Header.Get("ETag"), f.Header.Get("ETag"))
		}
		if nm := b.getWith(tc.download, map[string]string{"If-None-Match": f.Header.Get("ETag")}); nm.Status != http.StatusNotModified {
			t.Errorf("%s with the ETag: %d", tc.download, nm.Status)
		}
	}
}

// The reader's own calendar needs a session: anonymous readers go to the
// login page and come back.
func TestMySubscribeNeedsLogin(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	for _, path := range []string{"/me/subscribe", "/me/calendar.ics"} {
		p := b.get(path)
		if p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login?next=") || strings.Contains(p.Body, "/calendar/me/") {
			t.Errorf("anonymous %s: %d %q", path, p.Status, p.Location)
		}
	}
	if p := b.post("/me/subscribe/reset", nil); p.Status != http.StatusSeeOther || !strings.HasPrefix(p.Location, "/login") {
		t.Errorf("anonymous reset: %d %q", p.Status, p.Location)
	}
}

// A new address makes the old one answer 404 at once; the page then shows
// the new one, which works. A reset from another site is refused.
func TestFeedResetRetiresTheOldAddress(t *testing.T) {
	e := newEnv(t)
	e.resident("liming")
	b := newBrowser(t, e)
	b.login("liming", "secret-pass")
	old := strings.TrimPrefix(feedField(t, b.get("/me/subscribe").Body), e.srv.URL)
	if !strings.HasPrefix(old, "/calendar/me/") {
		t.Fatalf("feed %q", old)
	}
	e.must(200, "GET", old, "", nil)

	b.site = "cross-site"
	if p := b.post("/me/subscribe/reset", nil); p.Status != http.StatusForbidden {
		t.Fatalf("cross-site reset: %d", p.Status)
	}
	e.must(200, "GET", old, "", nil)

	b.site = "same-origin"
	p := b.post("/me/subscribe/reset", nil)
	if p.Status != http.StatusSeeOther || p.Location != "/me/subscribe?done=subscribe-reset" {
		t.Fatalf("reset: %d %q", p.Status, p.Location)
	}
	e.must(404, "GET", old, "", nil)
	p = b.get(p.Location)
	fresh := strings.TrimPrefix(feedField(t, p.Body), e.srv.URL)
	if fresh == old || !strings.Contains(p.Body, "已换成新的日历网址") {
		t.Fatalf("after reset: %q (was %q)", fresh, old)
	}
	e.must(200, "GET", fresh, "", nil)
	if d := b.get("/me/calendar.ics"); d.Status != http.StatusOK {
		t.Errorf("download after reset: %d", d.Status)
	}
}

// Unknown rooms and teams get the friendly 404 page, in HTML, on every
// page of this area.
func TestSubscribeUnknownIsTheFriendly404(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	for _, path := range []string{"/rooms/nowhere/subscribe", "/rooms/nowhere/calendar.ics", "/rooms/nowhere/poster",
		"/teams/nobody", "/teams/nobody/subscribe", "/teams/nobody/calendar.ics"} {
		p := b.get(path)
		if p.Status != http.StatusNotFound || !strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(p.Body, "找不到这个页面") || strings.Contains(p.Body, `"error"`) {
			t.Errorf("%s: %d %s %.200s", path, p.Status, p.Header.Get("Content-Type"), p.Body)
		}
	}
}

// The shared partial links to a subscribe page with the words people know.
func TestSubscribeLinkPartial(t *testing.T) {
	te := newTeamEnv(t)
	p := newBrowser(t, te.env).get("/teams/choir")
	if !strings.Contains(p.Body, `<a class="button subscribe-link" href="/teams/choir/subscribe">`) || !strings.Contains(p.Body, "订阅日历</a>") {
		t.Fatalf("team page: %.3000s", p.Body)
	}
}
