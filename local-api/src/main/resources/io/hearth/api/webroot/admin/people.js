// People and displays: members with their roles, paired displays (rename, unpair), pairing a
// display by the code it shows, and the hub's certificate fingerprint to compare.

import { checkedValues, el, table, when } from '../shared/dom.js';
import { attempt, confirmButton, say } from './feedback.js';

const ROLES = { owner: 'Owner', adult: 'Adult', guest: 'Guest' };

function roleSelect(app, member) {
  const id = `role-${member.id}`;
  const select = el('select', { id, 'aria-label': `Role of ${member.name}` },
    ...Object.entries(ROLES).map(([value, label]) => el('option', { value, text: label, selected: value === member.role })));
  select.addEventListener('change', () => attempt(select,
    () => app.api('PATCH', `/api/v1/members/${encodeURIComponent(member.id)}`, { role: select.value }),
    `${member.name} is now ${ROLES[select.value].toLowerCase()}.`));
  return select;
}

function memberRows(app) {
  return app.state.members.map((m) => [
    m.name,
    m.role === 'owner' ? 'Owner' : roleSelect(app, m),
    when(m.created_at),
    m.role === 'owner' ? '' : confirmButton(`Remove ${m.name}`, `Press again to remove ${m.name}`,
      (b) => removeMember(app, m, b)),
  ]);
}

async function removeMember(app, member, button) {
  if (await attempt(button, () => app.api('DELETE', `/api/v1/members/${encodeURIComponent(member.id)}`))) {
    await app.refresh();
    say(app.$('add-member'), `Removed ${member.name}.`);
  }
}

function renameForm(app, display) {
  const id = `rename-${display.id}`;
  const form = el('form', { class: 'rename', hidden: true, novalidate: true },
    el('label', { for: id, text: `New name for ${display.name}` }),
    el('input', { id, name: 'name', value: display.name, maxlength: 64, autocomplete: 'off', required: true }),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', text: 'Save name' }),
      el('button', { type: 'button', text: 'Cancel', onclick: () => { form.hidden = true; } })));
  form.addEventListener('submit', (event) => rename(event, app, display));
  return form;
}

async function rename(event, app, display) {
  event.preventDefault();
  const form = event.target;
  const name = form.elements.name.value.trim();
  if (!name) {
    say(form, 'Type a name for the display, such as Kitchen.', true);
    return;
  }
  let renamed;
  const path = `/api/v1/displays/${encodeURIComponent(display.id)}`;
  if (await attempt(form, async () => { renamed = await app.api('PATCH', path, { name }); })) {
    await app.refresh();
    say(app.$('display-list'), `Renamed ${display.name} to ${renamed.name}.`);
  }
}

function displayRows(app) {
  return app.state.displays.map((d) => {
    const form = renameForm(app, d);
    return [el('div', {}, d.name, form), when(d.paired_at), el('div', { class: 'buttons' },
      el('button', { type: 'button', text: `Rename ${d.name}`,
        onclick: () => { form.hidden = false; form.elements.name.focus(); } }),
      confirmButton(`Unpair ${d.name}`, `Press again to unpair ${d.name}`, (b) => unpair(app, d, b)))];
  });
}

async function unpair(app, display, button) {
  if (await attempt(button, () => app.api('DELETE', `/api/v1/displays/${encodeURIComponent(display.id)}`))) {
    await app.refresh();
    say(app.$('display-list'), `Unpaired ${display.name}. It shows a pairing code again.`);
  }
}

export function render(app) {
  const { members, displays } = app.state;
  app.$('member-list').replaceChildren(members.length
    ? table('People who live here', ['Name', 'Role', 'Added', ''], memberRows(app))
    : el('p', { text: 'Nobody yet.' }));
  app.$('display-list').replaceChildren(displays.length
    ? table('Paired displays', ['Name', 'Paired', ''], displayRows(app))
    : el('p', { text: 'No paired displays yet. Open /display/ on the tablet to get a code.' }));
}

function formValue(form, name) {
  const value = form.elements[name].value.trim();
  return value === '' ? undefined : value;
}

async function approve(event, app) {
  event.preventDefault();
  const form = event.target;
  const body = {
    user_code: formValue(form, 'user_code')?.toUpperCase(),
    name: formValue(form, 'name'),
    cameras: checkedValues(form, 'cameras'),
    scopes: checkedValues(form, 'scopes'),
  };
  if (await attempt(form, () => app.api('POST', '/api/v1/displays/approve', body))) {
    form.reset();
    form.querySelectorAll('input[name="scopes"]').forEach((i) => {
      i.checked = i.value === 'live' || i.value === 'snapshot';
    });
    await app.refresh();
    say(form, `${body.name || 'The display'} is paired; it starts within a few seconds.`);
  }
}

function deny(app) {
  const form = app.$('pair-form');
  const code = formValue(form, 'user_code');
  if (!code) {
    say(form, 'Enter the code shown on the display first.', true);
    form.elements.user_code.focus();
    return;
  }
  attempt(form, async () => {
    await app.api('POST', '/api/v1/displays/deny', { user_code: code.toUpperCase() });
    form.reset();
  }, 'Display refused. It shows a new code.');
}

async function addMember(event, app) {
  event.preventDefault();
  const form = event.target;
  const body = { name: formValue(form, 'name'), role: form.elements.role.value };
  if (await attempt(form, () => app.api('POST', '/api/v1/members', body))) {
    form.reset();
    await app.refresh();
    say(form, `Added ${body.name}. Give them access under Who sees what.`);
  }
}

export async function loadCa(app) {
  try {
    const ca = (await app.api('GET', '/api/v1/displays/pairing')).ca;
    app.$('hub-ca-fingerprint').textContent = ca ? ca.fingerprint_sha256 : 'none (the hub runs without TLS)';
  } catch (e) {
    app.$('hub-ca-fingerprint').textContent = 'unknown just now';
  }
}

export function wire(app) {
  app.$('pair-form').addEventListener('submit', (event) => approve(event, app));
  app.$('deny').addEventListener('click', () => deny(app));
  app.$('add-member').addEventListener('submit', (event) => addMember(event, app));
}
