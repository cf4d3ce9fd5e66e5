package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// fixture is what setup made through the API and what the ops and the final
// check need. It is read-only once the main run starts.
type fixture struct {
	runID     string
	day0      time.Time
	rooms     []Room
	users     []*user
	adminTok  string // empty when MINGZHU_ADMIN_PASSWORD is unset or wrong
	leader    *user  // nil unless the series op is on
	team      string
	feeds     bool              // GET /calendar/rooms/R.ics answers
	etags     map[string]string // room → ETag seen at setup; empty disables feed-304
	feedBytes map[string]int    // room → size of its plain feed at setup
	feed      *FeedProbe        // the feed mixes' room; nil for other mixes
	fillDays  int               // days after day0 that -fill bookings reach
	page      *PageProbe        // the pages mix's page; nil for other mixes
	series    bool              // POST /api/v1/series with dry_run answers
	seeded    []created
	counts    SetupCounts
	notes     []string
	setupTime time.Duration
}

// SetupCounts is the client-side tally of what setup created.
type SetupCounts struct {
	UsersRegistered int `json:"users_registered"`
	UsersLoggedIn   int `json:"users_logged_in"`
	LeadersCreated  int `json:"leaders_created"`
	TeamsCreated    int `json:"teams_created"`
	BookingsSeeded  int `json:"bookings_seeded"`
}

// setupParallel bounds setup concurrency: registration and login hash
// passwords, and a flood of bcrypt on two cores only makes setup slower.
const setupParallel = 8

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// setup checks the server is up and creates the users, team and data the
// mix needs. Errors are fatal; missing optional endpoints become notes.
func setup(ctx context.Context, api *API, cfg Config, log io.Writer) (*fixture, error) {
	t0 := time.Now()
	fx := &fixture{runID: randomHex(3), day0: pickDay0(time.Now(), 30+mrand.IntN(2971)), etags: map[string]string{}, feedBytes: map[string]int{}}
	if _, err := api.doJSON(ctx, "GET", "/healthz", "", nil, nil, 200); err != nil {
		return nil, fmt.Errorf("server not healthy at %s: %w", api.base, err)
	}
	fx.loginAdmin(ctx, api, cfg.AdminPass)
	fmt.Fprintf(log, "setup: run %s, registering %d accounts…\n", fx.runID, cfg.Users)
	if err := fx.createUsers(ctx, api, cfg.Users); err != nil {
		return nil, err
	}
	var rooms struct {
		Rooms []Room `json:"rooms"`
	}
	if _, err := api.doJSON(ctx, "GET", "/api/v1/rooms", fx.users[0].Token, nil, &rooms, 200); err != nil {
		return nil, err
	}
	if len(rooms.Rooms) == 0 {
		return nil, errors.New("GET /api/v1/rooms: no rooms")
	}
	fx.rooms = rooms.Rooms
	if cfg.Mix != "book" {
		fmt.Fprintf(log, "setup: seeding %d bookings for the read week…\n", len(fx.rooms)*readDays*seedPerDay)
		fx.seed(ctx, api)
		if cfg.Fill > 0 {
			fmt.Fprintf(log, "setup: filling one room with %d bookings…\n", cfg.Fill)
			fx.fill(ctx, api, cfg.Fill)
		}
		fx.probeFeeds(ctx, api) // after seeding, or every first conditional poll gets a 200
		if fx.feeds && feedMix(cfg.Mix) {
			fx.pickFeedRoom(ctx, api)
		}
	}
	if cfg.Mix == "pages" {
		fx.probePage(ctx, api, cfg.Page, log)
	}
	if cfg.Mix == "mixed" {
		fx.setupSeries(ctx, api)
	}
	fx.setupTime = time.Since(t0)
	return fx, nil
}

// createUsers registers and logs in n residents with random-suffix names.
func (fx *fixture) createUsers(ctx context.Context, api *API, n int) error {
	users := make([]*user, n)
	errs := make([]error, n)
	sem := make(chan struct{}, setupParallel)
	var wg sync.WaitGroup
	for i := range users {
		u := &user{
			Username: fmt.Sprintf("load_%s_%03d", fx.runID, i),
			Password: "pw-" + randomHex(8),
			Name:     fmt.Sprintf("压测居民 %d", i),
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			errs[i] = registerAndLogin(ctx, api, u, fx.adminTok)
			if errs[i] == nil {
				users[i] = u
			}
		})
	}
	wg.Wait()
	for i, u := range users {
		if u != nil {
			fx.users = append(fx.users, u)
			fx.counts.UsersRegistered++
			fx.counts.UsersLoggedIn++
		} else if len(fx.notes) < 3 {
			fx.notes = append(fx.notes, fmt.Sprintf("user %d not created: %v", i, errs[i]))
		}
	}
	if len(fx.users) == 0 {
		return fmt.Errorf("no resident could be registered: %w", errs[0])
	}
	return nil
}

// registerAndLogin creates u and fills its token: through staff when the
// admin is logged in, since public sign-up is capped per address (and every
// load client is one address); else through the public sign-up. Staff
// create team leaders: a resident is held to the house rules (14 days
// ahead, 6 hours a week), which a load of bookings weeks ahead breaks at
// once; a leader's booking goes through the same door and the same clash
// check, exempt only from those rules.
func registerAndLogin(ctx context.Context, api *API, u *user, adminTok string) error {
	var reg struct {
		User struct {
			ID ID `json:"id"`
		} `json:"user"`
	}
	in := map[string]string{"username": u.Username, "password": u.Password, "name": u.Name}
	path := "/api/v1/auth/register"
	if adminTok != "" {
		in["role"], path = "leader", "/api/v1/users"
	}
	if _, err := retrying(ctx, func() (int, error) {
		return api.doJSON(ctx, "POST", path, adminTok, in, &reg, 201)
	}); err != nil {
		return err
	}
	u.ID = reg.User.ID
	return login(ctx, api, u)
}

// login fills u.Token.
func login(ctx context.Context, api *API, u *user) error {
	var out struct {
		Token string `json:"token"`
	}
	in := map[string]string{"username": u.Username, "password": u.Password}
	if _, err := retrying(ctx, func() (int, error) {
		return api.doJSON(ctx, "POST", "/api/v1/auth/login", "", in, &out, 200)
	}); err != nil {
		return err
	}
	if out.Token == "" {
		return fmt.Errorf("login %s: empty token", u.Username)
	}
	u.Token = out.Token
	return nil
}

// retrying repeats a setup call a few times while the server says 429 or
// 503: setup must not fail because the server sheds load it is built to shed.
func retrying(ctx context.Context, f func() (int, error)) (int, error) {
	for i := 0; ; i++ {
		st, err := f()
		if err == nil || i == 4 || (st != http.StatusTooManyRequests && st != http.StatusServiceUnavailable) {
			return st, err
		}
		sleepUntil(ctx, time.Now().Add(time.Hour), time.Duration(i+1)*200*time.Millisecond)
	}
}

// loginAdmin logs in as admin; without it the series op is off and the final
// check reads each booking with its owner's token.
func (fx *fixture) loginAdmin(ctx context.Context, api *API, pass string) {
	if pass == "" {
		fx.notes = append(fx.notes, "MINGZHU_ADMIN_PASSWORD unset: no team/leader, series dry-run skipped")
		return
	}
	admin := &user{Username: "admin", Password: pass}
	if err := login(ctx, api, admin); err != nil {
		fx.notes = append(fx.notes, fmt.Sprintf("admin login failed (series dry-run skipped): %v", err))
		return
	}
	fx.adminTok = admin.Token
}
