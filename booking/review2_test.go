package booking_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
)

// TestReview2ImportOvertakenByPatch: rivals the first review did not try —
// a PATCH that opens a new part on a class date, a PATCH that brings a
// series from another room, and a move from another room into the import's
// room — committed between the import's plan and its write. Nothing may
// overlap, whatever the policy.
func TestReview2ImportOvertakenByPatch(t *testing.T) {
	tests := []struct {
		name  string
		rival func(e *planEnv) func()
	}{
		{"patch time onto a class date", func(e *planEnv) func() {
			return func() {
				st, en := at(2026, 12, 29, 9, 0), at(2026, 12, 29, 10, 0)
				if _, err := e.svc.PatchSeries(context.Background(), e.admin, e.danceW, booking.SeriesPatch{Start: &st, End: &en}); err != nil {
					e.t.Fatal(err)
				}
			}
		}},
		{"patch room into the import's room", func(e *planEnv) func() {
			res, err := e.svc.CreateSeries(context.Background(), e.admin, booking.NewSeries{Team: "dance", Room: "library",
				Title: "舞2", Start: at(2026, 12, 29, 9, 0), End: at(2026, 12, 29, 10, 0), RRule: "FREQ=WEEKLY;COUNT=2"})
			if err != nil {
				e.t.Fatal(err)
			}
			return func() {
				room := "activity"
				if _, err := e.svc.PatchSeries(context.Background(), e.admin, res.Series.ID, booking.SeriesPatch{Room: &room}); err != nil {
					e.t.Fatal(err)
				}
			}
		}},
		{"move from another room", func(e *planEnv) func() {
			res, err := e.svc.CreateSeries(context.Background(), e.admin, booking.NewSeries{Team: "dance", Room: "library",
				Title: "舞3", Start: at(2026, 12, 30, 9, 0), End: at(2026, 12, 30, 10, 0), RRule: "FREQ=WEEKLY;COUNT=2"})
			if err != nil {
				e.t.Fatal(err)
			}
			return func() {
				_, err := e.svc.AddException(context.Background(), e.admin, res.Series.ID, booking.ExceptionRequest{
					Occurrence: at(2026, 12, 30, 9, 0), Action: booking.ActionMove, Room: "activity",
					Start: at(2026, 12, 2, 14, 0), End: at(2026, 12, 2, 15, 0)})
				if err != nil {
					e.t.Fatal(err)
				}
			}
		}},
	}
	for _, tc := range tests {
		for _, policy := range []string{booking.OnConflictReject, booking.OnConflictSkip} {
			t.Run(tc.name+"/"+policy, func(t *testing.T) {
				e := newPlanEnv(t)
				rival := tc.rival(e)
				booking.SetAfterImportPlan(e.svc, func(attempt int) {
					if attempt == 0 {
						rival()
					}
				})
				_, err := e.svc.Import(context.Background(), e.admin, booking.ImportRequest{Team: "choir", Room: "activity",
					ICS: []byte(planICS), OnConflict: policy})
				if err != nil && booking.ErrorCode(err) != booking.ECONFLICT {
					t.Fatal(err)
				}
				e.noOverlap("activity")
			})
		}
	}
}

// TestReview2ImportRace runs imports (skip) in two teams at once with
// random rival writes from other goroutines — bookings made and
// cancelled, series created, patched, moved and deleted — and checks
// the room by brute force afterwards. The seed is printed on failure.
func TestReview2ImportRace(t *testing.T) {
	if testing.Short() {
		t.Skip("race")
	}
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	plans := map[int]int{}
	defer func() { t.Logf("plans: %v", plans) }()
	for round := range 6 {
		e := newPlanEnv(t)
		ctx := context.Background()
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for g := range 3 {
			rng := rand.New(rand.NewPCG(uint64(seed), uint64(round*10+g)))
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []string
				for {
					select {
					case <-stop:
						return
					default:
					}
					day := at(2026, 12, 1+rng.IntN(35), 8+rng.IntN(12), 30*rng.IntN(2))
					switch rng.IntN(5) {
					case 0:
						b, err := e.svc.CreateBooking(ctx, e.admin, booking.NewBooking{Room: "activity", Start: day, End: day.Add(time.Hour), Attendees: 1})
						if err == nil && rng.IntN(2) == 0 {
							_ = e.svc.CancelBooking(ctx, e.admin, b.ID)
						}
					case 1:
						res, err := e.svc.CreateSeries(ctx, e.admin, booking.NewSeries{Team: "dance", Room: "activity", Title: "r",
							Start: day, End: day.Add(time.Hour), RRule: fmt.Sprintf("FREQ=WEEKLY;COUNT=%d", 1+rng.IntN(4)), OnConflict: booking.OnConflictSkip})
						if err == nil {
							mine = append(mine, res.Series.ID)
						}
					case 2:
						if len(mine) > 0 {
							st := day
							en := st.Add(time.Hour)
							_, _ = e.svc.PatchSeries(ctx, e.admin, mine[rng.IntN(len(mine))], booking.SeriesPatch{Start: &st, End: &en, OnConflict: booking.OnConflictSkip})
						}
					case 3:
						if len(mine) > 0 {
							id := mine[rng.IntN(len(mine))]
							se, err := e.svc.Series(ctx, id)
							if err == nil {
								occ, err := e.svc.Occurrences(ctx, e.admin, booking.OccurrenceQuery{Room: "activity", From: at(2026, 11, 29, 0, 0), To: at(2027, 3, 1, 0, 0)})
								if err == nil {
									for _, o := range occ {
										if o.SeriesID == se.ID {
											_, _ = e.svc.AddException(ctx, e.admin, id, booking.ExceptionRequest{Occurrence: o.Original, Action: booking.ActionMove,
												Start: day, End: day.Add(time.Hour)})
											break
										}
									}
								}
							}
						}
					case 4:
						if len(mine) > 0 && rng.IntN(3) == 0 {
							_ = e.svc.DeleteSeries(ctx, e.admin, mine[rng.IntN(len(mine))])
						}
					}
				}
			}()
		}
		for i := range 30 {
			team := []string{"choir", "dance"}[i%2]
			res, err := e.svc.Import(ctx, e.admin, booking.ImportRequest{Team: team, Room: "activity", ICS: []byte(raceICS(i, round)), OnConflict: booking.OnConflictSkip})
			if err != nil && booking.ErrorCode(err) != booking.ECONFLICT {
				t.Errorf("import: %v", err)
			}
			if res != nil {
				plans[res.Timing.Plans]++
			} else {
				plans[-1]++
			}
		}
		close(stop)
		wg.Wait()
		e.noOverlap("activity")
	}
}

// raceICS is a weekly class (with one date moved a day later) and a
// single event, at an hour that differs per import.
func raceICS(i, round int) string {
	h := 8 + (i*3+round)%12
	d := 1 + i%7
	ts := func(day, hour int) string { return fmt.Sprintf("2026%02d%02dT%02d0000", 12, day, hour) }
	uid := fmt.Sprintf("c%d-%d@race", round, i)
	return icsHead +
		"BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:c\r\nDTSTART;TZID=Asia/Shanghai:" + ts(d, h) + "\r\n" +
		"DTEND;TZID=Asia/Shanghai:" + ts(d, h+1) + "\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\nRECURRENCE-ID;TZID=Asia/Shanghai:" + ts(d+7, h) + "\r\n" +
		"DTSTART;TZID=Asia/Shanghai:" + ts(d+8, h) + "\r\nDTEND;TZID=Asia/Shanghai:" + ts(d+8, h+1) + "\r\nEND:VEVENT\r\n" +
		"BEGIN:VEVENT\r\nUID:s" + uid + "\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:s\r\nDTSTART;TZID=Asia/Shanghai:" + ts(d+2, h) + "\r\n" +
		"DTEND;TZID=Asia/Shanghai:" + ts(d+2, h+1) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
}
