package booking

// recheckClosures returns errStalePlan when a closure now shuts a slot an
// import plan would take (a booking or a moved date): one committed after
// the plan's snapshot. Planning again then refuses or skips it, as for
// any other occupant. Closures carry no revision; they are few, so those
// overlapping the plan's span are simply read.
func (s *Service) recheckClosures(tx Tx, p *importPlan) error {
	var slots []Occurrence
	for _, b := range p.bookings {
		slots = append(slots, Occurrence{Room: b.Room, Start: b.Start, End: b.End})
	}
	for _, se := range p.series {
		for _, m := range se.moves() {
			slots = append(slots, Occurrence{Room: m.Room, Start: m.Start, End: m.End})
		}
	}
	if len(slots) == 0 {
		return nil
	}
	from, to := slots[0].Start, slots[0].End
	for _, o := range slots {
		from, to = earlier(from, o.Start), later(to, o.End)
	}
	cs, err := tx.Closures(ClosureFilter{From: from, To: to})
	if err != nil {
		return err
	}
	for _, o := range slots {
		if covered(cs, o) {
			return errStalePlan
		}
	}
	return nil
}
