import { Type, type Static } from '@sinclair/typebox';
import { createDecoder } from '@glaceon/protocol';

/** How the join ticket reaches Onyx: argv (what the protocol card asks for) or stdin (not visible in `ps`). */
export const TICKET_MODES = ['args', 'stdin'] as const;
export type TicketMode = (typeof TICKET_MODES)[number];

const BackendUrlSchema = Type.String({ pattern: '^https?://[^\\s/?#]+(/[^\\s?#]*)?$', maxLength: 512 });

export const SettingsSchema = Type.Object(
  {
    /** Realm's base URL; the Coral endpoint comes from Realm with each lobby. */
    backendUrl: BackendUrlSchema,
    /** Absolute path to the Onyx executable; empty until the player sets it. */
    onyxPath: Type.String({ maxLength: 4096 }),
    ticketMode: Type.Union(TICKET_MODES.map((m) => Type.Literal(m))),
    /** A short chime when a match is found (every shell; the OS volume applies). */
    sound: Type.Boolean(),
    /** A system notification when a match is found while the launcher is in the background. */
    notifications: Type.Boolean(),
    /** Electron: open at login, minimized to the tray. */
    startMinimized: Type.Boolean(),
    /** Where to play: '' lets the measured latencies decide (Automatic); a region id reports only that region. */
    region: Type.String({ pattern: '^(|[a-z0-9][a-z0-9-]{0,31})$', maxLength: 32 }),
  },
  { additionalProperties: false },
);
export type Settings = Static<typeof SettingsSchema>;

export const SettingsPatchSchema = Type.Partial(SettingsSchema, { additionalProperties: false });
export type SettingsPatch = Static<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  backendUrl: 'http://127.0.0.1:7300',
  onyxPath: '',
  ticketMode: 'args',
  sound: true,
  notifications: true,
  startMinimized: false,
  region: '',
};

export const settingsDecoder = createDecoder(SettingsSchema);
export const settingsPatchDecoder = createDecoder(SettingsPatchSchema);

/** Only absolute paths: a relative one would resolve against wherever the launcher was started from. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}
