// Parley browser page. Runs under a strict CSP (no inline script/style), so all
// behaviour is wired here and every piece of server data goes in via textContent.

import { shareStream, laterId, connectionsAreScarce } from './tab-share.js';
import { callApi, problemText, Refusal } from './problems.js';
import { NICK_RE, key, same } from './nicks.js';
import { showError, clearError, clearOnInput } from './fields.js';
import { currentSession, reloadWith, takeNotice, watchOtherTabs } from './session.js';
import { startLogin, showLogin, hideLogin } from './login.js';
import { startAccount, showAccount } from './account.js';
import { startAdmin, deleteButtonFor } from './admin.js';

// Over HTTP/1.1 tabs of one browser share one stream (see tab-share.js); over HTTP/2 or 3 each tab has its own, and
// ?nosharing gives each tab its own anyway, as the seed did.
const SHARE_TABS = connectionsAreScarce() && !new URLSearchParams(location.search).has('nosharing');

const MAX_TEXT = 4000;
const STREAM_EVENTS = ['welcome', 'online', 'joined', 'left', 'message', 'truncated', 'kicked', 'deleted'];
const MIN_BACKOFF = 1000;
const MAX_BACKOFF = 30000;
const HISTORY_PAGE = 50; // the server's default page: a screenful or two
const NEAR_TOP = 48; // px from the top of the list at which the next older page is fetched

const $ = (id) => document.getElementById(id);
const ui = {
  room: $('room'), chat: $('chat'),
  message: $('message'), send: $('send'), messages: $('messages'), jump: $('jump'), earlier: $('earlier'),
  people: document.querySelector('.people'), online: $('online'), onlineCount: $('online-count'),
  status: $('status'), kicked: $('kicked'),
};

// liveFrom: the id of the first message the stream brought live (not one that waited for us): from there on
// the stream brings everything, so the first history page stops below it.
const me = { nick: null, unread: 0, welcomed: false, everConnected: false, lost: false, liveFrom: null, kicked: false };
let stream = null; // { stop(), advance(id) } from connectStream or shareStream, once logged in

// Ids of the messages shown, so a second copy of one is dropped. Second copies come from the stream's echo
// of our own send (beside its POST answer), from the stream and the first history page overlapping around
// login, and from a resumed stream repeating what a POST answer showed while it was down. Store ids
// increase, so each of these arrives within the newest few ids shown, and remembering the newest SEEN_LIMIT
// (a Set iterates in insertion order: the first is the oldest) keeps the set bounded for a page left open
// for weeks. Older history pages are checked but not remembered: each ends before the one above it, and the
// stream never goes back that far, so nothing brings their ids again. What it cannot catch: a message that
// waited for us at login sits far back in history; if more than SEEN_LIMIT messages arrive before the reader
// scrolls back to it, it shows there a second time.
const SEEN_LIMIT = 5000;
const seenIds = new Set();

function remember(id) {
  seenIds.add(id);
  if (seenIds.size > SEEN_LIMIT) seenIds.delete(seenIds.values().next().value);
}

// ---------------------------------------------------------------------------
// Stream. All EventSource knowledge lives in this one function so a tab-sharing
// relay (BroadcastChannel) can stand in front of it with the same shape:
// connectStream(nick, onEvent(type, data, id), onState(state), resumeAfter) -> { stop(), advance(id) }
// The session (a cookie) says whose stream it is; the nick in the URL makes the server refuse the stream rather
// than send another nick's, should the cookie change under the page (someone logged in as another in a new tab).
// Only messages carry an id, so the position is always the last message id. A new EventSource resumes after
// the newest id the page has shown everything up to (lastEventId), so nothing sent while it was away is lost;
// EventSource's own reconnects send Last-Event-ID themselves. advance(id) says the page has shown everything
// up to id from elsewhere (the first history page), which matters while the stream has brought no message yet.
// ---------------------------------------------------------------------------
function connectStream(nick, onEvent, onState, resumeAfter = '') {
  let lastId = resumeAfter;
  // Where the browser's own reconnect would resume: the last id this EventSource read, else the one in its URL.
  let sourceAt = '';
  const url = () => `/api/events?nick=${encodeURIComponent(nick)}${lastId ? `&lastEventId=${encodeURIComponent(lastId)}` : ''}`;
  let source = null;
  let timer = 0;
  let delay = MIN_BACKOFF;
  const downState = () => (navigator.onLine ? 'reconnecting' : 'offline');

  const open = () => {
    timer = 0;
    sourceAt = lastId;
    source = new EventSource(url());
    source.onopen = () => { delay = MIN_BACKOFF; onState('connected'); };
    source.onerror = () => {
      const refused = source.readyState === EventSource.CLOSED;
      if (!refused && laterId(sourceAt, lastId) === sourceAt) {
        onState(downState()); // the browser retries by itself (honouring the server's retry: hint)
        return;
      }
      // The browser gave up for good (non-200 such as 401/429, or wrong content type), or it would resume
      // from before what the page has shown (from nowhere, having read no message yet): retry ourselves.
      // 'refused' lets the page look whether the session ended, which EventSource cannot tell it.
      source.close();
      source = null;
      onState(refused ? 'refused' : downState());
      // Spread at random over [delay, 2 delay], so that the pages a server refused do not all come back in one second.
      timer = setTimeout(open, delay * (1 + Math.random()));
      delay = Math.min(delay * 2, MAX_BACKOFF);
    };
    // A stopping server says when to come back (3-13 s by default, spread at random so that its pages do not all
    // return in one second). EventSource honours its retry: only when it reconnects by itself, and this page may
    // reconnect on its own (above): wait what the server asked, whichever way.
    source.addEventListener('bye', (e) => {
      let retry;
      try { retry = Number(JSON.parse(e.data).retry); } catch { retry = NaN; }
      if (!Number.isFinite(retry) || retry < 0) return; // then onerror decides as before
      source.close();
      source = null;
      onState(downState());
      timer = setTimeout(open, retry);
    });
    for (const type of STREAM_EVENTS) {
      source.addEventListener(type, (e) => {
        if (e.lastEventId) {
          sourceAt = e.lastEventId;
          lastId = laterId(lastId, e.lastEventId); // a message that waited for us has an older id than live ones
        }
        let data;
        try { data = JSON.parse(e.data); } catch { return; } // a bad frame should not kill the page
        onEvent(type, data, e.lastEventId);
      });
    }
  };

  // When the network comes back there is no point sitting out the rest of a 30 s backoff.
  const wake = () => { if (timer) { clearTimeout(timer); open(); } };
  window.addEventListener('online', wake);

  onState('connecting');
  open();
  return {
    stop() {
      window.removeEventListener('online', wake);
      clearTimeout(timer);
      source?.close();
    },
    advance(id) { lastId = laterId(lastId, id); },
  };
}

// ---------------------------------------------------------------------------
// Rendering: message lines, scroll position, online list, status.
// ---------------------------------------------------------------------------
const pad2 = (n) => String(n).padStart(2, '0');
const hhmm = (d) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

// Keep the view pinned to the newest line unless the reader scrolled up to read history.
let pinned = true;
const nearBottom = () => ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 32;
const scrollToEnd = () => { ui.messages.scrollTop = ui.messages.scrollHeight; };

ui.messages.addEventListener('scroll', () => {
  pinned = nearBottom();
  if (pinned) ui.jump.hidden = true;
  // After a failure the reader asks again with the button, not with every turn of the wheel.
  if (ui.messages.scrollTop < NEAR_TOP && Number.isSafeInteger(earlier.next) && !earlier.failed) loadEarlier();
}, { passive: true });
// The list shrinks when e.g. a multi-line error appears in the footer; stay at the bottom then too.
new ResizeObserver(() => { if (pinned) scrollToEnd(); }).observe(ui.messages);
ui.jump.addEventListener('click', () => {
  scrollToEnd();
  ui.jump.hidden = true;
  ui.message.focus(); // the button disappears, so don't leave keyboard focus on nothing
});

/** Builds one line: kind is broadcast | direct-in | direct-out | system; a message's line carries its id. */
function lineFor({ kind, tag, who, text, note, time, extraClass, id }) {
  const li = el('li', `line line-${kind}${extraClass ? ` ${extraClass}` : ''}`);
  if (id != null) li.dataset.id = String(id);
  const stamp = el('time', 'time', hhmm(time));
  stamp.dateTime = time.toISOString();
  stamp.title = time.toLocaleString();
  li.append(stamp, ' ', el('span', 'tag', tag), ' ');
  if (who) li.append(el('span', 'who', `${who}:`), ' ');
  li.append(el('span', 'text', text));
  if (note) li.append(' ', el('span', 'note', note));
  const remove = deleteButtonFor(id, `the message ${who ? `${who} ` : ''}at ${hhmm(time)}`);
  if (remove) li.append(remove);
  return li;
}

/** Appends one line at the bottom, where new lines go. */
function addLine({ countsAsUnread = true, ...line }) {
  ui.messages.append(lineFor(line));
  if (pinned) scrollToEnd(); else ui.jump.hidden = false;
  if (countsAsUnread) bumpUnread();
}

const system = (text) => addLine({ kind: 'system', tag: 'info', text, time: new Date() });

/** How a message looks to us: the same for one that arrives live and one read from history. */
function describe(m) {
  const from = String(m.from ?? '?');
  const to = String(m.to ?? 'all');
  const fromMe = same(from, me.nick);
  const toMe = same(to, me.nick);
  const sent = new Date(m.sentAt);
  const time = Number.isNaN(sent.getTime()) ? new Date() : sent;

  let line;
  if (same(to, 'all')) {
    line = { kind: 'broadcast', tag: 'all', who: fromMe ? 'you' : from };
  } else if (fromMe && toMe) {
    line = { kind: 'direct-out', tag: 'note', who: 'to yourself', extraClass: 'line-self' };
  } else if (fromMe) {
    line = { kind: 'direct-out', tag: 'private', who: `to ${to}` };
  } else {
    line = { kind: 'direct-in', tag: 'private', who: `from ${from}` };
  }
  // On the sender's own copy "stored" means the recipient was away; on anyone else's, that *we* were.
  let note = null;
  if (m.stored && (!fromMe || toMe)) note = '(while you were away)';
  else if (m.stored && line.kind === 'direct-out') note = '(offline — delivered when they come back)';
  return { ...line, text: String(m.text ?? ''), note, time, countsAsUnread: !fromMe, id: Number.isSafeInteger(m.id) ? m.id : null };
}

function renderMessage(m) {
  if (m.id != null) {
    if (seenIds.has(m.id)) return;
    remember(m.id);
  }
  addLine(describe(m));
}

// ---------------------------------------------------------------------------
// Earlier messages: the newest page of history on login, then an older page
// each time the list is scrolled to its top. They go between the #earlier line,
// which says what they are, and everything that came live: oldest at the top.
// ---------------------------------------------------------------------------
// next: the id the next older page ends before; undefined until the first page came, null once none is older.
// failed: why the last page did not come, shown until the reader asks again.
const earlier = { next: undefined, loading: false, failed: null, shown: 0 };

async function fetchHistory(before) {
  const query = new URLSearchParams({ limit: String(HISTORY_PAGE) }); // the session says whose history
  if (before !== undefined) query.set('before', String(before));
  let answer;
  try {
    answer = await callApi('GET', `/api/history?${query}`);
  } catch {
    throw new Error('the server could not be reached.');
  }
  if (answer.status === 401) sessionEnded();
  if (!answer.ok) throw new Error(problemText(answer.status, answer.body, `the server answered ${answer.status}.`));
  if (!Array.isArray(answer.body?.messages)) throw new Error('the server’s answer was not understood.');
  return answer.body;
}

async function loadEarlier() {
  if (earlier.loading || earlier.next === null) return;
  const first = earlier.next === undefined;
  earlier.loading = true;
  earlier.failed = null;
  showEarlierState();
  try {
    const page = await fetchHistory(earlier.next);
    earlier.next = Number.isSafeInteger(page.before) ? page.before : null;
    insertEarlier(page.messages, first);
  } catch (err) {
    earlier.failed = err.message;
  } finally {
    earlier.loading = false;
    showEarlierState();
  }
  // Go on while the lines do not fill the list yet (nothing to scroll) or the reader is still at its top.
  if (!earlier.failed && ui.messages.scrollTop < NEAR_TOP) loadEarlier();
}

/** Puts a page of history (newest first) above what is shown, leaving out what is shown already. */
function insertEarlier(messages, first) {
  const lines = [];
  let through = 0;
  for (const m of messages) {
    if (m?.id == null) continue;
    // From the first live message on the stream brings everything, each in its place: leave those to it.
    if (first && me.liveFrom != null && m.id >= me.liveFrom) continue;
    through = Math.max(through, m.id);
    if (seenIds.has(m.id)) continue;
    if (first) remember(m.id); // the stream may still bring these; older pages it never does
    const line = describe(m);
    lines.push(lineFor({ ...line, extraClass: [line.extraClass, 'line-earlier'].filter(Boolean).join(' ') }));
  }
  // The page has shown everything for us up to here: a stream that has read no message yet resumes after it.
  if (first) stream?.advance(String(through));
  if (!lines.length) return;

  const fromBottom = ui.messages.scrollHeight - ui.messages.scrollTop;
  ui.earlier.after(...lines.reverse());
  earlier.shown += lines.length;
  // Whoever reads stays on the same lines: they moved down by the height of what came above them.
  if (pinned) scrollToEnd(); else ui.messages.scrollTop = ui.messages.scrollHeight - fromBottom;
}

/** The #earlier line: hidden until there are earlier messages, then what they are and whether more can come. */
function showEarlierState() {
  let text = null;
  if (earlier.failed) text = `Earlier messages could not be loaded: ${earlier.failed}`;
  else if (!earlier.shown) text = null; // the first page is still on its way, or there is no history
  else if (earlier.loading) text = 'Loading earlier messages…';
  else if (earlier.next === null) text = 'Earlier messages — nothing older is kept';
  else text = 'Earlier messages — scroll up for older ones';
  if (ui.earlier.dataset.text === (text ?? '')) return; // the list is a live region: say each change once
  ui.earlier.dataset.text = text ?? '';

  const hadFocus = ui.earlier.contains(document.activeElement);
  ui.earlier.hidden = text == null;
  ui.earlier.classList.toggle('is-failed', Boolean(earlier.failed));
  ui.earlier.replaceChildren(el('span', 'earlier-text', text ?? ''));
  if (earlier.failed) {
    const retry = el('button', 'retry', 'Try again');
    retry.type = 'button';
    retry.addEventListener('click', () => loadEarlier());
    ui.earlier.append(' ', retry);
  }
  if (hadFocus) ui.messages.focus(); // the button is gone: don't leave keyboard focus on nothing
  if (pinned) scrollToEnd();
}

// Online list, keyed by lower-cased nick. Items are inserted/removed in place, never
// re-rendered, so a keyboard user focused on a nick doesn't lose focus when others join.
const onlineItems = new Map();
const rank = (nick) => (same(nick, me.nick) ? '' : key(nick)); // '' sorts yourself first

function addOnline(nick) {
  const k = key(nick);
  if (!nick || onlineItems.has(k)) return false;
  const li = el('li');
  const button = el('button', 'nick', nick);
  button.type = 'button';
  button.dataset.nick = nick;
  if (same(nick, me.nick)) {
    button.classList.add('nick-self');
    button.append(el('span', 'aside', ' (you)'));
  }
  li.append(button);
  li.dataset.key = k;
  const next = [...ui.online.children].find((item) => rank(item.dataset.key) > rank(k));
  ui.online.insertBefore(li, next ?? null);
  onlineItems.set(k, li);
  ui.onlineCount.textContent = String(onlineItems.size);
  return true;
}

function removeOnline(nick) {
  const li = onlineItems.get(key(nick));
  if (!li) return false;
  li.remove();
  onlineItems.delete(key(nick));
  ui.onlineCount.textContent = String(onlineItems.size);
  return true;
}

/** Makes the list match a full snapshot (after a reconnect the old list may be stale). */
function resetOnline(nicks) {
  const wanted = new Set(nicks.map(key));
  for (const k of [...onlineItems.keys()]) if (!wanted.has(k)) removeOnline(k);
  for (const nick of nicks) addOnline(nick);
}

const STATUS_TEXT = {
  connecting: 'connecting…', connected: 'connected', reconnecting: 'reconnecting…', offline: 'offline', kicked: 'disconnected by an admin',
};

function setStatus(state) {
  if (me.kicked && state !== 'kicked') return; // nothing reconnects after a kick: the status stays saying why
  if (ui.status.dataset.state === state) return; // avoid re-announcing the same state on every retry
  ui.status.dataset.state = state;
  ui.status.textContent = STATUS_TEXT[state];
  ui.room.classList.toggle('is-stale', state !== 'connected');
}

// ---------------------------------------------------------------------------
// Title / unread counter.
// ---------------------------------------------------------------------------
function updateTitle() {
  document.title = !me.nick ? 'Parley' : me.unread ? `${me.nick} (${me.unread})` : me.nick;
}

function bumpUnread() {
  if (!me.nick || document.hasFocus()) return;
  me.unread += 1;
  updateTitle();
}

window.addEventListener('focus', () => { me.unread = 0; updateTitle(); });

// ---------------------------------------------------------------------------
// Stream event and connection-state handling.
// ---------------------------------------------------------------------------
function onStreamEvent(type, data) {
  switch (type) {
    case 'welcome':
      if (data.nick) me.nick = String(data.nick); // the server's spelling wins
      updateTitle();
      addOnline(me.nick);
      if (!me.welcomed) {
        me.welcomed = true;
        system(`Welcome, ${me.nick}! Start a line with “all” to talk to everyone, or with a nick to talk to one person.`);
        loadEarlier();
      }
      break;
    case 'online':
      resetOnline([me.nick, ...(Array.isArray(data.users) ? data.users.map(String) : [])]);
      break;
    case 'joined':
    case 'left': {
      // Our own nick never "joins"/"leaves" while this stream is up; other tabs of it are noise.
      const nick = data.nick ? String(data.nick) : '';
      if (!nick || same(nick, me.nick)) break;
      if (type === 'joined' ? addOnline(nick) : removeOnline(nick)) system(`${nick} ${type}`);
      break;
    }
    case 'message':
      // A message that waited for us comes first, with an older id than what is live.
      if (me.liveFrom == null && data.id != null && !(data.stored && same(data.to, me.nick))) me.liveFrom = data.id;
      renderMessage(data);
      break;
    case 'deleted':
      // An admin deleted it: it goes from this page as it went from the server.
      if (Number.isSafeInteger(data.id)) ui.messages.querySelector(`li[data-id="${data.id}"]`)?.remove();
      break;
    case 'kicked':
      kicked(data);
      break;
    case 'truncated':
      // After 0: the stream resumed from an empty history, so nothing the page shows has a hole after it.
      if (Number(data.lastEventId) > 0) {
        system('Some messages from while you were disconnected are no longer kept on the server, so they cannot be shown.');
      }
      break;
  }
}

/**
 * An admin ended this nick's streams: say so where it cannot be missed, and do not reconnect (that is the point).
 * Stopped on the next turn, so a tab that relays the stream to others can still pass the event on first.
 */
function kicked(data) {
  if (me.kicked) return;
  me.kicked = true;
  const until = new Date(data.until);
  const text = data.reason === 'banned' && !Number.isNaN(until.getTime())
    ? `An admin has banned you until ${until.toLocaleString()}. You are disconnected.`
    : 'An admin has disconnected you from the chat. Reload the page to come back.';
  setStatus('kicked');
  ui.kicked.textContent = text;
  ui.kicked.hidden = false;
  system(text);
  setTimeout(() => stream?.stop(), 0);
}

function onConnectionState(state) {
  if (state === 'refused') {
    checkSession(); // the stream was refused: maybe because the session ended
    state = navigator.onLine ? 'reconnecting' : 'offline';
  }
  setStatus(state);
  if (state === 'connected') {
    if (me.lost && me.everConnected) system('Connection restored.');
    me.lost = false;
    me.everConnected = true;
  } else if (state !== 'connecting' && !me.lost) {
    me.lost = true; // one line per outage, not one per retry
    system(me.everConnected
      ? 'Connection lost — reconnecting…'
      : 'Could not connect. Retrying… (if this nick is open in many tabs, close some)');
  }
}

// ---------------------------------------------------------------------------
// Sending.
// ---------------------------------------------------------------------------
const EXAMPLE = 'e.g. “all hello” or “mary hi”';

/** Splits "{to} {text}" and validates it like the server would; returns { to, text } or { hint }. */
function parseLine(value) {
  const m = /^\s*(\S+)(?:\s+([\s\S]*))?$/.exec(value);
  if (!m) return { hint: `Type who the message is for, a space, then the text — ${EXAMPLE}.` };
  const [, target, rest] = m;
  if (rest === undefined) return { hint: `Start with who it is for, then a space and the text — ${EXAMPLE}.` };
  const text = rest.trimEnd();
  if (!text) return { hint: `Type your message after “${target} ”.` };
  const to = same(target, 'all') ? 'all' : target;
  if (to !== 'all' && !NICK_RE.test(to)) {
    return { hint: `“${target}” is not a nick. Start with “all” or a nick (letters, digits, “_”, “-”, “.”).` };
  }
  if (text.length > MAX_TEXT) {
    return { hint: `That message is ${text.length.toLocaleString()} characters; the limit is ${MAX_TEXT.toLocaleString()}.` };
  }
  return { to, target, text };
}

// Said when a refusal of a send comes without a detail of its own.
const FALLBACK = {
  413: 'That message is too large to send.',
  415: 'The server did not accept the request format.',
  429: 'Too many messages; wait a moment and try again.',
};

/** Sends as the session's nick, which the server takes from the cookie. */
async function postMessage(to, text) {
  let answer;
  try {
    answer = await callApi('POST', '/api/messages', { to, text });
  } catch {
    throw new Error('Could not reach the server; the message was not sent.');
  }
  if (answer.status === 401) sessionEnded();
  if (!answer.ok) throw new Refusal(answer, FALLBACK[answer.status] ?? `The server answered ${answer.status}; the message was not sent.`);
  return answer.body ?? {};
}

let sending = false;

ui.chat.addEventListener('submit', async (e) => {
  e.preventDefault();
  if (sending) return;
  const typed = ui.message.value;
  const line = parseLine(typed);
  if (line.hint) { showError(ui.message, line.hint); return; }

  sending = true;
  ui.send.disabled = true;
  ui.chat.setAttribute('aria-busy', 'true');
  try {
    const sent = await postMessage(line.to, line.text);
    clearError(ui.message);
    // Don't clobber anything typed while the request was in flight.
    if (ui.message.value === typed) ui.message.value = `${line.target} `;
    // Render from the answer too: if our stream is down right now, the echo won't come.
    renderMessage({
      id: sent.id, from: me.nick, to: line.to, text: line.text,
      sentAt: sent.sentAt, stored: sent.delivery === 'stored',
    });
  } catch (err) {
    showError(ui.message, err.message); // keep what they typed
  } finally {
    sending = false;
    ui.send.disabled = false;
    ui.chat.removeAttribute('aria-busy');
    ui.message.focus();
  }
});

clearOnInput(ui.chat);

/** Puts "nick " in front of the input, replacing the current "to" part. */
function addressTo(nick) {
  const value = ui.message.value;
  const m = /^\s*\S+\s+([\s\S]*)$/.exec(value);
  const word = value.trim();
  let rest;
  if (m) rest = m[1];
  else if (!word || same(word, 'all') || onlineItems.has(key(word))) rest = ''; // a lone word that is a target
  else rest = word; // a lone other word is more likely the start of the text
  ui.message.value = `${nick} ${rest}`;
  ui.message.focus();
  ui.message.setSelectionRange(ui.message.value.length, ui.message.value.length);
}

// Buttons give Enter/Space activation for free, so one click handler covers keyboard use.
ui.people.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-nick]');
  if (button) addressTo(button.dataset.nick);
});

// ---------------------------------------------------------------------------
// Session: the page asks the server who it is, so a reload or a server restart logs nobody out.
// ---------------------------------------------------------------------------
function enter(session) {
  if (me.nick) return;
  me.nick = session.nick;
  hideLogin();
  showAccount(session);
  ui.room.hidden = false;
  ui.chat.hidden = false;
  startAdmin(session, system);
  updateTitle();
  addOnline(me.nick);
  stream = SHARE_TABS
    ? shareStream(me.nick, openUnlessKicked, onStreamEvent, onConnectionState)
    : connectStream(me.nick, onStreamEvent, onConnectionState);
  ui.message.focus();
}

// After a kick another tab may come to lead the shared stream: it must not open it again.
const openUnlessKicked = (...args) => (me.kicked ? { stop() {}, advance() {} } : connectStream(...args));

const SESSION_ENDED = 'Your session has ended (you logged out, or your password was changed, elsewhere). Log in again to go on.';

/** The server no longer knows this page's session: start over at the login screen, saying why. */
function sessionEnded() {
  stream?.stop();
  reloadWith(SESSION_ENDED);
  throw new Error(SESSION_ENDED); // whoever asked stops here; the page is going
}

/** After a refused stream: if the session ended or now belongs to another nick, this page's chat is over. */
async function checkSession() {
  let session;
  try {
    session = await currentSession();
  } catch (err) {
    if (err instanceof Refusal && err.status === 403) reloadWith(err.message); // banned: the login screen says until when
    return; // unreachable or odd: the stream retries anyway
  }
  if (!session) reloadWith(SESSION_ENDED);
  else if (!same(session.nick, me.nick)) location.reload();
}

watchOtherTabs({
  loggedIn(session) {
    if (!me.nick) enter(session);
    else if (!same(session.nick, me.nick)) location.reload(); // the cookie is someone else's now
    else showAccount(session);
  },
  loggedOut() {
    if (me.nick) reloadWith('You logged out in another tab.');
  },
});

startLogin(enter);
startAccount(system);
const notice = takeNotice();
currentSession().then(
  (session) => (session ? enter(session) : showLogin(notice)),
  (err) => showLogin(err.message),
);
