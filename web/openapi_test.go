package web_test

// Every request the API tests send through env, and every answer, is
// checked against the OpenAPI 3.1 description (openapi.json), so the
// description stays true: an answer it lacks (a status, a field, a route)
// fails the test that provoked it.
//
// The checks use github.com/getkin/kin-openapi v0.153.0: the openapi3
// loader, the gorillamux router (the one its README uses; it matches
// templates inside a segment such as /calendar/rooms/{room}.ics) and
// openapi3filter.ValidateRequest / ValidateResponse. Its 3.1 support
// was enough: for a 3.1 document it checks schemas that use 2020-12
// keywords with a JSON Schema 2020-12 validator (santhosh-tekuri/jsonschema)
// and the others with its own; TestOpenAPIValidationCatches shows that
// both catch what we rely on (type arrays with "null", const, allOf with
// sibling keywords, additionalProperties: false, required, date-time
// formats, required response headers). So the alternative,
// pb33f/libopenapi-validator, was not needed.
//
// Requests meant to be invalid: every request is validated, and one the
// description refuses is still served; its answer must then be a 4xx
// (and, like every answer, documented), and it is logged as intentionally
// invalid. A refused request answered 2xx fails: the server accepts what
// the description says it refuses, so one of the two is wrong. (Checking
// requests only when a test expects 2xx would need each test's
// expectation, which the wrapper cannot see, and would miss exactly that.)

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"mingzhu/web"
)

// spec is the description, loaded and checked once per test binary.
var spec struct {
	once   sync.Once
	raw    []byte
	doc    *openapi3.T
	router routers.Router
	err    error
}

// loadSpec loads openapi.json, validates it as an OpenAPI document and
// builds its router.
func loadSpec(tb testing.TB) (*openapi3.T, routers.Router) {
	tb.Helper()
	spec.once.Do(func() {
		if spec.raw, spec.err = os.ReadFile("openapi.json"); spec.err != nil {
			return
		}
		loader := openapi3.NewLoader()
		if spec.doc, spec.err = loader.LoadFromData(spec.raw); spec.err != nil {
			return
		}
		if spec.err = spec.doc.Validate(context.Background()); spec.err != nil {
			return
		}
		spec.router, spec.err = gorillamux.NewRouter(spec.doc)
	})
	if spec.err != nil {
		tb.Fatalf("openapi.json: %v", spec.err)
	}
	return spec.doc, spec.router
}

// specHandler serves through next and checks the exchange against the
// description before the client sees the answer (so that a report always
// lands while its test is running).
type specHandler struct {
	next   http.Handler
	doc    *openapi3.T
	router routers.Router
	errorf func(format string, args ...any)
	logf   func(format string, args ...any)
}

// validated wraps h so that every exchange is checked; departures fail tb.
func validated(tb testing.TB, h http.Handler) http.Handler {
	doc, router := loadSpec(tb)
	return &specHandler{next: h, doc: doc, router: router, errorf: tb.Errorf, logf: tb.Logf}
}

func (v *specHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	check := r.Clone(context.Background())
	check.Body = io.NopCloser(bytes.NewReader(body))
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	v.next.ServeHTTP(rec, r)
	if msg := v.check(check, rec); msg != "" {
		plain, _ := plainBody(rec)
		v.errorf("openapi: %s %s → %d: %s\nanswer: %.600s", r.Method, r.URL.RequestURI(), rec.Code, msg, plain)
	}
	for k, vs := range rec.Header() {
		w.Header()[k] = vs
	}
	w.WriteHeader(rec.Code)
	w.Write(rec.Body.Bytes())
}

// options: every status must be documented; defaults are not written into
// the request; a bearer token must be present where security asks for one.
var specOptions = &openapi3filter.Options{
	IncludeResponseStatus: true,
	SkipSettingDefaults:   true,
	AuthenticationFunc: func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
		h := in.RequestValidationInput.Request.Header.Get("Authorization")
		if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") && strings.TrimSpace(h[7:]) != "" {
			return nil
		}
		return errors.New("no bearer token")
	},
}

// check returns what is wrong with the exchange, or "".
func (v *specHandler) check(r *http.Request, rec *httptest.ResponseRecorder) string {
	if p := r.URL.Path; !strings.HasPrefix(p, "/api/") && !strings.HasPrefix(p, "/calendar/") && p != "/healthz" {
		return "" // a page, for people: pages_test.go checks those
	}
	route, params, err := v.router.FindRoute(r)
	if err != nil {
		return v.checkUndescribed(err, rec)
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: specOptions}
	if reqErr := openapi3filter.ValidateRequest(context.Background(), in); reqErr != nil {
		if rec.Code < 400 || rec.Code >= 500 {
			return fmt.Sprintf("the description refuses this request, but it was answered %d: %v", rec.Code, reqErr)
		}
		v.logf("openapi: %s %s: intentionally invalid request, answered %d: %s", r.Method, r.URL.RequestURI(), rec.Code, firstLine(reqErr))
	}
	if route.Operation.Responses.Status(rec.Code) == nil {
		return fmt.Sprintf("status %d is not documented for %s %s", rec.Code, r.Method, route.Path)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code,
		Header: rec.Header(), Options: specOptions}
	body, err := plainBody(rec)
	if err != nil {
		return "the compressed answer does not decompress: " + err.Error()
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return "the answer does not match the description: " + err.Error()
	}
	return ""
}

// checkUndescribed: a path or method the description lacks must be
// refused with 404 or 405 and the error object (or a redirect, as the
// router gives for a trailing slash).
func (v *specHandler) checkUndescribed(routeErr error, rec *httptest.ResponseRecorder) string {
	switch rec.Code {
	case http.StatusMovedPermanently, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return ""
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		var body any
		plain, _ := plainBody(rec)
		if err := json.Unmarshal(plain, &body); err != nil {
			return "undescribed route answered without the error object: " + err.Error()
		}
		if err := v.doc.Components.Schemas["Error"].Value.VisitJSON(body, openapi3.EnableJSONSchema2020()); err != nil {
			return "undescribed route answered without the error object: " + err.Error()
		}
		return ""
	}
	return fmt.Sprintf("the route is not in the description (%v)", routeErr)
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// TestOpenAPIServed: the description is served as it is, with HEAD too,
// and is a valid OpenAPI 3.1 document.
func TestOpenAPIServed(t *testing.T) {
	doc, _ := loadSpec(t)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	e := newEnv(t)
	r := e.must(200, "GET", "/api/v1/openapi.json", "", nil)
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || !bytes.Equal(r.Raw, spec.raw) {
		t.Fatalf("served %q, %d bytes; want application/json, the %d bytes of openapi.json",
			r.Header.Get("Content-Type"), len(r.Raw), len(spec.raw))
	}
	if h := e.do("HEAD", "/api/v1/openapi.json", "", nil); h.Status != 200 || len(h.Raw) != 0 {
		t.Fatalf("HEAD: %d, %d bytes", h.Status, len(h.Raw))
	}
}

// TestOpenAPIDescribesEveryRoute: each route the router has is in the
// description, so a new endpoint cannot be added without describing it.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	_, router := loadSpec(t)
	svc, _ := newService(t, "none", startOfTests())
	srv := web.NewServer(svc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	routes := web.RoutesOf(srv)
	if len(routes) < 30 {
		t.Fatalf("only %d routes", len(routes))
	}
	for _, rt := range routes {
		if !strings.HasPrefix(rt.Path, "/api/") && !strings.HasPrefix(rt.Path, "/calendar/") && rt.Path != "/healthz" {
			continue // a page, for people: not part of the API
		}
		var parts []string
		for _, seg := range strings.Split(rt.Path, "/") {
			switch {
			case seg == ":file":
				seg = "x1.ics"
			case strings.HasPrefix(seg, ":"), strings.HasPrefix(seg, "*"):
				seg = "x1"
			}
			parts = append(parts, seg)
		}
		req := httptest.NewRequest(rt.Method, strings.Join(parts, "/"), nil)
		if _, _, err := router.FindRoute(req); err != nil {
			t.Errorf("%s %s is not in openapi.json: %v", rt.Method, rt.Path, err)
		}
	}
}

// plainBody is the answer's body as the client reads it: a gzip answer
// (Go's client asks for gzip by itself) is checked after decompressing.
func plainBody(rec *httptest.ResponseRecorder) ([]byte, error) {
	if rec.Header().Get("Content-Encoding") != "gzip" {
		return rec.Body.Bytes(), nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
