import { useEffect, useState, type FormEvent } from 'react';
import type { TicketMode } from '../../common/index.js';
import { useApp, useAppStore } from '../store/context.js';
import { askNotificationPermission } from '../attention.js';
import { t } from '../strings.js';
import { Alert, Button, Card, Spinner } from '../components/ui.js';
import { BlockList } from '../components/BlockList.js';
import { RegionPicker } from '../components/RegionPicker.js';

const SHELL_LABEL = t.settings.shell;

export function SettingsScreen() {
  const signedIn = useApp((s) => s.session.status === 'signed-in');
  const values = useApp((s) => s.settings.values);
  const saving = useApp((s) => s.settings.saving);
  const error = useApp((s) => s.settings.error);
  const savedAt = useApp((s) => s.settings.savedAt);
  const shell = useApp((s) => s.settings.shell);
  const protection = useApp((s) => s.session.protection);
  const save = useApp((s) => s.saveSettings);
  const chooseOnyxPath = useApp((s) => s.chooseOnyxPath);
  const setView = useApp((s) => s.setView);
  const hasRegions = useApp((s) => s.catalog.regions.length > 0);
  const [backendUrl, setBackendUrl] = useState('');
  const [ticketMode, setTicketMode] = useState<TicketMode>('args');
  const [sound, setSound] = useState(true);
  const [notifications, setNotifications] = useState(true);
  const [startMinimized, setStartMinimized] = useState(false);
  const store = useAppStore();
  const [localError, setLocalError] = useState<string | null>(null);

  useEffect(() => {
    if (!values) return;
    setBackendUrl(values.backendUrl);
    setTicketMode(values.ticketMode);
    setSound(values.sound);
    setNotifications(values.notifications);
    setStartMinimized(values.startMinimized);
  }, [values]);

  if (!values) return <Spinner label={t.settings.loading} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    if (!/^https?:\/\/[^\s/?#]+/.test(backendUrl)) return setLocalError(t.settings.badServerAddress);
    const nextUrl = backendUrl.replace(/\/+$/, '');
    const changedServer = nextUrl !== values.backendUrl;
    const saved = await save({ backendUrl: nextUrl, ticketMode, sound, notifications, startMinimized });
    if (saved && notifications) askNotificationPermission(store);
    // The page's Content-Security-Policy names the server it was loaded for: reload to connect to the new one.
    if (saved && changedServer && shell !== 'preview') window.location.reload();
  };

  return (
    <div className="screen">
      <header className="screen-header row-between">
        <div>
          <h1>{t.settings.title}</h1>
          <p className="muted">{t.settings.savedLocally}</p>
        </div>
        <Button variant="ghost" onClick={() => setView('play')}>
          {t.settings.back}
        </Button>
      </header>
      <form onSubmit={(e) => void submit(e)} className="form" noValidate>
        <Card title={t.settings.server}>
          <div className="field">
            <label className="field-label" htmlFor="set-backend">
              {t.settings.serverAddress}
            </label>
            <input
              id="set-backend"
              aria-describedby="set-backend-hint"
              value={backendUrl}
              onChange={(e) => setBackendUrl(e.target.value)}
              spellCheck={false}
              inputMode="url"
            />
            <span id="set-backend-hint" className="field-hint">
              {t.settings.serverHint}
            </span>
          </div>
        </Card>
        <Card title={t.settings.game}>
          <div className="field">
            <span className="field-label" id="set-onyx-label">
              {t.settings.gamePath}
            </span>
            <div className="row">
              <output id="set-onyx" className="path-value" aria-labelledby="set-onyx-label" aria-describedby="set-onyx-hint">
                {values.onyxPath || t.settings.gamePathUnset}
              </output>
              {shell === 'electron' && (
                <Button type="button" onClick={() => void chooseOnyxPath()}>
                  {t.settings.choose}
                </Button>
              )}
            </div>
            <span id="set-onyx-hint" className="field-hint">
              {shell === 'electron' ? t.settings.gamePathHintElectron : t.settings.gamePathHintBrowser}
            </span>
          </div>
          <fieldset className="field">
            <legend className="field-label">{t.settings.ticketLegend}</legend>
            <label className="radio">
              <input type="radio" name="ticketMode" checked={ticketMode === 'args'} onChange={() => setTicketMode('args')} />
              <span>
                {t.settings.ticketArgs} <span className="muted">{t.settings.ticketArgsNote}</span>
              </span>
            </label>
            <label className="radio">
              <input type="radio" name="ticketMode" checked={ticketMode === 'stdin'} onChange={() => setTicketMode('stdin')} />
              <span>
                {t.settings.ticketStdin} <span className="muted">{t.settings.ticketStdinNote}</span>
              </span>
            </label>
          </fieldset>
        </Card>
        <Card title={t.settings.alerts}>
          <label className="check">
            <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} />
            <span>{t.settings.sound}</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={notifications} onChange={(e) => setNotifications(e.target.checked)} />
            <span>{t.settings.notifications}</span>
          </label>
          {shell === 'electron' && (
            <label className="check">
              <input type="checkbox" checked={startMinimized} onChange={(e) => setStartMinimized(e.target.checked)} />
              <span>{t.settings.startMinimized}</span>
            </label>
          )}
        </Card>
        {(localError || error) && <Alert tone="error">{localError ?? error}</Alert>}
        {savedAt && !localError && !error && <Alert tone="success">{t.settings.saved}</Alert>}
        <div className="row-end">
          <Button type="submit" variant="primary" busy={saving}>
            {t.settings.save}
          </Button>
        </div>
      </form>
      {hasRegions && (
        <Card title={t.latency.title}>
          <RegionPicker />
        </Card>
      )}
      {signedIn && (
        <Card title={t.blocks.title}>
          <BlockList />
        </Card>
      )}
      <Card title={t.settings.about}>
        <dl className="kv">
          <dt>{t.settings.runningAs}</dt>
          <dd>{SHELL_LABEL[shell]}</dd>
          <dt>{t.settings.sessionStorage}</dt>
          <dd>{protection === 'plaintext' ? t.settings.storagePlaintext : protection ? t.settings.storageEncrypted : t.settings.storageUnknown}</dd>
        </dl>
      </Card>
    </div>
  );
}
