package web

import (
	_ "embed"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

// openAPI is the OpenAPI 3.1 description of the whole API, served as it is.
// The web tests validate every request and answer against it, so it stays
// true: a change to the API that it lacks fails them.
//
//go:embed openapi.json
var openAPI []byte

// openAPIGz is the description compressed, once, on first use.
var openAPIGz = sync.OnceValue(func() []byte { return gzipBytes(openAPI) })

// handleOpenAPI serves the description for clients and code generators.
func (s *Server) handleOpenAPI(c *gin.Context) {
	sendVariant(c, http.StatusOK, "application/json; charset=utf-8", openAPI, openAPIGz())
}
