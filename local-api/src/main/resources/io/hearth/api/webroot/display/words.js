// What a tile says to people: its state in plain words. The hub's and the browser's own text
// (exception messages, camera ids, close codes) stays in window.hearthDisplay for diagnostics and
// is never shown.

/** The hub said the owner turned watching from away off (the hub's Settings). */
export const AWAY_OFF = 'Watching from away is turned off at home. It can be turned on again in '
  + 'the hub\'s Settings.';

const STATES = {
  idle: 'Starting…',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Picture lost. Trying again…',
  offline: 'The camera does not answer. The hub keeps trying.',
  error: 'This picture could not be shown. Trying again…',
  'away-off': AWAY_OFF,
};

/** The words for a tile's state; `why` narrows "ended" to a withdrawn camera or the hub. */
export function stateWords(state, detail) {
  if (state === 'ended') {
    return /remov/i.test(detail || '')
      ? 'This camera was removed from the hub.'
      : 'This display may no longer show this camera. Ask the owner if that is a mistake.';
  }
  if (state === 'connecting' && /reaching the camera/.test(detail || '')) {
    return 'Waking the camera…';
  }
  return STATES[state] || 'Waiting…';
}

/** Why the display is back at its pairing code, in words. */
export const UNPAIRED = 'This display was unpaired by the owner, or its access ended. To show '
  + 'cameras again, pair it with the code below.';

/** The note for cameras that were on screen and are no longer shared with this display. */
export function withdrawn(names) {
  if (!names.length) return '';
  const list = names.length === 1 ? names[0]
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const verb = names.length === 1 ? 'is' : 'are';
  return `${list} ${verb} no longer shared with this display.`;
}

/** A failure to reach the hub, in words. */
export const HUB_UNREACHABLE = 'Cannot reach the hub just now. Trying again…';
