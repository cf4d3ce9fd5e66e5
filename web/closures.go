package web

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// closureRoutes: anyone may read the closures (residents see them on the
// room page); only staff make or lift one (the service checks).
func (s *Server) closureRoutes(api *gin.RouterGroup) {
	get(api, "/closures", s.handleClosures)
	api.POST("/closures", s.auth, s.handleClosureCreate)
	api.DELETE("/closures/:id", s.auth, s.handleClosureDelete)
}

// closureRequest is a closure as asked for. Room is required, null for
// the whole centre: a forgotten field must not shut every room.
type closureRequest struct {
	Room   json.RawMessage `json:"room"`
	Start  string          `json:"start"`
	End    string          `json:"end"`
	Reason string          `json:"reason"`
}

// room reads the room: an id, or null for the whole centre.
func (r closureRequest) room() (string, error) {
	if len(r.Room) == 0 {
		return "", booking.Invalid("room", "请选择功能室，全馆关闭时填 null room is required: a room's id, or null for the whole centre")
	}
	if string(r.Room) == "null" {
		return "", nil
	}
	var id string
	if err := json.Unmarshal(r.Room, &id); err != nil || id == "" {
		return "", booking.Invalid("room", "功能室须为编号或 null room must be a room's id, or null for the whole centre")
	}
	return id, nil
}

// handleClosureCreate shuts a room or the whole centre (staff): 201 with
// the closure and what it cancelled and suspended; ?dry_run=true answers
// 200 with the same, writing nothing.
func (s *Server) handleClosureCreate(c *gin.Context) {
	dry, err := queryBool(c, "dry_run")
	if err != nil {
		s.fail(c, err)
		return
	}
	var req closureRequest
	if !s.decode(c, &req) {
		return
	}
	room, err := req.room()
	if err != nil {
		s.fail(c, err)
		return
	}
	var tf timeFields
	n := booking.NewClosure{Room: room, Start: tf.parse("start", req.Start), End: tf.parse("end", req.End), Reason: req.Reason}
	if tf.err != nil {
		s.fail(c, tf.err)
		return
	}
	plan, err := s.svc.CreateClosure(c.Request.Context(), user(c), n, dry)
	if err != nil {
		s.fail(c, err)
		return
	}
	status := http.StatusCreated
	if dry {
		status = http.StatusOK
	}
	c.JSON(status, plan)
}

// handleClosures lists the closures overlapping [from, to), either bound
// optional, each a date (its 00:00 in site time) or RFC 3339, as for the
// utilisation report; ?room= keeps a room's and the whole centre's.
func (s *Server) handleClosures(c *gin.Context) {
	f := booking.ClosureFilter{Room: c.Query("room")}
	var err error
	if f.From, err = s.dateOrTime("from", c.Query("from")); err != nil {
		s.fail(c, err)
		return
	}
	if f.To, err = s.dateOrTime("to", c.Query("to")); err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.svc.Closures(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"closures": list})
}

// handleClosureDelete lifts a closure (staff): 204. Cancelled bookings
// stay cancelled; suspended class dates come back.
func (s *Server) handleClosureDelete(c *gin.Context) {
	if err := s.svc.DeleteClosure(c.Request.Context(), user(c), c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
