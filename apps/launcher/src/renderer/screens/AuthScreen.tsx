import { useState, type FormEvent } from 'react';
import { useApp } from '../store/context.js';
import { Alert, Button } from '../components/ui.js';

const NAME_RULE = /^[A-Za-z0-9_.-]{3,20}$/;

/** Sign in and create account on one card; errors say exactly what to fix. */
export function AuthScreen() {
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const busy = useApp((s) => s.session.busy);
  const serverError = useApp((s) => s.session.error);
  const backendUrl = useApp((s) => s.settings.values?.backendUrl);
  const signIn = useApp((s) => s.signIn);
  const register = useApp((s) => s.register);
  const setView = useApp((s) => s.setView);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    if (mode === 'register') {
      if (!NAME_RULE.test(name)) return setLocalError('Display names are 3 to 20 letters, digits, dots, dashes or underscores.');
      if (password.length < 10) return setLocalError('Use a password of at least 10 characters.');
      if (password !== confirm) return setLocalError('The two passwords do not match.');
      await register(name, password);
    } else {
      if (!name || !password) return setLocalError('Enter your display name and password.');
      await signIn(name, password);
    }
  };
  const error = localError ?? serverError;

  return (
    <main className="auth" aria-labelledby="auth-title">
      <div className="auth-card">
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden="true" />
          <span>Glaceon</span>
        </div>
        <h1 id="auth-title" className="auth-title">
          {mode === 'signin' ? 'Welcome back' : 'Create your account'}
        </h1>
        <p className="muted">
          {mode === 'signin' ? 'Sign in to see your friends and jump into a match.' : 'Pick a display name your friends will find you by.'}
        </p>
        <div className="tabs" role="tablist" aria-label="Account">
          <button type="button" role="tab" aria-selected={mode === 'signin'} className="tab" onClick={() => setMode('signin')}>
            Sign in
          </button>
          <button type="button" role="tab" aria-selected={mode === 'register'} className="tab" onClick={() => setMode('register')}>
            Create account
          </button>
        </div>
        <form onSubmit={(e) => void submit(e)} noValidate className="form">
          <div className="field">
            <label className="field-label" htmlFor="auth-name">
              Display name
            </label>
            <input id="auth-name" autoFocus autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} maxLength={20} required />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="auth-password">
              Password
            </label>
            <input
              id="auth-password"
              type="password"
              autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              maxLength={128}
              aria-describedby={mode === 'register' ? 'auth-password-hint' : undefined}
              required
            />
            {mode === 'register' && (
              <span id="auth-password-hint" className="field-hint">
                At least 10 characters.
              </span>
            )}
          </div>
          {mode === 'register' && (
            <div className="field">
              <label className="field-label" htmlFor="auth-confirm">
                Confirm password
              </label>
              <input
                id="auth-confirm"
                type="password"
                autoComplete="new-password"
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
                maxLength={128}
                required
              />
            </div>
          )}
          {error && <Alert tone="error">{error}</Alert>}
          <Button type="submit" variant="primary" busy={busy} className="btn-block">
            {mode === 'signin' ? 'Sign in' : 'Create account'}
          </Button>
        </form>
        <p className="auth-footer muted">
          Server: <code>{backendUrl ?? '…'}</code>{' '}
          <button type="button" className="link" onClick={() => setView('settings')}>
            Change
          </button>
        </p>
      </div>
    </main>
  );
}
