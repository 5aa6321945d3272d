import { describe, expect, it } from 'vitest';
import { coralClientDecoder, coralServerDecoder, coralFamilies } from './index.js';

describe('Coral socket messages', () => {
  it('declares one family per direction, every schema strict and named Coral.*', () => {
    expect(coralFamilies.map((f) => f.name)).toEqual(['coral.client', 'coral.server']);
    for (const family of coralFamilies) {
      for (const schema of family.schemas) {
        expect(schema.$id).toMatch(/^Coral\.[A-Z]/);
        expect(schema.additionalProperties).toBe(false);
      }
    }
  });

  it('decodes every sample with its direction, and nothing of the other direction', () => {
    const [client, server] = coralFamilies;
    for (const s of client!.samples) expect(coralClientDecoder.decode(s).ok).toBe(true);
    for (const s of server!.samples) expect(coralServerDecoder.decode(s).ok).toBe(true);
    expect(coralClientDecoder.decode({ type: 'ack', id: 'x' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TYPE', id: 'x' } });
  });

  it('refuses extra fields and bad ids with INVALID_MESSAGE, echoing the request id', () => {
    expect(coralClientDecoder.decode({ type: 'queue.start', id: 'r', extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE', id: 'r' } });
    expect(coralClientDecoder.decode({ type: 'match.accept', id: 'r', prematchId: 'g_nope' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_MESSAGE', id: 'r' },
    });
    expect(coralClientDecoder.decode({ type: 'queue.start' })).toMatchObject({ ok: false, error: { code: 'INVALID_MESSAGE' } });
  });
});
