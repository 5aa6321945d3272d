/** Reloading a queue file with regions: which slots open, which drain, what a Coral serves. */
import { describe, expect, it } from 'vitest';
import { parseQueuesConfig, type QueueCatalog } from '@glaceon/protocol';
import { coralConfig } from './config.js';
import { reloadQueueConfig, servedSlots } from './reload.js';

const catalog = (regions: string[], queues: { id: string; regions?: string[] }[]): QueueCatalog =>
  parseQueuesConfig({
    regions: regions.map((id) => ({ id, name: id })),
    queues: queues.map((q) => ({ id: q.id, name: q.id, teams: 2, teamSize: 1, ...(q.regions ? { regions: q.regions } : {}) })),
  });

describe('reloadQueueConfig with regions', () => {
  it('a queue without regions is one slot; with regions one per region', () => {
    const config = coralConfig({ coralId: 'c', redisUrl: 'redis://x', ticketPrivateKeyPem: '', ticketPublicKeyPem: '', queues: catalog([], [{ id: '1v1' }]) });
    expect(servedSlots(config)).toEqual(['1v1']);
    config.queues = catalog(['eu', 'us'], [{ id: '1v1' }]);
    expect(servedSlots(config)).toEqual(['1v1@eu', '1v1@us']);
  });

  it('a region added opens its slots; a region dropped from a kept queue drains that slot; a removed queue drains all of its slots', () => {
    const first = catalog(['eu', 'us'], [{ id: '1v1' }, { id: '2v2' }]);
    const config = coralConfig({ coralId: 'c', redisUrl: 'redis://x', ticketPrivateKeyPem: '', ticketPublicKeyPem: '', queues: first, queuesFile: '/q.yaml' });
    let next = catalog(['eu', 'us', 'ap'], [{ id: '1v1', regions: ['eu', 'ap'] }, { id: '2v2' }]);
    const r = reloadQueueConfig(config, true, () => next);
    if (!r.ok) throw new Error(r.error);
    expect(r.openedSlots.sort()).toEqual(['1v1@ap', '2v2@ap']);
    expect(r.closed).toEqual(['1v1@us']);
    expect(servedSlots(config).sort()).toEqual(['1v1@ap', '1v1@eu', '1v1@us', '2v2@ap', '2v2@eu', '2v2@us']);

    next = catalog(['eu', 'us', 'ap'], [{ id: '2v2' }]);
    const again = reloadQueueConfig(config, true, () => next);
    if (!again.ok) throw new Error(again.error);
    expect(again.closed).toEqual(['1v1']);
    expect(again.openedSlots).toEqual([]);
    // Still served while they drain.
    expect(servedSlots(config).sort()).toEqual(['1v1@ap', '1v1@eu', '1v1@us', '2v2@ap', '2v2@eu', '2v2@us']);

    // The queue back with us only: us reopens, its other slots keep draining.
    next = catalog(['eu', 'us', 'ap'], [{ id: '1v1', regions: ['us'] }, { id: '2v2' }]);
    const back = reloadQueueConfig(config, true, () => next);
    if (!back.ok) throw new Error(back.error);
    expect(config.drainingSlots?.sort()).toEqual(['1v1@ap', '1v1@eu']);
  });
});
