import { Type, type TLiteral, type TObject, type TProperties } from '@sinclair/typebox';
import { IdSchema } from '../common/ids.js';
import { QueueIdSchema } from '../queue/config.js';

/**
 * Small schemas embedded in several Coral messages. Ids are embedded without a
 * `$id` so each message's JSON Schema stays self-contained.
 */

/** A request id chosen by the client and echoed by the reply (and by an error about that request). */
export const CoralRequestIdSchema = Type.String({ minLength: 1, maxLength: 64 });

/** A queue id (the queue configuration names them; Coral refuses ids it does not serve). */
export const CoralModeIdSchema = QueueIdSchema;

export const CoralPlayerIdSchema = IdSchema('p_');
export const CoralLobbyIdSchema = IdSchema('l_');
export const CoralPrematchIdSchema = IdSchema('pm_');
export const CoralGameIdSchema = IdSchema('g_');
export const CoralServerIdSchema = IdSchema('ms_');

/** Milliseconds since the Unix epoch (server clock). */
export const CoralEpochMsSchema = Type.Integer({ minimum: 0 });
/** A duration in milliseconds. */
export const CoralDurationMsSchema = Type.Integer({ minimum: 0 });

/**
 * The envelope of every Coral message: a closed object tagged by `type`, which
 * stays the first property in the JSON Schema that engine teams read.
 */
export function coralMessage<T extends string, P extends TProperties>(type: T, properties: P, $id: string): TObject<{ type: TLiteral<T> } & P> {
  return Type.Object({ type: Type.Literal(type), ...properties }, { additionalProperties: false, $id });
}
