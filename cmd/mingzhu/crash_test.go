package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"mingzhu/data"
)

// TestCrashSafety starts the real binary, drives bookings from many
// clients, kills it with SIGKILL mid-load and reopens the file, several
// times over: every booking acknowledged with 201 must still be there,
// PRAGMA integrity_check must say ok, and no two bookings of a room that
// hold their slot (confirmed; pending, a resident's in the lecture room)
// may overlap.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills the binary several times")
	}
	bin := buildBinary(t)
	dbPath := filepath.Join(t.TempDir(), "crash.db")
	env := []string{"MINGZHU_DB=" + dbPath, "MINGZHU_ADMIN_PASSWORD=crash-admin-pass"}
	acked := map[string]bool{}
	const clients, rounds = 16, 4
	for round := 0; round < rounds; round++ {
		cmd, base, _ := startBinary(t, bin, env, "-seed", "none")
		tokens := crashClients(t, base, clients, round)
		ids := hammer(base, tokens, round, 700*time.Millisecond+time.Duration(round)*300*time.Millisecond, cmd.Process)
		cmd.Wait()
		for _, id := range ids {
			acked[id] = true
		}
		checkAfterCrash(t, dbPath, acked)
		t.Logf("round %d: %d bookings acknowledged so far", round, len(acked))
	}
	if len(acked) < 20 {
		t.Fatalf("only %d bookings acknowledged: the load did not run", len(acked))
	}
}

// crashClients registers (first round) and logs in n residents.
func crashClients(t *testing.T, base string, n, round int) []string {
	var tokens []string
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("crash%02d", i)
		if round == 0 {
			post(t, base+"/api/v1/auth/register", "", fmt.Sprintf(`{"username":%q,"password":"crash-pass-1","name":"住户 %d"}`, name, i), 201)
		}
		login := fmt.Sprintf(`{"username":%q,"password":"crash-pass-1"}`, name)
		tokens = append(tokens, post(t, base+"/api/v1/auth/login", "", login, 200)["token"].(string))
	}
	return tokens
}

// hammer books random slots from every client for d, then SIGKILLs the
// server if proc is given; it returns the ids answered 201.
func hammer(base string, tokens []string, round int, d time.Duration, proc *os.Process) []string {
	var mu sync.Mutex
	var ids []string
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rooms := []string{"activity", "library", "calligraphy", "music", "lecture"}
	day0 := time.Now().Add(72 * time.Hour).Truncate(24 * time.Hour)
	var wg sync.WaitGroup
	for i, tok := range tokens {
		wg.Add(1)
		go func(i int, tok string) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(round), uint64(i)))
			for ctx.Err() == nil {
				start := day0.Add(time.Duration(rng.IntN(20*48)) * 30 * time.Minute)
				body := fmt.Sprintf(`{"room":%q,"start":%q,"end":%q,"title":"压测 crash","attendees":1}`,
					rooms[rng.IntN(len(rooms))], start.Format(time.RFC3339), start.Add(time.Duration(1+rng.IntN(3))*30*time.Minute).Format(time.RFC3339))
				req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/bookings", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+tok)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return
				}
				var out struct{ Booking struct{ ID string } }
				err = json.NewDecoder(res.Body).Decode(&out)
				res.Body.Close()
				if res.StatusCode == 201 && err == nil {
					mu.Lock()
					ids = append(ids, out.Booking.ID)
					mu.Unlock()
				}
			}
		}(i, tok)
	}
	time.Sleep(d)
	if proc != nil {
		proc.Signal(syscall.SIGKILL)
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return ids
}

// checkAfterCrash opens the file as the next start would and checks it.
func checkAfterCrash(t *testing.T, path string, acked map[string]bool) {
	t.Helper()
	ctx := context.Background()
	db, err := data.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	overlaps, err := confirmedOverlaps(ctx, db)
	if err != nil {
		t.Fatalf("overlap check: %v", err)
	}
	if overlaps != 0 {
		t.Fatalf("%d overlapping pairs of bookings holding their slot", overlaps)
	}
	for id := range acked {
		if n := countRows(t, db, `SELECT count(*) FROM bookings WHERE id = ? AND status IN ('confirmed', 'pending')`, id); n != 1 {
			t.Fatalf("acknowledged booking %s lost", id)
		}
	}
}
