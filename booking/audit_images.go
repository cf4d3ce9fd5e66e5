package booking

import (
	"encoding/json"
	"time"
)

// The audit images: what a line records of each entity, as JSON with
// the API's field names. Times are in UTC, so an image read back from the
// store and one built in the site zone compare field by field; secrets
// (password hash, feed token, session tokens) have no field here at all.

type bookingImg struct {
	Room        string     `json:"room"`
	Start       time.Time  `json:"start"`
	End         time.Time  `json:"end"`
	Title       string     `json:"title"`
	Attendees   int        `json:"attendees"`
	Status      string     `json:"status"`
	UserID      string     `json:"user_id"`
	Reason      string     `json:"reason,omitempty"`
	CheckedInAt *time.Time `json:"checked_in_at,omitempty"`
}

func bookingImage(b *Booking) []byte {
	img := bookingImg{Room: b.Room, Start: b.Start.UTC(), End: b.End.UTC(), Title: b.Title, Attendees: b.Attendees,
		Status: b.Status, UserID: b.UserID, Reason: b.Reason}
	if b.CheckedInAt != nil {
		in := b.CheckedInAt.UTC()
		img.CheckedInAt = &in
	}
	return marshal(img)
}

type seriesImg struct {
	Team       string      `json:"team"`
	Title      string      `json:"title"`
	Parts      []Part      `json:"parts"`
	ExDates    []time.Time `json:"exdates"`
	Exceptions []Exception `json:"exceptions"`
	Sequence   int         `json:"sequence"`
}

func seriesImage(s *Series) []byte {
	img := seriesImg{Team: s.Team, Title: s.Title, Sequence: s.Sequence,
		Parts: make([]Part, len(s.Parts)), ExDates: make([]time.Time, len(s.ExDates)),
		Exceptions: make([]Exception, len(s.Exceptions))}
	for i, p := range s.Parts {
		p.Start, p.End, p.From, p.Until = utc(p.Start), utc(p.End), utc(p.From), utc(p.Until)
		img.Parts[i] = p
	}
	for i, d := range s.ExDates {
		img.ExDates[i] = d.UTC()
	}
	for i, e := range s.Exceptions {
		e.Original, e.Start, e.End = utc(e.Original), utc(e.Start), utc(e.End)
		img.Exceptions[i] = e
	}
	return marshal(img)
}

func roomImage(r Room) []byte { return marshal(r) }

type userImg struct {
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	Disabled bool   `json:"disabled"`
}

func userImage(u *User) []byte {
	return marshal(userImg{Username: u.Username, Name: u.Name, Role: u.Role, Disabled: u.Disabled})
}

type teamImg struct {
	Name    string   `json:"name"`
	NameEN  string   `json:"name_en"`
	Leaders []string `json:"leaders"`
}

func teamImage(t *Team) []byte {
	return marshal(teamImg{Name: t.Name, NameEN: t.NameEN, Leaders: t.Leaders})
}

type holidayImg struct {
	Name    string `json:"name,omitempty"`
	Work    bool   `json:"work"`
	Removed bool   `json:"removed,omitempty"`
}

func holidayImage(o HolidayOverride) []byte {
	return marshal(holidayImg{Name: o.Name, Work: o.Work, Removed: o.Removed})
}

// utc keeps the zero time zero (omitzero fields stay out).
func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}

// marshal encodes an image; these types cannot fail to encode.
func marshal(v any) []byte {
	out, err := json.Marshal(v)
	if err != nil {
		panic("audit image: " + err.Error())
	}
	return out
}

type closureImg struct {
	Room   *string   `json:"room"` // null: the whole centre
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Reason string    `json:"reason"`
}

func closureImage(c *Closure) []byte {
	img := closureImg{Start: utc(c.Start), End: utc(c.End), Reason: c.Reason}
	if c.Room != "" {
		img.Room = &c.Room
	}
	return marshal(img)
}
