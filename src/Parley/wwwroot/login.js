// The login screen: "just pick a nick" as a guest first, then log in or register with a password. Whatever
// the server refuses (a nick taken, a wrong password, too many tries) is shown beside the form, in its words.

import { startSession } from './session.js';
import { nickProblem } from './nicks.js';
import { showError, clearError, clearOnInput, whileBusy } from './fields.js';

const SAVED_NICK = 'parley.nick';
const $ = (id) => document.getElementById(id);
const ui = {
  card: $('login'), notice: $('login-notice'),
  guest: $('guest'), nick: $('nick'),
  account: $('account-form'), accountNick: $('account-nick'), password: $('password'),
};

let entered = () => {};

/** Wires the login screen; entered(session) is called once someone is in. */
export function startLogin(onEntered) {
  entered = onEntered;
  try { ui.nick.value = ui.accountNick.value = localStorage.getItem(SAVED_NICK) ?? ''; } catch { /* storage may be blocked */ }
  clearOnInput(ui.guest);
  clearOnInput(ui.account);

  ui.guest.addEventListener('submit', (e) => {
    e.preventDefault();
    const nick = ui.nick.value.trim();
    const problem = nickProblem(nick);
    if (problem) { fail(ui.nick, problem); return; }
    attempt(ui.guest, 'guest', nick, undefined, () => ui.nick);
  });

  ui.account.addEventListener('submit', (e) => {
    e.preventDefault();
    const how = e.submitter?.value === 'register' ? 'register' : 'log-in'; // Enter in a field means the first: log in
    const nick = ui.accountNick.value.trim();
    const problem = nickProblem(nick);
    if (problem) { fail(ui.accountNick, problem); return; }
    if (!ui.password.value) { fail(ui.password, 'Please enter a password.'); return; }
    // A refusal about the password (too short, or 401: wrong nick or password, which the server never tells apart)
    // is marked on the password; one about the nick (taken, invalid) on the nick.
    attempt(ui.account, how, nick, ui.password.value,
      (err) => (err.status === 401 || err.fields?.includes('password') ? ui.password : ui.accountNick));
  });
}

/** Shows the login screen, saying why it is back when there is a reason. */
export function showLogin(notice) {
  ui.notice.textContent = notice ?? '';
  ui.card.hidden = false;
  ui.nick.focus();
}

export function hideLogin() {
  ui.card.hidden = true;
  ui.notice.textContent = '';
  ui.password.value = '';
}

async function attempt(form, how, nick, password, inputFor) {
  if (form.hasAttribute('aria-busy')) return;
  try {
    const session = await whileBusy(form, () => startSession(how, nick, password));
    try { localStorage.setItem(SAVED_NICK, session.nick); } catch { /* not essential */ }
    clearError(ui.nick);
    clearError(ui.accountNick);
    entered(session);
  } catch (err) {
    fail(inputFor(err), err.message);
  }
}

function fail(input, text) {
  showError(input, text);
  input.focus();
}
