import type { TSchema } from '@sinclair/typebox';
import { RealmErrorSchema } from '@glaceon/protocol';

/**
 * A route-ready copy of a protocol schema: every `$id` becomes a `title`.
 * Fastify compiles each route schema with shared ajv/serializer instances,
 * where one `$id` registered twice is an error.
 */
export function routeSchema<T extends TSchema>(schema: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string | symbol, unknown> = {};
    for (const key of Reflect.ownKeys(node)) {
      const value = (node as Record<string | symbol, unknown>)[key];
      if (key === '$id') {
        if (typeof value === 'string') out.title = value;
        continue;
      }
      out[key] = walk(value);
    }
    return out;
  };
  return walk(schema) as T;
}

const ErrorBody = routeSchema(RealmErrorSchema);

/** Response schemas: the success statuses given plus the error body for every 4xx and 5xx. */
export function responses<R extends Record<number, TSchema>>(success: R): R & { '4xx': typeof ErrorBody; '5xx': typeof ErrorBody } {
  const out: Record<string | number, TSchema> = { '4xx': ErrorBody, '5xx': ErrorBody };
  for (const [status, schema] of Object.entries(success)) out[status] = routeSchema(schema);
  return out as R & { '4xx': typeof ErrorBody; '5xx': typeof ErrorBody };
}
