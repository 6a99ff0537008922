// Feedback where the user is looking: a message right after the form or button that caused it,
// announced (aria-live) and focused, so that nobody has to scroll to learn what happened.

import { el } from '../shared/dom.js';

/** The message box that belongs to `anchor` (created after it on first use). */
function boxFor(anchor) {
  const next = anchor.nextElementSibling;
  if (next && next.classList.contains('feedback')) {
    return next;
  }
  const box = el('p', { class: 'feedback', tabindex: '-1', 'aria-live': 'polite', role: 'status' });
  anchor.after(box);
  return box;
}

/** Shows `text` next to `anchor` (a form, a button or a section); errors are alerts. */
export function say(anchor, text, isError = false) {
  const box = boxFor(anchor);
  box.textContent = text;
  box.hidden = !text;
  box.classList.toggle('error', isError);
  box.setAttribute('role', isError ? 'alert' : 'status');
  if (text) {
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'center' });
  }
  return box;
}

/** Runs `work`; says `done` (or the error, in words) next to `anchor`. Resolves true on success. */
export async function attempt(anchor, work, done) {
  try {
    await work();
    const stale = anchor.nextElementSibling;
    if (done) {
      say(anchor, done);
    } else if (stale && stale.classList.contains('feedback')) {
      stale.hidden = true; // an earlier error no longer holds
    }
    return true;
  } catch (e) {
    say(anchor, human(e), true);
    return false;
  }
}

/** An error in words: the hub's messages are written for people; anything else is not shown. */
export function human(error) {
  if (error && error.status !== undefined) {
    if (error.status === 0 || error.status >= 500) {
      return 'The hub could not do that just now. Try again in a moment.';
    }
    return error.message;
  }
  return 'The hub did not answer. Check that it is switched on and on this network.';
}

/** A two-step button: the first press asks, the second (within 5 s) does it. No dialogs. */
export function confirmButton(label, question, action) {
  const button = el('button', { type: 'button', class: 'danger', text: label });
  let armed = null;
  button.addEventListener('click', () => {
    if (armed) {
      clearTimeout(armed);
      armed = null;
      button.textContent = label;
      action(button);
      return;
    }
    button.textContent = question;
    armed = setTimeout(() => {
      armed = null;
      button.textContent = label;
    }, 5000);
  });
  return button;
}
