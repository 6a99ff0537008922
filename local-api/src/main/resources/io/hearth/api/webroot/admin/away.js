// The hub's link to its relay (Outside connections) and who is watching now (Activity): at home
// or from away through the relay, live or a recording. Owner only, like the API it reads.

import { el, when } from '../shared/dom.js';
import { attempt } from './feedback.js';

// Why the link was lost, in words: the hub's own text (socket errors) stays in the API's answer.
function lostWhy(error) {
  const text = String(error || '');
  if (text.startsWith('could not connect')) return 'the relay could not be reached';
  if (text.startsWith('no welcome')) return 'the relay did not answer in time';
  if (text.startsWith('the relay closed')) return 'the relay closed the connection';
  if (text.startsWith('the hub may not connect')) {
    return 'the hub\'s rules for outside connections refuse the relay';
  }
  return 'the connection was lost';
}

function bridgeText(bridge) {
  const relay = bridge.relay ? ` at ${bridge.relay}` : '';
  switch (bridge.state) {
    case 'connected':
      return `Connected to the relay${relay} since ${when(bridge.since)}. Displays paired with a `
        + 'channel key can watch from away; the relay passes on only encrypted bytes.';
    case 'connecting':
      return `Connecting to the relay${relay}…`;
    case 'reconnecting':
      return `Not connected to the relay${relay}: ${lostWhy(bridge.last_error)}. `
        + `The hub tries again at ${when(bridge.next_attempt_at)}.`;
    default:
      if (bridge.away_viewing === false) {
        return `Off: watching from away was turned off by the owner in Settings${
          bridge.since ? ` on ${when(bridge.since)}` : ''}. The hub keeps no link to the relay${
          relay}, so cameras can be watched at home only. Turn it on again in Settings.`;
      }
      return 'Off: the hub opens no connection to any relay, so cameras can be watched at home '
        + 'only. To watch from away, turn on bridge.enabled and set bridge.relay-url in '
        + 'hearth.yaml (see docs/relay.md).';
  }
}

function sessionText(session, cameras) {
  const camera = cameras.find((c) => c.id === session.camera_id);
  const who = session.viewer.name || `A ${session.viewer.kind}`;
  const what = session.playback ? 'a recording of' : '';
  const where = session.remote ? 'from away, through the relay' : 'at home';
  return `${who} watches ${what} ${camera ? camera.name : 'a camera since removed'} ${where}, `
    + `since ${when(session.since)}.`.replace(/ +/g, ' ');
}

function renderBridge(app, bridge) {
  const level = bridge.state === 'connected' ? 'ok' : bridge.state === 'reconnecting' ? 'bad' : 'idle';
  app.$('bridge-state').replaceChildren(
    el('p', { class: `health ${level}`, text: bridgeText(bridge) }),
    bridge.state === 'off' ? '' : el('p', {
      class: 'hint',
      text: bridge.remote_sessions.length
        ? `${bridge.remote_sessions.length} watching from away now (see Activity).`
        : 'Nobody is watching from away now.',
    }),
    bridge.refused_viewers ? el('p', {
      class: 'health bad',
      text: `${bridge.refused_viewers} connection${bridge.refused_viewers === 1 ? '' : 's'} through `
        + `the relay refused, the last: ${bridge.last_refusal}. Nothing was shown to them.`,
    }) : '');
}

function renderWatching(app, sessions) {
  const cameras = app.state.cameras || [];
  app.$('watching-list').replaceChildren(sessions.length
    ? el('ul', { class: 'plain log' }, ...sessions.map((s) =>
      el('li', { class: s.remote ? 'remote' : '', text: sessionText(s, cameras) })))
    : el('p', { text: 'Nobody is watching a camera now.' }));
}

export async function load(app) {
  await Promise.all([
    attempt(app.$('bridge-state'), async () => renderBridge(app, await app.api('GET', '/api/v1/bridge'))),
    attempt(app.$('watching-list'), async () =>
      renderWatching(app, (await app.api('GET', '/api/v1/sessions')).sessions)),
  ]);
}
