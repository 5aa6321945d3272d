import type { GameRecord } from '@glaceon/protocol';
import { Avatar } from './ui.js';
import { formatDelta, TEAM_RESULT_TEXT } from './progression-format.js';
import { t } from '../strings.js';

/** Both (or all) teams of a game: players, rating before and after, the change. */
export function GameTeams({ record, me }: { record: GameRecord; me?: string | undefined }) {
  return (
    <div className="game-teams">
      {record.teams.map((team) => {
        const label = t.result.team(team.team + 1, team.result === 'none' ? null : TEAM_RESULT_TEXT[team.result]);
        const mine = team.players.some((p) => p.playerId === me);
        return (
          <section key={team.team} className={`game-team game-team-${team.result} ${mine ? 'is-mine' : ''}`} aria-label={label}>
            <h3 className="game-team-title">
              {label}
              {mine && <span className="badge badge-you">{t.result.yourTeam}</span>}
            </h3>
            <ul className="list">
              {team.players.map((p) => (
                <li key={p.playerId} className={`list-row ${p.playerId === me ? 'is-me' : ''}`}>
                  <Avatar name={p.name} />
                  <span className="grow">
                    <span className="name">{p.name}</span>
                    {p.noShow && <span className="small muted">{t.result.noShow}</span>}
                  </span>
                  {p.before && p.after && p.delta !== undefined && (
                    <span className="rating-change" aria-label={t.result.ratingChange(p.name, p.before.rating, p.after.rating, formatDelta(p.delta))}>
                      <span className="muted small">
                        {p.before.rating} → {p.after.rating}
                      </span>
                      <span className={`delta ${p.delta > 0 ? 'delta-up' : p.delta < 0 ? 'delta-down' : ''}`}>{formatDelta(p.delta)}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
