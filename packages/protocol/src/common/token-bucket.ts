/** Token bucket: `perSec` tokens per second up to `burst`; one per message (Coral's player socket, Realm's event socket). Plain TS, browser-safe. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly perSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSec);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
