-- The audit trail: one row per change to a booking, series, room,
-- closure, user, team or holiday override, written in the transaction of
-- the change (booking/audit_tx.go), and one per booking request refused by
-- a house rule (action 'refused', rule set). actor_id and actor_name are
-- who acted, as they were then ('' for the system); before and after are
-- JSON images (NULL: nothing before a create, nothing after a delete)
-- that never hold secrets. Rows are only ever appended; id is their
-- commit order, newest first on the staff's page.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor_id   TEXT NOT NULL DEFAULT '',
    actor_name TEXT NOT NULL DEFAULT '',
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    rule       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_entity ON audit (entity, entity_id);
