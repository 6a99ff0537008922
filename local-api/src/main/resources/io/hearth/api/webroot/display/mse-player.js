// Plays fMP4 from verified INIT and MEDIA payloads with Media Source Extensions, kept near the
// live edge with a short buffer.

const KEEP_SECONDS = 6;
const MAX_LAG_SECONDS = 1.5;
const MAX_QUEUE = 300;

/** Splits an INIT payload: u16 MIME length, MIME, u32 width, u32 height, init segment. */
export function parseInit(payload) {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const mimeLength = view.getUint16(0, false);
  const mime = new TextDecoder().decode(payload.subarray(2, 2 + mimeLength));
  const width = view.getUint32(2 + mimeLength, false);
  const height = view.getUint32(6 + mimeLength, false);
  return { mime, width, height, segment: payload.subarray(10 + mimeLength) };
}

export class MsePlayer {
  constructor(video, onError) {
    this.video = video;
    this.onError = onError;
    this.queue = [];
    this.buffer = null;
    this.objectUrl = null;
    this.framesShown = 0;
    this.countFrames();
  }

  countFrames() {
    if (!this.video.requestVideoFrameCallback) {
      return;
    }
    const tick = () => {
      this.framesShown += 1;
      this.frameCallback = this.video.requestVideoFrameCallback(tick);
    };
    this.frameCallback = this.video.requestVideoFrameCallback(tick);
  }

  /** Starts a new source buffer for a new INIT (new parameter sets restart the timeline). */
  init(payload) {
    const init = parseInit(payload);
    if (!window.MediaSource || !MediaSource.isTypeSupported(init.mime)) {
      throw new Error(`this browser cannot play ${init.mime}`);
    }
    this.detach();
    const source = new MediaSource();
    this.queue = [init.segment];
    this.objectUrl = URL.createObjectURL(source);
    source.addEventListener('sourceopen', () => this.opened(source, init.mime), { once: true });
    this.video.src = this.objectUrl;
  }

  opened(source, mime) {
    try {
      this.buffer = source.addSourceBuffer(mime);
      this.buffer.mode = 'segments';
      this.buffer.addEventListener('updateend', () => this.afterUpdate());
      this.buffer.addEventListener('error', () => this.onError('the decoder refused the stream'));
      this.drain();
    } catch (e) {
      this.onError(e.message);
    }
  }

  media(payload) {
    if (this.queue.length >= MAX_QUEUE) {
      this.onError('the stream arrives faster than it plays');
      return;
    }
    this.queue.push(payload);
    this.drain();
  }

  drain() {
    const buffer = this.buffer;
    if (!buffer || buffer.updating || this.queue.length === 0) {
      return;
    }
    try {
      buffer.appendBuffer(this.queue.shift());
    } catch (e) {
      this.recover(e);
    }
  }

  recover(error) {
    if (error.name === 'QuotaExceededError' && this.trim(1)) {
      return;
    }
    this.onError(error.message);
  }

  afterUpdate() {
    if (!this.buffer) {
      return; // closed, or replaced by a new INIT's buffer, meanwhile
    }
    this.followLiveEdge();
    if (!this.trim(KEEP_SECONDS)) {
      this.drain();
    }
  }

  /** Removes what lies more than `keep` seconds behind the playhead; true if removing. */
  trim(keep) {
    const ranges = this.buffer.buffered;
    const before = this.video.currentTime - keep;
    if (this.buffer.updating || ranges.length === 0 || ranges.start(0) >= before) {
      return false;
    }
    this.buffer.remove(0, before);
    return true;
  }

  followLiveEdge() {
    const ranges = this.buffer.buffered;
    if (ranges.length === 0) {
      return;
    }
    const end = ranges.end(ranges.length - 1);
    const time = this.video.currentTime;
    if (end - time > MAX_LAG_SECONDS || time < ranges.start(0)) {
      this.video.currentTime = Math.max(ranges.start(ranges.length - 1), end - 0.3);
    }
    if (this.video.paused) {
      this.video.play().catch(() => {});
    }
  }

  detach() {
    this.buffer = null;
    this.queue = [];
    if (this.objectUrl) {
      URL.revokeObjectURL(this.objectUrl);
      this.objectUrl = null;
    }
  }

  /** Stops playing and clears the picture. */
  close() {
    this.detach();
    if (this.frameCallback && this.video.cancelVideoFrameCallback) {
      this.video.cancelVideoFrameCallback(this.frameCallback);
    }
    this.video.removeAttribute('src');
    this.video.load();
  }
}
