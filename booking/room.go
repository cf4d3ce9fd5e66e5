package booking

// Room is one of the centre's function rooms. Its id is a short stable
// slug ("calligraphy") so that URLs and feed addresses stay readable.
type Room struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	NameEN    string   `json:"name_en"`
	Capacity  int      `json:"capacity"`
	Equipment []string `json:"equipment"`
	// Rules are the room's house rules (see Rules).
	Rules Rules `json:"rules"`
}

// Label is the room's name as people read it: Chinese first, English beside.
func (r Room) Label() string { return r.Name + " " + r.NameEN }
