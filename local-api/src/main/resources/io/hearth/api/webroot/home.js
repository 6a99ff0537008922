// The home page sends each visitor to the right place: a paired display to its cameras, a signed
// in owner to the admin app; anyone else chooses (sign in, manage, or use this screen as a display).

import { call } from './shared/api.js';

const say = (text) => { document.getElementById('where-to').textContent = text; };

function pairedDisplay() {
  try {
    const saved = JSON.parse(localStorage.getItem('hearth.display') || 'null');
    return Boolean(saved && saved.origin === location.origin && saved.token);
  } catch (e) {
    return false;
  }
}

async function signedIn() {
  try {
    const token = sessionStorage.getItem('hearth.admin.token');
    return await call('GET', '/api/v1/me', token);
  } catch (e) {
    return null;
  }
}

async function main() {
  if (pairedDisplay()) {
    say('This screen is a paired display: opening its cameras…');
    location.replace('/display/');
    return;
  }
  const me = await signedIn();
  if (me && me.role === 'owner') {
    say('You are signed in: opening the admin app…');
    location.replace('/admin/');
    return;
  }
  say(me ? `Signed in as ${me.name || 'a member of the home'}.` : 'Where would you like to go?');
}

main();
