package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mingzhu/booking"
	"mingzhu/data"
)

// TestOnlineBackup takes a backup with the real binary while the server
// is serving and writing: the copy must pass integrity_check and hold
// every booking acknowledged before the backup began. Then the backup is
// restored, exported as JSON and imported into an empty database.
func TestOnlineBackup(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "live.db")
	env := []string{"MINGZHU_DB=" + dbPath, "MINGZHU_ADMIN_PASSWORD=backup-admin-pass"}
	cmd, base, _ := startBinary(t, bin, env)
	tokens := crashClients(t, base, 8, 0)

	var mu sync.Mutex
	var acked []string
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for round := 0; ; round++ {
			select {
			case <-stop:
				return
			default:
			}
			ids := hammer(base, tokens, round, 150*time.Millisecond, nil)
			mu.Lock()
			acked = append(acked, ids...)
			mu.Unlock()
		}
	}()
	time.Sleep(600 * time.Millisecond)
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()
	backup := filepath.Join(dir, "backup.db")
	out, err := exec.Command(bin, "backup", "-db", dbPath, "-o", backup).CombinedOutput()
	if err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	<-done
	cmd.Process.Kill()
	cmd.Wait()
	if len(before) < 10 {
		t.Fatalf("only %d bookings before the backup", len(before))
	}

	ctx := context.Background()
	if err := data.IntegrityCheck(ctx, backup); err != nil {
		t.Fatal(err)
	}
	restored := filepath.Join(dir, "restored.db")
	if out, err := exec.Command(bin, "restore", "-db", restored, "-i", backup).CombinedOutput(); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	db, err := data.Open(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range before {
		if n := countRows(t, db, `SELECT count(*) FROM bookings WHERE id = ?`, id); n != 1 {
			t.Fatalf("booking %s acknowledged before the backup is missing", id)
		}
	}
	total := countRows(t, db, `SELECT count(*) FROM bookings`)
	db.Close()

	// JSON export of the restored copy, imported into an empty database.
	export := filepath.Join(dir, "export.json")
	if out, err := exec.Command(bin, "export", "-db", restored, "-o", export).CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	var snap booking.Snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		t.Fatal(err)
	}
	if len(snap.Bookings) != total || len(snap.Rooms) != 5 || len(snap.Series) == 0 || len(snap.Teams) < 8 {
		t.Fatalf("export has %d bookings (want %d), %d rooms, %d series, %d teams", len(snap.Bookings), total, len(snap.Rooms), len(snap.Series), len(snap.Teams))
	}
	if containsHash(raw) {
		t.Fatal("export contains password hashes")
	}
	fresh := filepath.Join(dir, "fresh.db")
	if out, err := exec.Command(bin, "import", "-db", fresh, "-i", export).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "import", "-db", fresh, "-i", export).CombinedOutput(); err == nil {
		t.Fatalf("import into a non-empty database succeeded:\n%s", out)
	}
	db, err = data.Open(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for table, want := range map[string]int{"bookings": total, "series": len(snap.Series), "users": len(snap.Users), "teams": len(snap.Teams)} {
		if n := countRows(t, db, fmt.Sprintf(`SELECT count(*) FROM %s`, table)); n != want {
			t.Fatalf("%s after import = %d, want %d", table, n, want)
		}
	}
}

func containsHash(raw []byte) bool {
	return strings.Contains(string(raw), "$2a$") || strings.Contains(string(raw), "password")
}
