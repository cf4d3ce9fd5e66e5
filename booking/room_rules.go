package booking

import "time"

// Rules are a room's house rules, set by staff. Residents are held to the
// numbers (leaders and staff are exempt); quiet hours bind everyone, and
// every booking, class and moved date (quiet.go).
type Rules struct {
	// MaxAdvanceDays is how far ahead of now (site time) a resident may
	// book: a start later than now plus this many days is refused.
	MaxAdvanceDays int `json:"max_advance_days"`
	// MinMinutes and MaxMinutes bound one booking's length.
	MinMinutes int `json:"min_minutes"`
	MaxMinutes int `json:"max_minutes"`
	// BufferMinutes is turnover time that must stay free before and after
	// a resident's booking.
	BufferMinutes int `json:"buffer_minutes"`
	// QuietHours are daily windows in site time ("22:00" to "07:00" may
	// cross midnight) in which nothing may take place, by anyone. A change
	// keeps the uses already agreed (see QuietBreaches).
	QuietHours []QuietWindow `json:"quiet_hours"`
	// RequiresApproval makes a resident's booking wait for staff.
	RequiresApproval bool `json:"requires_approval"`
}

// QuietWindow is one daily window of quiet hours, "HH:MM" in site time.
type QuietWindow struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// WeeklyQuota is the most a resident may have booked in one ISO week
// (Monday 00:00 to Monday 00:00, site time) across all rooms; rule name
// weekly_quota. It is a site setting, the same for every room, so it is
// not among a room's Rules; it is a constant because nothing yet changes
// it (no API, no page asks for it), and a table nobody writes would only
// be one more place for the number to disagree with this one.
const WeeklyQuota = 6 * time.Hour

// Limits on the numbers of a room's rules: a year ahead, a day long, and
// turnover of at most two hours; a few windows of quiet hours.
const (
	MaxAdvanceLimit   = 366
	MaxBufferMinutes  = 120
	MaxQuietWindows   = 8
	maxBookingMinutes = int(MaxDuration / time.Minute)
)

// DefaultRules are a room's rules unless staff set others.
func DefaultRules() Rules {
	return Rules{MaxAdvanceDays: 14, MinMinutes: 30, MaxMinutes: 240, QuietHours: []QuietWindow{}}
}

// OrDefault is r, or DefaultRules for a room given with none (the zero
// Rules, as a seed or an older snapshot without rules decodes): a zero
// maximum would refuse every booking.
func (r Rules) OrDefault() Rules {
	if r.MaxAdvanceDays == 0 && r.MinMinutes == 0 && r.MaxMinutes == 0 && r.BufferMinutes == 0 &&
		len(r.QuietHours) == 0 && !r.RequiresApproval {
		return DefaultRules()
	}
	if r.QuietHours == nil {
		r.QuietHours = []QuietWindow{}
	}
	return r
}

// RulesPatch changes some of a room's rules; nil fields stay. QuietHours,
// if given, replaces the list.
type RulesPatch struct {
	MaxAdvanceDays   *int           `json:"max_advance_days"`
	MinMinutes       *int           `json:"min_minutes"`
	MaxMinutes       *int           `json:"max_minutes"`
	BufferMinutes    *int           `json:"buffer_minutes"`
	QuietHours       *[]QuietWindow `json:"quiet_hours"`
	RequiresApproval *bool          `json:"requires_approval"`
}

// validate checks each given field on its own, naming it "rules.<name>".
func (p RulesPatch) validate() error {
	if v := p.MaxAdvanceDays; v != nil && (*v < 1 || *v > MaxAdvanceLimit) {
		return Invalid("rules.max_advance_days", "须为1至%d天 must be 1 to %d days", MaxAdvanceLimit, MaxAdvanceLimit)
	}
	if err := checkMinutes("min_minutes", p.MinMinutes, 1, maxBookingMinutes); err != nil {
		return err
	}
	if err := checkMinutes("max_minutes", p.MaxMinutes, 1, maxBookingMinutes); err != nil {
		return err
	}
	if err := checkMinutes("buffer_minutes", p.BufferMinutes, 0, MaxBufferMinutes); err != nil {
		return err
	}
	if p.QuietHours != nil {
		return validateQuietHours(*p.QuietHours)
	}
	return nil
}

// checkMinutes refuses a given number of minutes outside [lo, hi].
func checkMinutes(name string, v *int, lo, hi int) error {
	if v == nil || (*v >= lo && *v <= hi) {
		return nil
	}
	return Invalid("rules."+name, "须为%d至%d分钟 must be %d to %d minutes", lo, hi, lo, hi)
}

// validateQuietHours checks the windows: "HH:MM" each, a window of some
// length, at most MaxQuietWindows.
func validateQuietHours(ws []QuietWindow) error {
	if len(ws) > MaxQuietWindows {
		return Invalid("rules.quiet_hours", "安静时段最多%d段 at most %d windows", MaxQuietWindows, MaxQuietWindows)
	}
	for i, w := range ws {
		s, err1 := time.Parse("15:04", w.Start)
		e, err2 := time.Parse("15:04", w.End)
		if err1 != nil || err2 != nil || len(w.Start) != 5 || len(w.End) != 5 {
			return Invalid("rules.quiet_hours", "第%d段的时间须写作「时:分」 window %d: times must be HH:MM", i+1, i+1)
		}
		if s.Equal(e) {
			return Invalid("rules.quiet_hours", "第%d段开始与结束相同 window %d starts where it ends", i+1, i+1)
		}
	}
	return nil
}

// apply merges the given keys into r and checks what only the merged
// rules can show: the minimum no longer than the maximum.
func (p RulesPatch) apply(r *Rules) error {
	set := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	set(&r.MaxAdvanceDays, p.MaxAdvanceDays)
	set(&r.MinMinutes, p.MinMinutes)
	set(&r.MaxMinutes, p.MaxMinutes)
	set(&r.BufferMinutes, p.BufferMinutes)
	if p.QuietHours != nil {
		r.QuietHours = append([]QuietWindow{}, *p.QuietHours...)
	}
	if p.RequiresApproval != nil {
		r.RequiresApproval = *p.RequiresApproval
	}
	if r.MinMinutes > r.MaxMinutes {
		field := "rules.min_minutes"
		if p.MaxMinutes != nil {
			field = "rules.max_minutes"
		}
		return Invalid(field, "最短时长（%d分钟）不能超过最长时长（%d分钟） min_minutes (%d) cannot exceed max_minutes (%d)",
			r.MinMinutes, r.MaxMinutes, r.MinMinutes, r.MaxMinutes)
	}
	return nil
}
