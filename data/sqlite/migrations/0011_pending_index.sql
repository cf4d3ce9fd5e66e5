-- The approval queue (bookings waiting for staff, status pending) soonest
-- first. Partial: only pending rows are in it, so it costs nothing to
-- the confirmed bookings that are nearly all writes, and the staff desk's
-- count reads a few rows instead of the room's whole history.
CREATE INDEX bookings_pending ON bookings (start_at) WHERE status = 'pending';
