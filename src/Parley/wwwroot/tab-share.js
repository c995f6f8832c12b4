// One event stream per browser and nick, shared by all of its tabs.
//
// Over HTTP/1.1 a browser opens at most six connections per host, so the seventh tab that opens
// its own EventSource hangs. Here the tab that holds a Web Lock named after the nick opens the
// stream and relays every event and connection state over a BroadcastChannel; the other tabs
// listen. When the leading tab closes, the browser releases its lock, the next tab in line takes
// it and opens the stream, resuming after the newest message id it knows, so what was sent during
// the handover still arrives. Only messages carry ids (presence events never move the position), so
// that is the last message relayed to it, or the newest of its own first history page if no message
// came yet. A page drops any message it already showed, by its id.
//
// Over HTTP/2 and HTTP/3 there is no such limit: every tab's stream is one more stream on the one connection the
// browser keeps to the server, so each tab opens its own and nothing is relayed (connectionsAreScarce).

/**
 * Whether this page came over HTTP/1.x, where the browser's six connections per host are worth sharing. The protocol
 * is the one the page itself was loaded with ('http/1.1', 'h2', 'h3'), which its streams use too, since they go to the
 * same origin. Unknown (an old browser, a page from the cache) counts as scarce: sharing is always safe.
 */
export function connectionsAreScarce() {
  const [navigation] = performance.getEntriesByType?.('navigation') ?? [];
  return !/^h[23]/.test(navigation?.nextHopProtocol ?? '');
}

/** The later of two message ids (strings or numbers; '' for none), as the string a stream resumes after. */
export function laterId(a, b) {
  const value = (id) => (id === '' || id == null ? -1 : Number(id));
  return value(b) > value(a) ? String(b) : String(a ?? '');
}

/**
 * Same shape as the page's own connectStream: (nick, onEvent(type, data, id), onState(state), resumeAfter) -> { stop(), advance(id) }.
 * `open` is that function; it is used directly where the browser lacks Web Locks or BroadcastChannel.
 */
export function shareStream(nick, open, onEvent, onState) {
  if (!navigator.locks || typeof BroadcastChannel !== 'function') return open(nick, onEvent, onState);

  const name = `parley.stream.${nick.toLowerCase()}`;
  const channel = new BroadcastChannel(name);
  const view = leaderView(nick);
  let leading = false;
  let lastId = ''; // the newest message id this tab saw, where its stream resumes if it comes to lead
  let stream = null;
  let releaseLock = null;

  channel.onmessage = ({ data: note }) => {
    if (leading) {
      // A tab that just opened asks what it missed: who is online and how the stream is.
      if (note.kind === 'hello') channel.postMessage({ kind: 'snapshot', ...view.snapshot(), lastId });
      return;
    }
    if (note.kind === 'event') {
      if (note.id) lastId = laterId(lastId, note.id);
      onEvent(note.type, note.data, note.id);
    } else if (note.kind === 'state') {
      onState(note.state);
    } else if (note.kind === 'snapshot') {
      if (note.lastId) lastId = laterId(lastId, note.lastId);
      onState(note.state);
      if (note.users) {
        onEvent('welcome', { nick: note.nick });
        onEvent('online', { users: note.users });
      }
    }
  };

  const lead = () => new Promise((release) => {
    leading = true;
    releaseLock = release;
    stream = open(
      nick,
      (type, data, id) => {
        if (id) lastId = laterId(lastId, id);
        view.apply(type, data);
        onEvent(type, data, id);
        channel.postMessage({ kind: 'event', type, data, id });
      },
      (state) => {
        view.state = state;
        onState(state);
        channel.postMessage({ kind: 'state', state });
      },
      lastId,
    );
  });

  onState('connecting');
  navigator.locks.request(name, lead).catch(() => { /* the lock request ends with the page */ });
  channel.postMessage({ kind: 'hello' });

  return {
    stop() {
      stream?.stop();
      releaseLock?.();
      channel.close();
    },
    advance(id) {
      lastId = laterId(lastId, id);
      stream?.advance(id);
    },
  };
}

/** What the leading tab knows about its stream, kept so tabs opened later can catch up. */
function leaderView(nick) {
  const key = (n) => String(n).toLowerCase();
  let users = null; // unknown until the stream says who is online
  return {
    state: 'connecting',
    apply(type, data) {
      if (type === 'welcome' && data.nick) nick = String(data.nick);
      else if (type === 'online') users = Array.isArray(data.users) ? data.users.map(String) : [];
      else if (type === 'joined' && users && !users.some((u) => key(u) === key(data.nick))) users.push(String(data.nick));
      else if (type === 'left' && users) users = users.filter((u) => key(u) !== key(data.nick));
    },
    snapshot() {
      return { nick, users, state: this.state };
    },
  };
}
