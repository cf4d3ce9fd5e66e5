package booking

import (
	"bytes"
	"context"
	"time"
)

// auditStore is the Store the Service writes through: every Update hands
// fn an auditTx, so each change made with a Tx write method is recorded
// in the same transaction, by whoever ctx acts for (actingAs). Nothing
// in the rules has to remember to log. Each write first runs begin
// (Service.beginWrite: other instances' changes, the holiday cache); on a
// shared store it last records the keys it changed in the change log
// (changes_record.go).
type auditStore struct {
	Store
	clock   func() time.Time
	gate    *writeGate
	begin   func(Tx) error
	changes *changeFeed
}

// Update runs fn on an auditing view of the real transaction, through
// the write gate (write_gate.go).
func (a auditStore) Update(ctx context.Context, fn func(Tx) error) error {
	defer a.gate.pass(ctx)()
	actor, at := actorOf(ctx), a.clock()
	return a.Store.Update(ctx, func(tx Tx) error {
		if err := a.begin(tx); err != nil {
			return err
		}
		keys := a.changes.collect()
		if err := fn(&auditTx{Tx: tx, actor: actor, at: at, keys: keys}); err != nil {
			return err
		}
		return a.changes.record(tx, keys)
	})
}

// auditTx embeds the real Tx and overrides every write method (a test,
// TestAuditTxCoversEveryWrite, fails for one left out): it reads the
// before-image where the change needs one, makes the change, then
// appends the audit line. An insert costs no extra read. Each override
// also names the cache keys it changed (keys; nil unless shared).
type auditTx struct {
	Tx
	actor *User
	at    time.Time
	keys  *changeKeys
}

// record appends one line; before and after are JSON images or nil. A
// change that changed nothing (the same image before and after: a form
// saved as it was) is no change and writes no line. A change of anything
// but a booking may change any cached answer: AllKeys (changeKeys); a
// booking's override names its own keys. A new account is in no cached
// answer yet (registrations come in bursts: flushing every instance's
// caches for each would cost them all their hits).
func (t *auditTx) record(entity, id, action string, before, after []byte) error {
	if entity != AuditBooking && (entity != AuditUser || action != AuditCreate) {
		t.keys.add(AllKeys)
	}
	if before != nil && bytes.Equal(before, after) {
		return nil
	}
	e := &AuditEntry{At: t.at, Entity: entity, EntityID: id, Action: action, Before: before, After: after}
	if t.actor != nil {
		e.ActorID, e.ActorName = t.actor.ID, t.actor.Name
	}
	return t.Tx.InsertAudit(e)
}

func (t *auditTx) InsertBooking(b *Booking) error {
	if err := t.Tx.InsertBooking(b); err != nil {
		return err
	}
	t.keys.add(bookingKeys(b)...)
	return t.record(AuditBooking, b.ID, AuditCreate, nil, bookingImage(b))
}

func (t *auditTx) SetBookingStatus(id, status string, at time.Time) error {
	old, err := t.Tx.Booking(id)
	if err != nil {
		return t.Tx.SetBookingStatus(id, status, at) // nothing there to change
	}
	if err := t.Tx.SetBookingStatus(id, status, at); err != nil {
		return err
	}
	t.keys.add(bookingKeys(old)...)
	now := *old
	now.Status = status
	return t.record(AuditBooking, id, bookingAction(old, &now), bookingImage(old), bookingImage(&now))
}

func (t *auditTx) SetBookingState(b *Booking, at time.Time) error {
	old, err := t.Tx.Booking(b.ID)
	if err != nil {
		return err
	}
	if err := t.Tx.SetBookingState(b, at); err != nil {
		return err
	}
	t.keys.add(bookingKeys(old)...)
	return t.record(AuditBooking, b.ID, bookingAction(old, b), bookingImage(old), bookingImage(b))
}

// bookingAction names a booking's change by what it did, so the log
// reads "approve" or "check_in" rather than a bare "update".
func bookingAction(old, now *Booking) string {
	switch {
	case now.Status != old.Status && now.Status == StatusConfirmed && old.Status == StatusPending:
		return AuditApprove
	case now.Status != old.Status && now.Status == StatusDeclined && now.Reason == LapsedReason:
		return AuditLapse
	case now.Status != old.Status && now.Status == StatusDeclined:
		return AuditDecline
	case now.Status != old.Status && (now.Status == StatusCancelled || now.Status == StatusCancelledByClosure):
		return AuditCancel
	case now.Status != old.Status && now.Status == StatusNoShow:
		return AuditNoShow
	case old.CheckedInAt == nil && now.CheckedInAt != nil:
		return AuditCheckIn
	}
	return AuditUpdate
}

func (t *auditTx) InsertSeries(s *Series) error {
	if err := t.Tx.InsertSeries(s); err != nil {
		return err
	}
	return t.record(AuditSeries, s.ID, AuditCreate, nil, seriesImage(s))
}

func (t *auditTx) UpdateSeries(s *Series) error {
	old, err := t.Tx.Series(s.ID)
	if err != nil {
		return err
	}
	if err := t.Tx.UpdateSeries(s); err != nil {
		return err
	}
	return t.record(AuditSeries, s.ID, AuditUpdate, seriesImage(old), seriesImage(s))
}

func (t *auditTx) DeleteSeries(id string) error {
	old, err := t.Tx.Series(id)
	if err != nil {
		return err
	}
	if err := t.Tx.DeleteSeries(id); err != nil {
		return err
	}
	return t.record(AuditSeries, id, AuditDelete, seriesImage(old), nil)
}

func (t *auditTx) PutRoom(r Room) error {
	var before []byte
	if old, err := t.Tx.Room(r.ID); err == nil {
		before = roomImage(old)
	} else if ErrorCode(err) != ENOTFOUND {
		return err
	}
	if err := t.Tx.PutRoom(r); err != nil {
		return err
	}
	action := AuditUpdate
	if before == nil {
		action = AuditCreate
	}
	return t.record(AuditRoom, r.ID, action, before, roomImage(r))
}

func (t *auditTx) UpdateRoom(r Room) error {
	old, err := t.Tx.Room(r.ID)
	if err != nil {
		return err
	}
	if err := t.Tx.UpdateRoom(r); err != nil {
		return err
	}
	return t.record(AuditRoom, r.ID, AuditUpdate, roomImage(old), roomImage(r))
}

func (t *auditTx) InsertUser(u *User) error {
	if err := t.Tx.InsertUser(u); err != nil {
		return err
	}
	return t.record(AuditUser, u.ID, AuditCreate, nil, userImage(u))
}

func (t *auditTx) UpdateUser(u *User) error {
	old, err := t.Tx.UserByID(u.ID)
	if err != nil {
		return err
	}
	if err := t.Tx.UpdateUser(u); err != nil {
		return err
	}
	return t.record(AuditUser, u.ID, AuditUpdate, userImage(old), userImage(u))
}

// SetPasswordHash records that the password changed, never the hash.
func (t *auditTx) SetPasswordHash(userID, hash string) error {
	if err := t.Tx.SetPasswordHash(userID, hash); err != nil {
		return err
	}
	return t.record(AuditUser, userID, AuditPasswordChanged, nil, nil)
}

// SetFeedToken records that the feed address was reset, never the token.
func (t *auditTx) SetFeedToken(userID, token string) error {
	if err := t.Tx.SetFeedToken(userID, token); err != nil {
		return err
	}
	return t.record(AuditUser, userID, AuditFeedReset, nil, nil)
}

func (t *auditTx) InsertTeam(tm *Team) error {
	if err := t.Tx.InsertTeam(tm); err != nil {
		return err
	}
	return t.record(AuditTeam, tm.ID, AuditCreate, nil, teamImage(tm))
}

func (t *auditTx) UpdateTeam(tm *Team) error {
	old, err := t.Tx.Team(tm.ID)
	if err != nil {
		return err
	}
	if err := t.Tx.UpdateTeam(tm); err != nil {
		return err
	}
	return t.record(AuditTeam, tm.ID, AuditUpdate, teamImage(old), teamImage(tm))
}

func (t *auditTx) PutHolidayOverride(o HolidayOverride) error {
	before, err := t.holidayBefore(o.Date)
	if err != nil {
		return err
	}
	if err := t.Tx.PutHolidayOverride(o); err != nil {
		return err
	}
	action := AuditUpdate
	if before == nil {
		action = AuditCreate
	}
	return t.record(AuditHoliday, o.Date, action, before, holidayImage(o))
}

func (t *auditTx) DeleteHolidayOverride(date string) error {
	before, err := t.holidayBefore(date)
	if err != nil {
		return err
	}
	if err := t.Tx.DeleteHolidayOverride(date); err != nil {
		return err
	}
	return t.record(AuditHoliday, date, AuditDelete, before, nil)
}

// holidayBefore is the image of date's override, nil when it has none.
func (t *auditTx) holidayBefore(date string) ([]byte, error) {
	year, err := parseHolidayDate(date)
	if err != nil {
		return nil, nil // the store refuses or ignores it; nothing was there
	}
	list, err := t.Tx.HolidayOverrides(year)
	for _, o := range list {
		if o.Date == date {
			return holidayImage(o), err
		}
	}
	return nil, err
}
