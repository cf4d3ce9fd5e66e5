package data

import (
	"mingzhu/booking"
)

// InsertTeam stores a team and its leaders; ECONFLICT for a taken id.
func (t *Tx) InsertTeam(team *booking.Team) error {
	_, err := t.exec(`INSERT INTO teams (id, name, name_en, created_at) VALUES (?, ?, ?, ?)`,
		team.ID, team.Name, team.NameEN, team.CreatedAt.Unix())
	if err != nil {
		return t.d.translate(err, "team")
	}
	return t.insertLeaders(team)
}

// UpdateTeam stores a team's names and replaces its leaders; ENOTFOUND
// for an unknown id.
func (t *Tx) UpdateTeam(team *booking.Team) error {
	res, err := t.exec(`UPDATE teams SET name = ?, name_en = ? WHERE id = ?`, team.Name, team.NameEN, team.ID)
	if err := t.affected(res, err, "team"); err != nil {
		return err
	}
	if _, err := t.exec(`DELETE FROM team_leaders WHERE team_id = ?`, team.ID); err != nil {
		return err
	}
	return t.insertLeaders(team)
}

func (t *Tx) insertLeaders(team *booking.Team) error {
	for i, uid := range team.LeaderIDs {
		if _, err := t.exec(`INSERT INTO team_leaders (team_id, user_id, position) VALUES (?, ?, ?)`,
			team.ID, uid, i); err != nil {
			return t.d.translate(err, "leaders")
		}
	}
	return nil
}

// Team returns ENOTFOUND for an unknown id.
func (t *Tx) Team(id string) (*booking.Team, error) {
	var team booking.Team
	err := t.queryRow(`SELECT id, name, name_en FROM teams WHERE id = ?`, id).Scan(&team.ID, &team.Name, &team.NameEN)
	if err != nil {
		return nil, t.d.translate(err, "team")
	}
	return &team, t.loadLeaders([]*booking.Team{&team})
}

// Teams lists all teams by id.
func (t *Tx) Teams() ([]booking.Team, error) {
	rows, err := t.query(`SELECT id, name, name_en FROM teams ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []booking.Team
	for rows.Next() {
		var team booking.Team
		if err := rows.Scan(&team.ID, &team.Name, &team.NameEN); err != nil {
			return nil, err
		}
		out = append(out, team)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ptrs := make([]*booking.Team, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, t.loadLeaders(ptrs)
}

// loadLeaders fills in leaders for the given teams in one query.
func (t *Tx) loadLeaders(teams []*booking.Team) error {
	byID := map[string]*booking.Team{}
	for _, team := range teams {
		team.Leaders, team.LeaderIDs = []string{}, []string{}
		byID[team.ID] = team
	}
	rows, err := t.query(`SELECT l.team_id, u.id, u.username FROM team_leaders l JOIN users u ON u.id = l.user_id
		ORDER BY l.team_id, l.position`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var teamID, uid, username string
		if err := rows.Scan(&teamID, &uid, &username); err != nil {
			return err
		}
		if team, ok := byID[teamID]; ok {
			team.LeaderIDs = append(team.LeaderIDs, uid)
			team.Leaders = append(team.Leaders, username)
		}
	}
	return rows.Err()
}
