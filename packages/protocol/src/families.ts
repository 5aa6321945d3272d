import type { MessageFamily } from './common/families.js';
import * as realm from './realm/index.js';
import * as coral from './coral/index.js';
import * as fleet from './fleet/index.js';
import * as game from './game/index.js';
import * as queue from './queue/index.js';
import { commonFamilies } from './common/samples.js';
import { ticketFamilies } from './ticket/family.js';
import { coreFamilies } from './core/family.js';

/**
 * Each area's index may export `<area>Families: MessageFamily[]`. Read them
 * loosely so an area that has not declared its families yet still compiles;
 * the test suite then checks every family found here.
 */
function familiesOf(area: Record<string, unknown>, name: string): MessageFamily[] {
  const value = area[name];
  return Array.isArray(value) ? (value as MessageFamily[]) : [];
}

export const ALL_FAMILIES: readonly MessageFamily[] = [
  ...coreFamilies,
  ...commonFamilies,
  ...ticketFamilies,
  ...familiesOf(realm, 'realmFamilies'),
  ...familiesOf(coral, 'coralFamilies'),
  ...familiesOf(fleet, 'fleetFamilies'),
  ...familiesOf(game, 'gameFamilies'),
  ...familiesOf(queue, 'queueFamilies'),
];
