// The signed-in person's controls in the header: log out, and for a registered nick, change the password.

import { logOut, changePassword } from './session.js';
import { showError, clearError, clearOnInput, whileBusy } from './fields.js';

const $ = (id) => document.getElementById(id);
const ui = {
  controls: $('account'), change: $('change-password'), logout: $('logout'),
  dialog: $('password-dialog'), form: $('password-form'),
  current: $('current-password'), next: $('new-password'), cancel: $('cancel-password'),
};

/** Wires the controls; said(text) puts a line in the chat (a success, or why logging out failed). */
export function startAccount(said) {
  ui.logout.addEventListener('click', async () => {
    ui.logout.disabled = true;
    try {
      await logOut(); // reloads the page into the login screen
    } catch (err) {
      said(`Could not log out: ${err.message}`);
      ui.logout.disabled = false;
    }
  });

  ui.change.addEventListener('click', () => ui.dialog.showModal());
  ui.cancel.addEventListener('click', () => ui.dialog.close());
  // However it closes (Save, Cancel, Escape), no password stays in the page.
  ui.dialog.addEventListener('close', () => {
    ui.form.reset();
    clearError(ui.current);
  });
  clearOnInput(ui.form);

  ui.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (ui.form.hasAttribute('aria-busy')) return;
    if (!ui.current.value) { fail(ui.current, 'Please enter your current password.'); return; }
    if (!ui.next.value) { fail(ui.next, 'Please enter a new password.'); return; }
    try {
      await whileBusy(ui.form, () => changePassword(ui.current.value, ui.next.value));
      ui.dialog.close();
      said('Your password has been changed.');
    } catch (err) {
      fail(err.status === 401 ? ui.current : ui.next, err.message); // 401: the current password was wrong
    }
  });
}

/** Shows the controls for this session: changing a password only where there is one. */
export function showAccount(session) {
  ui.controls.hidden = false;
  ui.change.hidden = session.kind !== 'registered';
}

function fail(input, text) {
  showError(input, text);
  input.focus();
}
