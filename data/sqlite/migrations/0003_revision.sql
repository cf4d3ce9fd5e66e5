-- A store-wide change counter. Every write transaction that inserts or
-- changes a booking or a series raises it once and stamps the rows it
-- wrote with the new value (rev), so a plan made on a read snapshot can
-- ask, inside the write transaction, exactly what was committed since
-- (booking.Tx.Revision; rows with rev greater than the snapshot's).
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO revision (id, n) VALUES (1, 0);

ALTER TABLE bookings ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE series ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
CREATE INDEX bookings_rev ON bookings (rev);
CREATE INDEX series_rev ON series (rev);
