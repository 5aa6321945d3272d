/**
 * Practice players for `npm start -- --bots N`: real accounts on Realm, real
 * Coraline sockets, and for every game a real Onyx stand-in process joining
 * Moonstone with its ticket, so a single person gets full matches.
 * Their credentials persist in .glaceon/bots.json so restarts reuse accounts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import WebSocket from 'ws';
import { Coraline, RealmClient } from '@glaceon/client';
import { buildOnyxArgv, type QueueModeId } from '@glaceon/protocol';
import { REPO_ROOT } from '@glaceon/devstack';

const ONYX = path.join(REPO_ROOT, 'e2e/bin/onyx');
const CREDENTIALS = path.join(REPO_ROOT, '.glaceon/bots.json');
/**
 * The first bot waits in Duel (1v1), the others in Doubles (2v2): with
 * `--bots 4` a single person gets a 1v1 opponent, or three 2v2 players
 * (who cannot fill a 2v2 match without that person).
 */
const modeOf = (index: number): QueueModeId => (index === 0 ? '1v1' : '2v2');

interface Credentials {
  name: string;
  password: string;
}

function loadCredentials(count: number): Credentials[] {
  const saved: Credentials[] = existsSync(CREDENTIALS) ? (JSON.parse(readFileSync(CREDENTIALS, 'utf8')) as Credentials[]) : [];
  while (saved.length < count) saved.push({ name: `bot-${randomBytes(3).toString('hex')}`, password: randomBytes(18).toString('base64url') });
  mkdirSync(path.dirname(CREDENTIALS), { recursive: true });
  writeFileSync(CREDENTIALS, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return saved.slice(0, count);
}

async function signIn(realm: RealmClient, c: Credentials): Promise<void> {
  try {
    await realm.signIn(c.name, c.password);
  } catch {
    await realm.register(c.name, c.password);
  }
}

class Bot {
  private coraline: Coraline | undefined;
  private onyx: ChildProcess | undefined;
  private stopped = false;

  constructor(
    private readonly credentials: Credentials,
    private readonly mode: QueueModeId,
    private readonly realmUrl: string,
  ) {}

  async start(): Promise<void> {
    const realm = new RealmClient({ baseUrl: this.realmUrl });
    await signIn(realm, this.credentials);
    const current = await realm.currentLobby();
    const joined = current.lobby ? { lobby: current.lobby, coralUrl: current.coralUrl } : await realm.createLobby(this.mode);
    const token = realm.token!;
    const coraline = new Coraline({ url: joined.coralUrl, token, WebSocket: WebSocket as never, auth: 'header', clientName: 'glaceon-bot' });
    this.coraline = coraline;
    coraline.on('match.found', (m) => {
      if (!m.youAccepted) void coraline.accept(m.prematchId).catch(() => {});
    });
    coraline.on('game.ready', (g) => this.play(g.moonstone, g.gameId, g.ticket));
    coraline.on('game.ended', () => this.requeueSoon());
    coraline.on('match.cancelled', () => this.requeueSoon());
    coraline.on('lobby.updated', (u) => {
      if (u.lobby?.state === 'idle') this.requeueSoon();
    });
    await coraline.connect();
    this.requeueSoon(200);
  }

  private requeueSoon(delayMs = 1500): void {
    setTimeout(() => {
      if (!this.stopped) void this.coraline?.startQueue().catch(() => {});
    }, delayMs).unref();
  }

  private play(moonstone: string, gameId: string, ticket: string): void {
    if (this.onyx && this.onyx.exitCode === null) return;
    const child = spawn(ONYX, buildOnyxArgv({ moonstone, gameId, ticketStdin: true }), { stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin?.end(`${ticket}\n`);
    this.onyx = child;
  }

  stop(): void {
    this.stopped = true;
    this.coraline?.close();
    if (this.onyx && this.onyx.exitCode === null) this.onyx.kill('SIGTERM');
  }
}

export async function startBots(opts: { count: number; realmUrl: string; coralUrl: string }): Promise<{ stop: () => Promise<void> }> {
  const bots = loadCredentials(opts.count).map((c, i) => new Bot(c, modeOf(i), opts.realmUrl));
  for (const bot of bots) await bot.start();
  return { stop: async () => bots.forEach((b) => b.stop()) };
}
