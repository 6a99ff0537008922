// First start: the owner token the install printed (typed or pasted here, sent once as a bearer
// token, never stored) sets the owner's first password; the hub signs this page in, and offers a
// passkey. Once an owner can sign in, the hub refuses, and the page says where to go instead.
import { addPasskey, call, httpsUrl, passkeysUsable, passkeyTrouble } from '/signin/hub.js';

const $ = (id) => document.getElementById(id);

function say(id, text, kind) {
  const el = $(id);
  el.textContent = text;
  el.className = `message ${kind || ''}`;
  if (text) {
    el.scrollIntoView({ block: 'nearest' }); // a short screen must still show it
  }
}

function finished() {
  $('setup-step').hidden = true;
  $('already').hidden = false;
}

async function status() {
  try {
    const s = await call('GET', '/api/v1/signin');
    if (!s.setup_needed) {
      finished();
    }
    if (!window.isSecureContext && s.https_port) {
      const note = $('insecure');
      const url = httpsUrl(s.https_port, '/setup/');
      note.textContent = 'This page came over plain HTTP. Set up the hub at ';
      const link = document.createElement('a');
      link.href = url;
      link.textContent = url;
      note.append(link, '.');
      note.hidden = false;
    }
  } catch (e) {
    say('setup-message', e.message, 'error');
  }
}

function problem(token, password, repeat) {
  if (!token.startsWith('hth_')) {
    return ['token', 'Paste the owner token: it starts with hth_.'];
  }
  if ([...password].length < 10) {
    return ['new-password', 'Choose a password of at least 10 characters.'];
  }
  if (password !== repeat) {
    return ['repeat-password', 'The two passwords differ. Type the same password twice.'];
  }
  return null;
}

$('setup-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  const password = $('new-password').value;
  const wrong = problem(token, password, $('repeat-password').value);
  if (wrong) {
    say('setup-message', wrong[1], 'error');
    $(wrong[0]).focus();
    return;
  }
  $('setup-submit').disabled = true;
  say('setup-message', 'Saving…');
  try {
    await call('POST', '/api/v1/setup', { password }, { Authorization: `Bearer ${token}` });
    $('token').value = '';
    $('setup-step').hidden = true;
    $('passkey-step').hidden = false;
    $('passkey-h').focus();
  } catch (e) {
    if (e.status === 409) {
      finished();
    }
    say('setup-message', e.message, 'error');
  } finally {
    $('setup-submit').disabled = false;
  }
});

$('add-passkey').addEventListener('click', async () => {
  if (!passkeysUsable()) {
    say('passkey-message', 'This browser cannot make a passkey here; your password works.', 'error');
    return;
  }
  $('add-passkey').disabled = true;
  say('passkey-message', 'Follow your device’s prompt…');
  try {
    const made = await addPasskey('Passkey from set-up');
    say('passkey-message', `Passkey “${made.name}” added. Next time, sign in with it.`, 'ok');
  } catch (e) {
    say('passkey-message', passkeyTrouble(e), 'error');
  } finally {
    $('add-passkey').disabled = false;
  }
});

$('passkey-h').tabIndex = -1;
status();
