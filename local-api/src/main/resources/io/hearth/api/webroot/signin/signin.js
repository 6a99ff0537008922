// The sign-in page: a password form and a passkey button; the hub's answer is shown in words
// next to the control that was used, and a sign-in goes on to the admin page.
import { call, httpsUrl, passkeysUsable, passkeyTrouble, signInWithPasskey } from './hub.js';

const $ = (id) => document.getElementById(id);

function say(id, text, kind) {
  const el = $(id);
  el.textContent = text;
  el.className = `message ${kind || ''}`;
  if (text) {
    el.scrollIntoView({ block: 'nearest' }); // a short screen must still show it
  }
}

function busy(button, on) {
  button.disabled = on;
  button.setAttribute('aria-busy', String(on));
}

const params = new URLSearchParams(window.location.search);

/** Back to the page that sent here (same origin only), else the admin page. */
function done() {
  const next = params.get('next') || '';
  window.location.assign(/^\/(?![\/\\])/.test(next) ? next : '/admin/');
}

async function status() {
  try {
    const s = await call('GET', '/api/v1/signin');
    $('setup-needed').hidden = !s.setup_needed;
    if (!window.isSecureContext && s.https_port) {
      const url = httpsUrl(s.https_port, '/signin/');
      const note = $('insecure');
      note.textContent = 'This page came over plain HTTP, where your browser would not keep the sign-in. Sign in at ';
      const link = document.createElement('a');
      link.href = url;
      link.textContent = url;
      note.append(link, '.');
      note.hidden = false;
    }
  } catch (e) {
    say('password-message', e.message, 'error');
  }
}

$('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('name').value.trim();
  const password = $('password').value;
  if (!name || !password) {
    say('password-message', 'Type your name and your password.', 'error');
    (name ? $('password') : $('name')).focus();
    return;
  }
  const button = $('password-submit');
  busy(button, true);
  say('password-message', 'Checking…');
  try {
    await call('POST', '/api/v1/signin/password', { name, password });
    say('password-message', 'Signed in. Opening your home…', 'ok');
    done();
  } catch (e) {
    say('password-message', e.message, 'error');
    $('password').select();
  } finally {
    busy(button, false);
  }
});

$('passkey').addEventListener('click', async () => {
  if (!passkeysUsable()) {
    say('passkey-message', 'This browser cannot use passkeys here. Open the hub over HTTPS by its name, or use your password.', 'error');
    return;
  }
  const button = $('passkey');
  busy(button, true);
  say('passkey-message', 'Follow your device’s prompt…');
  try {
    await signInWithPasskey();
    say('passkey-message', 'Signed in. Opening your home…', 'ok');
    done();
  } catch (e) {
    say('passkey-message', passkeyTrouble(e), 'error');
  } finally {
    busy(button, false);
  }
});

$('signed-out').hidden = !params.has('signedout');
status();
