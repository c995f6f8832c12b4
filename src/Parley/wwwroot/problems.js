// The server's refusals (application/problem+json) as sentences a person can act on, and the one way the page
// calls the JSON API: every call that changes something says it sends JSON, which the server requires of them.

/** Turns a problem body into text: its detail, then each field error, else the fallback. */
export function problemText(status, problem, fallback = problem?.title ?? `The server answered ${status}.`) {
  const lines = [];
  if (problem?.detail) lines.push(String(problem.detail));
  for (const [field, msgs] of Object.entries(problem?.errors ?? {})) {
    const name = field.replace(/^\$\.?/, ''); // System.Text.Json reports paths like "$.text"
    for (const msg of [].concat(msgs)) {
      const line = name ? `${name}: ${msg}` : String(msg);
      if (!lines.includes(String(msg)) && !lines.includes(line)) lines.push(line);
    }
  }
  if (!lines.length) lines.push(fallback);
  return lines.join('\n');
}

/** "Try again in 40 seconds." from a Retry-After header (seconds or an HTTP date); null without one. */
export function retryText(retryAfter, now = Date.now()) {
  if (!retryAfter) return null;
  const seconds = /^\d+$/.test(retryAfter) ? Number(retryAfter) : Math.ceil((Date.parse(retryAfter) - now) / 1000);
  if (!Number.isFinite(seconds)) return null;
  if (seconds <= 1) return 'Try again now.';
  if (seconds <= 90) return `Try again in ${seconds} seconds.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

/** The whole refusal: the problem's text and, for a 429, when to try again. */
export function refusalText(answer, fallback) {
  const text = problemText(answer.status, answer.body, fallback);
  const retry = retryText(answer.retryAfter);
  return retry && !text.includes(retry) ? `${text}\n${retry}` : text;
}

/** A refusal as an error: the text to show, its status and the fields it names (lower case, as the page's inputs). */
export class Refusal extends Error {
  constructor(answer, fallback) {
    super(refusalText(answer, fallback));
    this.status = answer.status;
    this.fields = Object.keys(answer.body?.errors ?? {}).map((field) => field.replace(/^\$\.?/, '').toLowerCase());
  }
}

/**
 * Calls the JSON API: resolves to { status, ok, body, retryAfter } whatever the server answered (body is null
 * when there is none), and throws only when the server cannot be reached.
 */
export async function callApi(method, url, payload) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
  } catch {
    throw new Error('Could not reach the server.');
  }
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  return { status: res.status, ok: res.ok, body, retryAfter: res.headers.get('Retry-After') };
}
