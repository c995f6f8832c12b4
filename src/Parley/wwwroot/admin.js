// The admins' tools, only for a session the server says is an admin's: a Moderate button in the header opens a
// dialog with who is online on this server (kick a nick, ban it or one of its addresses for a chosen time) and
// the bans in force (lift one); every message line gets a Delete button. The server checks every request; this
// only offers them. Everything from the server goes in as text.

import { callApi, Refusal } from './problems.js';

const $ = (id) => document.getElementById(id);
const ui = {
  open: $('moderate'), dialog: $('admin'), close: $('admin-close'), refresh: $('admin-refresh'),
  minutes: $('ban-minutes'), online: $('admin-online'), elsewhere: $('admin-elsewhere'),
  bans: $('admin-bans'), status: $('admin-status'),
};

let said = () => {};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

function button(text, label, action) {
  const b = el('button', 'small', text);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.addEventListener('click', () => act(b, action));
  return b;
}

/** Runs one admin request from a button: says what came of it and shows the lists again. */
async function act(b, action) {
  b.disabled = true;
  try {
    ui.status.textContent = await action();
  } catch (err) {
    ui.status.textContent = err.message;
  } finally {
    b.disabled = false;
  }
  await refresh();
}

async function call(method, url, payload) {
  const answer = await callApi(method, url, payload);
  if (!answer.ok) throw new Refusal(answer);
  return answer.body;
}

const untilText = (until) => {
  const at = new Date(until);
  return Number.isNaN(at.getTime()) ? String(until) : at.toLocaleString();
};

function ban(target, what) {
  const minutes = Number(ui.minutes.value);
  return async () => {
    const made = await call('POST', '/api/admin/bans', { ...target, minutes });
    return `${what} is banned until ${untilText(made.until)}.`;
  };
}

function showOnline(online) {
  const rows = (online?.nicks ?? []).map(({ nick, streams }) => {
    const li = el('li', 'admin-row');
    const name = String(nick);
    const list = Array.isArray(streams) ? streams : [];
    li.append(el('span', 'who', name), ' ', el('span', 'aside', `${list.length} stream${list.length === 1 ? '' : 's'}`), ' ');
    li.append(
      button('Kick', `Kick ${name}`, async () => {
        await call('POST', '/api/admin/kicks', { nick: name });
        return `${name} was kicked.`;
      }),
      ' ',
      button('Ban', `Ban ${name}`, ban({ nick: name }, name)),
    );
    const addresses = [...new Set(list.map((s) => String(s.address)))].filter((a) => a !== 'unknown');
    if (addresses.length) {
      const sub = el('ul', 'admin-addresses');
      for (const address of addresses) {
        const formats = list.filter((s) => String(s.address) === address).map((s) => String(s.format)).join(', ');
        const item = el('li', null, `${address} (${formats}) `);
        item.append(button('Ban address', `Ban address ${address}`, ban({ address }, address)));
        sub.append(item);
      }
      li.append(sub);
    }
    return li;
  });
  ui.online.replaceChildren(...(rows.length ? rows : [el('li', 'aside', 'Nobody is online on this server.')]));
  const elsewhere = (online?.elsewhere ?? []).map(String);
  ui.elsewhere.textContent = elsewhere.length ? `Online on other servers: ${elsewhere.join(', ')}` : '';
}

function showBans(bans) {
  const rows = (Array.isArray(bans) ? bans : []).map((b) => {
    const target = b.nick != null ? String(b.nick) : `address ${b.address}`;
    const li = el('li', 'admin-row', `${target} until ${untilText(b.until)} (by ${b.by}) `);
    li.append(button('Lift', `Lift the ban on ${target}`, async () => {
      await call('DELETE', `/api/admin/bans/${encodeURIComponent(b.id)}`);
      return `The ban on ${target} is lifted.`;
    }));
    return li;
  });
  ui.bans.replaceChildren(...(rows.length ? rows : [el('li', 'aside', 'No bans in force.')]));
}

async function refresh() {
  try {
    const [online, bans] = await Promise.all([call('GET', '/api/admin/online'), call('GET', '/api/admin/bans')]);
    showOnline(online);
    showBans(bans);
  } catch (err) {
    ui.status.textContent = err.message;
  }
}

/** Shows the admin tools when the session is an admin's; said(text) puts a line in the chat. */
export function startAdmin(session, onSaid) {
  if (!session.admin || !ui.open.hidden) return;
  said = onSaid;
  ui.open.hidden = false;
  ui.open.addEventListener('click', () => {
    ui.status.textContent = '';
    ui.dialog.showModal();
    refresh();
  });
  ui.close.addEventListener('click', () => ui.dialog.close());
  ui.refresh.addEventListener('click', () => refresh());
}

/** A Delete button for a message line, or null for someone who is no admin. */
export function deleteButtonFor(id, describedAs) {
  if (ui.open.hidden || id == null) return null;
  const b = el('button', 'small delete', 'Delete');
  b.type = 'button';
  b.setAttribute('aria-label', `Delete ${describedAs}`);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await call('DELETE', `/api/admin/messages/${encodeURIComponent(id)}`);
      b.closest('li')?.remove();
    } catch (err) {
      said(`Could not delete the message: ${err.message}`);
      b.disabled = false;
    }
  });
  return b;
}
