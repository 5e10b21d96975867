// dom.js — tiny DOM toolkit shared by the views: element builder, icons, formatting.
// Everything user-supplied reaches the page through textContent or attributes set by
// setAttribute, never through innerHTML, so content such as "<script>" shows verbatim.

/**
 * h('div', {class: 'x', testid: 'y', onClick: fn}, child, 'text', [more]) → HTMLElement.
 * Strings become text nodes; null/false children and props are skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'value') el.value = value;
    else if (key === 'style') setStyle(el, String(value));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

// Declarations go through the CSSOM, one property at a time: the gateway's Content-Security-Policy
// (style-src 'self', no 'unsafe-inline') blocks style attributes, not styles set this way.
function setStyle(el, declarations) {
  for (const declaration of declarations.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon > 0) el.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
  }
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace all children of el. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A <dialog> with a title, an optional subtitle, a close button; a click on the backdrop closes it. */
export function modal(title, subtitle, body, onClose) {
  const el = h('dialog', { class: 'modal', 'aria-label': title },
    h('div', { class: 'modal-head' },
      h('div', {}, h('h2', {}, title), subtitle ? h('p', { class: 'modal-sub' }, subtitle) : null),
      h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close', onClick: () => el.close() }, icon('x', 18))),
    body);
  // A click on the backdrop lands on the <dialog> itself: treat it as "close".
  el.addEventListener('click', (event) => {
    if (event.target === el) el.close();
  });
  el.addEventListener('close', () => onClose?.());
  return el;
}

/** The icon of a room: a person for a direct room, a lock for a private one, else a hash. */
export function roomIcon(room) {
  if (room?.kind === 'DIRECT') return 'user';
  return room?.visibility === 'PRIVATE' ? 'lock' : 'hash';
}

// Icons are drawn here as plain path data (24×24, stroked), so nothing is fetched from the network.
const ICONS = {
  plus: ['M12 5v14', 'M5 12h14'],
  x: ['M6 6l12 12', 'M18 6L6 18'],
  menu: ['M4 6h16', 'M4 12h16', 'M4 18h16'],
  search: ['M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14z', 'M20 20l-4.2-4.2'],
  compass: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M15.5 8.5l-2 5-5 2 2-5z'],
  hash: ['M9.5 4L7.5 20', 'M16.5 4l-2 16', 'M4.5 9h16', 'M3.5 15h16'],
  lock: ['M6 11h12v9H6z', 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3'],
  user: ['M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8z', 'M4.5 20a7.5 7.5 0 0 1 15 0'],
  mail: ['M4 6h16v12H4z', 'M4 7l8 6 8-6'],
  send: ['M4.5 11.5L20 4l-7.5 15.5-2-6z', 'M10.5 13.5L20 4'],
  image: ['M4 5h16v14H4z', 'M9 8.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3z', 'M4 17l5-5 4 4 3-3 4 4'],
  clock: ['M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17z', 'M12 7.5V12l3 2'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  checks: ['M2.5 12.5l4.5 4.5 9.5-9.5', 'M12 16.5l.5.5 9.5-9.5'],
  alert: ['M12 3.5a8.5 8.5 0 1 0 0 17a8.5 8.5 0 1 0 0-17z', 'M12 7.5v5.5', 'M12 16.2v.3'],
  retry: ['M19.5 12a7.5 7.5 0 1 1-2.2-5.3', 'M19.5 4v4.5H15'],
  users: ['M9 4.5a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7z', 'M2.5 20a6.5 6.5 0 0 1 13 0', 'M16 4.8a3.5 3.5 0 0 1 0 6.4', 'M18.5 14.2A6.5 6.5 0 0 1 21.5 20'],
  devices: ['M3 5.5A1.5 1.5 0 0 1 4.5 4h11A1.5 1.5 0 0 1 17 5.5V8', 'M11 16H4.5A1.5 1.5 0 0 1 3 14.5v-9', 'M6.5 20H11', 'M8.5 16v4', 'M14.5 10h5a1.5 1.5 0 0 1 1.5 1.5v7a1.5 1.5 0 0 1-1.5 1.5h-5a1.5 1.5 0 0 1-1.5-1.5v-7a1.5 1.5 0 0 1 1.5-1.5z', 'M17 17.5v.01'],
  logout: ['M9.5 20H6a1.5 1.5 0 0 1-1.5-1.5v-13A1.5 1.5 0 0 1 6 4h3.5', 'M15.5 16l4-4-4-4', 'M19.5 12H9.5'],
  leave: ['M14 4h4a1.5 1.5 0 0 1 1.5 1.5v13A1.5 1.5 0 0 1 18 20h-4', 'M9 8l-4 4 4 4', 'M5 12h10'],
  arrowDown: ['M12 5v14', 'M6 13l6 6 6-6'],
  chat: ['M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v7a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A1.5 1.5 0 0 1 4 14.5z'],
};

const SVG_NS = 'http://www.w3.org/2000/svg';

export function icon(name, size = 20) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '1.8');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('icon');
  for (const d of ICONS[name] ?? []) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/** The Parley mark: two overlapping speech bubbles, filled with the accent gradient. */
export function logo(size = 32) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 32 32');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('logo');
  const shapes = [
    ['rect', { x: 0, y: 0, width: 32, height: 32, rx: 9, fill: 'var(--accent)' }],
    ['path', { d: 'M8 10.5A2.5 2.5 0 0 1 10.5 8h8A2.5 2.5 0 0 1 21 10.5v5a2.5 2.5 0 0 1-2.5 2.5H13l-3.5 3v-3.2A2.5 2.5 0 0 1 8 15.5z', fill: '#fff' }],
    ['path', { d: 'M23 13.5h.5A2.5 2.5 0 0 1 26 16v4.5a2.5 2.5 0 0 1-1.5 2.3V25.5L21.5 23H17a2.5 2.5 0 0 1-2.4-1.8', fill: 'none', stroke: '#fff', 'stroke-width': 1.8, 'stroke-linecap': 'round', 'stroke-linejoin': 'round', opacity: 0.75 }],
  ];
  for (const [tag, attrs] of shapes) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.append(el);
  }
  return svg;
}

// ---- formatting -------------------------------------------------------------------------

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekdayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDateFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDateFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const DAY = 24 * 60 * 60 * 1000;
const startOfDay = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

export const formatTime = (iso) => (iso ? timeFmt.format(new Date(iso)) : '');
export const formatFull = (iso) => (iso ? fullFmt.format(new Date(iso)) : '');

/** Compact "last activity" label for the room list: 14:05 / Yesterday / Tue / 12 Mar. */
export function formatActivity(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const days = Math.round((startOfDay(new Date()) - startOfDay(date)) / DAY);
  if (days <= 0) return timeFmt.format(date);
  if (days === 1) return 'Yesterday';
  if (days < 7) return weekdayFmt.format(date);
  return shortDateFmt.format(date);
}

/** Day separator label in the message pane. */
export function formatDay(iso) {
  const date = new Date(iso);
  const days = Math.round((startOfDay(new Date()) - startOfDay(date)) / DAY);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return longDateFmt.format(date);
}

export const sameDay = (a, b) => startOfDay(new Date(a)) === startOfDay(new Date(b));

export function initials(name) {
  const parts = String(name ?? '?').trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** A stable hue per id so a user's avatar keeps its colour everywhere. */
export function hueOf(id) {
  let hash = 0;
  for (const ch of String(id)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

export function avatar(id, name, className = 'avatar') {
  return h('span', { class: className, style: `--hue:${hueOf(id)}`, 'aria-hidden': 'true' }, initials(name));
}

export const formatCount = (n) => (n > 99 ? '99+' : String(n));
