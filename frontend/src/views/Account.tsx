/** The account: 2FA enrollment with a QR code and recovery codes, notifications, sign out. */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Empty, ErrorBox, toast } from '../components';
import { href, go } from '../router';
import { auth } from '../session';
import { useStore } from '../store';
import { Destinations } from './Destinations';

interface Setup { secret: string; otpauth_uri: string; qr_code: string }

export function Account() {
  const session = useStore(auth);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!session?.user) return <Empty title="Not signed in"><a href={href('/login')}>Sign in</a></Empty>;
  const u = session.user;
  const refreshMe = async () => {
    const me = await api.get<any>('/api/v1/me');
    auth.set({ ...auth.value!, user: me });
  };
  const begin = async () => {
    setError(null);
    try {
      setSetup(await api.post<Setup>('/api/v1/auth/2fa/setup'));
    } catch (e) {
      setError(e);
    }
  };
  const enable = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api.post<{ recovery_codes: string[] }>('/api/v1/auth/2fa/enable', { code: code.replace(/\s/g, '') });
      // the answer says 2FA is on: show it before the profile is read again
      auth.set({ ...auth.value!, user: { ...auth.value!.user!, two_factor_enabled: true } });
      setRecovery(r.recovery_codes);
      setSetup(null);
      setCode('');
      await refreshMe();
    } catch (err) {
      setError(err);
    }
  };
  const disable = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/v1/auth/2fa/disable', { code: code.replace(/\s/g, '') });
      setCode('');
      await refreshMe();
      toast('Two-factor authentication', 'turned off');
    } catch (err) {
      setError(err);
    }
  };
  const notifications = async () => {
    if (!('Notification' in window)) return toast('Notifications', 'this browser cannot show notifications', 'error');
    const p = await Notification.requestPermission();
    toast('Notifications', p === 'granted' ? 'alerts will also show as system notifications' : `permission ${p}`);
  };
  return (
    <section class="narrow" data-testid="account">
      <h1>Account</h1>
      <dl class="kv">
        <dt>E-mail</dt><dd data-testid="account-email">{u.email}</dd>
        <dt>Tier</dt><dd>{u.tier}</dd>
        <dt>E-mail verified</dt><dd>{u.email_verified ? 'yes' : 'no'}</dd>
        <dt>Two-factor</dt><dd data-testid="two-factor-status">{u.two_factor_enabled ? 'on' : 'off'}</dd>
      </dl>
      <ErrorBox error={error} />
      {recovery && (
        <div class="panel" data-testid="recovery-codes">
          <h3>Recovery codes</h3>
          <p class="muted">Each works once if you lose your authenticator. They are shown only now: store them safely.</p>
          <ul class="codes mono">{recovery.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      )}
      {!u.two_factor_enabled && !setup && <button onClick={begin} data-testid="start-2fa">Turn on two-factor authentication</button>}
      {setup && (
        <form class="panel stack" onSubmit={enable} data-testid="enroll-2fa">
          <p>Scan the code with an authenticator app (or enter the key), then type the 6-digit code it shows.</p>
          <img src={setup.qr_code} alt="QR code for the authenticator app" width="200" height="200" data-testid="totp-qr" />
          <code class="mono" data-testid="totp-secret">{setup.secret}</code>
          <input name="code" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} inputMode="numeric" autoComplete="one-time-code" required placeholder="123456" />
          <button type="submit">Confirm and turn on</button>
        </form>
      )}
      {u.two_factor_enabled && (
        <form class="inline-form" onSubmit={disable}>
          <input name="code" value={code} onInput={(e) => setCode((e.target as HTMLInputElement).value)} placeholder="code to turn 2FA off" required />
          <button type="submit" class="ghost">Turn off 2FA</button>
        </form>
      )}
      <Destinations />
      <p class="actions">
        <button class="ghost" onClick={notifications}>Enable notifications</button>
        <button class="ghost" onClick={() => api.signOut().then(() => go('/'))} data-testid="sign-out">Sign out</button>
      </p>
    </section>
  );
}
