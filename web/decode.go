package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"mingzhu/booking"
)

// decode reads a JSON body strictly into v: unknown fields and trailing
// data are refused, so a typo never silently does nothing. It answers the
// request itself and returns false on failure.
func (s *Server) decode(c *gin.Context, v any) bool {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data after the JSON object")
	}
	if err == nil {
		return true
	}
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		s.fail(c, booking.Errorf(booking.ETOOLARGE, "请求体超过1 MiB request body exceeds 1 MiB"))
	case errors.As(err, &typeErr):
		s.fail(c, booking.Invalid(typeErr.Field, "类型错误 wrong type: want %s", typeErr.Type))
	case errors.Is(err, io.EOF):
		s.badRequest(c, "请求体为空 request body is empty: JSON expected")
	default:
		s.badRequest(c, "JSON格式错误 malformed JSON: "+err.Error())
	}
	return false
}

// parseTime reads an RFC 3339 time with offset; empty means absent.
func parseTime(field, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	t = t.Truncate(time.Second) // stored in whole seconds; validate what is stored
	if err != nil {
		return time.Time{}, booking.Invalid(field, "时间格式应为RFC 3339，如 2026-12-01T09:00:00+08:00 want an RFC 3339 time with offset, got %q", v)
	}
	return t, nil
}

// timeFields parses several time fields in order, keeping the first
// error, so a handler reads them in a row and checks once.
type timeFields struct{ err error }

func (p *timeFields) parse(field, v string) time.Time {
	if p.err != nil {
		return time.Time{}
	}
	t, err := parseTime(field, v)
	p.err = err
	return t
}

// list answers a list wrapped under its plural name, never null.
func list[T any](c *gin.Context, name string, items []T) {
	if items == nil {
		items = []T{}
	}
	c.JSON(http.StatusOK, gin.H{name: items})
}
