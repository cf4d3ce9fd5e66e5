-- Times are whole seconds since the Unix epoch (UTC): comparisons stay
-- index-friendly and zone-free; the site zone is applied in the domain.
-- Ids are text (time-ordered random ids), so they survive merging
-- communities or moving to another database.

CREATE TABLE rooms (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    capacity  INTEGER NOT NULL CHECK (capacity > 0),
    equipment TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('resident', 'leader', 'staff')),
    password_hash TEXT NOT NULL,
    feed_token    TEXT UNIQUE,
    created_at    INTEGER NOT NULL
);

CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE bookings (
    id         TEXT PRIMARY KEY,
    room_id    TEXT NOT NULL REFERENCES rooms (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    title      TEXT NOT NULL,
    attendees  INTEGER NOT NULL CHECK (attendees > 0),
    start_at   INTEGER NOT NULL,
    end_at     INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (end_at > start_at)
);
-- Overlap scans bound start_at on both sides (see data/bookings.go).
CREATE INDEX bookings_room_start ON bookings (room_id, start_at);
CREATE INDEX bookings_start ON bookings (start_at);
CREATE INDEX bookings_user_start ON bookings (user_id, start_at);

CREATE TABLE teams (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE team_leaders (
    team_id  TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL REFERENCES users (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_leaders_user ON team_leaders (user_id);

CREATE TABLE series (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES teams (id),
    title      TEXT NOT NULL,
    sequence   INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX series_team ON series (team_id);

-- One stretch of a series' definition; first_at/last_at span its
-- occurrences (last_at NULL: unbounded) so listings can skip old parts.
CREATE TABLE series_parts (
    series_id TEXT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    room_id   TEXT NOT NULL REFERENCES rooms (id),
    start_at  INTEGER NOT NULL,
    end_at    INTEGER NOT NULL,
    rrule     TEXT NOT NULL,
    from_at   INTEGER,
    until_at  INTEGER,
    first_at  INTEGER NOT NULL,
    last_at   INTEGER,
    PRIMARY KEY (series_id, idx)
);
CREATE INDEX series_parts_room ON series_parts (room_id, first_at);

CREATE TABLE series_exdates (
    series_id TEXT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    at        INTEGER NOT NULL,
    PRIMARY KEY (series_id, at)
);

CREATE TABLE series_exceptions (
    series_id   TEXT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    original_at INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('cancel', 'move')),
    start_at    INTEGER,
    end_at      INTEGER,
    room_id     TEXT REFERENCES rooms (id),
    PRIMARY KEY (series_id, original_at)
);
CREATE INDEX series_exceptions_room ON series_exceptions (room_id, start_at);
