package booking

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of a room's description: names as long as a team's, a hall for
// at most a few hundred people, and a short list of things in the room.
const (
	MaxRoomName      = 64
	MaxRoomCapacity  = 500
	MaxEquipment     = 20
	MaxEquipmentItem = 32
)

// RoomPatch changes a room; nil fields stay as they are. Equipment, if
// given, replaces the list. Names and items are stored without the spaces
// around them. A room's id never changes: feeds and posters carry it.
//
// Each field validates and applies itself (validate, apply), so a new
// field (a room's house rules) is one more pointer and one more case.
type RoomPatch struct {
	Name      *string
	NameEN    *string
	Capacity  *int
	Equipment *[]string
	// Rules, if given, are merged key by key into the room's rules.
	Rules *RulesPatch
}

// validate checks every field given, naming the first that is wrong.
func (p RoomPatch) validate() error {
	if p.Name != nil {
		if err := checkText("name", *p.Name); err != nil {
			return err
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(*p.Name)); n < 1 || n > MaxRoomName {
			return Invalid("name", "名称须为1-%d个字符 name must be 1-%d characters", MaxRoomName, MaxRoomName)
		}
	}
	if p.NameEN != nil {
		if err := checkText("name_en", *p.NameEN); err != nil {
			return err
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(*p.NameEN)); n < 1 || n > MaxRoomName {
			return Invalid("name_en", "英文名称须为1-%d个字符 name_en must be 1-%d characters", MaxRoomName, MaxRoomName)
		}
	}
	if p.Capacity != nil && (*p.Capacity < 1 || *p.Capacity > MaxRoomCapacity) {
		return Invalid("capacity", "容纳人数须为1至%d人 capacity must be 1 to %d people", MaxRoomCapacity, MaxRoomCapacity)
	}
	if p.Equipment != nil {
		if err := validateEquipment(*p.Equipment); err != nil {
			return err
		}
	}
	if p.Rules != nil {
		return p.Rules.validate()
	}
	return nil
}

// validateEquipment checks the list: at most MaxEquipment items, each
// 1-MaxEquipmentItem characters, none twice.
func validateEquipment(items []string) error {
	if len(items) > MaxEquipment {
		return Invalid("equipment", "设备最多%d项 equipment may list at most %d items", MaxEquipment, MaxEquipment)
	}
	seen := map[string]bool{}
	for i, it := range items {
		it = strings.TrimSpace(it)
		if err := checkText("equipment", it); err != nil {
			return err
		}
		if n := utf8.RuneCountInString(it); n < 1 || n > MaxEquipmentItem {
			return Invalid("equipment", "第%d项设备须为1-%d个字符 equipment item %d must be 1-%d characters",
				i+1, MaxEquipmentItem, i+1, MaxEquipmentItem)
		}
		if seen[it] {
			return Invalid("equipment", "设备「%s」重复 equipment item %q is listed twice", it, it)
		}
		seen[it] = true
	}
	return nil
}

// apply puts the patch's fields into r; it fails only when merged rules
// contradict each other.
func (p RoomPatch) apply(r *Room) error {
	if p.Name != nil {
		r.Name = strings.TrimSpace(*p.Name)
	}
	if p.NameEN != nil {
		r.NameEN = strings.TrimSpace(*p.NameEN)
	}
	if p.Capacity != nil {
		r.Capacity = *p.Capacity
	}
	if p.Equipment != nil {
		r.Equipment = make([]string, len(*p.Equipment))
		for i, it := range *p.Equipment {
			r.Equipment[i] = strings.TrimSpace(it)
		}
	}
	if p.Rules != nil {
		return p.Rules.apply(&r.Rules)
	}
	return nil
}

// PatchRoom lets staff rename a room, change its capacity, its list of
// equipment or its house rules (merged key by key), in one transaction. A lower capacity applies to new bookings
// only; those already made stay. Every feed and listing that names the
// room is rebuilt (see roomKeys).
func (s *Service) PatchRoom(ctx context.Context, actor *User, id string, p RoomPatch) (Room, error) {
	ctx = actingAs(ctx, actor)
	if !actor.IsStaff() {
		return Room{}, Errorf(EFORBIDDEN, "仅工作人员可修改功能室 only staff may change rooms")
	}
	if err := p.validate(); err != nil {
		return Room{}, err
	}
	var room Room
	var keys []string
	err := s.store.Update(ctx, func(tx Tx) (err error) {
		if room, err = tx.Room(id); err != nil {
			return err
		}
		if err := p.apply(&room); err != nil {
			return err
		}
		if err := tx.UpdateRoom(room); err != nil {
			return err
		}
		keys, err = s.roomKeys(tx, id)
		return err
	})
	if err != nil {
		return Room{}, err
	}
	s.vers.touch(keys...)
	return room, nil
}

// roomKeys are the version keys a change to room id touches: its own feed
// and listings, the courses feed, each team with classes there (its feed,
// and through it its leaders' own feeds), and the own feeds of everyone
// whose bookings there a feed still lists: all of them carry the room's
// name.
func (s *Service) roomKeys(tx Tx, id string) ([]string, error) {
	keys := []string{"room:" + id, "courses"}
	list, err := tx.SeriesList(SeriesFilter{Room: id})
	if err != nil {
		return nil, err
	}
	for _, se := range list {
		keys = append(keys, seriesKeys(se)...)
	}
	bs, err := tx.Bookings(BookingFilter{Room: id, From: s.clock().Add(-feedHistory), Holding: true})
	for _, b := range bs {
		keys = append(keys, "user:"+b.UserID)
	}
	slices.Sort(keys)
	return slices.Compact(keys), err
}
