package booking

// SetAfterImportPlan makes s call fn after it planned an import on a
// snapshot and before it writes the plan (attempt counts from 0), so a
// test can commit a rival write in between.
func SetAfterImportPlan(s *Service, fn func(attempt int)) { s.afterImportPlan = fn }

func SetAfterHolidayCommit(s *Service, fn func()) { s.afterHolidayCommit = fn }
