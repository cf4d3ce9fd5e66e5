-- Closures (booking.Closure): a room, or the whole centre (room_id NULL),
-- shut for the half-open interval [start_at, end_at), Unix seconds. The
-- bookings a closure cancelled keep its reason themselves, so deleting
-- a closure deletes only this row. A few rows a year: the index on
-- start_at is enough for every overlap query.
CREATE TABLE closures (
    id         TEXT PRIMARY KEY,
    room_id    TEXT REFERENCES rooms (id),
    start_at   INTEGER NOT NULL,
    end_at     INTEGER NOT NULL CHECK (end_at > start_at),
    reason     TEXT NOT NULL CHECK (reason <> ''),
    created_by TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX closures_start ON closures (start_at);
