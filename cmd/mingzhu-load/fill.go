package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"
)

// FeedProbe is the room the feed mixes read and the size of its feed.
type FeedProbe struct {
	Room      string `json:"room"`
	Bytes     int    `json:"bytes"`
	GzipBytes int    `json:"gzip_bytes"` // 0 when the server sent it plain to a gzip client
	Filled    int    `json:"filled"`     // bookings -fill added to it
}

// fillHours are the hours a -fill booking may start at: all but the seed
// hours of the read week's evenings, so 21 a day.
var fillHours = slices.DeleteFunc(seq(24), func(h int) bool { return h >= seedFirstHour && h < seedFirstHour+seedPerDay })

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// fillRoom is the room -fill books into: the activity room, the centre's
// busiest, when there is one.
func (fx *fixture) fillRoom() string {
	for _, r := range fx.rooms {
		if r.ID == "activity" {
			return r.ID
		}
	}
	return fx.rooms[0].ID
}

// fill books n one-hour slots into one room, on the days after the read
// week, so its feed is as big as a busy room's. Slots that clash with the
// room's classes are refused (409) and skipped. Every 201 is verified like
// the seed bookings, and fx.fillDays widens the verified window to them.
func (fx *fixture) fill(ctx context.Context, api *API, n int) {
	room := fx.fillRoom()
	var mu sync.Mutex
	done := sync.NewCond(&mu) // a request ended
	var firstErr error
	var made []created
	pending := 0 // at most setupParallel, and never more than n still needs
	var wg sync.WaitGroup
	for i := 0; ctx.Err() == nil; i++ {
		d, h := readDays+i/len(fillHours), fillHours[i%len(fillHours)]
		mu.Lock()
		for pending > 0 && (pending >= setupParallel || len(made)+pending >= n) {
			done.Wait()
		}
		stop := len(made) >= n || firstErr != nil || d >= maxWindowDays
		if !stop {
			pending++
		}
		mu.Unlock()
		if stop {
			break
		}
		wg.Go(func() {
			s := fx.day0.AddDate(0, 0, d).Add(time.Duration(h) * time.Hour)
			owner := fx.users[i%len(fx.users)]
			var out struct {
				Booking Booking `json:"booking"`
			}
			in := bookingRequest{Room: room, Start: s, End: s.Add(time.Hour), Title: "压测 fill " + fx.runID, Attendees: 1}
			st, err := retrying(ctx, func() (int, error) {
				return api.doJSON(ctx, "POST", "/api/v1/bookings", owner.Token, in, &out, 201, 409)
			})
			mu.Lock()
			defer mu.Unlock()
			pending--
			done.Signal()
			switch {
			case err != nil && firstErr == nil:
				firstErr = err
			case err == nil && st == 201:
				made = append(made, created{ID: out.Booking.ID, Room: room, Start: s, End: s.Add(time.Hour), Owner: owner})
				fx.fillDays = max(fx.fillDays, d+1)
			}
		})
	}
	wg.Wait()
	fx.seeded = append(fx.seeded, made...)
	fx.counts.BookingsSeeded += len(made)
	fx.feed = &FeedProbe{Room: room, Filled: len(made)}
	if firstErr != nil || len(made) < n {
		fx.notes = append(fx.notes, fmt.Sprintf("-fill: %d of %d bookings made in %s (error: %v)", len(made), n, room, firstErr))
	}
}

// pickFeedRoom chooses the room the feed mixes read: the filled one, else
// the one with the biggest feed; it notes both sizes, and checks that a
// gzip answer, if the server gives one, decodes to the plain feed.
func (fx *fixture) pickFeedRoom(ctx context.Context, api *API) {
	if fx.feed == nil {
		fx.feed = &FeedProbe{}
		for _, r := range fx.rooms {
			if fx.feed.Room == "" || fx.feedBytes[r.ID] > fx.feedBytes[fx.feed.Room] {
				fx.feed.Room = r.ID
			}
		}
	}
	var pb, zb bytes.Buffer
	p := api.send(ctx, call{method: "GET", path: feedPath(fx.feed.Room)}, &pb)
	z := api.send(ctx, call{method: "GET", path: feedPath(fx.feed.Room), acceptEncoding: "gzip"}, &zb)
	if p.err != nil || z.err != nil || p.status != 200 || z.status != 200 {
		fx.notes = append(fx.notes, fmt.Sprintf("feed probe of %s: %d %v / %d %v", fx.feed.Room, p.status, p.err, z.status, z.err))
		return
	}
	fx.feed.Bytes = len(p.body)
	if z.header.Get("Content-Encoding") != "gzip" {
		fx.notes = append(fx.notes, "the server sent the feed plain to a gzip client")
		return
	}
	fx.feed.GzipBytes = len(z.body)
	if plain, err := gunzip(z.body); err != nil || !bytes.Equal(plain, p.body) {
		fx.notes = append(fx.notes, fmt.Sprintf("PROBLEM: the gzip feed does not decode to the plain one (%v)", err))
	}
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
