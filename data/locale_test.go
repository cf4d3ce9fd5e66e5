package data_test

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"testing"

	"mingzhu/data"
	"mingzhu/tests/pgtest"
)

// TestPostgresOtherLocale: the same username and search conformance in a
// database whose locale is not C (C.UTF-8 here; a district's server is
// likely en_US.UTF-8 or zh_CN.UTF-8), where lower() and ILIKE fold more
// than ASCII unless they are given the "C" collation. PostgreSQL only: a
// locale is a PostgreSQL database's (SQLite's NOCASE and LIKE fold ASCII
// only, always), and pgtest's databases are all C, so this test makes its
// own.
func TestPostgresOtherLocale(t *testing.T) {
	for _, check := range []struct {
		name string
		fn   func(*testing.T, *data.DB)
	}{{"usernames", checkUsernames}, {"find users", checkFindUsers}} {
		t.Run(check.name, func(t *testing.T) { check.fn(t, open(t, otherLocaleDB(t, "C.UTF-8"))) })
	}
}

// otherLocaleDB creates a database in locale, dropped when the test ends,
// and returns its address.
func otherLocaleDB(t *testing.T, locale string) string {
	admin := pgtest.Admin(t)
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	name := "d_locale_" + hex.EncodeToString(b)
	adm, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { adm.Close() })
	if _, err := adm.ExecContext(t.Context(), `CREATE DATABASE `+name+` LOCALE '`+locale+`' TEMPLATE template0`); err != nil {
		t.Fatalf("a database in %s: %v", locale, err)
	}
	t.Cleanup(func() {
		if _, err := adm.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String()
}
