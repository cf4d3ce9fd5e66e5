package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// rulesFields are the form's fields, each the service's "rules.<name>".
var rulesFields = []string{"max_advance_days", "min_minutes", "max_minutes", "buffer_minutes", "quiet_hours"}

// handleStaffRulesSave stores a room's rules as the form has them, all
// keys at once, through PatchRoom. What the page reads itself (a number
// that is not one, a window with one time missing) is its own message by
// the field; every rule about the values is the service's.
func (s *Server) handleStaffRulesSave(c *gin.Context) {
	p := s.basePage(c, "staff")
	id := c.Param("id")
	f := readRulesForm(c)
	errs := formErrors{}
	nums := map[string]*int{}
	for name, v := range map[string]string{"max_advance_days": f.MaxAdvanceDays, "min_minutes": f.MinMinutes,
		"max_minutes": f.MaxMinutes, "buffer_minutes": f.BufferMinutes} {
		n, err := strconv.Atoi(v)
		if err != nil {
			errs[name] = s.T(p, "rules.number")
		}
		nums[name] = &n
	}
	windows, ok := f.windows()
	if !ok {
		errs["quiet_hours"] = s.T(p, "rules.window_incomplete")
	}
	if len(errs) == 0 {
		patch := booking.RulesPatch{MaxAdvanceDays: nums["max_advance_days"], MinMinutes: nums["min_minutes"],
			MaxMinutes: nums["max_minutes"], BufferMinutes: nums["buffer_minutes"], QuietHours: &windows,
			RequiresApproval: &f.RequiresApproval}
		_, err := s.svc.PatchRoom(c.Request.Context(), p.User, id, booking.RoomPatch{Rules: &patch})
		if err == nil {
			staffDone(c, "/staff/rooms/"+id+"/rules", "rules_saved")
			return
		}
		if !s.rulesErrors(p, err, errs) {
			s.pageFail(c, err)
			return
		}
	}
	r, err := s.svc.Room(c.Request.Context(), id)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.renderRules(c, p, http.StatusUnprocessableEntity, r, f, errs)
}

// rulesErrors puts a refusal by the service next to its field (the
// service names them "rules.<field>"); false: not a refusal to show.
func (s *Server) rulesErrors(p Page, err error, errs formErrors) bool {
	named := make([]string, len(rulesFields))
	for i, f := range rulesFields {
		named[i] = "rules." + f
	}
	got := formErrors{}
	if !got.add(s, p.Lang, err, named...) {
		return false
	}
	for k, v := range got {
		errs[strings.TrimPrefix(k, "rules.")] = v
	}
	return true
}

// readRulesForm reads the form as typed; time inputs may send seconds.
func readRulesForm(c *gin.Context) staffRulesForm {
	trim := strings.TrimSpace
	f := staffRulesForm{MaxAdvanceDays: trim(c.PostForm("max_advance_days")), MinMinutes: trim(c.PostForm("min_minutes")),
		MaxMinutes: trim(c.PostForm("max_minutes")), BufferMinutes: trim(c.PostForm("buffer_minutes")),
		RequiresApproval: c.PostForm("requires_approval") != ""}
	starts, ends := c.PostFormArray("quiet_start"), c.PostFormArray("quiet_end")
	remove := map[string]bool{}
	for _, v := range c.PostFormArray("quiet_remove") {
		remove[v] = true
	}
	for i := 0; i < len(starts) && i < len(ends) && i <= booking.MaxQuietWindows; i++ {
		f.Windows = append(f.Windows, quietRow{Start: clockInput(starts[i]), End: clockInput(ends[i]), Remove: remove[strconv.Itoa(i)]})
	}
	return f
}

// clockInput is a time input's value as "HH:MM" ("22:00:00" → "22:00").
func clockInput(v string) string {
	v = strings.TrimSpace(v)
	if len(v) == 8 && strings.HasSuffix(v, ":00") {
		return v[:5]
	}
	return v
}

// windows are the rows kept (not blank, not ticked for removal); false
// when a kept row lacks one of its times.
func (f staffRulesForm) windows() ([]booking.QuietWindow, bool) {
	out := []booking.QuietWindow{}
	for _, r := range f.Windows {
		switch {
		case r.Remove || (r.Start == "" && r.End == ""):
		case r.Start == "" || r.End == "":
			return nil, false
		default:
			out = append(out, booking.QuietWindow{Start: r.Start, End: r.End})
		}
	}
	return out, true
}
