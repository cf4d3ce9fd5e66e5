package booking

import (
	"time"

	"mingzhu/calendar"
)

// roomPlan is what an import plan would occupy in one room: the rules of
// its series' parts there, and single slots (moved dates and bookings).
// It is built while planning, so the re-check under the write lock only
// compares.
type roomPlan struct {
	rules []spanRule
	slots []Window
}

// spanRule is a rule with the span of its occurrences (to zero: no end),
// so that a check can pass over rules that cannot reach a time.
type spanRule struct {
	rule     *calendar.Rule
	from, to time.Time
}

func newSpanRule(r *calendar.Rule) spanRule {
	sr := spanRule{rule: r, from: r.First().Start}
	if last, ok := r.Last(); ok {
		sr.to = last.End
	}
	return sr
}

// reaches reports whether the span overlaps [from, to).
func (sr spanRule) reaches(from, to time.Time) bool {
	return sr.from.Before(to) && (sr.to.IsZero() || from.Before(sr.to))
}

// meets reports whether two spans overlap.
func (sr spanRule) meets(o spanRule) bool {
	return (o.to.IsZero() || sr.from.Before(o.to)) && (sr.to.IsZero() || o.from.Before(sr.to))
}

// planBusy gathers what p would occupy, per room.
func (s *Service) planBusy(p *importPlan) (map[string]*roomPlan, error) {
	busy := map[string]*roomPlan{}
	room := func(id string) *roomPlan {
		if busy[id] == nil {
			busy[id] = &roomPlan{}
		}
		return busy[id]
	}
	for _, se := range p.series {
		for i, part := range se.Parts {
			r, err := s.partRule(se, i)
			if err != nil {
				return nil, err
			}
			room(part.Room).rules = append(room(part.Room).rules, newSpanRule(r))
		}
		for _, m := range se.moves() {
			room(m.Room).slots = append(room(m.Room).slots, Window{From: m.Start, To: m.End})
		}
	}
	for _, b := range p.bookings {
		room(b.Room).slots = append(room(b.Room).slots, Window{From: b.Start, To: b.End})
	}
	return busy, nil
}

// recheck returns errStalePlan if anything committed since p's snapshot
// takes a slot p would use. Everything else in the store was already in
// the snapshot, where planning checked p against it exactly; what was
// removed since (a cancelled booking, an ended series) only frees slots.
// So comparing p with the confirmed bookings and the series written since,
// in its rooms, is the whole check. A calendar error (work bound) counts
// as a clash: the next plan meets the same pair and reports it properly.
func (s *Service) recheck(tx Tx, p *importPlan) error {
	since := p.rev + 1
	for room, rp := range p.busy {
		bs, err := tx.Bookings(BookingFilter{Room: room, Holding: true, ChangedFrom: since})
		if err != nil {
			return err
		}
		for _, b := range bs {
			if rp.takes(b.Start, b.End) {
				return errStalePlan
			}
		}
		others, err := tx.SeriesList(SeriesFilter{Room: room, ChangedFrom: since})
		if err != nil {
			return err
		}
		for _, o := range others {
			if s.seriesTakes(rp, o, room) {
				return errStalePlan
			}
		}
	}
	return nil
}

// takes reports whether the plan occupies any of [from, to) in its room.
func (rp *roomPlan) takes(from, to time.Time) bool {
	for _, w := range rp.slots {
		if Overlaps(w.From, w.To, from, to) {
			return true
		}
	}
	for _, sr := range rp.rules {
		if !sr.reaches(from, to) {
			continue
		}
		if occ, err := sr.rule.Between(from, to); err != nil || len(occ) > 0 {
			return true
		}
	}
	return false
}

// seriesTakes reports whether series o, as stored now, clashes in room
// with the plan: a part of o with a planned rule (exactly, at any date) or
// with a planned slot, or a date of o moved into one of the plan's.
func (s *Service) seriesTakes(rp *roomPlan, o *Series, room string) bool {
	for i, part := range o.Parts {
		if part.Room != room {
			continue
		}
		r, err := s.partRule(o, i)
		if err != nil {
			return true
		}
		or := newSpanRule(r)
		for _, sr := range rp.rules {
			if !sr.meets(or) {
				continue
			}
			if res, err := calendar.Clashes(sr.rule, r, 1); err != nil || res.Total != 0 {
				return true
			}
		}
		for _, w := range rp.slots {
			if !or.reaches(w.From, w.To) {
				continue
			}
			if occ, err := r.Between(w.From, w.To); err != nil || len(occ) > 0 {
				return true
			}
		}
	}
	for _, m := range o.moves() {
		if m.Room == room && rp.takes(m.Start, m.End) {
			return true
		}
	}
	return false
}
