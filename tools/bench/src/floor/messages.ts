/** The floor bench's unit operations (see server.ts). */
export type FloorOp = 'idle' | 'frame' | 'request' | 'hget' | 'script' | 'event' | 'sign';
/** A unit operation, or `mixed`: every unit at once, in a player's proportions (FLOOR_PER_PLAYER). */
export type FloorRun = FloorOp | 'mixed';

export type ToFloorServer = { type: 'run'; op: FloorRun; perSec: number; seconds: number } | { type: 'stop' };

export type FromFloorServer =
  { type: 'ready'; pid: number } | { type: 'ran'; op: FloorRun; count: number; acks: number; events: number } | { type: 'failed'; message: string };
