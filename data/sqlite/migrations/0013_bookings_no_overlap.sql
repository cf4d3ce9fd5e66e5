-- The store itself refuses two bookings of one room that hold their slot
-- (confirmed or pending) and overlap, as PostgreSQL's EXCLUDE constraint
-- does there: the domain checks first and never asks for one, so these
-- only ever fire on a defect. The scan is bounded like data/bookings.go's:
-- anything overlapping [start, end) starts after start - 24 h
-- (booking.MaxDuration), so it reads a few index entries, not the room's
-- history. Half-open: one ending at 10:00 and one starting then do not
-- overlap.
CREATE TRIGGER bookings_no_overlap_insert BEFORE INSERT ON bookings
WHEN NEW.status IN ('confirmed', 'pending')
BEGIN
    SELECT RAISE(ABORT, 'bookings_no_overlap') FROM bookings
    WHERE room_id = NEW.room_id AND status IN ('confirmed', 'pending')
      AND start_at > NEW.start_at - 86400 AND start_at < NEW.end_at AND end_at > NEW.start_at
    LIMIT 1;
END;

CREATE TRIGGER bookings_no_overlap_update BEFORE UPDATE OF room_id, start_at, end_at, status ON bookings
WHEN NEW.status IN ('confirmed', 'pending')
BEGIN
    SELECT RAISE(ABORT, 'bookings_no_overlap') FROM bookings
    WHERE room_id = NEW.room_id AND status IN ('confirmed', 'pending') AND id <> NEW.id
      AND start_at > NEW.start_at - 86400 AND start_at < NEW.end_at AND end_at > NEW.start_at
    LIMIT 1;
END;
