package main

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// startCeiling serves a trivial Gin JSON handler on another loopback port.
// Driving it with the same client and workers as the real run gives the
// same-run ceiling: the most this machine manages when client and server
// share its two cores and the server does nothing, so each endpoint's rate
// can be read as a fraction of it. stop shuts it down.
func startCeiling() (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	r := gin.New()
	r.GET("/ping", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	srv := &http.Server{Handler: r, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln) // a failure shows as transport errors in the phase
	}()
	return "http://" + ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		<-done
	}, nil
}

// ceilingOps is the baseline's only op.
func ceilingOps() []op {
	return []op{{name: epCeiling, weight: 1, expect: []int{200}, run: func(ctx context.Context, w *worker) result {
		return w.api.send(ctx, call{method: "GET", path: "/ping"}, &w.buf)
	}}}
}
