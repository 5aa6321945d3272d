import { describe, expect, it } from 'vitest';
import { writeQueuesFile } from '@glaceon/testkit';
import { REPO_ROOT } from './paths.js';
import { regionPlan } from './stack.js';

describe('regionPlan: which ping endpoints the stack serves', () => {
  it('the shipped regions example: three regions, each on its loopback port', () => {
    expect(regionPlan(`${REPO_ROOT}config/examples/queues-regions.yaml`)).toEqual([
      { id: 'eu-west', pingPort: 19701 },
      { id: 'us-east', pingPort: 19702 },
      { id: 'ap-southeast', pingPort: 19703 },
    ]);
  });

  it('no file or no regions: none; a pingUrl off loopback is noted and not served', async () => {
    expect(regionPlan(undefined)).toEqual([]);
    expect(regionPlan(`${REPO_ROOT}config/queues.yaml`)).toEqual([]);
    const file = await writeQueuesFile({
      regions: [
        { id: 'far', name: 'Far', pingUrl: 'wss://ping.example.com:443' },
        { id: 'none', name: 'No ping' },
      ],
      queues: [{ id: '1v1', name: 'Duel', teams: 2, teamSize: 1 }],
    });
    const notes: string[] = [];
    expect(regionPlan(file.file, (l) => notes.push(l))).toEqual([{ id: 'far' }, { id: 'none' }]);
    expect(notes).toEqual([expect.stringContaining('region far')]);
    await file.remove();
  });
});
