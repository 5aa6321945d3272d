import type { TSchema } from '@sinclair/typebox';

/**
 * A message family: every schema that travels over one edge (a socket
 * direction, an HTTP API, a Redis payload), with samples. The generic tests in
 * `src/families.test.ts` round-trip every sample and derive malformed inputs
 * from every schema, so registering a family is all it takes to get it tested.
 */
export interface MessageFamily {
  /** e.g. 'coral.client', 'realm.http', 'fleet.report'. */
  name: string;
  /** true: a union of messages with a literal `type`, decoded by createMessageDecoder. */
  tagged: boolean;
  /** Every schema of the family. */
  schemas: TSchema[];
  /** At least one valid sample per schema. */
  samples: unknown[];
}

/** Identity helper so families are declared with their type checked at the definition. */
export function defineFamily(family: MessageFamily): MessageFamily {
  return family;
}
