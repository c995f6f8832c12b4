// One event stream per browser and nick, shared by all of its tabs.
//
// Over HTTP/1.1 a browser opens at most six connections per host, so the seventh tab that opens
// its own EventSource hangs. Here the tab that holds a Web Lock named after the nick opens the
// stream and relays every event and connection state over a BroadcastChannel; the other tabs
// listen. When the leading tab closes, the browser releases its lock, the next tab in line takes
// it and opens the stream, resuming after the last event id relayed to it, so what was sent during
// the handover still arrives. Messages carry ids, so a page drops anything it already showed.

/**
 * Same shape as the page's own connectStream: (nick, onEvent(type, data, id), onState(state), resumeAfter) -> stop().
 * `open` is that function; it is used directly where the browser lacks Web Locks or BroadcastChannel.
 */
export function shareStream(nick, open, onEvent, onState) {
  if (!navigator.locks || typeof BroadcastChannel !== 'function') return open(nick, onEvent, onState);

  const name = `parley.stream.${nick.toLowerCase()}`;
  const channel = new BroadcastChannel(name);
  const view = leaderView(nick);
  let leading = false;
  let lastId = ''; // the id of the last event this tab saw, where its stream resumes if it comes to lead
  let stopStream = null;
  let releaseLock = null;

  channel.onmessage = ({ data: note }) => {
    if (leading) {
      // A tab that just opened asks what it missed: who is online and how the stream is.
      if (note.kind === 'hello') channel.postMessage({ kind: 'snapshot', ...view.snapshot(), lastId });
      return;
    }
    if (note.kind === 'event') {
      if (note.id) lastId = note.id;
      onEvent(note.type, note.data, note.id);
    } else if (note.kind === 'state') {
      onState(note.state);
    } else if (note.kind === 'snapshot') {
      if (note.lastId) lastId = note.lastId;
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
    stopStream = open(
      nick,
      (type, data, id) => {
        if (id) lastId = id;
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

  return () => {
    stopStream?.();
    releaseLock?.();
    channel.close();
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
