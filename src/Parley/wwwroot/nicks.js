// Nicks as the server sees them: 1 to 32 letters, digits, "_", "-" and "."; "all" is reserved; letter case aside.

export const NICK_RE = /^[A-Za-z0-9_.-]{1,32}$/;

export const key = (nick) => String(nick).toLowerCase();
export const same = (a, b) => key(a) === key(b);

/** Why a typed nick cannot be one, in words; null when it can. */
export function nickProblem(nick) {
  if (!nick) return 'Please enter a nick.';
  if (nick.length > 32) return 'A nick can be at most 32 characters.';
  if (!NICK_RE.test(nick)) return `“${nick}” is not a valid nick: use only letters A–Z, digits, “_”, “-” and “.”.`;
  if (same(nick, 'all')) return '“all” is reserved (it addresses everyone); please pick another nick.';
  return null;
}
