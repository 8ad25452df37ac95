/** Sign in (with the TOTP second step when the account has 2FA on) or create an account. */
import { useState } from 'preact/hooks';
import { api, type TokenAnswer } from '../api';
import { ErrorBox } from '../components';
import { go } from '../router';

type Answer = TokenAnswer | { two_factor_required: true; challenge_token: string; expires_in: number };

export function Login() {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const done = async (t: TokenAnswer) => {
    await api.signIn(t);
    go('/portfolio');
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      if (mode === 'register') {
        await done(await api.post<TokenAnswer>('/api/v1/auth/register', { email, password }));
        return;
      }
      const a = await api.post<Answer>('/api/v1/auth/login', { email, password });
      if ('two_factor_required' in a) setChallenge(a.challenge_token);
      else await done(a);
    });
  };
  const verify = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const body = useRecovery ? { challenge_token: challenge, recovery_code: code.trim() } : { challenge_token: challenge, code: code.replace(/\s/g, '') };
      await done(await api.post<TokenAnswer>('/api/v1/auth/verify-2fa', body));
    });
  };

  if (challenge) {
    return (
      <section class="narrow">
        <h1>Two-factor authentication</h1>
        <form onSubmit={verify} class="stack" data-testid="totp-form">
          <label>{useRecovery ? 'Recovery code' : 'Code from your authenticator app'}
            <input name="code" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} required
              autoComplete="one-time-code" inputMode={useRecovery ? 'text' : 'numeric'} autoFocus />
          </label>
          <button type="submit" disabled={busy}>Verify</button>
          <button type="button" class="ghost" onClick={() => setUseRecovery(!useRecovery)}>{useRecovery ? 'Use an authenticator code' : 'Use a recovery code'}</button>
        </form>
        <ErrorBox error={error} />
      </section>
    );
  }
  return (
    <section class="narrow">
      <h1>{mode === 'login' ? 'Sign in' : 'Create an account'}</h1>
      <form onSubmit={submit} class="stack" data-testid="login-form">
        <label>E-mail<input type="email" name="email" value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} required autoComplete="username" /></label>
        <label>Password<input type="password" name="password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} required minLength={mode === 'register' ? 10 : 1} autoComplete={mode === 'login' ? 'current-password' : 'new-password'} /></label>
        <button type="submit" disabled={busy}>{mode === 'login' ? 'Sign in' : 'Create account'}</button>
        <button type="button" class="ghost" onClick={() => setMode(mode === 'login' ? 'register' : 'login')}>
          {mode === 'login' ? 'New here? Create an account' : 'Have an account? Sign in'}
        </button>
      </form>
      <ErrorBox error={error} />
    </section>
  );
}
