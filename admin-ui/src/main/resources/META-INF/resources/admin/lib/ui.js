// Small DOM helpers shared by the pages: an element builder, tables, pagers, badges, forms with
// field errors, a busy state for buttons, a confirmation dialog and toasts. No inline styles or
// scripts anywhere (the admin UI's Content-Security-Policy allows only its own files).

import { t, label } from './i18n.js';

/**
 * Builds an element: h('button', {class: 'primary', onclick: fn, text: 'Save'}, child, ...).
 * Attributes: class, text, html is NOT supported (no innerHTML from data), dataset: {...}, on* functions,
 * booleans (true sets, false omits), anything else via setAttribute. Children: nodes, strings, arrays, null.
 */
export function h(tag, attrs, ...children) {
  const el = tag.includes(':') || tag === 'svg'
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.replace(/^svg:/, ''))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** A page heading with optional actions on the right. */
export function heading(title, ...actions) {
  return h('div', { class: 'page-head' }, h('h2', { text: title }), h('div', { class: 'actions' }, actions));
}

export function card(...children) {
  return h('section', { class: 'card' }, children);
}

/** A coloured badge for an enum value: badge('grade', 'HIGH_QUALITY'). */
export function badge(kind, value) {
  if (value === null || value === undefined) return h('span', { class: 'muted', text: '-' });
  return h('span', { class: `badge ${kind}-${String(value).toLowerCase().replace(/_/g, '-')}`, text: label(kind, value) });
}

/**
 * A table: columns [{label, value: row => text|Node, class}], rows; options {onRowClick(row), empty: text, rowClass(row),
 * rowData(row) => {key: value} for the row's data attributes}.
 */
export function dataTable(columns, rows, options = {}) {
  const head = h('thead', {}, h('tr', {}, columns.map(c => h('th', { class: c.class, text: c.label }))));
  const body = h('tbody');
  if (!rows || rows.length === 0) {
    body.append(h('tr', { class: 'empty' }, h('td', { colspan: columns.length, text: options.empty || t('common.none') })));
  }
  for (const row of rows || []) {
    const tr = h('tr', { class: options.rowClass ? options.rowClass(row) : null, dataset: options.rowData ? options.rowData(row) : undefined });
    for (const c of columns) {
      const value = c.value(row);
      tr.append(h('td', { class: c.class, dataset: c.key ? { col: c.key } : undefined }, value === null || value === undefined ? '-' : value));
    }
    if (options.onRowClick) {
      tr.classList.add('clickable');
      tr.tabIndex = 0;
      tr.addEventListener('click', () => options.onRowClick(row));
      tr.addEventListener('keydown', e => { if (e.key === 'Enter') options.onRowClick(row); });
    }
    body.append(tr);
  }
  return h('div', { class: 'table-wrap' }, h('table', { class: options.class || 'data' }, head, body));
}

/** A two-column table of label/value pairs: definitions([[label, value], ...]). */
export function definitions(pairs) {
  return h('table', { class: 'definitions' }, h('tbody', {}, pairs.map(([k, v]) =>
    h('tr', {}, h('th', { text: k }), h('td', {}, v === null || v === undefined || v === '' ? '-' : v)))));
}

/** Previous / next paging for {items, total} answers. onPage(newPage) is called with the 0-based page. */
export function pager(total, page, size, onPage) {
  const pages = Math.max(1, Math.ceil(total / size));
  return h('div', { class: 'pager' },
    h('button', { type: 'button', class: 'secondary', disabled: page <= 0, onclick: () => onPage(page - 1), text: t('common.previous') }),
    h('span', { class: 'muted', text: t('common.pageOf', { page: page + 1, pages, total }) }),
    h('button', { type: 'button', class: 'secondary', disabled: page + 1 >= pages, onclick: () => onPage(page + 1), text: t('common.next') }));
}

/** A labelled form field; the input's name is what field errors are matched on. */
export function field(text, input, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label', text }), input,
    hint ? h('small', { class: 'hint', text: hint }) : null,
    h('small', { class: 'field-error', role: 'alert' }));
}

/** The values of a form's named controls; '' becomes null; names with dots make nested objects. */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button') continue;
    let value = el.type === 'checkbox' ? el.checked : el.value.trim();
    if (value === '') value = null;
    if (value !== null && el.type === 'number') value = Number(value);
    const path = el.name.split('.');
    let target = values;
    for (const part of path.slice(0, -1)) target = target[part] ??= {};
    target[path[path.length - 1]] = value;
  }
  return values;
}

export function clearErrors(container) {
  container.querySelectorAll('.invalid').forEach(el => el.classList.remove('invalid'));
  container.querySelectorAll('.field-error').forEach(el => { el.textContent = ''; });
  container.querySelectorAll('.form-error').forEach(el => { el.replaceChildren(); el.hidden = true; });
}

/**
 * Shows an API error inside a form or section: each {field, message} next to the control of that name,
 * the rest (and the problem's detail) in the container's .form-error box (created when missing).
 * The user's input stays as it is.
 */
export function showError(container, error) {
  clearErrors(container);
  const rest = [];
  for (const e of error.errors || []) {
    const control = container.querySelector(`[name="${CSS.escape(e.field)}"]`)
      || container.querySelector(`[name$=".${CSS.escape(String(e.field).split('.').pop())}"]`);
    if (control) {
      control.classList.add('invalid');
      const slot = control.closest('.field')?.querySelector('.field-error');
      if (slot) slot.textContent = e.message; else rest.push(`${e.field}: ${e.message}`);
    } else {
      rest.push(`${e.field}: ${e.message}`);
    }
  }
  let box = container.querySelector(':scope .form-error');
  if (!box) {
    box = h('div', { class: 'form-error', role: 'alert' });
    container.prepend(box);
  }
  const message = errorMessage(error);
  box.replaceChildren(...[h('strong', { text: message }), rest.length ? h('ul', {}, rest.map(r => h('li', { text: r }))) : null].filter(Boolean));
  box.hidden = false;
  const firstInvalid = container.querySelector('.invalid');
  if (firstInvalid) firstInvalid.focus();
}

/** A readable sentence for an error, by HTTP status when the problem says nothing useful. */
export function errorMessage(error) {
  if (!error || error.status === undefined) return String(error && error.message || error);
  if (error.status === 400 && error.errors && error.errors.length) return t('error.invalid');
  const known = { 0: 'error.network', 400: 'error.badRequest', 401: 'error.unauthorized', 403: 'error.forbidden', 404: 'error.notFound', 409: 'error.conflict' };
  const prefix = known[error.status] ? t(known[error.status]) : t('error.status', { status: error.status });
  const detail = error.problem && error.problem.detail;
  return detail ? `${prefix} ${detail}` : prefix;
}

/** An error box for a whole page section (the part that failed to load). */
export function errorBox(error) {
  return h('div', { class: 'form-error', role: 'alert' }, h('strong', { text: errorMessage(error) }));
}

/** Runs work while the button shows it is busy (disabled, spinner); returns the work's result. */
export async function busy(button, work) {
  button.disabled = true;
  button.classList.add('busy');
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.classList.remove('busy');
    button.removeAttribute('aria-busy');
  }
}

/** A progress bar for a fraction 0..1 (null: indeterminate). */
export function progressBar(fraction, text) {
  const bar = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 });
  const fill = h('div', { class: 'progress-fill' });
  bar.append(fill, h('span', { class: 'progress-text', text: text || '' }));
  setProgress(bar, fraction, text);
  return bar;
}

export function setProgress(bar, fraction, text) {
  const fill = bar.querySelector('.progress-fill');
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) {
    bar.classList.add('indeterminate');
    bar.removeAttribute('aria-valuenow');
  } else {
    const percent = Math.max(0, Math.min(100, fraction * 100));
    bar.classList.remove('indeterminate');
    fill.style.width = `${percent}%`;
    bar.setAttribute('aria-valuenow', Math.round(percent));
  }
  if (text !== undefined) bar.querySelector('.progress-text').textContent = text;
}

/**
 * Asks for confirmation in a modal dialog; resolves true (confirmed) or false. With withNote the user
 * types a note, and the promise resolves to the note (or null when cancelled); required notes must not be blank.
 */
export function confirmDialog(message, { confirmText, danger = false, withNote = false, noteRequired = false, noteLabel } = {}) {
  return new Promise(resolve => {
    const note = withNote ? h('textarea', { name: 'note', rows: 3, maxlength: 1000, required: noteRequired }) : null;
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : 'primary', text: confirmText || t('common.confirm') });
    const cancel = h('button', { type: 'button', class: 'secondary', text: t('common.cancel') });
    const form = h('form', { method: 'dialog', class: 'dialog-form', novalidate: true },
      h('p', { text: message }),
      note ? field(noteLabel || t('common.note'), note) : null,
      h('div', { class: 'actions' }, cancel, ok));
    const dialog = h('dialog', { class: 'confirm' }, form);
    const finish = value => { dialog.close(); dialog.remove(); resolve(value); };
    cancel.addEventListener('click', () => finish(withNote ? null : false));
    dialog.addEventListener('cancel', e => { e.preventDefault(); finish(withNote ? null : false); });
    form.addEventListener('submit', e => {
      e.preventDefault();
      if (withNote) {
        const text = note.value.trim();
        if (noteRequired && !text) { note.classList.add('invalid'); note.focus(); return; }
        finish(text);
      } else {
        finish(true);
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    (note || ok).focus();
  });
}

/** A short message at the bottom of the window that goes away by itself. */
export function toast(message, kind = 'info') {
  let tray = document.getElementById('toasts');
  if (!tray) {
    tray = h('div', { id: 'toasts', 'aria-live': 'polite' });
    document.body.append(tray);
  }
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status', text: message });
  tray.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** Calls fn every ms milliseconds until it returns false or the element leaves the page. */
export function poll(element, ms, fn) {
  let stopped = false;
  const tick = async () => {
    if (stopped || !element.isConnected) return;
    let again = true;
    try { again = await fn(); } catch (e) { again = true; }
    if (again !== false && element.isConnected) setTimeout(tick, ms);
  };
  setTimeout(tick, ms);
  return () => { stopped = true; };
}
