// A camera's health in words, from the status the hub reports (state, reason, detail).

const REASONS = {
  unreachable: 'the hub cannot reach it: is it switched on and on the home network?',
  auth_failed: 'it refused the user name or password: check them in Edit',
  unsupported_codec: 'it sends a kind of video the hub cannot play: choose H.264 in its settings',
  protocol_error: 'it answered in a way the hub does not understand: check the stream address',
  timeout: 'it stopped answering',
  closed_by_camera: 'it closed the connection',
  egress_refused: 'it is outside the home network and not allowed in the hub\'s settings',
};

/** {text, level}: level is ok, idle, warn or bad (for colour; the text says it all alone). */
export function health(camera) {
  const status = camera.status || {};
  switch (status.state) {
    case 'online':
      return { text: 'Working', level: 'ok' };
    case 'connecting':
      return { text: 'Connecting…', level: 'idle' };
    case 'offline':
      return { text: `Not working: ${REASONS[status.reason] || 'it does not answer'}`, level: 'bad' };
    default:
      return { text: 'Resting: nobody is watching it now', level: 'idle' };
  }
}
