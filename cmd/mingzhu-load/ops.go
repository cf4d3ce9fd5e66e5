package main

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"time"
)

// Endpoint names as the report shows them.
const (
	epOccurrences = "GET occurrences (week)"
	epFeed        = "GET room feed .ics"
	epFeedGz      = "GET room feed .ics, gzip"
	epFeed304     = "GET room feed If-None-Match"
	epBook        = "POST bookings"
	epSeries      = "POST series dry_run"
	epCeiling     = "GET gin ceiling"
)

// buildOps returns the weighted ops of a mix; optional endpoints the server
// did not answer at setup are left out (setup left a note).
func buildOps(mix string, fx *fixture, roll time.Duration) []op {
	occ := occurrencesOp(fx)
	var ops []op
	switch mix {
	case "read":
		ops = append(ops, withWeight(occ, 5))
		if fx.feeds {
			ops = append(ops, withWeight(feedOp(fx, false), 2))
			if len(fx.etags) > 0 {
				ops = append(ops, withWeight(feed304Op(fx), 3))
			}
		}
	case "occurrences": // one endpoint alone, to set beside the ceiling
		ops = append(ops, withWeight(occ, 1))
	case "feed", "feed-gz":
		if fx.feeds {
			ops = append(ops, withWeight(feedOp(fx, mix == "feed-gz"), 1))
		}
	case "feed304":
		if fx.feeds && len(fx.etags) > 0 {
			ops = append(ops, withWeight(feed304Op(fx), 1))
		}
	case "pages":
		if fx.page != nil {
			ops = append(ops, withWeight(pageOp(fx.page.Path), 1))
		}
	case "book":
		ops = append(ops, withWeight(bookOp(fx, roll), 1))
	case "mixed":
		ops = append(ops, withWeight(bookOp(fx, roll), 8), withWeight(occ, 6))
		if fx.feeds {
			ops = append(ops, withWeight(feedOp(fx, false), 2))
			if len(fx.etags) > 0 {
				ops = append(ops, withWeight(feed304Op(fx), 3))
			}
		}
		if fx.series {
			ops = append(ops, withWeight(seriesOp(fx), 1))
		}
	}
	return ops
}

func withWeight(o op, w int) op { o.weight = w; return o }

func (fx *fixture) randomRoom() Room { return fx.rooms[rand.IntN(len(fx.rooms))] }

// feedRoom is the room a feed op reads: the feed mixes' one room, else any.
func (fx *fixture) feedRoom() string {
	if fx.feed != nil {
		return fx.feed.Room
	}
	return fx.randomRoom().ID
}

// occurrencesOp reads one room's occurrences for the read week.
func occurrencesOp(fx *fixture) op {
	paths := make([]string, len(fx.rooms))
	for i, r := range fx.rooms {
		paths[i] = occurrencesPath(r.ID, fx.day0, fx.day0.AddDate(0, 0, readDays))
	}
	return op{name: epOccurrences, expect: []int{200}, run: func(ctx context.Context, w *worker) result {
		return w.api.send(ctx, call{method: "GET", path: paths[rand.IntN(len(paths))], token: w.user.Token}, &w.buf)
	}}
}

// feedOp fetches a whole room feed, as a calendar client's first poll would;
// with gz it asks for gzip, as most calendar clients do.
func feedOp(fx *fixture, gz bool) op {
	name, enc := epFeed, ""
	if gz {
		name, enc = epFeedGz, "gzip"
	}
	return op{name: name, expect: []int{200}, run: func(ctx context.Context, w *worker) result {
		room := fx.feedRoom()
		r := w.api.send(ctx, call{method: "GET", path: feedPath(room), acceptEncoding: enc}, &w.buf)
		if r.status == 200 {
			w.etags[room] = r.header.Get("ETag")
		}
		return r
	}}
}

// feed304Op polls a feed with the last ETag seen, as a subscribed client
// does. 304 is the point; 200 is also right when bookings changed the feed
// since (the mixed mix writes while it reads), and then the new ETag is kept.
func feed304Op(fx *fixture) op {
	return op{name: epFeed304, expect: []int{304, 200}, run: func(ctx context.Context, w *worker) result {
		room := fx.feedRoom()
		tag, ok := w.etags[room]
		if !ok {
			tag = fx.etags[room]
		}
		r := w.api.send(ctx, call{method: "GET", path: feedPath(room), ifNoneMatch: tag}, &w.buf)
		if r.status == 200 {
			w.etags[room] = r.header.Get("ETag")
		}
		return r
	}}
}

// bookOp races for one of the few candidate slots of the current race day.
// 201 and 409 are both right answers; each 201 is kept for the final check.
func bookOp(fx *fixture, roll time.Duration) op {
	title := "压测 race " + fx.runID
	return op{name: epBook, expect: []int{201, 409}, run: func(ctx context.Context, w *worker) result {
		room := fx.randomRoom()
		s, e := raceSlot(fx.day0, raceDay(w.elapsed(), roll), rand.IntN(raceStarts))
		body, _ := json.Marshal(bookingRequest{Room: room.ID, Start: s, End: e, Title: title, Attendees: 1 + rand.IntN(max(1, min(room.Capacity, 4)))})
		r := w.api.send(ctx, call{method: "POST", path: "/api/v1/bookings", token: w.user.Token, body: body}, &w.buf)
		if r.status == 201 {
			var out struct {
				Booking Booking `json:"booking"`
			}
			id := ID("")
			if json.Unmarshal(r.body, &out) == nil {
				id = out.Booking.ID
			}
			w.created = append(w.created, created{ID: id, Room: room.ID, Start: s, End: e, Owner: w.user})
			w.phase.prog.booked.Add(1)
		}
		return r
	}}
}

// seriesOp asks for a dry-run conflict check of a weekly series over the
// race hours: the costliest read the server does per request.
func seriesOp(fx *fixture) op {
	bodies := make([][]byte, len(fx.rooms))
	for i, r := range fx.rooms {
		bodies[i] = fx.seriesBody(r.ID)
	}
	return op{name: epSeries, expect: []int{200, 409}, run: func(ctx context.Context, w *worker) result {
		return w.api.send(ctx, call{method: "POST", path: "/api/v1/series", token: fx.leader.Token, body: bodies[rand.IntN(len(bodies))]}, &w.buf)
	}}
}
