// Line differences between two texts (longest common subsequence; rule files are small), and cell
// differences between two tables.

/** [{kind: 'same'|'added'|'removed', a: line no. in old or null, b: line no. in new or null, text}]. */
export function diffLines(oldText, newText) {
  const a = (oldText ?? '').split('\n');
  const b = (newText ?? '').split('\n');
  if (a.length && a[a.length - 1] === '') a.pop();
  if (b.length && b[b.length - 1] === '') b.pop();
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS of a[i..] and b[j..]
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push({ kind: 'same', a: i + 1, b: j + 1, text: a[i] }); i++; j++; }
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) { out.push({ kind: 'removed', a: i + 1, b: null, text: a[i] }); i++; }
    else { out.push({ kind: 'added', a: null, b: j + 1, text: b[j] }); j++; }
  }
  while (i < n) { out.push({ kind: 'removed', a: i + 1, b: null, text: a[i] }); i++; }
  while (j < m) { out.push({ kind: 'added', a: null, b: j + 1, text: b[j] }); j++; }
  return out;
}

/** The lines of a diff worth showing: changes with `context` unchanged lines around them, gaps marked. */
export function hunks(lines, context = 3) {
  const keep = new Array(lines.length).fill(false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) keep[k] = true;
  });
  const out = [];
  let gap = false;
  lines.forEach((line, index) => {
    if (keep[index]) { out.push(line); gap = false; }
    else if (!gap) { out.push({ kind: 'gap' }); gap = true; }
  });
  return out;
}

/** Cells that differ between two tables (arrays of rows): [{row, col, before, after}]. */
export function diffCells(oldRows, newRows) {
  const changes = [];
  const rows = Math.max(oldRows.length, newRows.length);
  for (let r = 0; r < rows; r++) {
    const a = oldRows[r] || [];
    const b = newRows[r] || [];
    const cols = Math.max(a.length, b.length);
    for (let c = 0; c < cols; c++) {
      const before = a[c] ?? '';
      const after = b[c] ?? '';
      if (before !== after) changes.push({ row: r, col: c, before, after });
    }
  }
  return changes;
}
