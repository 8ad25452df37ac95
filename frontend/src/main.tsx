import { render } from 'preact';
import { App, applyTheme, initialTheme } from './app';
import { live } from './connection';
import { startSession } from './session';
import { startMarket } from './store';
import './styles.css';

applyTheme(initialTheme());
startSession();
live.start();
void startMarket(live);
render(<App />, document.getElementById('app')!);

// installable PWA: the service worker caches the shell and shows Web Push notifications (secure contexts only)
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('/sw.js').catch((e) => console.warn('service worker not registered', e));
}
