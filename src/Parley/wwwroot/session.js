// The page's session. It is an HttpOnly cookie the page never sees: the page only asks the server who it is.
// A cookie belongs to the whole browser, so every tab is the same person; tabs tell each other when someone
// logs in or out, so none of them goes on showing a nick the cookie no longer holds.

import { callApi, Refusal } from './problems.js';

const NOTICE = 'parley.notice';
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('parley.session') : null;

/** { nick, kind: 'guest' | 'registered', admin } from a session answer. */
const sessionOf = (body) => ({
  nick: String(body.nick),
  kind: body.kind === 'registered' ? 'registered' : 'guest',
  admin: body.admin === true,
});

/** The session this browser has, or null without one; throws with the reason when the server says neither. */
export async function currentSession() {
  const answer = await callApi('GET', '/api/session');
  if (answer.status === 401) return null;
  if (!answer.ok || !answer.body?.nick) throw new Refusal(answer);
  return sessionOf(answer.body);
}

/**
 * Starts a session: as a guest with just a nick, logging in with a password, or registering. Resolves to the
 * session, told to the other tabs too; throws with the server's reason (taken, wrong password, try again later).
 */
export async function startSession(how, nick, password) {
  const answer = how === 'register'
    ? await callApi('POST', '/api/accounts', { nick, password })
    : await callApi('POST', '/api/session', how === 'log-in' ? { nick, password } : { nick });
  if (!answer.ok || !answer.body?.nick) throw new Refusal(answer);
  const session = sessionOf(answer.body);
  channel?.postMessage({ kind: 'in', session });
  return session;
}

/** Ends the session (a guest's nick is free again) in every tab of the browser. */
export async function logOut() {
  // Told before the session ends: another tab whose stream the server closes first would otherwise say the session
  // ended for an unknown reason. If logging out then fails, those tabs find the session still there and carry on.
  channel?.postMessage({ kind: 'out' });
  const answer = await callApi('DELETE', '/api/session');
  if (!answer.ok && answer.status !== 401) throw new Refusal(answer); // 401: it had ended already
  reloadWith('You have logged out.');
}

/** Resolves once the password is changed; throws with the reason (a wrong current password, a too short new one). */
export async function changePassword(password, newPassword) {
  const answer = await callApi('PUT', '/api/account/password', { password, newPassword });
  if (!answer.ok) throw new Refusal(answer);
}

/**
 * Starts the page over, showing the login screen (or the chat of a session another tab started) with a notice.
 * A fresh page leaves no stream, request or line of the old session behind.
 */
export function reloadWith(notice) {
  try { sessionStorage.setItem(NOTICE, notice); } catch { /* the login screen then comes without it */ }
  location.reload();
}

/** The notice the previous page left for this one, once. */
export function takeNotice() {
  try {
    const notice = sessionStorage.getItem(NOTICE);
    sessionStorage.removeItem(NOTICE);
    return notice;
  } catch {
    return null;
  }
}

/** Calls loggedIn(session) or loggedOut() when another tab of this browser starts or ends the session. */
export function watchOtherTabs({ loggedIn, loggedOut }) {
  if (!channel) return;
  channel.onmessage = ({ data: note }) => {
    if (note?.kind === 'in' && note.session?.nick) loggedIn(sessionOf(note.session));
    else if (note?.kind === 'out') loggedOut();
  };
}
