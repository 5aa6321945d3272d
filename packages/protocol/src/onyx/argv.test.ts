import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from '../common/ids.js';
import { buildOnyxArgv, parseOnyxArgv, type OnyxLaunch } from './argv.js';

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

const label = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?$/);
const hostArb = fc.oneof(
  fc.ipV4(),
  fc.ipV6().map((ip) => `[${ip}]`),
  fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
);
const hostPortArb = fc.tuple(hostArb, fc.integer({ min: 1, max: 65535 })).map(([h, p]) => `${h}:${p}`);
const gameIdArb = fc.stringMatching(/^g_[A-Za-z0-9_-]{1,64}$/);
/** Tickets are opaque to argv: anything an OS can carry (no NUL, no lone surrogates), flags and quotes included. */
const ticketArb = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
    fc.constantFrom(
      '--ticket',
      '--moonstone',
      '-',
      '--',
      '--ticket-stdin',
      '"; rm -rf / #',
      "it's $HOME `x`",
      ' spaced  out ',
      '\\\\?\\C:\\',
      'a\nb',
      'ünï©ødé 🎮',
    ),
  )
  .filter((t) => !t.includes('\0'));

describe('Onyx argv', () => {
  it('builds exactly --moonstone <host:port> --game <id> --ticket <ticket>', () => {
    const gameId = newId('g_');
    expect(buildOnyxArgv({ moonstone: '[::1]:7000', gameId, ticket: 'abc.def' })).toEqual([
      '--moonstone',
      '[::1]:7000',
      '--game',
      gameId,
      '--ticket',
      'abc.def',
    ]);
    expect(buildOnyxArgv({ moonstone: '127.0.0.1:7000', gameId, ticketStdin: true })).toEqual([
      '--moonstone',
      '127.0.0.1:7000',
      '--game',
      gameId,
      '--ticket-stdin',
    ]);
  });

  it('round-trips exactly, awkward characters included', () => {
    fc.assert(
      fc.property(hostPortArb, gameIdArb, fc.option(ticketArb, { nil: undefined }), (moonstone, gameId, ticket) => {
        const launch: OnyxLaunch = ticket === undefined ? { moonstone, gameId, ticketStdin: true } : { moonstone, gameId, ticket };
        const argv = buildOnyxArgv(launch);
        expect(parseOnyxArgv(argv)).toEqual({ ok: true, value: launch });
      }),
      { numRuns: 500 },
    );
  });

  it('accepts the flags in any order', () => {
    const gameId = newId('g_');
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), (order) => {
        const pairs = [
          ['--moonstone', 'h:1'],
          ['--game', gameId],
          ['--ticket', '--game'],
        ];
        expect(parseOnyxArgv(order.flatMap((i) => pairs[i]!))).toEqual({ ok: true, value: { moonstone: 'h:1', gameId, ticket: '--game' } });
      }),
    );
  });

  it('rejects unknown flags, missing values, duplicates and bad values with INVALID_MESSAGE naming the flag', () => {
    const g = newId('g_');
    const cases: Array<[string[], string]> = [
      [[], '--moonstone'],
      [['--moonstone', 'h:1', '--game', g], '--ticket'],
      [['--moonstone', 'h:1', '--ticket', 't'], '--game'],
      [['--game', g, '--ticket', 't'], '--moonstone'],
      [['--moonstone', 'h:1', '--game', g, '--ticket'], '--ticket'],
      [['--moonstone', 'h:1', '--game', g, '--ticket', 't', '--verbose'], '--verbose'],
      [['--moonstone=h:1', '--game', g, '--ticket', 't'], '--moonstone=h:1'],
      [['--moonstone', 'h:1', '--game', g, '--ticket', 't', '--ticket', 't'], '--ticket'],
      [['--moonstone', 'h:1', '--moonstone', 'h:2', '--game', g, '--ticket', 't'], '--moonstone'],
      [['--moonstone', 'h:1', '--game', g, '--ticket', 't', '--ticket-stdin'], '--ticket-stdin'],
      [['--moonstone', 'h:1', '--game', g, '--ticket-stdin', '--ticket-stdin'], '--ticket-stdin'],
      [['--moonstone', '::1:7000', '--game', g, '--ticket', 't'], '--moonstone'],
      [['--moonstone', 'h:70000', '--game', g, '--ticket', 't'], '--moonstone'],
      [['--moonstone', 'h:1', '--game', 'l_abc', '--ticket', 't'], '--game'],
      [['--moonstone', 'h:1', '--game', g, '--ticket', ''], '--ticket'],
      [['--moonstone', 'h:1', '--game', g, '--ticket', 'a\0b'], '--ticket'],
      [['--moonstone', 'h:1', '--game', g, '--ticket', '\uD800'], '--ticket'],
      [['--moonstone', 'h:1', '--game', g, '--ticket', 'x'.repeat(1025)], '--ticket'],
      [['onyx', '--moonstone', 'h:1', '--game', g, '--ticket', 't'], 'onyx'],
    ];
    for (const [argv, flag] of cases) {
      const r = parseOnyxArgv(argv);
      expect(codeOf(r), argv.join(' ')).toBe('INVALID_MESSAGE');
      expect(!r.ok && r.error.path, argv.join(' ')).toBe(flag);
    }
    expect(codeOf(parseOnyxArgv(Array.from({ length: 40 }, () => '--game')))).toBe('INVALID_MESSAGE');
  });

  it('refuses to build argv a parser would reject', () => {
    const g = newId('g_');
    expect(() => buildOnyxArgv({ moonstone: '::1:7000', gameId: g, ticket: 't' })).toThrow(/--moonstone/);
    expect(() => buildOnyxArgv({ moonstone: 'h:1', gameId: 'nope', ticket: 't' })).toThrow(/--game/);
    expect(() => buildOnyxArgv({ moonstone: 'h:1', gameId: g, ticket: '' })).toThrow(/--ticket/);
    expect(() => buildOnyxArgv({ moonstone: 'h:1', gameId: g, ticketStdin: false as true })).toThrow(/--ticket-stdin/);
  });

  it('never throws on arbitrary argv', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('--moonstone', '--game', '--ticket', '--ticket-stdin', 'h:1', 'g_x')), { maxLength: 10 }),
        (argv) => {
          const r = parseOnyxArgv(argv);
          if (r.ok) expect(parseOnyxArgv(buildOnyxArgv(r.value))).toEqual(r);
          else expect(r.error.code).toBe('INVALID_MESSAGE');
        },
      ),
    );
  });
});
