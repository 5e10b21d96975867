// sessions-view.js — the "Your sessions" dialog: every device signed in to the account (user
// agent, signed in, last active), "This device" for the current one, revoke for the others,
// and "Log out everywhere".

import { h, icon, modal, formatActivity, formatFull } from './dom.js';

/**
 * @param {{sessions: () => Promise<Array>, revokeSession: (id) => Promise, logoutEverywhere: () => Promise}} actions
 */
export function createSessionsDialog(actions) {
  const list = h('div', { class: 'session-list', role: 'list', testid: 'session-list', 'aria-live': 'polite' });
  const logoutAll = h('button', { type: 'button', class: 'btn btn-danger', testid: 'logout-all-button', onClick: () => actions.logoutEverywhere() },
    icon('logout', 18), 'Log out everywhere');
  const body = h('div', { class: 'modal-body' },
    list,
    h('p', { class: 'session-hint' }, 'Revoking a session signs that device out at once. "Log out everywhere" ends every session, this one included.'),
    h('div', { class: 'modal-actions' },
      h('button', { type: 'button', class: 'btn btn-ghost', onClick: () => el.close() }, 'Close'),
      logoutAll));
  const el = modal('Your sessions', 'Devices signed in to your account, most recently active first.', body);
  let generation = 0; // an answer to an older load is dropped

  async function load() {
    const mine = ++generation;
    list.setAttribute('aria-busy', 'true');
    if (!list.children.length) list.replaceChildren(h('div', { class: 'discover-state' }, h('span', { class: 'spinner' }), 'Loading sessions…'));
    try {
      const sessions = await actions.sessions();
      if (mine !== generation) return;
      list.replaceChildren(...(sessions.length ? sessions.map(row) : [h('div', { class: 'discover-state' }, 'No active sessions.')]));
    } catch (error) {
      if (mine !== generation) return;
      list.replaceChildren(h('div', { class: 'discover-state is-error', testid: 'sessions-error' }, `Could not load your sessions: ${error.message}`,
        h('button', { type: 'button', class: 'btn btn-ghost btn-small', onClick: load }, 'Try again')));
    } finally {
      if (mine === generation) list.removeAttribute('aria-busy');
    }
  }

  function row(s) {
    const agent = s.userAgent || '';
    const revoke = s.current ? null : h('button', { type: 'button', class: 'btn btn-ghost btn-small', testid: 'revoke-session' }, 'Revoke');
    revoke?.addEventListener('click', async () => {
      revoke.disabled = true;
      revoke.classList.add('is-busy');
      try {
        await actions.revokeSession(s.id);
        await load();
      } catch (error) {
        revoke.disabled = false;
        revoke.classList.remove('is-busy');
        revoke.textContent = 'Retry';
        revoke.title = error.message;
      }
    });
    return h('div', { class: `session-row${s.current ? ' is-current' : ''}`, role: 'listitem', testid: 'session', dataset: { sessionId: s.id, current: String(Boolean(s.current)) } },
      h('span', { class: 'session-icon' }, icon('devices', 20)),
      h('div', { class: 'session-text' },
        h('div', { class: 'session-device' }, describeAgent(agent),
          s.current ? h('span', { class: 'session-badge', testid: 'session-current' }, 'This device') : null),
        h('div', { class: 'session-agent', title: agent, testid: 'session-agent' }, agent || 'No user agent given'),
        h('div', { class: 'session-meta' },
          h('span', { title: formatFull(s.createdAt) }, `Signed in ${when(s.createdAt)}`), ' · ',
          h('span', { title: formatFull(s.lastUsedAt) }, `last active ${when(s.lastUsedAt)}`))),
      revoke);
  }

  return {
    el,
    open() {
      list.replaceChildren();
      el.showModal();
      load();
    },
  };
}

function when(iso) {
  if (!iso) return 'at an unknown time';
  const label = formatActivity(iso);
  if (label === 'Yesterday') return 'yesterday';
  return label.includes(':') ? `at ${label}` : `on ${label}`;
}

/** "Chrome on Linux" from a User-Agent; the raw string is shown beneath it. */
function describeAgent(ua) {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua) ? 'Edge'
    : /OPR\//.test(ua) ? 'Opera'
      : /Firefox\//.test(ua) ? 'Firefox'
        : /(HeadlessChrome|Chromium|Chrome|CriOS)\//.test(ua) ? 'Chrome'
          : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android'
    : /iPhone|iPad|iPod/.test(ua) ? 'iOS'
      : /Windows/.test(ua) ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
          : /CrOS/.test(ua) ? 'ChromeOS'
            : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? (ua.length > 40 ? `${ua.slice(0, 40)}…` : ua);
}
