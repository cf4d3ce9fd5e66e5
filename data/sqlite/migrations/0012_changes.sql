-- The change log (booking.ChangeTx): one row per write transaction of a
-- store that several instances share, naming the cache keys it changed
-- ('\n'-separated; '*' for all). Instances read the rows after the last id
-- they saw. Old rows are pruned; changes_pruned.upto is the highest id
-- pruned, so a reader whose mark is older knows it missed some.
CREATE TABLE changes (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    keys TEXT NOT NULL
);
CREATE TABLE changes_pruned (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    upto INTEGER NOT NULL
);
INSERT INTO changes_pruned (id, upto) VALUES (1, 0);
