import { useEffect } from 'react';
import { useAppStore } from './store/context.js';
import type { AppStore } from './store/index.js';
import { t } from './strings.js';

/**
 * Match found must not go unnoticed, in any shell:
 * - a short chime (Web Audio, so the OS volume applies) unless Settings turn it off;
 * - browser shell, page hidden: the tab title flashes until the page is seen, and a
 *   Notification is shown when the player allowed them (asked when they start a search,
 *   never on load: see askNotificationPermission);
 * - Electron: main shows its notification, flashes the taskbar and sets a badge
 *   (bridge.alertMatchFound, called by the store).
 */
export function watchAttention(store: AppStore, doc: Document = document): () => void {
  let flashTimer: ReturnType<typeof setInterval> | undefined;
  let savedTitle: string | null = null;
  const stopFlash = () => {
    if (flashTimer !== undefined) clearInterval(flashTimer);
    flashTimer = undefined;
    if (savedTitle !== null) doc.title = savedTitle;
    savedTitle = null;
  };
  const onVisible = () => {
    if (!doc.hidden) stopFlash();
  };
  doc.addEventListener('visibilitychange', onVisible);

  const unsubscribe = store.subscribe((state, prev) => {
    const match = state.game.match;
    if (!match) {
      if (prev.game.match) stopFlash();
      return;
    }
    if (prev.game.match?.prematchId === match.prematchId || match.youAccepted) return;
    const settings = state.settings.values;
    if (settings?.sound !== false) playChime();
    if (state.settings.shell === 'electron' || !doc.hidden) return;
    if (flashTimer === undefined) {
      savedTitle = doc.title;
      let on = false;
      const flip = () => {
        on = !on;
        doc.title = on ? t.attention.titleFlash : (savedTitle ?? t.app.brand);
      };
      flip();
      flashTimer = setInterval(flip, 1000);
    }
    if (settings?.notifications !== false && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const seconds = Math.max(0, Math.round((match.deadline - state.connection.clockOffsetMs - Date.now()) / 1000));
      try {
        const note = new Notification(t.attention.matchFoundTitle, {
          body: t.attention.matchFoundBody(seconds),
          tag: 'glaceon-match',
          requireInteraction: true,
        });
        note.onclick = () => {
          window.focus();
          note.close();
        };
      } catch {
        // Some shells only allow notifications from a service worker; the title flash still runs.
      }
    }
  });
  return () => {
    unsubscribe();
    stopFlash();
    doc.removeEventListener('visibilitychange', onVisible);
  };
}

export function useAttention(): void {
  const store = useAppStore();
  useEffect(() => watchAttention(store), [store]);
}

/**
 * Asks for notification permission at a moment the player understands: when they start
 * (or join) a search and notifications are on. Never on load; never again once answered.
 */
export function askNotificationPermission(store: AppStore): void {
  const { settings } = store.getState();
  if (settings.shell === 'electron' || settings.values?.notifications === false) return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  void Notification.requestPermission().catch(() => undefined);
}

let audio: AudioContext | undefined;
/** Browsers start audio only after a user gesture: the context is created on the first click or key. */
export function unlockAudio(): void {
  if (audio || typeof AudioContext === 'undefined') return;
  try {
    audio = new AudioContext();
  } catch {
    audio = undefined;
  }
}
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', unlockAudio, { once: true, capture: true });
  window.addEventListener('keydown', unlockAudio, { once: true, capture: true });
}

/** Two short rising tones, about 0.35 s, quiet enough not to startle. */
export function playChime(): void {
  unlockAudio();
  const ctx = audio;
  if (!ctx) return;
  void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.01;
  [660, 880].forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const at = start + i * 0.16;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.16);
  });
}
