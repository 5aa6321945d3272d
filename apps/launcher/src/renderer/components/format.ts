import { t } from '../strings.js';

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return t.format.seconds(s);
  const m = Math.round(s / 60);
  return m < 60 ? t.format.minutes(m) : t.format.hoursMinutes(Math.floor(m / 60), m % 60);
}

export const PRESENCE_LABEL: Record<string, string> = t.presence;
export const PRESENCE_ORDER: Record<string, number> = { in_game: 0, in_queue: 1, in_lobby: 2, online: 3, offline: 4 };
