package booking

import (
	"context"
	"fmt"
	"time"
)

// SnapshotFormat names the JSON export's layout, for readers years on.
const SnapshotFormat = "mingzhu-rooms/1"

// Snapshot is everything the service holds, as portable JSON: what staff
// keep beside the SQLite backups, and what a move to another database
// would start from. Password hashes and tokens are left out.
type Snapshot struct {
	Format     string    `json:"format"`
	ExportedAt time.Time `json:"exported_at"`
	// Zone is the site zone the series' wall-clock times repeat in.
	Zone     string           `json:"zone"`
	Rooms    []Room           `json:"rooms"`
	Users    []User           `json:"users"`
	Teams    []Team           `json:"teams"`
	Series   []SnapshotSeries `json:"series"`
	Bookings []Booking        `json:"bookings"`
	// Closures are rooms (or the whole centre, room null) shut for a time.
	Closures []Closure `json:"closures"`
}

// SnapshotSeries is a series with its whole history.
type SnapshotSeries struct {
	ID         string      `json:"id"`
	Team       string      `json:"team"`
	Title      string      `json:"title"`
	Parts      []Part      `json:"parts"`
	ExDates    []time.Time `json:"exdates"`
	Exceptions []Exception `json:"exceptions"`
	Sequence   int         `json:"sequence"`
	CreatedBy  string      `json:"created_by"`
	CreatedAt  time.Time   `json:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at"`
}

// Export reads everything in one consistent snapshot.
func (s *Service) Export(ctx context.Context) (*Snapshot, error) {
	snap := &Snapshot{Format: SnapshotFormat, ExportedAt: s.clock(), Zone: s.loc.String()}
	err := s.store.View(ctx, func(tx Tx) (err error) {
		if snap.Rooms, err = tx.Rooms(); err != nil {
			return err
		}
		if snap.Users, err = tx.Users(); err != nil {
			return err
		}
		if snap.Teams, err = tx.Teams(); err != nil {
			return err
		}
		if snap.Bookings, err = tx.Bookings(BookingFilter{}); err != nil {
			return err
		}
		if snap.Closures, err = tx.Closures(ClosureFilter{}); err != nil {
			return err
		}
		list, err := tx.SeriesList(SeriesFilter{})
		for _, se := range list {
			snap.Series = append(snap.Series, SnapshotSeries{ID: se.ID, Team: se.Team, Title: se.Title, Parts: se.Parts,
				ExDates: se.ExDates, Exceptions: se.Exceptions, Sequence: se.Sequence, CreatedBy: se.CreatedBy,
				CreatedAt: se.CreatedAt, UpdatedAt: se.UpdatedAt})
		}
		return err
	})
	return snap, err
}

// ImportSnapshot loads a snapshot into an empty database in one
// transaction. Since hashes are not exported, every account gets a new
// random password, returned to be handed out once.
func (s *Service) ImportSnapshot(ctx context.Context, snap *Snapshot) ([]Credential, error) {
	if snap.Format != SnapshotFormat {
		return nil, Invalid("format", "不支持的格式「%s」 unsupported format %q, want %s", snap.Format, snap.Format, SnapshotFormat)
	}
	if snap.Zone != s.loc.String() {
		return nil, Invalid("zone", "快照的时区%q与站点时区%q不同 the snapshot's zone differs from the site zone", snap.Zone, s.loc.String())
	}
	var creds []Credential
	users := make([]*User, 0, len(snap.Users))
	for _, u := range snap.Users {
		c := Credential{Username: u.Username, Password: NewToken()[:16], Role: u.Role}
		nu, err := s.newUser(NewUser{Username: u.Username, Password: c.Password, Name: u.Name, Role: u.Role})
		if err != nil {
			return nil, fmt.Errorf("user %s: %w", u.Username, err)
		}
		nu.ID, nu.CreatedAt, nu.Disabled = u.ID, u.CreatedAt, u.Disabled
		users, creds = append(users, nu), append(creds, c)
	}
	err := s.bulkUpdate(ctx, func(tx Tx) error {
		if rooms, err := tx.Rooms(); err != nil || len(rooms) > 0 {
			return cmpErr(err, Errorf(ECONFLICT, "目标数据库不是空的 the target database is not empty"))
		}
		return s.loadSnapshot(tx, snap, users)
	})
	if err != nil {
		return nil, err
	}
	return creds, nil
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

func (s *Service) loadSnapshot(tx Tx, snap *Snapshot, users []*User) error {
	for _, r := range snap.Rooms {
		if err := tx.PutRoom(r); err != nil {
			return err
		}
	}
	for _, u := range users {
		if err := tx.InsertUser(u); err != nil {
			return err
		}
	}
	for _, t := range snap.Teams {
		t.CreatedAt = s.clock()
		if err := insertTeam(tx, &t); err != nil {
			return fmt.Errorf("team %s: %w", t.ID, err)
		}
	}
	for _, ss := range snap.Series {
		se := &Series{ID: ss.ID, Team: ss.Team, Title: ss.Title, Parts: ss.Parts, ExDates: ss.ExDates,
			Exceptions: ss.Exceptions, Sequence: ss.Sequence, CreatedBy: ss.CreatedBy, CreatedAt: ss.CreatedAt, UpdatedAt: ss.UpdatedAt}
		if err := s.checkSnapshotSeries(se); err != nil {
			return fmt.Errorf("series %s: %w", se.ID, err)
		}
		if err := s.save(tx, se, true); err != nil {
			return fmt.Errorf("series %s: %w", se.ID, err)
		}
	}
	for _, b := range snap.Bookings {
		n := NewBooking{Room: b.Room, Start: b.Start, End: b.End, Title: b.Title, Attendees: b.Attendees}
		if err := n.validate(); err != nil {
			return fmt.Errorf("booking %s: %w", b.ID, err)
		}
		if err := tx.InsertBooking(&b); err != nil {
			return fmt.Errorf("booking %s: %w", b.ID, err)
		}
	}
	return loadClosures(tx, snap.Closures)
}

// checkSnapshotSeries passes a restored series through the same door as
// a new one (a snapshot is history, so no clash or past-time checks): a
// hand-edited file cannot store what listings and feeds could not show.
func (s *Service) checkSnapshotSeries(se *Series) error {
	if err := checkSeriesTitle(se.Title); err != nil {
		return err
	}
	if err := checkTimes("exdates", se.excluded()); err != nil {
		return err
	}
	for i := range se.Parts {
		// Exdates only: a part whose dates were all moved is kept (see
		// storedRule), and its moves are checked below.
		if _, err := s.definePart(&se.Parts[i], se.ExDates); err != nil {
			return err
		}
	}
	for _, m := range se.moves() {
		if err := validateInterval(m.Start, m.End, "start", "end"); err != nil {
			return err
		}
	}
	return nil
}
