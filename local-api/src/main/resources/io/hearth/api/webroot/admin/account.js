// My account: the signed-in person changes their own password (with the current one) and adds
// or removes passkeys on this device. With the owner token instead of a sign-in there is no
// account to change, and the section says so.

import { addPasskey, passkeysUsable, passkeyTrouble } from '../signin/hub.js';
import { el, table, when } from '../shared/dom.js';
import { attempt, confirmButton, say } from './feedback.js';

function signedIn(app) {
  return !app.state.token && app.state.me && app.state.me.kind === 'member';
}

async function changePassword(event, app) {
  event.preventDefault();
  const form = event.target;
  const [current, next, repeat] = ['current_password', 'password', 'repeat'].map((n) => form.elements[n].value);
  if ([...next].length < 10) {
    say(form, 'Choose a new password of at least 10 characters.', true);
    return;
  }
  if (next !== repeat) {
    say(form, 'The two new passwords differ. Type the same password twice.', true);
    return;
  }
  const path = `/api/v1/members/${encodeURIComponent(app.state.me.id)}/password`;
  if (await attempt(form, () => app.api('PUT', path, { password: next, current_password: current }),
    'Your password is changed. Your other sign-ins have ended.')) {
    form.reset();
  }
}

function passkeyRows(app, passkeys) {
  return passkeys.map((k) => [k.name || 'Passkey', when(k.created_at), when(k.last_used_at) || 'Not yet',
    confirmButton(`Remove passkey ${k.name}`, `Press again to remove passkey ${k.name}`, async (b) => {
      if (await attempt(b, () => app.api('DELETE', `/api/v1/passkeys/${encodeURIComponent(k.id)}`))) {
        await app.refresh(); // the People section lists this passkey too
        say(app.$('add-passkey'), `Removed passkey ${k.name}. Its other sign-ins have ended.`);
      }
    })]);
}

/** Shows this person's passkeys. */
export async function load(app) {
  const list = app.$('passkey-list');
  const mine = signedIn(app);
  app.$('account-body').hidden = !mine;
  app.$('account-token').hidden = mine;
  if (!mine) return;
  try {
    const { passkeys } = await app.api('GET', '/api/v1/passkeys');
    const shown = passkeys.length ? table('Your passkeys', ['Name', 'Added', 'Last used', ''], passkeyRows(app, passkeys))
      : el('p', { text: 'No passkeys yet. Add one to sign in without typing a password.' });
    // The section's heading says "Your passkeys" already; the caption stays for screen readers.
    shown.querySelector('caption')?.classList.add('visually-hidden');
    list.replaceChildren(shown);
  } catch (e) {
    list.replaceChildren(el('p', { text: 'Your passkeys cannot be shown just now.' }));
  }
}

async function newPasskey(app) {
  const button = app.$('add-passkey');
  if (!passkeysUsable()) {
    say(button, 'This browser cannot make a passkey here. Open the hub over HTTPS by its name.', true);
    return;
  }
  const name = app.$('passkey-name').value.trim() || 'Passkey';
  button.disabled = true;
  try {
    const made = await addPasskey(name);
    app.$('passkey-name').value = '';
    await app.refresh(); // the People section lists this passkey too
    say(button, `Passkey “${made.name}” added.`);
  } catch (e) {
    say(button, e.status !== undefined ? e.message : passkeyTrouble(e), true);
  } finally {
    button.disabled = false;
  }
}

export function wire(app) {
  app.$('change-password').addEventListener('submit', (event) => changePassword(event, app));
  app.$('add-passkey').addEventListener('click', () => newPasskey(app));
}
