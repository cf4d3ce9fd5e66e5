package main

import (
	"bytes"
	"encoding/json"
	"time"
)

// ID holds an identifier whatever JSON type the server picks for it (the
// spec does not say whether ids are numbers or strings).
type ID string

// UnmarshalJSON accepts a string or a bare number.
func (id *ID) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = ID(s)
		return nil
	}
	*id = ID(bytes.TrimSpace(b))
	return nil
}

// Room is one entry of GET /api/v1/rooms.
type Room struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	NameEN   string `json:"name_en"`
	Capacity int    `json:"capacity"`
}

// Booking is the booking object of the API.
type Booking struct {
	ID        ID        `json:"id"`
	Room      string    `json:"room"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Title     string    `json:"title"`
	Attendees int       `json:"attendees"`
	Status    string    `json:"status"`
	UserID    ID        `json:"user_id"`
}

// bookingRequest is the body of POST /api/v1/bookings.
type bookingRequest struct {
	Room      string    `json:"room"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Title     string    `json:"title"`
	Attendees int       `json:"attendees"`
}

// Occurrence is one entry of GET /api/v1/occurrences. Status is not in the
// spec; if the server adds it, only "confirmed" entries are occupancies.
type Occurrence struct {
	Kind   string    `json:"kind"`
	ID     ID        `json:"id"`
	Room   string    `json:"room"`
	Title  string    `json:"title"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	Status string    `json:"status,omitempty"`
}

// seriesRequest is the body of POST /api/v1/series.
type seriesRequest struct {
	Team       string    `json:"team"`
	Room       string    `json:"room"`
	Title      string    `json:"title"`
	Start      time.Time `json:"start"`
	End        time.Time `json:"end"`
	RRule      string    `json:"rrule"`
	OnConflict string    `json:"on_conflict"`
	DryRun     bool      `json:"dry_run"`
}

// user is an account the tool created and logged in.
type user struct {
	Username, Password, Name, Token string
	ID                              ID
}

// created is a booking the server answered 201 for; verification checks
// each one is still there.
type created struct {
	ID         ID
	Room       string
	Start, End time.Time
	Owner      *user
}
