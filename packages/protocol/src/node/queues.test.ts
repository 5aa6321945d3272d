import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { playersPerMatch } from '../queue/catalog.js';
import { defaultQueuesPath, loadQueuesFile } from './queues.js';

const dir = mkdtempSync(path.join(tmpdir(), 'glaceon-queues-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('queue configuration file', () => {
  it('the shipped default offers 1v1, 2v2 and 5v5 with every default applied', () => {
    const c = loadQueuesFile(defaultQueuesPath());
    expect(c.ids).toEqual(['1v1', '2v2', '5v5']);
    expect(c.queues.map(playersPerMatch)).toEqual([2, 4, 10]);
    for (const q of c.queues) {
      expect(q.maxPartySize).toBe(q.teamSize);
      expect(q.partySizes).toEqual(Array.from({ length: q.teamSize }, (_, i) => i + 1));
      expect(q.readyCheckMs).toBe(20_000);
      expect(q.rating).toEqual({ initialWindow: 100, widenPerSecond: 25, maxWindow: 2000 });
    }
  });

  it('reads JSON as well as YAML', () => {
    const c = loadQueuesFile(file('q.json', JSON.stringify({ queues: [{ id: '3v3', name: 'Trios', teams: 2, teamSize: 3, partySizes: [3, 1] }] })));
    expect(c.get('3v3')).toMatchObject({ partySizes: [1, 3], maxPartySize: 3, ranked: false, maxGameMs: 7_200_000 });
  });

  it.each([
    ['queues:\n  - { id: 3v3, name: T, teams: 2, teamSize: 17 }\n', 'queues[0].teamSize: must be <= 16'],
    ['queues:\n  - { id: 3v3, name: T, teams: 2 }\n', 'queues[0].teamSize: is required'],
    ['queues:\n  - { id: 3v3, name: T, teams: 2, teamSize: 3, colour: red }\n', 'queues[0].colour: is not a known field'],
    ['queues:\n  - { id: 3v3, name: T, teams: 2, teamSize: 3, partySizes: [4] }\n', 'queues[0].partySizes[0]: must be <= teamSize (3)'],
    ['queues:\n  - { id: 3v3, name: T, teams: 2, teamSize: 3 }\n  - { id: 3v3, name: U, teams: 2, teamSize: 3 }\n', 'queues[1].id: "3v3" is used twice'],
    ['queues:\n  - { id: 3v3, name: T, teams: 2, teamSize: 3, regions: [mars] }\n', 'queues[0].regions[0]: "mars" is not a region of the file'],
    ['queues:\n  - { id: "Bad Id", name: T, teams: 2, teamSize: 3 }\n', 'queues[0].id: expected string to match'],
    [
      'queues:\n  - { id: 3v3, name: T, teams: 2, teamSize: 3, rating: { initialWindow: 500, maxWindow: 100 } }\n',
      'queues[0].rating.maxWindow: must be >= rating.initialWindow (500)',
    ],
    ['queues: []\n', 'queues: '],
    ['queues: [ {\n', 'not valid YAML or JSON'],
  ])('refuses %j naming the field and the rule', (text, message) => {
    expect(() => loadQueuesFile(file('bad.yaml', text))).toThrow(message);
  });

  it('a missing file is named', () => {
    expect(() => loadQueuesFile(path.join(dir, 'nope.yaml'))).toThrow(/nope\.yaml\): no such file/);
  });
});
