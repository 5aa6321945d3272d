/** Coral's matchmaking engine: algorithm, leader loop and sweeper; no sockets. */
export { findMatches, type MatchShape, type MatchmakerOptions } from './matchmaker.js';
export { ratingWindow, DEFAULT_RATING_WINDOW, type RatingWindowOptions } from './rating-window.js';
export { MatchmakerLeader, type MatchmakerLeaderOptions, type TickResult, type LeaderCounters } from './leader.js';
export { queueStatus, type QueueStatus } from './status.js';
