import type { Static } from '@sinclair/typebox';
import { createMessageDecoder } from '../core/decode.js';
import { GameLeaveSchema } from './game.js';
import { HelloSchema, PingSchema } from './hello.js';
import { MatchAcceptSchema, MatchDeclineSchema } from './match.js';
import { QueueCancelSchema, QueueStartSchema } from './queue.js';
import { RegionLatenciesSchema } from './region.js';

/** Client -> Coral. */
export const coralClientSchemas = [
  HelloSchema,
  PingSchema,
  QueueStartSchema,
  QueueCancelSchema,
  MatchAcceptSchema,
  MatchDeclineSchema,
  GameLeaveSchema,
  RegionLatenciesSchema,
] as const;
export type CoralClientMessage = Static<(typeof coralClientSchemas)[number]>;
export type CoralClientType = CoralClientMessage['type'];
/** Requests that carry an id and get exactly one reply (`ack` or `error`). */
export type CoralRequest = Exclude<CoralClientMessage, { type: 'hello' | 'ping' }>;

export const coralClientDecoder = createMessageDecoder([...coralClientSchemas]);
