import type { OnyxError, OnyxLaunchRequest, OnyxState } from './onyx.js';
import type { SessionProtection, StoredSession } from './session.js';
import type { Settings, SettingsPatch } from './settings.js';

export type BridgeResult<T, E = { code: string; message: string }> = { ok: true; value: T } | { ok: false; error: E };

/**
 * Bridge error codes the renderer can act on (beyond the Onyx launcher's own `OnyxError`).
 * The game executable is chosen by the OS side only (a native dialog, the environment or
 * the settings file), never from renderer input: see docs/security/launcher.md.
 */
export const BridgeErrorCode = {
  invalidRequest: 'INVALID_REQUEST',
  /** A settings patch tried to change `onyxPath`: only `chooseOnyxPath` (Electron) may. */
  onyxPathLocked: 'ONYX_PATH_LOCKED',
  /** The shell has no file dialog (browser shell): GLACEON_ONYX_PATH or the settings file sets the path. */
  onyxPathFromConfig: 'ONYX_PATH_FROM_CONFIG',
  /** The player closed the file dialog without choosing. */
  cancelled: 'CANCELLED',
} as const;
export type BridgeErrorCode = (typeof BridgeErrorCode)[keyof typeof BridgeErrorCode];

export interface MatchFoundAlert {
  title: string;
  body: string;
}

/**
 * `window.glaceon`: everything the renderer may ask of the operating system,
 * one named function per message. Exposed by the Electron preload, or in a
 * plain browser by the dev-bridge shim backed by the same Node services.
 * The renderer never sees Electron, Node or raw IPC.
 */
export interface GlaceonBridge {
  /** Which shell provides the bridge; shown in Settings and e2e logs. */
  readonly shell: 'electron' | 'dev-bridge' | 'preview';
  getSettings(): Promise<Settings>;
  /** Changes any setting except `onyxPath` (a patch that changes it is refused with ONYX_PATH_LOCKED). */
  updateSettings(patch: SettingsPatch): Promise<BridgeResult<Settings>>;
  /**
   * Lets the player pick the game executable in a native file dialog owned by the main
   * process (Electron). The browser shell answers ONYX_PATH_FROM_CONFIG.
   */
  chooseOnyxPath(): Promise<BridgeResult<Settings>>;
  loadSession(): Promise<{ session: StoredSession | null; protection: SessionProtection }>;
  saveSession(session: StoredSession): Promise<BridgeResult<{ protection: SessionProtection }>>;
  clearSession(): Promise<void>;
  launchOnyx(request: OnyxLaunchRequest): Promise<BridgeResult<{ runId: number }, OnyxError>>;
  getOnyxState(): Promise<OnyxState>;
  /** Opens the current Onyx log file with the OS (Electron) or returns its text (dev bridge). */
  openOnyxLog(): Promise<BridgeResult<{ path: string }>>;
  onOnyxState(listener: (state: OnyxState) => void): () => void;
  /** Deep links that arrived before the renderer subscribed (cold start from a link). */
  takeDeepLinks(): Promise<string[]>;
  onDeepLink(listener: (url: string) => void): () => void;
  /** Notification, taskbar flash and a sound when the window is not focused; nothing otherwise. */
  alertMatchFound(alert: MatchFoundAlert): Promise<void>;
  /** A friend's lobby invitation: a notification (and taskbar flash) when the window is not focused. */
  alertInvite(alert: MatchFoundAlert): Promise<void>;
  /** http(s) links only, opened in the OS browser. */
  openExternal(url: string): Promise<void>;
}
