// The channel's records over the relay's byte stream (docs/relay.md): a 4-byte big-endian length,
// then that many bytes. The relay may split or join WebSocket messages; records do not depend on
// them. A length over the largest sealed message is refused before anything is buffered.

import { MAX_CIPHERTEXT, concat } from './noise.js';

export function frame(record) {
  const out = new Uint8Array(4 + record.length);
  new DataView(out.buffer).setUint32(0, record.length, false);
  out.set(record, 4);
  return out;
}

export class RecordReader {
  constructor() {
    this.pending = new Uint8Array(0);
  }

  /** Takes more bytes; returns the records now complete; throws on a record too big. */
  feed(bytes) {
    const all = concat(this.pending, bytes);
    const view = new DataView(all.buffer);
    const records = [];
    let at = 0;
    while (all.length - at >= 4) {
      const length = view.getUint32(at, false);
      if (length > MAX_CIPHERTEXT) {
        throw new Error(`channel record of ${length} bytes`);
      }
      if (all.length - at - 4 < length) {
        break;
      }
      records.push(all.slice(at + 4, at + 4 + length));
      at += 4 + length;
    }
    this.pending = all.slice(at);
    return records;
  }
}
