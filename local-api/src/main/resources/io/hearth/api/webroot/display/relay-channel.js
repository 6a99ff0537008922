// A display away from home (docs/relay.md): one WebSocket to the relay naming its hub, the
// Noise KK handshake on the keys pinned at pairing, then the request protocol and stream chunks
// inside the channel. The relay only ever sees records of ciphertext. One session per channel.

import { ApiError } from '../shared/api.js';
import { base64urlToBytes } from './chunks.js';
import { Initiator } from './noise.js';
import { RecordReader, frame } from './records.js';

const JSON_MESSAGE = 0x01;
const CHUNK_PART = 0x02;
const CHUNK_END = 0x03;
const HANDSHAKE_TIMEOUT_MS = 10000;
const REQUEST_TIMEOUT_MS = 10000;
const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
// How the hub's refusals map onto the statuses the LAN API would have answered with.
const STATUS = { bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404 };
/** The hub's word, inside the channel, that the owner turned watching from away off. */
export const AWAY_OFF = 'away_off';

export class RelayChannel {
  /** Opens the channel to the hub of `away` ({relay_url, relay_id, hub_key}) with key pair `pair`. */
  static async open(away, pair) {
    const initiator = await Initiator.create(pair, base64urlToBytes(away.hub_key), away.relay_id);
    const channel = new RelayChannel(`${away.relay_url}/v1/view/${away.relay_id}`, initiator);
    await channel.ready;
    return channel;
  }

  constructor(url, initiator) {
    this.initiator = initiator;
    this.reader = new RecordReader();
    this.pending = new Map();
    this.parts = [];
    this.partBytes = 0;
    this.nextId = 0;
    this.sending = Promise.resolve();
    this.receiving = Promise.resolve();
    this.backlog = [];
    this.onChunk = null; // set by stream(); chunks before that wait in the backlog
    this.onEnd = null;
    this.ended = false;
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.ready = new Promise((resolve, reject) => {
      this.established = resolve;
      this.refused = reject;
    });
    this.timer = setTimeout(() => this.fail('no answer from the hub through the relay'),
      HANDSHAKE_TIMEOUT_MS);
    this.ws.onopen = () => this.hello();
    this.ws.onmessage = (event) => this.received(new Uint8Array(event.data));
    // After the records that came before it: the hub's last word (away_off) is read, not lost.
    this.ws.onclose = (event) => {
      this.receiving = this.receiving.then(() =>
        this.fail(`the relay closed the channel (${event.code})`, event.code));
    };
  }

  get readyState() {
    return this.ws.readyState;
  }

  async hello() {
    try {
      this.ws.send(frame(await this.initiator.writeFirst()));
    } catch (e) {
      this.fail(e.message);
    }
  }

  received(bytes) {
    this.receiving = this.receiving
      .then(async () => {
        for (const record of this.reader.feed(bytes)) {
          await this.record(record);
        }
      })
      .catch((e) => this.fail(`refused what came through the relay: ${e.message}`));
  }

  async record(record) {
    if (this.ended) {
      return;
    }
    if (!this.channel) {
      this.channel = await this.initiator.readSecond(record);
      this.initiator = null;
      clearTimeout(this.timer);
      this.established();
      return;
    }
    this.message(await this.channel.open(record));
  }

  message(bytes) {
    if (bytes[0] === JSON_MESSAGE) {
      this.answer(JSON.parse(new TextDecoder().decode(bytes.subarray(1))));
    } else if (bytes[0] === CHUNK_PART || bytes[0] === CHUNK_END) {
      this.part(bytes.subarray(1), bytes[0] === CHUNK_END);
    } else {
      throw new Error('an unknown channel message');
    }
  }

  part(bytes, last) {
    this.partBytes += bytes.length;
    if (this.partBytes > MAX_CHUNK_BYTES) {
      throw new Error('a chunk too big');
    }
    this.parts.push(bytes.slice());
    if (!last) {
      return;
    }
    const chunk = new Uint8Array(this.partBytes);
    let at = 0;
    this.parts.forEach((p) => {
      chunk.set(p, at);
      at += p.length;
    });
    this.parts = [];
    this.partBytes = 0;
    this.deliver(chunk.buffer);
  }

  deliver(buffer) {
    if (this.onChunk) {
      this.onChunk(buffer);
    } else {
      this.backlog.push(buffer);
    }
  }

  answer(message) {
    const waiting = this.pending.get(message.id);
    if (waiting) {
      this.pending.delete(message.id);
      waiting(message);
    } else if (message.op === 'ended') {
      this.end({ code: 4403, reason: String(message.reason || 'access withdrawn'), ended: true });
    } else if (message.op === 'away_off') {
      this.end({ code: 4403, reason: AWAY_OFF, awayOff: true });
    }
  }

  /** Sends one request; resolves with the answer, or rejects with an ApiError as the LAN would. */
  request(body) {
    const id = ++this.nextId;
    const answer = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer through the relay')),
        REQUEST_TIMEOUT_MS);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.ok) {
          resolve(message);
        } else {
          reject(new ApiError(STATUS[message.error] || 500, message.error, message.message));
        }
      });
    });
    const bytes = new TextEncoder().encode(JSON.stringify({ ...body, id }));
    const message = new Uint8Array(bytes.length + 1);
    message[0] = JSON_MESSAGE;
    message.set(bytes, 1);
    // Sealing is asynchronous but nonces are taken in call order: send in that order too.
    this.sending = this.sending.then(async () => this.ws.send(frame(await this.channel.seal(message))));
    return answer;
  }

  /** Hands the session's chunks to `onChunk` (in order) and its end to `onEnd({code, reason})`. */
  stream(onChunk, onEnd) {
    this.onChunk = onChunk;
    this.onEnd = onEnd;
    this.backlog.splice(0).forEach(onChunk);
    return this;
  }

  fail(reason, code = 4500) {
    clearTimeout(this.timer);
    this.refused(new Error(reason));
    this.end({ code, reason });
  }

  end(event) {
    if (this.ended) {
      return;
    }
    this.ended = true;
    const error = event.awayOff ? AWAY_OFF : 'closed';
    this.pending.forEach((waiting) => waiting({ ok: false, error, message: event.reason }));
    this.pending.clear();
    this.close();
    if (this.onEnd) {
      this.onEnd(event);
    }
  }

  close() {
    if (this.ws.readyState <= WebSocket.OPEN) {
      this.ws.close();
    }
  }
}
