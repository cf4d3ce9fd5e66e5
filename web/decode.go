package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
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
		zh, en := jsonKind(typeErr.Type)
		s.fail(c, booking.Invalid(typeErr.Field, "类型错误，应为%s wrong type: want %s", zh, en))
	case errors.Is(err, io.EOF):
		s.badRequest(c, "请求体为空 request body is empty: JSON expected")
	case strings.HasPrefix(err.Error(), unknownField):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), unknownField))
		s.badRequestField(c, name, fmt.Sprintf("没有这个字段「%s」 unknown field %q", name, name))
	default:
		s.badRequest(c, "JSON格式错误 malformed JSON: "+err.Error())
	}
	return false
}

// unknownField starts encoding/json's error for a key the type lacks
// (DisallowUnknownFields); it names the key but not its path.
const unknownField = "json: unknown field "

// jsonKind names the JSON a Go type decodes from, for a person: the Go
// type itself means nothing to a client.
func jsonKind(t reflect.Type) (zh, en string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "整数", "a whole number"
	case reflect.Float32, reflect.Float64:
		return "数字", "a number"
	case reflect.Bool:
		return "true 或 false", "true or false"
	case reflect.String:
		return "文字", "a string"
	case reflect.Slice, reflect.Array:
		return "列表", "a list"
	}
	if t == reflect.TypeFor[time.Time]() {
		return "文字（RFC 3339 时间）", "a string (an RFC 3339 time)"
	}
	return "对象", "an object"
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

// queryTime reads an RFC 3339 time from the query string. A "+" that was
// not percent-encoded arrives as a space ("…T09:00:00 08:00"); it is put
// back, since that is how people type such a URL.
func queryTime(c *gin.Context, tf *timeFields, name string) time.Time {
	v := c.Query(name)
	if n := len(v); n > 6 && v[n-6] == ' ' && v[n-3] == ':' {
		v = v[:n-6] + "+" + v[n-5:]
	}
	return tf.parse(name, v)
}

// queryBool reads a true/false query parameter; absent is false, and a
// value strconv.ParseBool does not know is refused (a dry run that is
// misspelt must not write).
func queryBool(c *gin.Context, name string) (bool, error) {
	v, ok := c.GetQuery(name)
	if !ok || v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, booking.Invalid(name, "须为 true 或 false must be true or false, got %q", v)
	}
	return b, nil
}
