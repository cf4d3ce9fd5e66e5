package data_test

import (
	"context"
	"slices"
	"testing"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestUpdateRoom: names, capacity and equipment are stored and the room
// keeps its place in the list; an unknown id is ENOTFOUND and adds no
// room (unlike PutRoom).
func TestUpdateRoom(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *data.DB) {
		ctx := context.Background()
		err := db.Update(ctx, func(tx booking.Tx) error {
			for _, r := range []booking.Room{{ID: "a", Name: "甲", NameEN: "A", Capacity: 5}, {ID: "b", Name: "乙", NameEN: "B", Capacity: 6}} {
				if err := tx.PutRoom(r); err != nil {
					return err
				}
			}
			return tx.UpdateRoom(booking.Room{ID: "a", Name: "甲室", NameEN: "Room A", Capacity: 9, Equipment: []string{"钢琴", "谱架"}})
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(ctx, func(tx booking.Tx) error {
			return tx.UpdateRoom(booking.Room{ID: "nope", Name: "x", NameEN: "x", Capacity: 1})
		})
		if booking.ErrorCode(err) != booking.ENOTFOUND {
			t.Fatalf("unknown room: %v", err)
		}
		var rooms []booking.Room
		if err := db.View(ctx, func(tx booking.Tx) (err error) { rooms, err = tx.Rooms(); return err }); err != nil {
			t.Fatal(err)
		}
		if len(rooms) != 2 || rooms[0].ID != "a" || rooms[0].Name != "甲室" || rooms[0].NameEN != "Room A" || rooms[0].Capacity != 9 ||
			!slices.Equal(rooms[0].Equipment, []string{"钢琴", "谱架"}) || rooms[1].ID != "b" {
			t.Fatalf("rooms = %+v", rooms)
		}
	})
}
