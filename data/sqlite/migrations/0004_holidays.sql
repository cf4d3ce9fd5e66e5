-- Staff's overrides of the official holiday arrangement (which comes
-- from lunar-go, never from this table): a day off or an adjusted
-- working day for a year the library lacks or a local exception
-- (removed = 0, with its name and work), or a removal marker hiding the
-- library's entry for that date (removed = 1). One row per civil date
-- "YYYY-MM-DD" in the site's calendar; a later change replaces it.
-- changed_by and changed_at say who decided, for the staff's pages.
CREATE TABLE holiday_overrides (
    date       TEXT PRIMARY KEY
               CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    name       TEXT NOT NULL DEFAULT '',
    work       INTEGER NOT NULL DEFAULT 0 CHECK (work IN (0, 1)),
    removed    INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    changed_by TEXT NOT NULL DEFAULT '',
    changed_at INTEGER NOT NULL DEFAULT 0,
    CHECK (removed = 1 OR name <> '')
) WITHOUT ROWID;
