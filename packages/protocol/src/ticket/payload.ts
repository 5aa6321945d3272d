import { Type, type Static } from '@sinclair/typebox';
import { GameIdSchema, JoinTicketIdSchema, PlayerIdSchema, ServerIdSchema } from '../common/ids.js';

/** Milliseconds since the Unix epoch. */
const EpochMs = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/**
 * What a join ticket says: this player may join this game on this Moonstone
 * server until `exp`. Short field names keep the ticket (and Onyx's argv) short.
 */
export const JoinTicketPayloadSchema = Type.Object(
  {
    /** Ticket format version. */
    v: Type.Literal(1),
    /** Ticket id (jt_…): lets Moonstone refuse a second use. */
    jti: JoinTicketIdSchema,
    /** Game id (g_…). */
    gid: GameIdSchema,
    /** Player id (p_…). */
    pid: PlayerIdSchema,
    /** Moonstone server id (ms_…). */
    sid: ServerIdSchema,
    /** Issued at, ms since epoch. */
    iat: EpochMs,
    /** Expires at, ms since epoch. */
    exp: EpochMs,
  },
  { additionalProperties: false, $id: 'Ticket.JoinTicketPayload' },
);
export type JoinTicketPayload = Static<typeof JoinTicketPayloadSchema>;

/** Ed25519 signatures are 64 bytes. */
export const JOIN_TICKET_SIGNATURE_BYTES = 64;
/** A ticket longer than this is refused before any parsing (a payload is ~250 chars, the signature 86). */
export const MAX_JOIN_TICKET_CHARS = 1024;
/**
 * A suggested ticket lifetime: long enough to launch Onyx and connect, short
 * enough that a leaked ticket is soon worthless (a rejoin asks for a fresh one).
 */
export const DEFAULT_JOIN_TICKET_TTL_MS = 60_000;
