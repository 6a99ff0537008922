// A small client of the hub's REST API, on the page's own origin.

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

/** Sends one request; resolves with the JSON answer (null for 204) or rejects with ApiError. */
export async function call(method, path, token, body) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!response.ok) {
    throw await errorOf(response);
  }
  return response.status === 204 ? null : response.json();
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
