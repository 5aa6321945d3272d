import type { Static } from '@sinclair/typebox';
import { createMessageDecoder } from '../core/decode.js';
import { GameEndedSchema, GamePendingSchema, GameReadySchema } from './game.js';
import { PongSchema, WelcomeSchema } from './hello.js';
import { LobbyUpdatedSchema } from './lobby.js';
import { MatchCancelledSchema, MatchFoundSchema, MatchProgressSchema } from './match.js';
import { QueueStatusSchema } from './queue.js';
import { AckSchema, CoralErrorSchema } from './reply.js';

/** Coral -> client. */
export const coralServerSchemas = [
  WelcomeSchema,
  PongSchema,
  AckSchema,
  CoralErrorSchema,
  LobbyUpdatedSchema,
  QueueStatusSchema,
  MatchFoundSchema,
  MatchProgressSchema,
  MatchCancelledSchema,
  GamePendingSchema,
  GameReadySchema,
  GameEndedSchema,
] as const;
export type CoralServerMessage = Static<(typeof coralServerSchemas)[number]>;
export type CoralServerType = CoralServerMessage['type'];
/** Server messages that are not replies: what a client listens to. */
export type CoralEvent = Exclude<CoralServerMessage, { type: 'welcome' | 'pong' | 'ack' | 'error' }>;
export type CoralEventType = CoralEvent['type'];
export type CoralEventOf<T extends CoralEventType> = Extract<CoralEvent, { type: T }>;

export const coralServerDecoder = createMessageDecoder([...coralServerSchemas]);
