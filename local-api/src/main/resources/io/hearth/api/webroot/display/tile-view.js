// A camera tile's parts on screen (name, state line, video or canvas, the verification badge),
// and the read-only view of it that tests and diagnostics use (window.hearthDisplay.tiles).

/**
 * "mjpeg" for MJPEG cameras, "mse" for H.264/H.265 ones, as the hub says: a display is never
 * told a camera's address, so there is no URL to judge by. A wrong guess is corrected by the
 * hub's answer when the session opens: error code format_mjpeg_required or format_mse_required.
 */
export function formatOf(camera) {
  return camera.format === 'mjpeg' ? 'mjpeg' : 'mse';
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className || '';
  node.textContent = text || '';
  return node;
}

export function buildTile(tile) {
  tile.root = element('figure', 'tile');
  tile.root.tabIndex = 0;
  tile.root.setAttribute('role', 'button');
  tile.root.dataset.cameraId = tile.camera.id;
  tile.stage = element('div', 'stage');
  tile.video = element('video');
  tile.video.muted = true;
  tile.video.playsInline = true;
  tile.video.autoplay = true;
  tile.canvas = element('canvas');
  tile.stage.append(tile.format === 'mse' ? tile.video : tile.canvas);
  tile.badge = element('p', 'badge', 'a chunk failed verification');
  tile.badge.hidden = true;
  tile.badge.setAttribute('role', 'alert');
  tile.caption = element('figcaption');
  tile.nameLine = element('span', 'name', tile.camera.name);
  tile.stateLine = element('span', 'state');
  tile.stateLine.setAttribute('aria-live', 'polite');
  tile.caption.append(tile.nameLine, tile.stateLine);
  tile.root.append(tile.stage, tile.badge, tile.caption);
  tile.root.setAttribute('aria-label', `${tile.camera.name}: show full screen`);
}

/** A read-only view of a tile, for tests and diagnostics. */
export function tileSnapshot(tile) {
  const player = tile.conn && tile.conn.player;
  const mse = tile.format === 'mse';
  return {
    cameraId: tile.camera.id,
    via: tile.via || '',
    changedAt: tile.changedAt,
    name: tile.camera.name,
    format: tile.format,
    state: tile.state,
    detail: tile.detail,
    framesShown: tile.framesBefore + (player ? player.framesShown : 0),
    rejected: tile.rejected,
    verified: tile.verified,
    videoWidth: mse ? tile.video.videoWidth : (player ? player.videoWidth : 0),
    videoHeight: mse ? tile.video.videoHeight : (player ? player.videoHeight : 0),
    currentTime: mse ? tile.video.currentTime : 0,
    paused: mse ? tile.video.paused : false,
  };
}
