package booking

import (
	"slices"
	"time"
)

// The no_show_suspension rule: a resident whose third no-show within
// NoShowWindow has happened cannot book for NoShowSuspension, counted
// from that third no-show's check-in deadline.
const (
	NoShowLimit      = 3
	NoShowWindow     = 30 * 24 * time.Hour
	NoShowSuspension = 14 * 24 * time.Hour
)

// checkNoShows refuses a resident under a no-show suspension, saying
// until when (site time). It reads the resident's bookings whose
// deadlines could still count: those of the last NoShowWindow plus
// NoShowSuspension.
func (s *Service) checkNoShows(tx Tx, actor *User, now time.Time) error {
	until, err := s.suspendedUntil(tx, actor.ID, now)
	if err != nil || !now.Before(until) {
		return err
	}
	zh, en := until.In(s.loc).Format("2006年1月2日 15:04"), until.In(s.loc).Format("2 Jan 2006 15:04")
	return Policy("no_show_suspension", "", "30天内3次预约未到（未签到），%s前不能预约 after 3 no-shows in 30 days you cannot book until %s",
		zh, en)
}

// suspendedUntil is when the user's latest suspension ends (the zero time
// if there is none): NoShowSuspension after any no-show deadline that is
// the NoShowLimit-th within NoShowWindow.
func (s *Service) suspendedUntil(tx Tx, userID string, now time.Time) (time.Time, error) {
	from := now.Add(-NoShowWindow - NoShowSuspension - CheckInGrace)
	bs, err := tx.Bookings(BookingFilter{UserID: userID, From: from, To: now, TimesOnly: true})
	if err != nil {
		return time.Time{}, err
	}
	var missed []time.Time
	for _, b := range bs {
		if b.Status == StatusNoShow { // effective: effectiveTx
			missed = append(missed, CheckInDeadline(b))
		}
	}
	slices.SortFunc(missed, time.Time.Compare)
	var until time.Time
	for i := NoShowLimit - 1; i < len(missed); i++ {
		if missed[i].Sub(missed[i-NoShowLimit+1]) < NoShowWindow {
			until = missed[i].Add(NoShowSuspension)
		}
	}
	return until, nil
}
