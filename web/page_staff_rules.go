package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// staffRulesForm is a room's rules as typed, kept to show again when
// refused: the numbers as text, the quiet windows one row each (a blank
// row to add one), the approval box.
type staffRulesForm struct {
	MaxAdvanceDays, MinMinutes, MaxMinutes, BufferMinutes string
	Windows                                               []quietRow
	RequiresApproval                                      bool
}

// quietRow is one row of the quiet hours: "HH:MM" each, and whether the
// staff ticked it for removal.
type quietRow struct {
	Start, End string
	Remove     bool
}

// staffRulesView is a room's rules page: the form, its messages by field
// (max_advance_days ... quiet_hours), and the future uses inside the
// room's quiet hours as stored (kept when the hours changed; see
// booking.QuietBreaches), with their number.
type staffRulesView struct {
	Page
	Room     booking.Room
	Form     staffRulesForm
	Errors   formErrors
	Numbers  []rulesNumber
	Rows     []windowRow
	Breaches []booking.Conflict
	Total    int
}

// rulesNumber is one number field for the "staff-rules-number" partial:
// its name (label and hint are rules.<name> and rules.<name>_hint), the
// value typed and the message next to it.
type rulesNumber struct{ Name, Value, Error string }

// windowRow is a row of quiet hours as shown: I its index in the form
// (the value of its remove box), N its number for people (I+1).
type windowRow struct {
	quietRow
	I, N int
}

// handleStaffRules shows a room's house rules for editing.
func (s *Server) handleStaffRules(c *gin.Context) {
	p := s.basePage(c, "staff")
	r, err := s.svc.Room(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.pageFail(c, err)
		return
	}
	s.renderRules(c, p, http.StatusOK, r, rulesForm(r.Rules), formErrors{})
}

// rulesForm is the form filled with rules as stored, and a blank row.
func rulesForm(r booking.Rules) staffRulesForm {
	f := staffRulesForm{MaxAdvanceDays: strconv.Itoa(r.MaxAdvanceDays), MinMinutes: strconv.Itoa(r.MinMinutes),
		MaxMinutes: strconv.Itoa(r.MaxMinutes), BufferMinutes: strconv.Itoa(r.BufferMinutes), RequiresApproval: r.RequiresApproval}
	for _, w := range r.QuietHours {
		f.Windows = append(f.Windows, quietRow{Start: w.Start, End: w.End})
	}
	f.Windows = append(f.Windows, quietRow{})
	return f
}

// renderRules renders the page with status, listing the room's current
// quiet-hour breaches under the form.
func (s *Server) renderRules(c *gin.Context, p Page, status int, r booking.Room, f staffRulesForm, errs formErrors) {
	list, total, err := s.svc.QuietBreaches(c.Request.Context(), p.User, r.ID)
	if err != nil {
		s.pageFail(c, err)
		return
	}
	v := &staffRulesView{Page: p, Room: r, Form: f, Errors: errs, Breaches: list, Total: total}
	for name, val := range map[string]string{"max_advance_days": f.MaxAdvanceDays, "min_minutes": f.MinMinutes,
		"max_minutes": f.MaxMinutes, "buffer_minutes": f.BufferMinutes} {
		v.Numbers = append(v.Numbers, rulesNumber{Name: name, Value: val, Error: errs[name]})
	}
	slices.SortFunc(v.Numbers, func(a, b rulesNumber) int {
		return slices.Index(rulesFields, a.Name) - slices.Index(rulesFields, b.Name)
	})
	for i, w := range f.Windows {
		v.Rows = append(v.Rows, windowRow{quietRow: w, I: i, N: i + 1})
	}
	s.render(c, status, "staff_rules", p.Lang, v)
}
