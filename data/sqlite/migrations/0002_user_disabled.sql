-- A disabled account cannot log in, its tokens stop working and its
-- private feed answers 404; staff can enable it again, nothing is lost.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
