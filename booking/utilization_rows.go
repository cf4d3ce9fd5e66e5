package booking

import "time"

// oneOffName names the team report's row of one-off bookings, which
// belong to no team.
const oneOffName, oneOffNameEN = "单次预约", "One-off bookings"

// count adds u's time to f.
func (f *Figures) count(u use, d time.Duration) {
	if u.booked {
		f.Booked += d
	}
	if u.checkedIn {
		f.CheckedIn += d
	}
	if u.noShow {
		f.NoShow += d
	}
}

// roomRows are one row per room.
func (s *Service) roomRows(in *reportInput, q UtilizationQuery) []UtilizationRow {
	rows := make([]UtilizationRow, len(in.rooms))
	at := map[string]*UtilizationRow{}
	for i, r := range in.rooms {
		rows[i] = UtilizationRow{Room: r.ID, Name: r.Name, NameEN: r.NameEN}
		rows[i].Open = windowsLength(s.openWindows(r, in.closures, q.From, q.To))
		at[r.ID] = &rows[i]
	}
	for _, u := range in.uses {
		if row := at[u.room]; row != nil {
			row.count(u, u.end.Sub(u.start))
		}
	}
	return rows
}

// teamRows are one row per team with its classes' time, then the row of
// one-off bookings. Every row's open time is the whole centre's (all
// rooms), so each share says how much of what the centre offers that
// team (or the one-off bookings) used, and the shares add up.
func (s *Service) teamRows(in *reportInput, q UtilizationQuery) []UtilizationRow {
	var open time.Duration
	for _, r := range in.rooms {
		open += windowsLength(s.openWindows(r, in.closures, q.From, q.To))
	}
	rows := make([]UtilizationRow, len(in.teams)+1)
	at := map[string]*UtilizationRow{}
	for i, t := range in.teams {
		rows[i] = UtilizationRow{Team: t.ID, Name: t.Name, NameEN: t.NameEN}
		at[t.ID] = &rows[i]
	}
	last := &rows[len(in.teams)]
	*last = UtilizationRow{OneOff: true, Name: oneOffName, NameEN: oneOffNameEN}
	for _, u := range in.uses {
		row := last
		if u.team != "" {
			if row = at[u.team]; row == nil {
				continue // a class of a team no longer listed
			}
			row.Classes++
		}
		row.count(u, u.end.Sub(u.start))
	}
	for i := range rows {
		rows[i].Open = open
	}
	return rows
}

// hourRows are one row per room, ISO weekday and hour of day (site time):
// 168 cells a room, each with the time of the span's uses and open time
// that fell in that wall-clock hour.
func (s *Service) hourRows(in *reportInput, q UtilizationQuery) []UtilizationRow {
	const cells = 7 * 24
	rows := make([]UtilizationRow, 0, len(in.rooms)*cells)
	base := map[string]int{}
	for _, r := range in.rooms {
		base[r.ID] = len(rows)
		for c := range cells {
			rows = append(rows, UtilizationRow{Room: r.ID, Name: r.Name, NameEN: r.NameEN, Weekday: c/24 + 1, Hour: c % 24})
		}
		grid := rows[len(rows)-cells:]
		for _, w := range s.openWindows(r, in.closures, q.From, q.To) {
			eachHour(w.From, w.To, s.loc, func(wd, h int, d time.Duration) { grid[(wd-1)*24+h].Open += d })
		}
	}
	for _, u := range in.uses {
		i, ok := base[u.room]
		if !ok {
			continue
		}
		eachHour(u.start, u.end, s.loc, func(wd, h int, d time.Duration) { rows[i+(wd-1)*24+h].count(u, d) })
	}
	return rows
}
