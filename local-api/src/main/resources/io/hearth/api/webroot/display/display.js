// The display page: pairs with the hub once, then shows every camera it may see, live, and the
// events of the cameras it may see events of (timeline.js).

import { ApiError, sleep } from '../shared/api.js';
import { forgetPairing, pair, storedPairing } from './pairing.js';
import { Route } from './route.js';
import { Tile } from './tile.js';
import { Timeline } from './timeline.js';
import { AWAY_OFF, HUB_UNREACHABLE, UNPAIRED, withdrawn } from './words.js';

// Cameras given to this display later appear within this time.
const REFRESH_MS = 15000;
// A withdrawn camera's tile stays this long, saying so, before it leaves the grid.
const WITHDRAWN_MS = 60000;

const view = {
  state: 'starting',
  userCode: '',
  where: '',
  tiles: [],
  timeline: null,
};

// A read-only status object for tests and diagnostics.
window.hearthDisplay = Object.freeze({
  get state() {
    return view.state;
  },
  get userCode() {
    return view.userCode;
  },
  get where() {
    return view.where;
  },
  get tiles() {
    return view.tiles.map((tile) => tile.snapshot());
  },
  get timeline() {
    return view.timeline ? view.timeline.snapshot() : null;
  },
});

const $ = (id) => document.getElementById(id);

function showSection(name) {
  view.state = name;
  $('pairing').hidden = name !== 'pairing';
  $('cameras').hidden = name !== 'viewing';
}

function showCode({ userCode, verificationUri, note }) {
  view.userCode = userCode;
  $('user-code').textContent = userCode || '…';
  $('verification-uri').textContent = verificationUri || '';
  $('pairing-note').textContent = note || '';
}

const WHERE = {
  home: 'At home: connected to the hub on the home network',
  away: 'Away: through the relay, end to end with the hub',
};

function showWhere(where) {
  view.where = where;
  $('where').textContent = WHERE[where] || '';
  $('where').dataset.where = where;
}

function setMessage(text) {
  $('message').textContent = text;
  $('message').hidden = !text;
}

/** A tile whose camera is no longer shared: stopped, saying so, kept for a while. */
function withdraw(tile) {
  tile.stop();
  tile.withdrawnAt = Date.now();
  tile.root.classList.add('withdrawn');
  tile.stateLine.textContent = 'No longer shared with this display.';
}

/** Whether a tile stays in the grid; tiles of withdrawn cameras say so for a while first. */
function keep(tile, camera, gone) {
  if (!camera) {
    if (!tile.withdrawnAt) {
      withdraw(tile);
      gone.push(tile.camera.name);
    }
    if (Date.now() - tile.withdrawnAt < WITHDRAWN_MS) {
      return true;
    }
  } else if (!tile.withdrawnAt && camera.format === tile.camera.format
      && camera.name === tile.camera.name) {
    return true;
  }
  tile.stop();
  tile.root.remove();
  return false;
}

/** Columns for n tiles on this screen: as square a grid as the screen's shape allows. */
function fitGrid(count) {
  const grid = $('grid');
  const wide = innerWidth / Math.max(1, innerHeight);
  const cols = innerWidth < 640 ? 1 : Math.max(1, Math.min(count, Math.round(Math.sqrt(count * wide / 1.2))));
  grid.style.setProperty('--cols', String(cols));
  grid.style.setProperty('--rows', String(Math.max(1, Math.ceil(count / cols))));
  grid.dataset.count = String(count);
}

/** Replaces tiles whose camera disappeared or changed; keeps the others playing. */
function placeTiles(cameras, hub) {
  const wanted = new Map(cameras.map((c) => [c.id, c]));
  const gone = [];
  const kept = view.tiles.filter((tile) => keep(tile, wanted.get(tile.camera.id), gone));
  const keptIds = new Set(kept.filter((t) => !t.withdrawnAt).map((tile) => tile.camera.id));
  const added = cameras.filter((c) => !keptIds.has(c.id)).map((c) => new Tile(c, hub));
  view.tiles = [...kept, ...added];
  $('grid').replaceChildren(...view.tiles.map((tile) => tile.root));
  fitGrid(view.tiles.length);
  added.forEach((tile) => tile.start());
  if (gone.length) {
    setMessage(withdrawn(gone));
  } else if (!cameras.length && !view.tiles.length) {
    setMessage('The owner has not given this display any camera yet.');
  } else if (added.length) {
    setMessage('');
  }
}

function toggleFull(tile) {
  const full = !tile.root.classList.contains('full');
  view.tiles.forEach((t) => t.root.classList.remove('full'));
  tile.root.classList.toggle('full', full);
  document.body.classList.toggle('has-full', full);
}

function wireFullScreen() {
  $('grid').addEventListener('click', (event) => {
    const tile = view.tiles.find((t) => t.root.contains(event.target));
    if (tile) {
      toggleFull(tile);
    }
  });
  document.addEventListener('keydown', (event) => {
    const tile = view.tiles.find((t) => t.root === document.activeElement);
    if (event.key === 'Escape') {
      view.tiles.filter((t) => t.root.classList.contains('full')).forEach(toggleFull);
    } else if ((event.key === 'Enter' || event.key === ' ') && tile) {
      event.preventDefault();
      toggleFull(tile);
    }
  });
}

/** Shows the cameras until the hub refuses the token; then resolves. */
function watch(pairing) {
  return new Promise((resolve) => {
    let refreshTimer;
    const hub = {
      token: pairing.token,
      route: new Route(pairing, showWhere),
      onEnded() {
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(refresh, 500);
      },
      onUnauthorized() {
        clearTimeout(refreshTimer);
        view.timeline.stop();
        view.tiles.forEach((tile) => tile.stop());
        view.tiles = [];
        $('grid').replaceChildren();
        resolve();
      },
    };
    view.timeline = new Timeline(hub);
    const refresh = async () => {
      try {
        const cameras = await hub.route.cameras();
        if ([HUB_UNREACHABLE, AWAY_OFF].includes($('message').textContent)) {
          setMessage(''); // reached again: the last failure's words no longer hold
        }
        placeTiles(cameras, hub);
        await view.timeline.refresh(cameras);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          hub.onUnauthorized();
          return;
        }
        setMessage(hub.route.awayOff ? AWAY_OFF : HUB_UNREACHABLE);
      }
      refreshTimer = setTimeout(refresh, view.tiles.length ? REFRESH_MS : 5000);
    };
    showSection('viewing');
    refresh();
  });
}

/** Keeps the page's files for when the hub is away (sw.js); the page works without it. */
function keepForAway() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/display/sw.js', { scope: '/display/' }).catch(() => {});
  }
}

async function main() {
  keepForAway();
  wireFullScreen();
  addEventListener('resize', () => fitGrid(view.tiles.length));
  let note = '';
  for (;;) {
    let pairing = storedPairing();
    if (!pairing) {
      showSection('pairing');
      pairing = await pair(showCode, note);
      view.userCode = '';
    }
    await watch(pairing);
    forgetPairing();
    setMessage('');
    note = UNPAIRED;
    await sleep(100);
  }
}

main();
