package booking

// OfficialHolidays is the year's arrangement as the State Council's
// notices have it (the library's, before staff's overrides), so a page
// can tell an official day from a local one in what Holidays lists.
func (s *Service) OfficialHolidays(year int) ([]Holiday, error) {
	if err := checkHolidayYear("year", year); err != nil {
		return nil, err
	}
	return libraryHolidays(year), nil
}
