// A spreadsheet-like grid for decision tables and scenario files: column letters and row numbers as in
// a spreadsheet (so "D11" in a lint finding is where the analyst looks), one input per cell, rows
// inserted and deleted, findings marked at their cells. The technical rows of a Drools table (RuleSet,
// Import, RuleTable, CONDITION/ACTION, the code row) are shown muted so the analyst's rows stand out.

import { h } from './ui.js';
import { columnName } from './csv.js';

const KEYWORD_ROW = /^(RuleSet|Import|Notes|Variables|Functions|Sequential|RuleTable.*|Queries|Declare)$/i;
const TYPE_ROW = /^(NAME|PRIORITY|CONDITION|ACTION|DESCRIPTION|NO-LOOP|SALIENCE|ACTIVATION-GROUP|AGENDA-GROUP|METADATA|TIMER|CALENDARS)$/i;

/** Which rows are technical: the table keywords, the column-type row and the code row under it. */
function rowKinds(rows) {
  const kinds = rows.map(() => null);
  rows.forEach((row, r) => {
    const first = (row[0] || '').trim();
    if (KEYWORD_ROW.test(first)) kinds[r] = 'technical';
    if (row.some(cell => TYPE_ROW.test((cell || '').trim())) && row.filter(c => (c || '').trim()).every(c => TYPE_ROW.test(c.trim()))) {
      kinds[r] = 'technical';
      if (r + 1 < rows.length) kinds[r + 1] = 'technical';   // object types
      if (r + 2 < rows.length) kinds[r + 2] = 'technical';   // code
      if (r + 3 < rows.length) kinds[r + 3] = 'labels';      // the analysts' column names
    }
  });
  return kinds;
}

/**
 * gridEditor(rows, {readOnly, onChange(rows), label}) → {element, rows(), markCells([{row, col, message, severity}]),
 * focusCell(row, col)}. Rows and columns are 0-based; the grid shows them 1-based and lettered.
 */
export function gridEditor(initialRows, options = {}) {
  let rows = initialRows.map(r => r.slice());
  let marks = new Map();
  let selected = -1;
  const table = h('table', { class: 'grid' });
  const toolbar = options.readOnly ? null : h('div', { class: 'grid-tools' },
    h('button', { type: 'button', class: 'secondary small', dataset: { action: 'insert-row' }, text: options.texts?.insertRow || '+ row', onclick: () => insertRow() }),
    h('button', { type: 'button', class: 'secondary small', dataset: { action: 'delete-row' }, text: options.texts?.deleteRow || '- row', onclick: () => deleteRow() }));
  const element = h('div', { class: 'grid-editor' }, toolbar, h('div', { class: 'grid-scroll' }, table));

  function width() {
    return Math.max(1, ...rows.map(r => r.length));
  }

  function changed() {
    if (options.onChange) options.onChange(rows);
  }

  function render() {
    const cols = width();
    const kinds = rowKinds(rows);
    // Columns as wide as the analyst's cells (labels and data, not the long technical code), within bounds.
    const sizes = [];
    const sized = rows.filter((r, i) => kinds[i] !== 'technical');
    for (let c = 0; c < cols; c++) {
      sizes[c] = Math.min(30, Math.max(6, ...(sized.length ? sized : rows).map(r => (r[c] || '').length + 1)));
    }
    const head = h('thead', {}, h('tr', {}, h('th', { class: 'corner' }),
      Array.from({ length: cols }, (_, c) => h('th', { class: 'col-name', text: columnName(c) }))));
    const body = h('tbody', {}, rows.map((row, r) => h('tr', { class: [kinds[r] ? `row-${kinds[r]}` : null, r === selected ? 'selected' : null], dataset: { row: r } },
      h('th', { class: 'row-number', text: r + 1 }),
      Array.from({ length: cols }, (_, c) => {
        const key = `${r}:${c}`;
        const mark = marks.get(key);
        const input = h('input', { type: 'text', value: row[c] ?? '', size: sizes[c], readonly: !!options.readOnly,
          spellcheck: 'false', 'aria-label': `${columnName(c)}${r + 1}`, dataset: { row: r, col: c }, title: mark ? mark.message : (row[c] || null) });
        return h('td', { class: [mark ? `marked-${mark.severity || 'error'}` : null], dataset: { cell: `${columnName(c)}${r + 1}` } }, input);
      }))));
    table.replaceChildren(head, body);
  }

  table.addEventListener('input', event => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const r = Number(input.dataset.row);
    const c = Number(input.dataset.col);
    while (rows[r].length <= c) rows[r].push('');
    rows[r][c] = input.value;
    input.title = input.value;
    changed();
  });
  table.addEventListener('focusin', event => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    selected = Number(input.dataset.row);
    table.querySelectorAll('tr.selected').forEach(tr => tr.classList.remove('selected'));
    input.closest('tr').classList.add('selected');
  });
  table.addEventListener('keydown', event => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const r = Number(input.dataset.row);
    const c = Number(input.dataset.col);
    const moves = { ArrowUp: -1, ArrowDown: 1, Enter: 1 };
    if (moves[event.key] !== undefined) {
      event.preventDefault();
      focusCell(r + moves[event.key], c);
    }
  });

  function insertRow() {
    const at = selected >= 0 ? selected + 1 : rows.length;
    rows.splice(at, 0, new Array(width()).fill(''));
    selected = at;
    shiftMarks(at, 1);
    render();
    focusCell(at, 0);
    changed();
  }

  function deleteRow() {
    if (selected < 0 || selected >= rows.length) return;
    rows.splice(selected, 1);
    shiftMarks(selected, -1);
    selected = Math.min(selected, rows.length - 1);
    render();
    changed();
  }

  function shiftMarks(from, by) {
    const next = new Map();
    for (const [key, mark] of marks) {
      const [r, c] = key.split(':').map(Number);
      if (r < from) next.set(key, mark);
      else if (by > 0 || r > from) next.set(`${r + by}:${c}`, mark);
    }
    marks = next;
  }

  function focusCell(r, c) {
    const input = table.querySelector(`input[data-row="${r}"][data-col="${c}"]`);
    if (input) { input.focus(); input.select(); input.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
  }

  render();
  return {
    element,
    rows: () => rows.map(r => r.slice()),
    setRows(next) { rows = next.map(r => r.slice()); render(); },
    /** Marks cells (0-based) with a message; an empty list clears the marks. */
    markCells(list) {
      marks = new Map();
      for (const mark of list || []) if (mark.row >= 0 && mark.col >= 0) marks.set(`${mark.row}:${mark.col}`, mark);
      render();
    },
    focusCell
  };
}
