package data

import (
	"embed"
	"encoding/json"
	"fmt"

	"mingzhu/booking"
)

//go:embed seed/*.json
var seedFiles embed.FS

// Seed returns the embedded seed data for a kind: "none" gives the rooms
// only, "demo" also the community's teams and their weekly classes.
func Seed(kind string) (booking.Seed, error) {
	var s booking.Seed
	if kind != "none" && kind != "demo" {
		return s, fmt.Errorf("unknown seed %q: want demo or none", kind)
	}
	if err := readSeed("seed/rooms.json", &s.Rooms); err != nil {
		return s, err
	}
	if kind == "demo" {
		if err := readSeed("seed/teams.json", &s.Teams); err != nil {
			return s, err
		}
	}
	return s, nil
}

func readSeed(name string, v any) error {
	b, err := seedFiles.ReadFile(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
