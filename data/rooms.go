package data

import (
	"encoding/json"

	"mingzhu/booking"
)

// Rooms lists rooms in their seeded order.
func (t *Tx) Rooms() ([]booking.Room, error) {
	rows, err := t.query(`SELECT id, name, name_en, capacity, equipment, rules FROM rooms ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []booking.Room
	for rows.Next() {
		r, err := scanRoom(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Room returns ENOTFOUND for an unknown id.
func (t *Tx) Room(id string) (booking.Room, error) {
	r, err := scanRoom(t.queryRow(`SELECT id, name, name_en, capacity, equipment, rules FROM rooms WHERE id = ?`, id))
	return r, t.d.translate(err, "room")
}

type scanner interface{ Scan(dest ...any) error }

func scanRoom(s scanner) (booking.Room, error) {
	var r booking.Room
	var equipment, rules string
	if err := s.Scan(&r.ID, &r.Name, &r.NameEN, &r.Capacity, &equipment, &rules); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(equipment), &r.Equipment); err != nil {
		return r, err
	}
	// Keys not stored keep their defaults.
	r.Rules = booking.DefaultRules()
	return r, json.Unmarshal([]byte(rules), &r.Rules)
}

// roomJSON is a room's equipment and rules as stored; a room given with
// no rules gets the defaults.
func roomJSON(r booking.Room) (string, string, error) {
	if r.Equipment == nil {
		r.Equipment = []string{}
	}
	eq, err := json.Marshal(r.Equipment)
	if err != nil {
		return "", "", err
	}
	rules, err := json.Marshal(r.Rules.OrDefault())
	return string(eq), string(rules), err
}

// PutRoom inserts or replaces a room, keeping its position if it exists.
func (t *Tx) PutRoom(r booking.Room) error {
	eq, rules, err := roomJSON(r)
	if err != nil {
		return err
	}
	_, err = t.exec(`INSERT INTO rooms (id, name, name_en, capacity, equipment, rules, position)
		VALUES (?, ?, ?, ?, ?, ?, (SELECT count(*) FROM rooms))
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
			capacity = excluded.capacity, equipment = excluded.equipment, rules = excluded.rules`,
		r.ID, r.Name, r.NameEN, r.Capacity, eq, rules)
	return t.d.translate(err, "room")
}

// UpdateRoom stores an existing room's names, capacity, equipment and
// rules; ENOTFOUND for an unknown id. Its id and position stay.
func (t *Tx) UpdateRoom(r booking.Room) error {
	eq, rules, err := roomJSON(r)
	if err != nil {
		return err
	}
	res, err := t.exec(`UPDATE rooms SET name = ?, name_en = ?, capacity = ?, equipment = ?, rules = ? WHERE id = ?`,
		r.Name, r.NameEN, r.Capacity, eq, rules, r.ID)
	return t.affected(res, err, "room")
}
