import { useRef, useState, type FormEvent } from 'react';
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
      if (!NAME_RULE.test(name)) return fail('name', 'Display names are 3 to 20 letters, digits, dots, dashes or underscores.');
      if (password.length < 10) return fail('password', 'Use a password of at least 10 characters.');
      if (password !== confirm) return fail('confirm', 'The two passwords do not match.');
      if (!(await register(name, password))) focusAfterServerError();
    } else {
      if (!name) return fail('name', 'Enter your display name and password.');
      if (!password) return fail('password', 'Enter your display name and password.');
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
              Password
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
