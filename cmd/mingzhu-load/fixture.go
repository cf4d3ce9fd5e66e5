package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sync"
	"time"
)

// feedPath is a room's public iCalendar feed.
func feedPath(room string) string { return "/calendar/rooms/" + url.PathEscape(room) + ".ics" }

// occurrencesPath lists a room's occurrences in [from, to). The offset's
// "+" must be escaped or the server reads it as a space.
func occurrencesPath(room string, from, to time.Time) string {
	q := url.Values{"room": {room}, "from": {from.Format(time.RFC3339)}, "to": {to.Format(time.RFC3339)}}
	return "/api/v1/occurrences?" + q.Encode()
}

// probeFeeds learns each room's feed ETag. Feeds may not be built yet: a 404
// (or any other answer) turns the feed ops off with a note rather than
// filling the report with errors.
func (fx *fixture) probeFeeds(ctx context.Context, api *API) {
	var buf bytes.Buffer
	for _, r := range fx.rooms {
		res := api.send(ctx, call{method: "GET", path: feedPath(r.ID)}, &buf)
		switch {
		case res.err != nil:
			fx.notes = append(fx.notes, fmt.Sprintf("feed probe failed (%v): feed endpoints skipped", res.err))
			return
		case res.status == 404:
			fx.notes = append(fx.notes, "GET /calendar/rooms/"+r.ID+".ics answered 404 (feeds not built yet?): feed endpoints skipped")
			return
		case res.status != 200:
			fx.notes = append(fx.notes, fmt.Sprintf("GET %s answered %d: feed endpoints skipped", feedPath(r.ID), res.status))
			return
		}
		fx.etags[r.ID] = res.header.Get("ETag")
		fx.feedBytes[r.ID] = len(res.body)
	}
	fx.feeds = true
	for room, tag := range fx.etags {
		if tag == "" {
			fx.notes = append(fx.notes, "feed of "+room+" has no ETag: feed-304 skipped")
			fx.etags = map[string]string{}
			return
		}
	}
}

// seed books three evening hours per room per day of the read week, so the
// occurrence reads and feeds return real data. Each 201 is verified later
// like any other.
func (fx *fixture) seed(ctx context.Context, api *API) {
	type job struct {
		room  string
		start time.Time
		end   time.Time
		owner *user
	}
	var jobs []job
	for d := range readDays {
		for _, r := range fx.rooms {
			for k := range seedPerDay {
				s, e := seedSlot(fx.day0, d, k)
				jobs = append(jobs, job{r.ID, s, e, fx.users[len(jobs)%len(fx.users)]})
			}
		}
	}
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, setupParallel)
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var out struct {
				Booking Booking `json:"booking"`
			}
			in := bookingRequest{Room: j.room, Start: j.start, End: j.end, Title: "压测 seed " + fx.runID, Attendees: 1}
			_, err := retrying(ctx, func() (int, error) {
				return api.doJSON(ctx, "POST", "/api/v1/bookings", j.owner.Token, in, &out, 201)
			})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			fx.seeded = append(fx.seeded, created{ID: out.Booking.ID, Room: j.room, Start: j.start, End: j.end, Owner: j.owner})
		})
	}
	wg.Wait()
	fx.counts.BookingsSeeded = len(fx.seeded)
	if firstErr != nil {
		fx.notes = append(fx.notes, fmt.Sprintf("%d of %d seed bookings failed, first: %v", len(jobs)-len(fx.seeded), len(jobs), firstErr))
	}
}

// seriesBody is the dry-run the series op sends: a weekly rule on the race
// hours, so the server checks each occurrence against live bookings.
func (fx *fixture) seriesBody(room string) []byte {
	s, e := raceSlot(fx.day0, 0, 0)
	b, _ := json.Marshal(seriesRequest{
		Team: fx.team, Room: room, Title: "压测 series " + fx.runID,
		Start: s, End: e, RRule: "FREQ=WEEKLY;COUNT=8", OnConflict: "reject", DryRun: true,
	})
	return b
}

// setupSeries creates a leader and a team (as admin) and probes a series
// dry-run; the series op runs only if the probe is answered 200 or 409.
func (fx *fixture) setupSeries(ctx context.Context, api *API) {
	if fx.adminTok == "" {
		return
	}
	leader := &user{Username: "loadlead_" + fx.runID, Password: "pw-" + randomHex(8), Name: "压测领队 " + fx.runID}
	in := map[string]string{"username": leader.Username, "password": leader.Password, "name": leader.Name, "role": "leader"}
	if _, err := api.doJSON(ctx, "POST", "/api/v1/users", fx.adminTok, in, nil, 201); err != nil {
		fx.notes = append(fx.notes, fmt.Sprintf("leader not created (series dry-run skipped): %v", err))
		return
	}
	fx.counts.LeadersCreated++
	team := map[string]any{"id": "load-" + fx.runID, "name": "压测队 " + fx.runID, "name_en": "Load test team " + fx.runID, "leaders": []string{leader.Username}}
	if _, err := api.doJSON(ctx, "POST", "/api/v1/teams", fx.adminTok, team, nil, 201); err != nil {
		fx.notes = append(fx.notes, fmt.Sprintf("team not created (series dry-run skipped): %v", err))
		return
	}
	fx.counts.TeamsCreated++
	fx.team = "load-" + fx.runID
	if err := login(ctx, api, leader); err != nil {
		fx.notes = append(fx.notes, fmt.Sprintf("leader login failed (series dry-run skipped): %v", err))
		return
	}
	var buf bytes.Buffer
	res := api.send(ctx, call{method: "POST", path: "/api/v1/series", token: leader.Token, body: fx.seriesBody(fx.rooms[0].ID)}, &buf)
	if res.err != nil || (res.status != 200 && res.status != 409) {
		fx.notes = append(fx.notes, fmt.Sprintf("series dry-run probe answered %d %v %s: series skipped", res.status, res.err, truncate(string(res.body), 200)))
		return
	}
	fx.leader = leader
	fx.series = true
}
