// A small client of the hub's REST API, on the page's own origin. Two ways to sign: a Bearer
// token when the page was given one (the owner token, a display's token), otherwise the session
// cookie that sign-in set, with the CSRF header on every request that changes something.

/** The hub answered with an error; `code` is its JSON "error" field. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function errorOf(response) {
  let body = {};
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: the status says enough
  }
  return new ApiError(response.status, body.error, body.message);
}

/** The readable CSRF cookie sign-in sets next to the HttpOnly session cookie. */
export function csrfToken() {
  const found = document.cookie.split(';').map((c) => c.trim())
    .find((c) => c.startsWith('hearth_csrf='));
  return found ? decodeURIComponent(found.slice('hearth_csrf='.length)) : '';
}

function headersFor(method, token, body) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  } else if (method !== 'GET' && method !== 'HEAD') {
    headers['X-Hearth-CSRF'] = csrfToken();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return headers;
}

/** Without a token, a refused session means "sign in again": the sign-in page takes over. */
function toSignIn() {
  location.assign(`/signin/?next=${encodeURIComponent(location.pathname + location.hash)}`);
}

/** Sends one request; resolves with the response or rejects with ApiError. */
export async function send(method, path, token, body) {
  const response = await fetch(path, {
    method,
    headers: headersFor(method, token, body),
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: token ? 'omit' : 'same-origin',
  });
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !token && call.redirectOn401) {
      toSignIn();
    }
    throw error;
  }
  return response;
}

/** Sends one request; resolves with the JSON answer (null for 204) or rejects with ApiError. */
export async function call(method, path, token, body) {
  const response = await send(method, path, token, body);
  return response.status === 204 ? null : response.json();
}

/** Pages of people set this; the display's pairing calls (no token yet) must not be redirected. */
call.redirectOn401 = false;

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
