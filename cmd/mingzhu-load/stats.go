package main

import (
	"fmt"
	"sync/atomic"
)

// class sorts an answer the way the report counts it: the issue asks for
// "answered" (a status the endpoint is expected to give, e.g. 409 for a lost
// booking race) apart from errors (5xx and transport failures). Statuses that
// are neither (a 400 or 422 the tool did not expect) are kept apart as
// unexpected, because they point at a bug in the tool or the server.
type class int

const (
	classAnswered class = iota
	classUnexpected
	classError
)

// classify decides the class of one answer.
func classify(status int, err error, expect []int) class {
	if err != nil || status >= 500 || status == 0 {
		return classError
	}
	for _, s := range expect {
		if s == status {
			return classAnswered
		}
	}
	return classUnexpected
}

// EndpointStats is what one worker (or, merged, the whole run) saw on one
// endpoint.
type EndpointStats struct {
	Hist       Histogram
	Status     map[int]uint64    // HTTP status → count
	Codes      map[string]uint64 // "409 conflict" → count, from error bodies
	Samples    map[string]string // first message seen per Codes key or transport error
	Transport  uint64            // requests that got no HTTP answer
	BodyBytes  uint64            // bodies as received (compressed ones compressed)
	Gzip       uint64            // answers with Content-Encoding: gzip
	Answered   uint64
	Unexpected uint64
	Errors     uint64
}

func newEndpointStats() *EndpointStats {
	return &EndpointStats{Status: map[int]uint64{}, Codes: map[string]uint64{}, Samples: map[string]string{}}
}

// Requests is the number of requests sent.
func (s *EndpointStats) Requests() uint64 { return s.Answered + s.Unexpected + s.Errors }

// observe records one answer. code and msg come from the error body, if any.
func (s *EndpointStats) observe(r result, cl class, code, msg string) {
	s.Hist.Record(r.dur)
	switch cl {
	case classAnswered:
		s.Answered++
	case classUnexpected:
		s.Unexpected++
	default:
		s.Errors++
	}
	if r.err != nil {
		s.Transport++
		if _, ok := s.Samples["transport"]; !ok {
			s.Samples["transport"] = r.err.Error()
		}
		return
	}
	s.Status[r.status]++
	s.BodyBytes += uint64(len(r.body))
	if r.header.Get("Content-Encoding") == "gzip" {
		s.Gzip++
	}
	if code != "" {
		key := fmt.Sprintf("%d %s", r.status, code)
		s.Codes[key]++
		if _, ok := s.Samples[key]; !ok {
			s.Samples[key] = msg
		}
	}
}

// Merge adds o to s.
func (s *EndpointStats) Merge(o *EndpointStats) {
	s.Hist.Merge(&o.Hist)
	for k, v := range o.Status {
		s.Status[k] += v
	}
	for k, v := range o.Codes {
		s.Codes[k] += v
	}
	for k, v := range o.Samples {
		if _, ok := s.Samples[k]; !ok {
			s.Samples[k] = v
		}
	}
	s.Transport += o.Transport
	s.BodyBytes += o.BodyBytes
	s.Gzip += o.Gzip
	s.Answered += o.Answered
	s.Unexpected += o.Unexpected
	s.Errors += o.Errors
}

// progress holds the few counters the once-a-second progress line reads
// while workers run; everything else stays worker-local until the end.
type progress struct {
	requests   atomic.Uint64
	answered   atomic.Uint64
	unexpected atomic.Uint64
	errors     atomic.Uint64
	throttled  atomic.Uint64 // 503s
	booked     atomic.Uint64 // 201s on POST /bookings
}

func (p *progress) count(r result, cl class) {
	p.requests.Add(1)
	switch cl {
	case classAnswered:
		p.answered.Add(1)
	case classUnexpected:
		p.unexpected.Add(1)
	default:
		p.errors.Add(1)
	}
	if r.status == 503 {
		p.throttled.Add(1)
	}
}
