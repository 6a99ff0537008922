// Each member's sign-ins in the People section: where and how they signed in, with a button for
// the owner to end one; their passkeys, with a button to remove one; and a form for the owner to
// set a member's password (which ends that member's other sign-ins, as any password change does).

import { el, table, when } from '../shared/dom.js';
import { attempt, confirmButton, say } from './feedback.js';

const METHODS = { password: 'Password', passkey: 'Passkey', setup: 'Set-up' };

/** A browser's user agent in a few words: "Chrome on Linux", not the whole string. */
export function device(agent) {
  if (!agent) return 'Unknown device';
  const browser = ['Edg', 'Firefox', 'Chrome', 'Safari'].find((b) => agent.includes(b)) || 'Browser';
  const system = ['Android', 'iPhone', 'iPad', 'Windows', 'Mac OS', 'Linux']
    .find((s) => agent.includes(s));
  const name = browser === 'Edg' ? 'Edge' : browser;
  return system ? `${name} on ${system.replace('Mac OS', 'macOS')}` : name;
}

function live(signin) {
  return !signin.revoked_at && new Date(signin.expires_at).getTime() > Date.now();
}

function endButton(app, member, signin, anchor) {
  const what = `${METHODS[signin.method] || signin.method} sign-in of ${member.name} from ${device(signin.user_agent)}`;
  return confirmButton(`End ${what}`, `Press again to end ${what}`, async (button) => {
    if (await attempt(button, () => app.api('DELETE', `/api/v1/signins/${encodeURIComponent(signin.id)}`))) {
      await show(app, member, anchor);
      say(anchor.querySelector('.signin-list'), `Ended the ${what}.`);
    }
  });
}

function rows(app, member, signins, anchor) {
  return signins.filter(live).map((s) => [
    `${METHODS[s.method] || s.method}${s.passkey_name ? ` “${s.passkey_name}”` : ''}${s.current ? ' (this page)' : ''}`,
    device(s.user_agent),
    when(s.last_used_at),
    s.current ? '' : endButton(app, member, s, anchor),
  ]);
}

/** Loads and shows `member`'s sign-ins into its block. */
async function show(app, member, anchor) {
  const list = anchor.querySelector('.signin-list');
  try {
    const { signins } = await app.api('GET', `/api/v1/members/${encodeURIComponent(member.id)}/signins`);
    const shown = rows(app, member, signins, anchor);
    list.replaceChildren(shown.length
      ? table(`Sign-ins of ${member.name}`, ['How', 'Device', 'Last used', ''], shown)
      : el('p', { text: `${member.name} is not signed in anywhere.` }));
  } catch (e) {
    list.replaceChildren(el('p', { text: `Sign-ins of ${member.name} cannot be shown just now.` }));
  }
}

function passwordForm(app, member) {
  const id = `password-of-${member.id}`;
  const form = el('form', { class: 'set-password', 'data-member': member.name },
    el('label', { for: id, text: `New password for ${member.name}` }),
    el('input', { id, name: 'password', type: 'password', autocomplete: 'new-password', minlength: 10, required: true }),
    el('button', { type: 'submit', text: `Set password of ${member.name}` }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if ([...password].length < 10) {
      say(form, 'Choose a password of at least 10 characters.', true);
      return;
    }
    const path = `/api/v1/members/${encodeURIComponent(member.id)}/password`;
    if (await attempt(form, () => app.api('PUT', path, { password }),
      `${member.name} can now sign in with the new password.`)) {
      form.reset();
    }
  });
  return form;
}

function passkeyRows(app, member, passkeys, anchor) {
  return passkeys.map((k) => [k.name, when(k.created_at), when(k.last_used_at) || 'Not yet',
    confirmButton(`Remove passkey ${k.name} of ${member.name}`, `Press again to remove passkey ${k.name} of ${member.name}`,
      async (button) => {
        const path = `/api/v1/members/${encodeURIComponent(member.id)}/passkeys/${encodeURIComponent(k.id)}`;
        if (await attempt(button, () => app.api('DELETE', path))) {
          await showPasskeys(app, member, anchor);
          say(anchor.querySelector('.passkey-list'),
            `Removed passkey ${k.name} of ${member.name}. It no longer signs anyone in, and the sign-ins it opened have ended.`);
        }
      })]);
}

/** Loads and shows `member`'s passkeys (never their keys) into its block. */
async function showPasskeys(app, member, anchor) {
  const list = anchor.querySelector('.passkey-list');
  try {
    const { passkeys } = await app.api('GET', `/api/v1/members/${encodeURIComponent(member.id)}/passkeys`);
    list.replaceChildren(passkeys.length
      ? table(`Passkeys of ${member.name}`, ['Passkey', 'Added', 'Last used', ''], passkeyRows(app, member, passkeys, anchor))
      : el('p', { text: `${member.name} has no passkey.` }));
  } catch (e) {
    list.replaceChildren(el('p', { text: `Passkeys of ${member.name} cannot be shown just now.` }));
  }
}

function block(app, member) {
  const self = app.state.me && app.state.me.id === member.id;
  const anchor = el('div', { class: 'member-signins', 'data-member': member.name },
    el('h4', { text: member.name }),
    el('div', { class: 'signin-list' }),
    el('div', { class: 'passkey-list' }),
    self ? el('p', { class: 'hint', text: 'Change your own password under My account.' })
      : passwordForm(app, member));
  show(app, member, anchor);
  showPasskeys(app, member, anchor);
  return anchor;
}

/** Renders one block per member, for the owner only. */
export function render(app) {
  const box = app.$('member-signins');
  if (!app.state.me || app.state.me.role !== 'owner') {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(...app.state.members.map((m) => block(app, m)));
}
