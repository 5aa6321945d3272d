import { Value } from '@sinclair/typebox/value';
import { QueuesFileSchema, type PublicQueue, type QueueId, type QueueList, type QueueRegion, type QueuesFile } from './config.js';

/** A queue with every default applied (docs/queues.md lists them). */
export interface QueueConfig {
  id: QueueId;
  name: string;
  description: string;
  teams: number;
  teamSize: number;
  /** Sorted ascending. */
  partySizes: number[];
  /** The largest allowed party (the lobby's member cap in this queue). */
  maxPartySize: number;
  readyCheckMs: number;
  rating: { initialWindow: number; widenPerSecond: number; maxWindow: number };
  latency: { maxMs: number; widenPerSecond: number; capMs: number };
  maxGameMs: number;
  ranked: boolean;
  regions: string[];
}

export const QUEUE_DEFAULTS = {
  description: '',
  readyCheckMs: 20_000,
  rating: { initialWindow: 100, widenPerSecond: 25, maxWindow: 2000 },
  latency: { maxMs: 80, widenPerSecond: 2, capMs: 200 },
  maxGameMs: 2 * 60 * 60_000,
  ranked: false,
} as const;

/** A configuration that breaks a rule; `message` names the field (`queues[2].teamSize: must be <= 16`). */
export class QueueConfigError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'QueueConfigError';
  }
}

/** `/queues/2/teamSize` -> `queues[2].teamSize`. */
function fieldOf(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  let out = '';
  for (const raw of parts) {
    const p = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  }
  return out === '' ? '(file)' : out;
}

/** TypeBox's message, worded as a rule. */
function ruleOf(error: { message: string; schema: Record<string, unknown>; value: unknown }): string {
  const s = error.schema;
  const m = error.message;
  if (/less or equal/.test(m) && typeof s.maximum === 'number') return `must be <= ${s.maximum}`;
  if (/greater or equal/.test(m) && typeof s.minimum === 'number') return `must be >= ${s.minimum}`;
  if (/pattern/.test(m) && typeof s.pattern === 'string') return `must match ${s.pattern}`;
  if (/Unexpected property/.test(m)) return 'is not a known field';
  if (/Expected required property/.test(m)) return 'is required';
  return m.charAt(0).toLowerCase() + m.slice(1);
}

/**
 * Validate a parsed queue file (schema, then cross-field rules) and apply the
 * defaults. Throws QueueConfigError on the first broken rule.
 */
export function parseQueuesConfig(value: unknown): QueueCatalog {
  const first = Value.Errors(QueuesFileSchema, value).First();
  if (first) {
    // An unknown field reports at the object; name the field itself.
    const extra =
      /Unexpected property/.test(first.message) && first.value && typeof first.value === 'object' ? unknownKey(first.schema, first.value) : undefined;
    const path = extra ? `${first.path}/${extra}` : first.path;
    throw new QueueConfigError(fieldOf(path), ruleOf(first as never));
  }
  const file = value as QueuesFile;
  const regions: QueueRegion[] = file.regions ?? [];
  const regionIds = new Set<string>();
  regions.forEach((r, i) => {
    if (regionIds.has(r.id)) throw new QueueConfigError(`regions[${i}].id`, `"${r.id}" is used twice`);
    regionIds.add(r.id);
  });
  const seen = new Set<string>();
  const queues = file.queues.map((q, i): QueueConfig => {
    const at = `queues[${i}]`;
    if (seen.has(q.id)) throw new QueueConfigError(`${at}.id`, `"${q.id}" is used twice`);
    seen.add(q.id);
    const partySizes = [...(q.partySizes ?? Array.from({ length: q.teamSize }, (_, k) => k + 1))].sort((a, b) => a - b);
    partySizes.forEach((n, k) => {
      if (n > q.teamSize) throw new QueueConfigError(`${at}.partySizes[${k}]`, `must be <= teamSize (${q.teamSize})`);
    });
    const rating = { ...QUEUE_DEFAULTS.rating, ...q.rating };
    if (rating.maxWindow < rating.initialWindow)
      throw new QueueConfigError(`${at}.rating.maxWindow`, `must be >= rating.initialWindow (${rating.initialWindow})`);
    const latency = { ...QUEUE_DEFAULTS.latency, ...q.latency };
    if (latency.capMs < latency.maxMs) throw new QueueConfigError(`${at}.latency.capMs`, `must be >= latency.maxMs (${latency.maxMs})`);
    (q.regions ?? []).forEach((r, k) => {
      if (!regionIds.has(r)) throw new QueueConfigError(`${at}.regions[${k}]`, `"${r}" is not a region of the file`);
    });
    return {
      id: q.id,
      name: q.name,
      description: q.description ?? QUEUE_DEFAULTS.description,
      teams: q.teams,
      teamSize: q.teamSize,
      partySizes,
      maxPartySize: partySizes[partySizes.length - 1] ?? 1,
      readyCheckMs: q.readyCheckMs ?? QUEUE_DEFAULTS.readyCheckMs,
      rating,
      latency,
      maxGameMs: q.maxGameMs ?? QUEUE_DEFAULTS.maxGameMs,
      ranked: q.ranked ?? QUEUE_DEFAULTS.ranked,
      regions: q.regions ?? [...regionIds],
    };
  });
  return new QueueCatalog(queues, regions);
}

function unknownKey(schema: unknown, value: object): string | undefined {
  const props = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  return Object.keys(value).find((k) => !(k in props));
}

/** The validated queues of one configuration; immutable (a reload builds a new one). */
export class QueueCatalog {
  private readonly byId: ReadonlyMap<string, QueueConfig>;

  constructor(
    readonly queues: readonly QueueConfig[],
    readonly regions: readonly QueueRegion[] = [],
  ) {
    this.byId = new Map(queues.map((q) => [q.id, q]));
  }

  get ids(): QueueId[] {
    return this.queues.map((q) => q.id);
  }

  has(id: unknown): id is QueueId {
    return typeof id === 'string' && this.byId.has(id);
  }

  get(id: string): QueueConfig | undefined {
    return this.byId.get(id);
  }

  /** The queue, or a typed UNKNOWN_QUEUE-shaped error for the caller to map. */
  require(id: string): QueueConfig {
    const q = this.byId.get(id);
    if (!q) throw new QueueConfigError('queue', `unknown queue "${id}"`);
    return q;
  }

  /** queue id -> largest party, the table the lobby scripts check a join against. */
  partyLimits(): Record<string, number> {
    return Object.fromEntries(this.queues.map((q) => [q.id, q.maxPartySize]));
  }

  toPublic(): QueueList {
    return {
      queues: this.queues.map((q): PublicQueue => ({
        id: q.id,
        name: q.name,
        description: q.description,
        teams: q.teams,
        teamSize: q.teamSize,
        partySizes: q.partySizes,
        readyCheckMs: q.readyCheckMs,
        ranked: q.ranked,
        regions: q.regions,
      })),
      regions: [...this.regions],
    };
  }
}

export function playersPerMatch(queue: { teams: number; teamSize: number }): number {
  return queue.teams * queue.teamSize;
}
