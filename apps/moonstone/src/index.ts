/** The reference Moonstone server, as a library (the process entry is main.ts). */
export { startMoonstone, type RunningMoonstone } from './moonstone.js';
export { loadConfig, type MoonstoneConfig } from './config/config.js';
export { GameSession, type PlayerLink, type SessionHooks } from './games/session.js';
export { pickWinningTeam } from './games/winner.js';
export { TicketGate, type GameView, type Admission } from './tickets/ticket-gate.js';
export { startPingServer, pingOptionsFromEnv, PING_DEFAULTS, type PingServerOptions, type RunningPingServer } from './ping/ping-server.js';
