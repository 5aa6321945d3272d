/**
 * Every IPC channel between the preload and main, named once. Invoke channels
 * (renderer asks, main answers) and event channels (main pushes) are kept
 * apart so a handler can never be registered on a push channel by mistake.
 */
export const InvokeChannel = {
  getSettings: 'glaceon:settings.get',
  updateSettings: 'glaceon:settings.update',
  chooseOnyxPath: 'glaceon:settings.chooseOnyxPath',
  loadSession: 'glaceon:session.load',
  saveSession: 'glaceon:session.save',
  clearSession: 'glaceon:session.clear',
  launchOnyx: 'glaceon:onyx.launch',
  getOnyxState: 'glaceon:onyx.state',
  openOnyxLog: 'glaceon:onyx.openLog',
  takeDeepLinks: 'glaceon:deeplink.take',
  alertMatchFound: 'glaceon:attention.matchFound',
  alertInvite: 'glaceon:attention.invite',
  openExternal: 'glaceon:shell.openExternal',
} as const;
export type InvokeChannel = (typeof InvokeChannel)[keyof typeof InvokeChannel];

export const EventChannel = {
  onyx: 'glaceon:event.onyx',
  deepLink: 'glaceon:event.deeplink',
} as const;
export type EventChannel = (typeof EventChannel)[keyof typeof EventChannel];
