// What the monthly lists and reports share (due lists, the visit report, the complaint analysis): the month they
// open on, and the buttons that download the list as the API also serves it (CSV with a byte order mark, an Excel
// workbook): each asks the list's own address for its type by the Accept header and saves the answer.

import { download } from './api.js';
import { h, busy, toast } from './ui.js';

const TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** The month `offset` months from this one in the browser, as YYYY-MM: -1 the last month (the latest complete one). */
export function monthFromNow(offset) {
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() + offset, 1);
  return `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * The CSV and Excel download buttons of a list: exportButtons('/api/v1/reports/visits', {month}, 'visit-report-2026-11',
 * {csv: 'Export CSV', xlsx: 'Export Excel'}); the file is named name.csv or name.xlsx, a refusal is said in a toast.
 */
export function exportButtons(path, query, name, texts) {
  return Object.entries(TYPES).map(([extension, accept]) => {
    const button = h('button', { type: 'button', class: 'secondary', dataset: { export: extension }, text: texts[extension] });
    button.addEventListener('click', () => busy(button, () => download(path, query, accept, `${name}.${extension}`))
      .catch(e => toast(e.message, 'error')));
    return button;
  });
}
