import {
  BridgeErrorCode,
  InvokeChannel,
  onyxLaunchRequestDecoder,
  storedSessionDecoder,
  type MatchFoundAlert,
  type OnyxState,
  type SessionProtection,
  type Settings,
  type StoredSession,
} from '../../common/index.js';
import type { DeepLinkQueue } from './deep-link-queue.js';
import type { OnyxLauncher } from './onyx-launcher.js';
import type { SessionStore } from './session-store.js';
import type { SettingsStore } from './settings-store.js';

/** What only the shell can do (Electron: Notification, flashFrame, shell; dev bridge: log to console). */
export interface ShellHooks {
  alertMatchFound(alert: MatchFoundAlert): void;
  alertInvite(alert: MatchFoundAlert): void;
  openExternal(url: string): void;
  openPath(path: string): void;
  /**
   * A native "choose the game" dialog owned by the main process (Electron). Absent in
   * shells without one (the dev bridge): there the path comes from GLACEON_ONYX_PATH or
   * the settings file. Resolves to the chosen absolute path, or null when cancelled.
   */
  chooseExecutable?(): Promise<string | null>;
  /** After every saved change (Electron: the login item for "start minimized"). */
  settingsChanged?(settings: Settings): void;
}

type Failure = { ok: false; error: { code: string; message: string } };
const fail = (code: string, message: string): Failure => ({ ok: false, error: { code, message } });
const invalid = (message: string): Failure => fail(BridgeErrorCode.invalidRequest, message);

/** Where the browser shell's player is sent to set the game path (no file dialog there). */
export const ONYX_PATH_FROM_CONFIG_MESSAGE =
  'In the browser shell the game path is set by the environment (GLACEON_ONYX_PATH) or by "onyxPath" in the launcher\'s settings.json, never by the page.';

const ALERT_MAX = 200;
function decodeAlert(input: unknown): MatchFoundAlert | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { title, body } = input as Record<string, unknown>;
  if (typeof title !== 'string' || typeof body !== 'string' || title.length > ALERT_MAX || body.length > ALERT_MAX) return undefined;
  return { title, body };
}

export function isSafeExternalUrl(input: unknown): input is string {
  if (typeof input !== 'string' || input.length > 2048) return false;
  try {
    const url = new URL(input);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export interface BridgeServiceDeps {
  settings: SettingsStore;
  session: SessionStore;
  onyx: OnyxLauncher;
  deepLinks: DeepLinkQueue;
  shell: ShellHooks;
}

/**
 * The one place that turns untrusted bridge input into service calls. Both
 * the Electron ipcMain glue and the dev-bridge HTTP server dispatch here, so
 * validation is written once and tested without Electron.
 */
export function createBridgeService(deps: BridgeServiceDeps) {
  const handlers = {
    [InvokeChannel.getSettings]: () => deps.settings.get(),
    // The executable the launcher runs is never chosen from renderer input (a page that
    // can set it can run any program as the player): a patch that changes it is refused.
    [InvokeChannel.updateSettings]: async (patch: unknown) => {
      if (typeof patch === 'object' && patch !== null && Object.prototype.hasOwnProperty.call(patch, 'onyxPath')) {
        const current = await deps.settings.get();
        if ((patch as { onyxPath?: unknown }).onyxPath !== current.onyxPath) {
          return fail(
            BridgeErrorCode.onyxPathLocked,
            'The game path can only be chosen with "Choose…" in the desktop app, or set by GLACEON_ONYX_PATH or the settings file.',
          );
        }
      }
      const result = await deps.settings.update(patch);
      if (result.ok) deps.shell.settingsChanged?.(result.value);
      return result;
    },
    [InvokeChannel.chooseOnyxPath]: async () => {
      if (!deps.shell.chooseExecutable) return fail(BridgeErrorCode.onyxPathFromConfig, ONYX_PATH_FROM_CONFIG_MESSAGE);
      const chosen = await deps.shell.chooseExecutable();
      if (chosen === null) return fail(BridgeErrorCode.cancelled, 'No file was chosen.');
      return deps.settings.update({ onyxPath: chosen });
    },
    [InvokeChannel.loadSession]: async (): Promise<{ session: StoredSession | null; protection: SessionProtection }> => ({
      session: await deps.session.load(),
      protection: deps.session.protection(),
    }),
    [InvokeChannel.saveSession]: async (input: unknown) => {
      const decoded = storedSessionDecoder.decode(input);
      if (!decoded.ok) return invalid(decoded.error.message);
      return { ok: true as const, value: await deps.session.save(decoded.value) };
    },
    [InvokeChannel.clearSession]: () => deps.session.clear(),
    [InvokeChannel.launchOnyx]: async (input: unknown) => {
      const decoded = onyxLaunchRequestDecoder.decode(input);
      if (!decoded.ok) return { ok: false as const, error: { code: 'INVALID_REQUEST' as const, message: decoded.error.message } };
      const settings = await deps.settings.get();
      const result = await deps.onyx.launch({ executable: settings.onyxPath, ticketMode: settings.ticketMode, request: decoded.value });
      return result.ok ? { ok: true as const, value: { runId: result.runId } } : result;
    },
    [InvokeChannel.getOnyxState]: (): OnyxState => deps.onyx.state(),
    [InvokeChannel.openOnyxLog]: () => {
      const state = deps.onyx.state();
      const path = state.status === 'idle' ? null : state.logPath;
      if (!path) return { ok: false as const, error: { code: 'NO_LOG', message: 'There is no game log yet.' } };
      deps.shell.openPath(path);
      return { ok: true as const, value: { path } };
    },
    [InvokeChannel.takeDeepLinks]: () => deps.deepLinks.take(),
    [InvokeChannel.alertMatchFound]: (input: unknown) => {
      const alert = decodeAlert(input);
      if (alert) deps.shell.alertMatchFound(alert);
    },
    [InvokeChannel.alertInvite]: (input: unknown) => {
      const alert = decodeAlert(input);
      if (alert) deps.shell.alertInvite(alert);
    },
    [InvokeChannel.openExternal]: (input: unknown) => {
      if (isSafeExternalUrl(input)) deps.shell.openExternal(input);
    },
  } satisfies Record<InvokeChannel, (input: unknown) => unknown>;

  return {
    channels: Object.keys(handlers) as InvokeChannel[],
    /** Dispatches one call; an unknown channel is refused rather than thrown. */
    async invoke(channel: string, input: unknown): Promise<unknown> {
      if (!Object.prototype.hasOwnProperty.call(handlers, channel)) return invalid(`Unknown bridge call "${channel.slice(0, 64)}".`);
      return handlers[channel as InvokeChannel](input);
    },
  };
}
export type BridgeService = ReturnType<typeof createBridgeService>;
