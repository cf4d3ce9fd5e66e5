-- The house rules' booking states (booking.Status*): pending (waiting for
-- staff's yes; holds the slot), declined, cancelled_by_closure and
-- no_show, with the reason staff gave (a decline or a closure) and the
-- moment of check-in. SQLite cannot widen a CHECK in place, so the table
-- is rebuilt; nothing references bookings, and the copy keeps every row,
-- its rev and its indexes.
CREATE TABLE bookings_new (
    id            TEXT PRIMARY KEY,
    room_id       TEXT NOT NULL REFERENCES rooms (id),
    user_id       TEXT NOT NULL REFERENCES users (id),
    title         TEXT NOT NULL,
    attendees     INTEGER NOT NULL CHECK (attendees > 0),
    start_at      INTEGER NOT NULL,
    end_at        INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('confirmed', 'pending', 'cancelled', 'declined',
                                                  'cancelled_by_closure', 'no_show')),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    rev           INTEGER NOT NULL DEFAULT 0,
    reason        TEXT NOT NULL DEFAULT '',
    checked_in_at INTEGER,
    CHECK (end_at > start_at)
);
INSERT INTO bookings_new (id, room_id, user_id, title, attendees, start_at, end_at, status, created_at, updated_at, rev)
    SELECT id, room_id, user_id, title, attendees, start_at, end_at, status, created_at, updated_at, rev FROM bookings;
DROP TABLE bookings;
ALTER TABLE bookings_new RENAME TO bookings;
CREATE INDEX bookings_room_start ON bookings (room_id, start_at);
CREATE INDEX bookings_start ON bookings (start_at);
CREATE INDEX bookings_user_start ON bookings (user_id, start_at);
CREATE INDEX bookings_rev ON bookings (rev);
