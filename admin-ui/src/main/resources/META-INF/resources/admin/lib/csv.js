// CSV as the rule engine reads it (RFC 4180: commas, double quotes doubled inside quoted cells,
// line breaks inside quotes). parse and stringify round-trip a file unchanged when no cell changes.

/** The rows of a CSV text, each an array of cell strings. */
export function parse(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      cell += c; i++; continue;
    }
    if (c === '"' && cell === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (c === '\n' || c === '\r') { row.push(cell); rows.push(row); row = []; cell = ''; i++; continue; }
    cell += c; i++;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** A cell as CSV: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function quote(cell) {
  const text = cell ?? '';
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text of rows, every row padded to the widest, ending with a line break. */
export function stringify(rows) {
  const width = Math.max(0, ...rows.map(r => r.length));
  return rows.map(r => {
    const cells = r.slice();
    while (cells.length < width) cells.push('');
    return cells.map(quote).join(',');
  }).join('\n') + '\n';
}

/** The spreadsheet name of a column: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index) {
  let name = '';
  let n = index + 1;
  while (n > 0) { const r = (n - 1) % 26; name = String.fromCharCode(65 + r) + name; n = Math.floor((n - 1) / 26); }
  return name;
}

/** {row, col} (0-based) of a cell reference such as "D11"; null when it is not one. */
export function cellOf(reference) {
  const match = /^([A-Z]+)(\d+)$/.exec(String(reference || '').trim().toUpperCase());
  if (!match) return null;
  let col = 0;
  for (const ch of match[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}
