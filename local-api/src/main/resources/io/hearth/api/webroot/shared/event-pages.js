// Camera events a page at a time, for a list that grows backwards ("Show older") while the live
// feed reads the newest page again. Pages follow the hub's cursor (start time and id), so events
// that started in the same millisecond are neither shown twice nor skipped; the hub answers only
// cameras this viewer holds an events grant on, whatever the cursor.

import { pageEvents } from './camera-events.js';

/** Newest first; among events that started together, by id, as the hub orders them. */
function newestFirst(a, b) {
  const byTime = Date.parse(b.started_at) - Date.parse(a.started_at);
  if (byTime !== 0) return byTime;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

export class EventPages {
  /** `filters`: camera, from, to and limit (events per page), as `pageEvents` takes them. */
  constructor(token, filters) {
    this.token = token;
    this.filters = filters;
    this.key = JSON.stringify(filters);
    this.byId = new Map();
    this.next = null;
    this.paged = false; // true once an older page was added: then the newest page only merges in
    this.reads = 0;
  }

  /** What is shown: every event read so far, newest first. */
  get events() {
    return [...this.byId.values()].sort(newestFirst);
  }

  /** True while the hub says older events follow. */
  get hasMore() {
    return this.next !== null;
  }

  /**
   * Reads the newest page again. Before "older" was pressed it is the whole list (an event gone
   * from it goes from the list); after, it merges in, so the older pages stay where they are.
   */
  async newest() {
    const mine = ++this.reads;
    const page = await pageEvents(this.token, this.filters);
    if (mine !== this.reads) return; // a later read wins over this one
    if (!this.paged) {
      this.byId.clear();
      this.next = page.next;
    }
    this.add(page.events);
  }

  /** Adds the next older page; resolves to how many events it added (0 at the end). */
  async older() {
    if (this.next === null) return 0;
    const page = await pageEvents(this.token, { ...this.filters, cursor: this.next });
    this.paged = true;
    this.next = page.next;
    const before = this.byId.size;
    this.add(page.events);
    return this.byId.size - before;
  }

  add(events) {
    events.forEach((e) => this.byId.set(e.id, e));
  }
}
