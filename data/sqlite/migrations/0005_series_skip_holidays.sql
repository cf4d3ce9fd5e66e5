-- A part of a series may leave out its dates that fall on a day off of
-- the holiday calendar (booking: Part.SkipHolidays). Per part, so that
-- turning it on or off by a PATCH changes dates from then on and the
-- past stays as it was.
ALTER TABLE series_parts ADD COLUMN skip_holidays INTEGER NOT NULL DEFAULT 0 CHECK (skip_holidays IN (0, 1));
