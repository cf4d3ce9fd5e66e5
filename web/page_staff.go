package web

import "github.com/gin-gonic/gin"

// staffPages are the reception desk's: accounts, teams and rooms. Only
// staff pass (others see the friendly 403 page, anonymous readers the
// login page); the service checks the role again on every call. Every
// change is a POST answered with a redirect to a page that says it was
// done (?done=), or with the same form and its refusals.
func (s *Server) staffPages(g *gin.RouterGroup) {
	st := g.Group("/staff", s.needStaff)
	get(st, "", s.handleStaffDesk)

	get(st, "/users", s.handleStaffUsers)
	get(st, "/users/new", s.handleStaffUserNew)
	st.POST("/users", s.handleStaffUserCreate)
	get(st, "/users/:id", s.handleStaffUser)
	st.POST("/users/:id/role", s.handleStaffUserRole)
	st.POST("/users/:id/password", s.handleStaffUserPassword)
	st.POST("/users/:id/disabled", s.handleStaffUserDisabled)

	get(st, "/teams", s.handleStaffTeams)
	get(st, "/teams/new", s.handleStaffTeamNew)
	st.POST("/teams", s.handleStaffTeamCreate)
	get(st, "/teams/:id", s.handleStaffTeam)
	st.POST("/teams/:id", s.handleStaffTeamSave)

	get(st, "/rooms", s.handleStaffRooms)
	get(st, "/rooms/:id", s.handleStaffRoom)
	st.POST("/rooms/:id", s.handleStaffRoomSave)
	get(st, "/rooms/:id/rules", s.handleStaffRules)
	st.POST("/rooms/:id/rules", s.handleStaffRulesSave)

	get(st, "/holidays", s.handleStaffHolidays)
	st.POST("/holidays", s.handleStaffHolidayAdd)
	st.POST("/holidays/:date/remove", s.handleStaffHolidayRemove)

	get(st, "/approvals", s.handleStaffApprovals)
	st.POST("/approvals/:id/approve", s.handleStaffApprove)
	st.POST("/approvals/:id/decline", s.handleStaffDecline)
	get(st, "/utilization", s.handleStaffUtilization)
	get(st, "/checkin", s.handleStaffCheckIn)
	st.POST("/checkin/:id", s.handleStaffCheckInSubmit)
	get(st, "/closures", s.handleStaffClosures)
	st.POST("/closures", s.handleStaffClosureCreate)
	st.POST("/closures/:id/delete", s.handleStaffClosureDelete)
	get(st, "/audit", s.handleStaffAudit)
}
