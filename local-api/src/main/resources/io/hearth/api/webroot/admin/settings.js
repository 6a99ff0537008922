// Settings: the hub's state, and a form with the settings an owner may change here (how long
// recordings and sensor history are kept, motion sensitivity, ...). Each field says where its value
// comes from and whether the running hub already uses it or takes it at its next restart.

import { el, when } from '../shared/dom.js';
import { load as loadAway } from './away.js';
import { attempt, say } from './feedback.js';

let shown = [];

const SOURCES = {
  default: 'The hub\'s default.',
  file: 'From the settings file (hearth.yaml).',
  environment: 'Set where the hub is started (an environment variable); change it there.',
  command_line: 'Set where the hub is started (its command line); change it there.',
};

// What a switch does, where its label alone does not say it.
const NOTES = {
  'bridge.away-viewing': 'Off ends every session from away at once and closes the hub\'s link to '
    + 'the relay; on connects again to the relay named in hearth.yaml (only there can it be '
    + 'changed). ',
};

function origin(s, names) {
  if (s.source !== 'app') return SOURCES[s.source] || '';
  const name = names.get(String(s.changed_by).split(':').pop());
  return `Changed here${name ? ` by ${name}` : ''} on ${when(s.changed_at)}; the settings file says `
    + `${s.file_value}.`;
}

function field(s, names) {
  const id = `setting-${s.name.replace(/[^a-z0-9]+/g, '-')}`;
  const notes = [el('span', { text: (NOTES[s.name] || '') + origin(s, names) })];
  if (s.restart_required) {
    notes.push(el('strong', { class: 'restart', text: ' Saved; the hub uses it after its next restart.' }));
  } else if (s.applies === 'restart') {
    notes.push(el('span', { text: ' A change applies at the next restart.' }));
  }
  const hint = el('p', { class: 'hint', id: `${id}-hint` }, ...notes);
  const common = { id, name: s.name, disabled: !s.editable, 'aria-describedby': `${id}-hint` };
  if (s.kind === 'boolean') {
    return el('div', { class: 'setting' }, el('label', { class: 'check' },
      el('input', { ...common, type: 'checkbox', role: 'switch', checked: s.value === true }),
      ` ${s.label}`), hint);
  }
  const input = s.kind === 'integer'
    ? el('input', { ...common, type: 'number', inputmode: 'numeric', step: 1, min: s.min, max: s.max,
      value: s.value, required: true })
    : el('input', { ...common, value: s.value });
  return el('div', { class: 'setting' }, el('label', { for: id, text: s.label }), input, hint);
}

/** What the owner changed in the form, as the API takes it. */
function changes(form) {
  const out = {};
  shown.filter((s) => s.editable).forEach((s) => {
    const input = form.elements.namedItem(s.name);
    let value = input.value;
    if (s.kind === 'boolean') value = input.checked;
    else if (s.kind === 'integer' && /^-?\d+$/.test(value.trim())) value = Number(value);
    if (value !== s.value) out[s.name] = value;
  });
  return out;
}

function render(app, settings) {
  shown = settings;
  const form = app.$('settings-form');
  const names = app.names();
  app.$('settings-fields').replaceChildren(...(settings.length ? settings.map((s) => field(s, names))
    : [el('p', { text: 'This hub has no settings to change here.' })]));
  form.hidden = false;
}

async function save(event, app) {
  event.preventDefault();
  const form = event.target;
  const body = changes(form);
  const names = Object.keys(body);
  if (!names.length) {
    say(form, 'Nothing to save: no value was changed.');
    return;
  }
  let answer;
  if (await attempt(form, async () => { answer = await app.api('PATCH', '/api/v1/settings', body); })) {
    render(app, answer.settings);
    const later = answer.settings.filter((s) => names.includes(s.name) && s.restart_required);
    say(form, later.length
      ? `Saved. Restart the hub to apply: ${later.map((s) => s.label).join('; ')}. The rest applies now.`
      : 'Saved. The hub uses the new values now.');
    if (names.includes('bridge.away-viewing')) {
      await loadAway(app); // Outside connections says where the relay link stands now
    }
  }
}

async function loadHealth(app) {
  const h = await app.api('GET', '/api/v1/health');
  const rows = [['Hub', h.status === 'up' ? 'Working' : h.status === 'degraded' ? 'Partly working' : 'Not working'],
    ['Version', h.version || 'unknown'], ['Running for', `${Math.round((h.uptime_s || 0) / 3600)} hours`]];
  app.$('settings-list').replaceChildren(el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', { text: k }),
    el('dd', { text: v })])), el('p', { class: 'hint', text: 'Ports, addresses, keys and outside '
    + 'connections stay in the hub\'s settings file (hearth.yaml); a restart applies them.' }));
}

export async function load(app) {
  await attempt(app.$('settings-list'), () => loadHealth(app));
  await attempt(app.$('settings-form'), async () => {
    render(app, (await app.api('GET', '/api/v1/settings')).settings);
  });
}

export function wire(app) {
  app.$('settings-form').addEventListener('submit', (event) => save(event, app));
}
