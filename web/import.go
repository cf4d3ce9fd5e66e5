package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// handleImport takes a text/calendar body (at most 1 MiB) for a team:
// ?room= names the room; on_conflict and dry_run work as for series;
// from/to ask for the resulting occurrences in that window.
func (s *Server) handleImport(c *gin.Context) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(c, booking.Errorf(booking.ETOOLARGE, "文件超过1 MiB file exceeds 1 MiB"))
			return
		}
		s.badRequest(c, "无法读取请求体 cannot read the body")
		return
	}
	dry, err := queryBool(c, "dry_run")
	if err != nil {
		s.fail(c, err)
		return
	}
	var tf timeFields
	r := booking.ImportRequest{Team: c.Param("id"), Room: c.Query("room"), ICS: body,
		OnConflict: c.Query("on_conflict"), DryRun: dry,
		From: queryTime(c, &tf, "from"), To: queryTime(c, &tf, "to")}
	if tf.err != nil {
		s.fail(c, tf.err)
		return
	}
	res, err := s.svc.Import(c.Request.Context(), user(c), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	status := http.StatusCreated
	if res.DryRun {
		status = http.StatusOK
	} else {
		// A rare, large write: say what it did and how long it held the
		// single writer (writing) beside the planning that held nothing.
		tm := res.Timing
		s.log.Info("已导入 imported", "team", r.Team, "room", r.Room, "created", len(res.Created),
			"skipped", len(res.Skipped), "plans", tm.Plans, "planning", tm.Planning, "writing", tm.Writing, "in_writer", tm.InWriter)
	}
	c.JSON(status, gin.H{"import": res})
}
