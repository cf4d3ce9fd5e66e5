-- Each room's house rules (booking.Rules) as one JSON object. '{}' and
-- any key left out read as the default (booking.DefaultRules), so rooms
-- stored before this migration keep working; the music room and the
-- lecture room get their own defaults here, as the seed gives new sites.
ALTER TABLE rooms ADD COLUMN rules TEXT NOT NULL DEFAULT '{}';
UPDATE rooms SET rules = '{"quiet_hours":[{"start":"22:00","end":"07:00"}]}' WHERE id = 'music';
UPDATE rooms SET rules = '{"requires_approval":true}' WHERE id = 'lecture';
