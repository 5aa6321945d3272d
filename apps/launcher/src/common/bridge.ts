import type { OnyxError, OnyxLaunchRequest, OnyxState } from './onyx.js';
import type { SessionProtection, StoredSession } from './session.js';
import type { Settings, SettingsPatch } from './settings.js';

export type BridgeResult<T, E = { code: string; message: string }> = { ok: true; value: T } | { ok: false; error: E };

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
  updateSettings(patch: SettingsPatch): Promise<BridgeResult<Settings>>;
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
