import { useRef, useState, type FormEvent } from 'react';
import { useApp } from '../store/context.js';
import { Alert, Button } from '../components/ui.js';
import { t } from '../strings.js';

const NAME_RULE = /^[A-Za-z0-9_.-]{3,20}$/;

/** Sign in and create account on one card; errors say exactly what to fix. */
export function AuthScreen() {
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<'name' | 'password' | 'confirm' | null>(null);
  const refs = { name: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null), confirm: useRef<HTMLInputElement>(null) };
  const busy = useApp((s) => s.session.busy);
  const serverError = useApp((s) => s.session.error);
  const backendUrl = useApp((s) => s.settings.values?.backendUrl);
  const signIn = useApp((s) => s.signIn);
  const register = useApp((s) => s.register);
  const setView = useApp((s) => s.setView);

  // After an error, focus goes to the first field to fix (never lost to the page).
  const fail = (field: 'name' | 'password' | 'confirm', message: string) => {
    setLocalError(message);
    setInvalid(field);
    refs[field].current?.focus();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    setInvalid(null);
    if (mode === 'register') {
      if (!NAME_RULE.test(name)) return fail('name', t.auth.nameRule);
      if (password.length < 10) return fail('password', t.auth.passwordTooShort);
      if (password !== confirm) return fail('confirm', t.auth.passwordsDiffer);
      if (!(await register(name, password))) focusAfterServerError();
    } else {
      if (!name) return fail('name', t.auth.missingFields);
      if (!password) return fail('password', t.auth.missingFields);
      if (!(await signIn(name, password))) focusAfterServerError();
    }
  };
  // The server does not say which field was wrong: the name comes first (a taken or unknown name), then the password.
  const focusAfterServerError = () => {
    setInvalid('name');
    refs.name.current?.focus();
    refs.name.current?.select();
  };

  const error = localError ?? serverError;

  return (
    <main className="auth" aria-labelledby="auth-title">
      <div className="auth-card">
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t.app.brand}</span>
        </div>
        <h1 id="auth-title" className="auth-title">
          {mode === 'signin' ? t.auth.signInTitle : t.auth.registerTitle}
        </h1>
        <p className="muted">{mode === 'signin' ? t.auth.signInIntro : t.auth.registerIntro}</p>
        <div className="tabs" role="tablist" aria-label={t.auth.tabs}>
          <button type="button" role="tab" aria-selected={mode === 'signin'} className="tab" onClick={() => setMode('signin')}>
            {t.auth.signIn}
          </button>
          <button type="button" role="tab" aria-selected={mode === 'register'} className="tab" onClick={() => setMode('register')}>
            {t.auth.createAccount}
          </button>
        </div>
        <form onSubmit={(e) => void submit(e)} noValidate className="form">
          <div className="field">
            <label className="field-label" htmlFor="auth-name">
              {t.auth.displayName}
            </label>
            <input
              id="auth-name"
              ref={refs.name}
              autoFocus
              autoComplete="username"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={20}
              aria-invalid={invalid === 'name' || undefined}
              aria-describedby={invalid === 'name' ? 'auth-error' : undefined}
              required
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="auth-password">
              {t.auth.password}
            </label>
            <input
              id="auth-password"
              ref={refs.password}
              aria-invalid={invalid === 'password' || undefined}
              type="password"
              autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              maxLength={128}
              aria-describedby={[mode === 'register' && 'auth-password-hint', invalid === 'password' && 'auth-error'].filter(Boolean).join(' ') || undefined}
              required
            />
            {mode === 'register' && (
              <span id="auth-password-hint" className="field-hint">
                {t.auth.passwordHint}
              </span>
            )}
          </div>
          {mode === 'register' && (
            <div className="field">
              <label className="field-label" htmlFor="auth-confirm">
                {t.auth.confirmPassword}
              </label>
              <input
                id="auth-confirm"
                ref={refs.confirm}
                aria-invalid={invalid === 'confirm' || undefined}
                aria-describedby={invalid === 'confirm' ? 'auth-error' : undefined}
                type="password"
                autoComplete="new-password"
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
                maxLength={128}
                required
              />
            </div>
          )}
          {error && (
            <div id="auth-error">
              <Alert tone="error">{error}</Alert>
            </div>
          )}
          <Button type="submit" variant="primary" busy={busy} className="btn-block">
            {mode === 'signin' ? t.auth.signIn : t.auth.createAccount}
          </Button>
        </form>
        <p className="auth-footer muted">
          {t.auth.server} <code>{backendUrl ?? '…'}</code>{' '}
          <button type="button" className="link" onClick={() => setView('settings')}>
            {t.auth.change}
          </button>
        </p>
      </div>
    </main>
  );
}
