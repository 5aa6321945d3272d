import WebSocket from 'ws';
import { GAME_MAX_FRAME_CHARS, gameDecoders, parseHostPort, PROTOCOL_VERSION, type MoonstoneClientMessage } from '@glaceon/protocol';
import { ONYX_EXIT, type OnyxExitCode } from './exit-codes.js';

export interface OnyxRun {
  moonstone: string;
  gameId: string;
  ticket: string;
  /** Progress lines (stdout in the CLI). */
  print(line: string): void;
  /** Problems (stderr in the CLI). */
  printError(line: string): void;
  connectTimeoutMs?: number;
  /** Resolves when the run should leave the game (a signal). */
  interrupted?: Promise<void>;
}

/** Connect, present the ticket, follow the game; resolves with the exit code. Never throws. */
export function runOnyx(run: OnyxRun): Promise<OnyxExitCode> {
  return new Promise((resolve) => {
    const target = parseHostPort(run.moonstone);
    if (!target.ok) {
      run.printError(`onyx: --moonstone: ${target.error.message}`);
      resolve(ONYX_EXIT.USAGE);
      return;
    }
    let settled = false;
    let welcomed = false;
    const finish = (code: OnyxExitCode) => {
      if (settled) return;
      settled = true;
      resolve(code);
    };
    const url = `ws://${run.moonstone}/`;
    run.print(`onyx: connecting to ${run.moonstone} for game ${run.gameId}`);
    const ws = new WebSocket(url, { handshakeTimeout: run.connectTimeoutMs ?? 5000, maxPayload: GAME_MAX_FRAME_CHARS * 4 });
    const send = (m: MoonstoneClientMessage) => ws.send(JSON.stringify(m));

    void run.interrupted?.then(() => {
      if (settled) return;
      run.print('onyx: interrupted; leaving the game');
      if (ws.readyState === ws.OPEN) send({ type: 'leave' });
      ws.close(1000, 'interrupted');
      finish(ONYX_EXIT.INTERRUPTED);
    });

    ws.on('open', () => {
      run.print('onyx: connected; presenting the ticket');
      send({ type: 'hello', protocol: PROTOCOL_VERSION, gameId: run.gameId, ticket: run.ticket, client: 'onyx-standin/0.1.0' });
    });

    ws.on('message', (data) => {
      const decoded = gameDecoders.server.decodeText(data.toString(), GAME_MAX_FRAME_CHARS);
      if (!decoded.ok) {
        run.printError(`onyx: the server sent something unexpected (${decoded.error.message}); giving up`);
        ws.terminate();
        finish(welcomed ? ONYX_EXIT.CONNECTION_LOST : ONYX_EXIT.REFUSED);
        return;
      }
      const m = decoded.value;
      switch (m.type) {
        case 'welcome': {
          welcomed = true;
          const others = m.roster.filter((p) => p.playerId !== m.playerId).map((p) => `${p.name} (team ${p.team})`);
          run.print(
            `onyx: joined game ${m.gameId} (${m.mode}) as ${m.playerId} on team ${m.team}${m.reconnected ? ', rejoined' : ''}; phase ${m.phase}; others: ${others.join(', ') || 'none'}`,
          );
          break;
        }
        case 'game.state':
          run.print(
            `onyx: ${m.phase}; ${m.connected.length} connected${m.endsAt ? `; ends in ${Math.max(0, Math.round((m.endsAt - Date.now()) / 1000))} s` : ''}`,
          );
          break;
        case 'game.over':
          if (m.reason === 'server_lost') {
            run.printError('onyx: the game server was lost; the game is over');
            finish(ONYX_EXIT.CONNECTION_LOST);
          } else {
            run.print(`onyx: game over: ${m.reason}${m.winningTeam === undefined ? '' : `, team ${m.winningTeam} won`}`);
            finish(ONYX_EXIT.GAME_OVER);
          }
          break;
        case 'error':
          run.printError(`onyx: ${welcomed ? 'error' : 'refused'}: ${m.code}: ${m.message}`);
          finish(welcomed ? ONYX_EXIT.CONNECTION_LOST : ONYX_EXIT.REFUSED);
          break;
      }
    });

    ws.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (welcomed) {
        run.printError(`onyx: connection error: ${error.code ?? error.message}`);
        finish(ONYX_EXIT.CONNECTION_LOST);
      } else {
        // Never admitted: nothing listening there, a timeout, or not a Moonstone.
        run.printError(`onyx: cannot reach Moonstone at ${run.moonstone}: ${error.code ?? error.message}`);
        finish(ONYX_EXIT.UNREACHABLE);
      }
    });

    ws.on('close', (code) => {
      if (settled) return;
      if (welcomed) {
        run.printError(`onyx: lost the connection to Moonstone (close ${code}); the game may be over`);
        finish(ONYX_EXIT.CONNECTION_LOST);
      } else if (code >= 4000) {
        run.printError(`onyx: refused by Moonstone (close ${code})`);
        finish(ONYX_EXIT.REFUSED);
      } else {
        run.printError(`onyx: Moonstone closed the connection before admitting us (close ${code})`);
        finish(ONYX_EXIT.UNREACHABLE);
      }
    });
  });
}
