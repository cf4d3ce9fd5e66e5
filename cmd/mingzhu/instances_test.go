package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"mingzhu/tests/pgtest"
)

// The tests of several instances of the real binary on one PostgreSQL
// database: the same -db address, each on a port of its own, as a district
// runs them behind a load balancer. Each test has a schema of its own
// (pgtest.URL), skipped only by the harness (MINGZHU_PG=off).

// TestInstancesRaceForSlots has 64 clients, spread round-robin over three
// instances, race for each of 8 slots at once: exactly one 201 per slot,
// every other answer 409. Each winner's booking is then read through
// another instance, and the database holds exactly the 8 winners, none
// overlapping.
func TestInstancesRaceForSlots(t *testing.T) {
	addr := pgtest.URL(t)
	insts := startInstances(t, addr, 3, "none")
	db := openStore(t, addr)
	admin := loginAt(t, insts[0], "admin", multiAdminPass)
	// 8 residents, eight clients each (accounts cost bcrypt hashes): a
	// resident winning all 8 half-hour slots stays within the weekly
	// quota, so a loser hears 409, not 422.
	users := makeAccounts(t, insts, admin, "racer", "resident", 8)
	const clients, slots = 64, 8
	day := siteDay(t, 2).Add(10 * time.Hour)
	type attempt struct {
		inst int
		r    reply
		err  error
	}
	winners := make([]struct {
		id   string
		inst int
		user account
	}, slots)
	for s := range slots {
		// Adjacent half-open slots: each touches the next without
		// overlapping it, so every slot has a winner.
		start := day.Add(time.Duration(s) * 30 * time.Minute)
		body := bookingBody("library", start, start.Add(30*time.Minute), fmt.Sprintf("抢占 race %d", s))
		got := make([]attempt, clients)
		gate := make(chan struct{})
		var wg sync.WaitGroup
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := c % len(insts)
				<-gate
				r, err := call(context.Background(), "POST", insts[in].base+"/api/v1/bookings", users[c%len(users)].token, body)
				got[c] = attempt{in, r, err}
			}()
		}
		close(gate) // all 64 at once
		wg.Wait()
		created, conflicts := 0, 0
		var other []string
		for c, a := range got {
			switch {
			case a.err != nil:
				other = append(other, fmt.Sprintf("client %d via %s: %v", c, insts[a.inst].name, a.err))
			case a.r.status == http.StatusCreated:
				created++
				winners[s].id, winners[s].inst, winners[s].user = bookingID(a.r), a.inst, users[c%len(users)]
			case a.r.status == http.StatusConflict:
				conflicts++
			default:
				other = append(other, fmt.Sprintf("client %d via %s: %s", c, insts[a.inst].name, a.r))
			}
		}
		if created != 1 || conflicts != clients-1 || len(other) > 0 {
			t.Fatalf("slot %d (%s): %d answered 201 and %d 409, want 1 and %d; other answers: %v",
				s, start.Format(time.RFC3339), created, conflicts, clients-1, other)
		}
		if winners[s].id == "" {
			t.Fatalf("slot %d: the 201 names no booking", s)
		}
	}
	byInst := map[string]int{}
	for s, w := range winners {
		byInst[insts[w.inst].name]++
		other := insts[(w.inst+1)%len(insts)]
		r := must(t, "GET", other.base+"/api/v1/bookings/"+w.id, w.user.token, "", 200)
		b, _ := r.json()["booking"].(map[string]any)
		want := day.Add(time.Duration(s) * 30 * time.Minute)
		if st, _ := time.Parse(time.RFC3339, fmt.Sprint(b["start"])); !st.Equal(want) || b["room"] != "library" || b["status"] != "confirmed" {
			t.Fatalf("slot %d's booking %s read through %s: %s", s, w.id, other.name, r)
		}
	}
	t.Logf("winners by instance: %v", byInst)
	if n := countRows(t, db, `SELECT count(*) FROM bookings`); n != slots {
		t.Fatalf("the database holds %d bookings, want the %d winners", n, slots)
	}
	if n := heldCount(t, db); n != slots {
		t.Fatalf("%d bookings hold their slot, want %d", n, slots)
	}
	noOverlaps(t, db)
}

// TestInstancesSeriesRacesBooking creates a weekly class through instance
// A while staff book one of its dates through B, at once, over 30 rounds
// with fresh times. With on_conflict reject exactly one of the two wins
// and the other answers 409 naming the winner; with skip the class is
// always created and leaves that date out exactly when the booking won.
// Afterwards, read through C, no booking overlaps a class date and every
// round left exactly what its answers said.
func TestInstancesSeriesRacesBooking(t *testing.T) {
	addr := pgtest.URL(t)
	insts := startInstances(t, addr, 3, "none")
	a, b, c := insts[0], insts[1], insts[2]
	db := openStore(t, addr)
	admin := loginAt(t, a, "admin", multiAdminPass)
	leader := makeAccounts(t, insts, admin, "classlead", "leader", 1)[0]
	must(t, "POST", a.base+"/api/v1/teams", admin, `{"id":"e2e-class","name":"测试队","name_en":"Test team","leaders":["classlead00"]}`, 201)

	const rounds, weeks = 30, 3
	base := siteDay(t, 1).Add(8 * time.Hour)
	wins := map[string]int{}
	wantOccurrences := 0
	for r := range rounds {
		// Round r's class starts at base + r·90 min for an hour, weekly,
		// three times; the booking covers the second half of date k and
		// the half hour after it, ending where round r+1 begins.
		start := base.Add(time.Duration(r) * 90 * time.Minute)
		policy := []string{"reject", "skip"}[r%2]
		k := r % weeks
		date := start.AddDate(0, 0, 7*k)
		series := fmt.Sprintf(`{"team":"e2e-class","room":"activity","title":"周课 class %d","start":%q,"end":%q,"rrule":"FREQ=WEEKLY;COUNT=%d","on_conflict":%q}`,
			r, start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339), weeks, policy)
		book := bookingBody("activity", date.Add(30*time.Minute), date.Add(90*time.Minute), fmt.Sprintf("抢课 race %d", r))
		// The series tends to reach the writer first; holding it back by
		// 0-3 ms in turn lets the booking win some rounds of each policy.
		lag := time.Duration(r/2%4) * time.Millisecond
		var sr, br reply
		var serr, berr error
		gate := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			<-gate
			time.Sleep(lag)
			sr, serr = call(context.Background(), "POST", a.base+"/api/v1/series", leader.token, series)
		}()
		go func() {
			defer wg.Done()
			<-gate
			br, berr = call(context.Background(), "POST", b.base+"/api/v1/bookings", admin, book)
		}()
		close(gate)
		wg.Wait()
		if serr != nil || berr != nil {
			t.Fatalf("round %d: series %v, booking %v", r, serr, berr)
		}
		what := fmt.Sprintf("round %d (%s, date %d at %s): series through A %s; booking through B %s",
			r, policy, k, date.Format(time.RFC3339), sr, br)
		switch policy {
		case "reject":
			switch {
			case sr.status == 201 && br.status == 409:
				wins[policy+": series"]++
				wantOccurrences += weeks
				if !strings.Contains(string(br.body), `"kind":"series"`) {
					t.Fatalf("%s: the booking's 409 does not name the class", what)
				}
			case sr.status == 409 && br.status == 201:
				wins[policy+": booking"]++
				wantOccurrences++
				if !strings.Contains(string(sr.body), bookingID(br)) {
					t.Fatalf("%s: the series' 409 does not name the booking", what)
				}
			default:
				t.Fatalf("%s: want exactly one 201 and the other 409", what)
			}
		case "skip":
			if sr.status != 201 {
				t.Fatalf("%s: with on_conflict skip the series must be created", what)
			}
			skipped, _ := sr.json()["skipped"].([]any)
			switch {
			case br.status == 201:
				wins[policy+": booking"]++
				var at time.Time
				if len(skipped) == 1 {
					at, _ = time.Parse(time.RFC3339, fmt.Sprint(skipped[0]))
				}
				if !at.Equal(date) {
					t.Fatalf("%s: the booking won, so the series must skip exactly date %d", what, k)
				}
			case br.status == 409:
				wins[policy+": series"]++
				if len(skipped) != 0 {
					t.Fatalf("%s: the booking lost, yet the series skipped %v", what, skipped)
				}
			default:
				t.Fatalf("%s: the booking must answer 201 or 409", what)
			}
			wantOccurrences += weeks
		}
	}
	t.Logf("wins over %d rounds: %v", rounds, wins)

	// Everything in the room, read through C (which took part in none of
	// the races), from before the first class to after the last date.
	from, to := base.Add(-time.Hour), base.AddDate(0, 0, 7*weeks+3)
	r := must(t, "GET", fmt.Sprintf("%s/api/v1/occurrences?room=activity&from=%s&to=%s", c.base,
		from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339)), admin, "", 200)
	occ, _ := r.json()["occurrences"].([]any)
	type span struct {
		kind, id   string
		start, end time.Time
	}
	var spans []span
	for _, o := range occ {
		m := o.(map[string]any)
		s, err1 := time.Parse(time.RFC3339, fmt.Sprint(m["start"]))
		e, err2 := time.Parse(time.RFC3339, fmt.Sprint(m["end"]))
		if err1 != nil || err2 != nil {
			t.Fatalf("occurrence with unreadable times: %v", m)
		}
		spans = append(spans, span{fmt.Sprint(m["kind"]), fmt.Sprint(m["id"]), s, e})
	}
	for i := range spans {
		for j := i + 1; j < len(spans); j++ {
			if p, q := spans[i], spans[j]; p.start.Before(q.end) && q.start.Before(p.end) {
				t.Errorf("overlap in the activity room: %s %s %s-%s and %s %s %s-%s", p.kind, p.id, p.start, p.end, q.kind, q.id, q.start, q.end)
			}
		}
	}
	if len(spans) != wantOccurrences {
		t.Errorf("the activity room holds %d occurrences through C, but the answers add up to %d", len(spans), wantOccurrences)
	}
	noOverlaps(t, db)
}

// feedAt reads a feed; the ETag and the exact bytes are what is compared.
func feedAt(t *testing.T, in *instance, path string, hdr ...string) reply {
	t.Helper()
	r, err := call(context.Background(), "GET", in.base+path, "", "", hdr...)
	if err != nil || r.status != 200 {
		t.Fatalf("GET %s through %s: %v %v", path, in.name, r, err)
	}
	if r.header.Get("ETag") == "" {
		t.Fatalf("GET %s through %s: no ETag", path, in.name)
	}
	return r
}

// sameFeed fails unless every instance serves path with the same bytes
// and ETag, and returns that answer.
func sameFeed(t *testing.T, insts []*instance, path, when string) reply {
	t.Helper()
	first := feedAt(t, insts[0], path)
	for _, in := range insts[1:] {
		r := feedAt(t, in, path)
		if r.header.Get("ETag") != first.header.Get("ETag") || string(r.body) != string(first.body) {
			t.Fatalf("%s: %s through %s is ETag %s, %d bytes; through %s ETag %s, %d bytes",
				when, path, insts[0].name, first.header.Get("ETag"), len(first.body), in.name, r.header.Get("ETag"), len(r.body))
		}
	}
	return first
}

// TestInstancesFeedsFollowChanges reads a room feed through all three
// instances (so each has it cached), books through A, and at once reads
// it through B and C: a new ETag, the new event there, and the same bytes
// and ETag from A, B and C. A conditional GET with the old ETag must not
// answer 304. Then the booking is cancelled through C, and A and B drop
// it at once.
func TestInstancesFeedsFollowChanges(t *testing.T) {
	addr := pgtest.URL(t)
	insts := startInstances(t, addr, 3, "none")
	a, b, c := insts[0], insts[1], insts[2]
	admin := loginAt(t, a, "admin", multiAdminPass)
	const feed = "/calendar/rooms/library.ics"

	before := sameFeed(t, insts, feed, "before any booking")
	old := before.header.Get("ETag")
	if r := feedAt(t, b, feed); r.header.Get("ETag") != old { // B answers from its cache now
		t.Fatalf("B's feed changed by itself: %s then %s", old, r.header.Get("ETag"))
	}
	start := siteDay(t, 3).Add(15 * time.Hour)
	id := bookingID(must(t, "POST", a.base+"/api/v1/bookings", admin, bookingBody("library", start, start.Add(time.Hour), "订阅 feed"), 201))
	uid := "UID:" + id + "@"

	// At once: no wait, no retry.
	for _, in := range []*instance{b, c} {
		r := feedAt(t, in, feed)
		if r.header.Get("ETag") == old {
			t.Errorf("right after a booking through A, %s still serves the room feed with its old ETag %s", in.name, old)
		}
		if !strings.Contains(string(r.body), uid) {
			t.Errorf("right after a booking through A, %s's room feed lacks it (%s)", in.name, uid)
		}
	}
	if r, err := call(context.Background(), "GET", b.base+feed, "", "", "If-None-Match", old); err != nil || r.status != 200 {
		t.Errorf("B answers a conditional GET with the ETag from before the booking: %v %v, want 200 with the new feed", r, err)
	}
	if t.Failed() {
		t.FailNow()
	}
	after := sameFeed(t, insts, feed, "after the booking")
	if after.header.Get("ETag") == old || !strings.Contains(string(after.body), uid) {
		t.Fatalf("after the booking, the feed all three serve is the old one")
	}

	must(t, "DELETE", c.base+"/api/v1/bookings/"+id, admin, "", 204)
	for _, in := range []*instance{a, b} {
		r := feedAt(t, in, feed)
		if r.header.Get("ETag") == after.header.Get("ETag") || strings.Contains(string(r.body), uid) {
			t.Errorf("right after the booking was cancelled through C, %s's room feed still holds it (ETag %s)", in.name, r.header.Get("ETag"))
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	sameFeed(t, insts, feed, "after the cancellation")
}

// TestInstancesRevokedTokenFails logs a resident in, uses the token on
// A, B and C, then ends it through A: by logging out, by staff disabling
// the account, or by staff setting a new password. At once A refuses the
// token, and B and C must refuse it (401) within a second.
func TestInstancesRevokedTokenFails(t *testing.T) {
	addr := pgtest.URL(t)
	insts := startInstances(t, addr, 3, "none")
	a := insts[0]
	admin := loginAt(t, a, "admin", multiAdminPass)
	users := makeAccounts(t, insts, admin, "revoke", "resident", 3)
	revocations := []struct {
		name   string
		revoke func(u account) reply
	}{
		{"logout", func(u account) reply {
			return must(t, "POST", a.base+"/api/v1/auth/logout", u.token, "", 204)
		}},
		{"disable", func(u account) reply {
			return must(t, "PATCH", a.base+"/api/v1/users/"+u.id, admin, `{"disabled":true}`, 200)
		}},
		{"password", func(u account) reply {
			return must(t, "POST", a.base+"/api/v1/users/"+u.id+"/password", admin, `{"password":"another-pass-2"}`, 204)
		}},
	}
	for i, rv := range revocations {
		t.Run(rv.name, func(t *testing.T) {
			u := users[i]
			for _, in := range insts {
				must(t, "GET", in.base+"/api/v1/me", u.token, "", 200)
			}
			rv.revoke(u)
			revoked := time.Now()
			must(t, "GET", a.base+"/api/v1/me", u.token, "", 401)
			var wg sync.WaitGroup
			for _, in := range insts[1:] {
				wg.Add(1)
				go func() {
					defer wg.Done()
					last := "no answer"
					for {
						r, err := call(context.Background(), "GET", in.base+"/api/v1/me", u.token, "")
						switch {
						case err != nil:
							last = err.Error()
						case r.status == 401:
							t.Logf("%s refuses the token %v after the %s through A", in.name, time.Since(revoked).Round(time.Millisecond), rv.name)
							return
						default:
							last = r.String()
						}
						if time.Since(revoked) > time.Second {
							t.Errorf("%s still accepts the token a second after the %s through A: %s", in.name, rv.name, last)
							return
						}
						time.Sleep(20 * time.Millisecond)
					}
				}()
			}
			wg.Wait()
		})
	}
}

// TestInstancesSurviveKill books distinct slots from 12 clients through
// all three instances, SIGKILLs B in the middle, and keeps going: A and C
// must go on answering 201 after the kill, and every booking any of the
// three acknowledged, B's included, must be there, read through A.
func TestInstancesSurviveKill(t *testing.T) {
	addr := pgtest.URL(t)
	insts := startInstances(t, addr, 3, "none")
	a, b := insts[0], insts[1]
	db := openStore(t, addr)
	admin := loginAt(t, a, "admin", multiAdminPass)

	rooms := []string{"activity", "library", "calligraphy"} // no quiet hours, no approval
	base := siteDay(t, 2)
	var next atomic.Int64
	type ack struct {
		id   string
		inst int
		sent time.Time
	}
	var mu sync.Mutex
	var acks []ack
	var failures []string // answers other than 201 from A and C
	var killedAt atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	const clients = 12
	for cl := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := cl % len(insts)
			for ctx.Err() == nil {
				n := next.Add(1) - 1
				start := base.Add(time.Duration(n/int64(len(rooms))) * 30 * time.Minute)
				body := bookingBody(rooms[n%int64(len(rooms))], start, start.Add(30*time.Minute), fmt.Sprintf("负载 load %d", n))
				sent := time.Now()
				r, err := call(ctx, "POST", insts[in].base+"/api/v1/bookings", admin, body)
				if ctx.Err() != nil {
					return
				}
				switch {
				case err == nil && r.status == 201:
					mu.Lock()
					acks = append(acks, ack{bookingID(r), in, sent})
					mu.Unlock()
				case in == 1 && killedAt.Load() != 0:
					time.Sleep(10 * time.Millisecond) // B is gone; its clients fail fast
				default:
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%s: %v %v", insts[in].name, r, err))
					mu.Unlock()
				}
			}
		}()
	}
	// counts gives the 201s per instance, and those of requests sent
	// after the kill.
	counts := func() (all, afterKill [3]int) {
		mu.Lock()
		defer mu.Unlock()
		k := killedAt.Load()
		for _, x := range acks {
			all[x.inst]++
			if k != 0 && x.sent.UnixNano() > k {
				afterKill[x.inst]++
			}
		}
		return
	}
	waitFor := func(what string, ok func() bool) {
		deadline := time.Now().Add(20 * time.Second)
		for !ok() {
			if time.Now().After(deadline) {
				cancel()
				wg.Wait()
				all, after := counts()
				t.Fatalf("%s: not within 20s (201s by A, B, C: %v; after the kill: %v; failures: %.5q)", what, all, after, failures)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("each instance acknowledging 30 bookings", func() bool { all, _ := counts(); return min(all[0], all[1], all[2]) >= 30 })
	killedAt.Store(time.Now().UnixNano())
	if err := b.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-b.done
	waitFor("A and C acknowledging 30 bookings each after B's kill", func() bool { _, after := counts(); return min(after[0], after[2]) >= 30 })
	cancel()
	wg.Wait()
	if ws, ok := b.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("B did not die of SIGKILL: %v", b.cmd.ProcessState)
	}
	if len(failures) > 0 {
		t.Fatalf("%d requests to A or C (or to B before the kill) failed, first: %.3q", len(failures), failures)
	}
	all, after := counts()
	t.Logf("201s by A, B, C: %v; sent after the kill: %v", all, after)

	// Every acknowledged booking, read through A.
	var missing []string
	var mwg sync.WaitGroup
	var mmu sync.Mutex
	work := make(chan ack)
	for range 4 {
		mwg.Add(1)
		go func() {
			defer mwg.Done()
			for x := range work {
				r, err := call(context.Background(), "GET", a.base+"/api/v1/bookings/"+x.id, admin, "")
				b, _ := r.json()["booking"].(map[string]any)
				if err != nil || r.status != 200 || b["status"] != "confirmed" {
					mmu.Lock()
					missing = append(missing, fmt.Sprintf("%s (acknowledged by %s): %v %v", x.id, insts[x.inst].name, r, err))
					mmu.Unlock()
				}
			}
		}()
	}
	for _, x := range acks {
		work <- x
	}
	close(work)
	mwg.Wait()
	if len(missing) > 0 {
		t.Fatalf("%d acknowledged bookings missing through A, first: %.3q", len(missing), missing)
	}
	ids := map[string]bool{}
	for _, x := range acks {
		ids[x.id] = true
	}
	if len(ids) != len(acks) {
		t.Fatalf("%d acknowledgements name only %d distinct bookings", len(acks), len(ids))
	}
	if held := heldCount(t, db); held < len(acks) {
		t.Fatalf("the database holds %d bookings, fewer than the %d acknowledged", held, len(acks))
	}
	noOverlaps(t, db)
}

// TestInstancesHolidayChangeReachesBookings: making a day off an ordinary
// day through A brings back the dates that skip_holidays classes left out
// on it; a booking of such a date through B must then be refused, as it
// is on A. B builds those dates from its holiday cache, so this is what
// fails when B's cache does not follow a change made by another instance
// (one instance's writes are ordered against its holiday changes by its
// write gate, in memory only). First one date in turn, then ten rounds
// racing the change through A against the booking through B: never both.
// Afterwards, read through C, nothing in the room overlaps.
func TestInstancesHolidayChangeReachesBookings(t *testing.T) {
	addr := pgtest.URL(t)
	insts := startInstances(t, addr, 3, "none")
	a, b, c := insts[0], insts[1], insts[2]
	admin := loginAt(t, a, "admin", multiAdminPass)
	must(t, "POST", a.base+"/api/v1/teams", admin, `{"id":"hol-team","name":"假日队","name_en":"Holiday team"}`, 201)

	const rounds = 11
	first := siteDay(t, 3)
	type round struct{ day, start time.Time }
	var rs []round
	for r := range rounds {
		// Round r: a day off, and a class on it at 08:00+r h, weekly, twice,
		// skipping days off: its first date is left out.
		day := first.AddDate(0, 0, r)
		start := day.Add(time.Duration(8+r) * time.Hour)
		rs = append(rs, round{day, start})
		must(t, "POST", a.base+"/api/v1/holidays", admin, fmt.Sprintf(`{"date":%q,"name":"休息日 Day off","work":false}`, day.Format("2006-01-02")), 201)
		must(t, "POST", a.base+"/api/v1/series", admin, fmt.Sprintf(`{"team":"hol-team","room":"library","title":"假日课 class %d","start":%q,"end":%q,"rrule":"FREQ=WEEKLY;COUNT=2","skip_holidays":true}`,
			r, start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339)), 201)
	}
	// B has read the holidays and booked (its caches are warm) before any
	// change; the day off hides round 0's date on B too.
	warm := first.AddDate(0, 0, 20).Add(8 * time.Hour)
	must(t, "POST", b.base+"/api/v1/bookings", admin, bookingBody("activity", warm, warm.Add(time.Hour), "预热 warm"), 201)
	occ := fmt.Sprintf("/api/v1/occurrences?room=library&from=%s&to=%s", rs[0].day.UTC().Format(time.RFC3339), rs[0].day.AddDate(0, 0, 1).UTC().Format(time.RFC3339))
	if r := must(t, "GET", b.base+occ, admin, "", 200); strings.Contains(string(r.body), `"kind":"series"`) {
		t.Fatalf("B lists round 0's class on its day off: %s", r)
	}

	// One change, then the booking.
	book := func(r int) string {
		s := rs[r].start.Add(30 * time.Minute)
		return bookingBody("library", s, s.Add(time.Hour), fmt.Sprintf("假日预约 holiday %d", r))
	}
	must(t, "DELETE", a.base+"/api/v1/holidays/"+rs[0].day.Format("2006-01-02"), admin, "", 204)
	if r := must(t, "GET", b.base+occ, admin, "", 200); !strings.Contains(string(r.body), `"kind":"series"`) {
		t.Errorf("right after the day off was removed through A, B does not list the class date it brings back: %s", r)
	}
	if r, err := call(context.Background(), "POST", b.base+"/api/v1/bookings", admin, book(0)); err != nil || r.status != 409 {
		t.Errorf("after the day off was removed through A, B books the class date it brought back: %v %v, want 409", r, err)
	}

	// The change racing the booking.
	wins := map[string]int{}
	for r := 1; r < rounds; r++ {
		lag := time.Duration(r%4) * time.Millisecond
		var hr, br reply
		var herr, berr error
		gate := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			<-gate
			time.Sleep(lag)
			hr, herr = call(context.Background(), "DELETE", a.base+"/api/v1/holidays/"+rs[r].day.Format("2006-01-02"), admin, "")
		}()
		go func() {
			defer wg.Done()
			<-gate
			br, berr = call(context.Background(), "POST", b.base+"/api/v1/bookings", admin, book(r))
		}()
		close(gate)
		wg.Wait()
		if herr != nil || berr != nil {
			t.Fatalf("round %d: holiday %v, booking %v", r, herr, berr)
		}
		switch {
		case hr.status == 204 && br.status == 409:
			wins["holiday change"]++
		case hr.status == 409 && br.status == 201:
			wins["booking"]++
		default:
			t.Errorf("round %d: removing the day off through A %s; booking its class date through B %s: want exactly one to succeed", r, hr, br)
		}
	}
	t.Logf("wins over %d racing rounds: %v", rounds-1, wins)

	// Everything in the library, read through C.
	from, to := first.Add(-time.Hour), first.AddDate(0, 0, rounds+8)
	r := must(t, "GET", fmt.Sprintf("%s/api/v1/occurrences?room=library&from=%s&to=%s", c.base,
		from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339)), admin, "", 200)
	list, _ := r.json()["occurrences"].([]any)
	type span struct {
		what       string
		start, end time.Time
	}
	var spans []span
	for _, o := range list {
		m := o.(map[string]any)
		s, _ := time.Parse(time.RFC3339, fmt.Sprint(m["start"]))
		e, _ := time.Parse(time.RFC3339, fmt.Sprint(m["end"]))
		spans = append(spans, span{fmt.Sprint(m["kind"], " ", m["title"]), s, e})
	}
	for i := range spans {
		for j := i + 1; j < len(spans); j++ {
			if p, q := spans[i], spans[j]; p.start.Before(q.end) && q.start.Before(p.end) {
				t.Errorf("overlap in the library: %s %s-%s and %s %s-%s", p.what, p.start, p.end, q.what, q.start, q.end)
			}
		}
	}
}
