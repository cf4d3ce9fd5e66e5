package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// statusOf maps domain error codes to HTTP status codes, in this one place.
var statusOf = map[string]int{
	booking.EINVALID:      http.StatusUnprocessableEntity,
	booking.EPOLICY:       http.StatusUnprocessableEntity,
	booking.EUNAUTHORIZED: http.StatusUnauthorized,
	booking.EFORBIDDEN:    http.StatusForbidden,
	booking.ENOTFOUND:     http.StatusNotFound,
	booking.ECONFLICT:     http.StatusConflict,
	booking.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	booking.EINTERNAL:     http.StatusInternalServerError,
	booking.EUNAVAILABLE:  http.StatusServiceUnavailable,
	booking.ERATELIMITED:  http.StatusTooManyRequests,
}

// fail answers with the error's status and the one error shape,
// {"error":{"code","message",...}}. Internal errors are
// logged and shown only as "internal error".
func (s *Server) fail(c *gin.Context, err error) {
	code := booking.ErrorCode(err)
	if code == booking.EINTERNAL {
		s.log.Error("request failed", "method", c.Request.Method, "route", c.FullPath(), "err", err)
	}
	body := gin.H{"code": code, "message": booking.ErrorMessage(err)}
	if code == booking.EUNAVAILABLE {
		c.Header("Retry-After", "1")
	}
	if e, ok := err.(*booking.Error); ok {
		if code == booking.ERATELIMITED {
			c.Header("Retry-After", retryAfter(e.RetryAfter))
		}
		if e.Field != "" {
			body["field"] = e.Field
		}
		if e.Rule != "" {
			body["rule"] = e.Rule
		}
		switch {
		case e.Clashes != nil:
			body["conflicts"] = e.Clashes
			body["total"] = e.Total
		case e.Conflicts != nil:
			body["conflicts"] = e.Conflicts
		}
	}
	c.AbortWithStatusJSON(statusOf[code], gin.H{"error": body})
}

// badRequest is for bodies that are not JSON at all: 400, not 422.
func (s *Server) badRequest(c *gin.Context, msg string) {
	c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": gin.H{"code": booking.EINVALID, "message": msg}})
}

// badRequestField is badRequest naming the field at fault (a key the
// request type does not have).
func (s *Server) badRequestField(c *gin.Context, field, msg string) {
	c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": gin.H{"code": booking.EINVALID, "message": msg, "field": field}})
}

// retryAfter is a Retry-After value: whole seconds, rounded up, at least 1.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(max(1, int((d+time.Second-1)/time.Second)))
}
