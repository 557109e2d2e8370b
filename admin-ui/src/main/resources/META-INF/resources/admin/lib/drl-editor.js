// An editor for DRL (and other text files of a pack): line numbers, syntax highlighting, errors
// marked at their lines. A transparent textarea lies over a highlighted copy of its text, so typing,
// selection, undo and the clipboard are the browser's own; the copy follows every change and scroll.

import { h } from './ui.js';

const KEYWORDS = new Set(['package', 'import', 'rule', 'when', 'then', 'end', 'salience', 'no-loop', 'not', 'exists',
  'eval', 'insert', 'insertLogical', 'modify', 'retract', 'delete', 'update', 'global', 'function', 'query', 'declare',
  'dialect', 'agenda-group', 'activation-group', 'lock-on-active', 'enabled', 'from', 'collect', 'accumulate',
  'forall', 'over', 'and', 'or', 'this', 'extends', 'new', 'return', 'if', 'else', 'for', 'true', 'false', 'null',
  'matches', 'memberOf', 'contains', 'in', 'instanceof', 'ruleflow-group', 'timer', 'duration']);

const TOKEN = /(\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)|(@[A-Za-z_][\w]*)|(\$[A-Za-z_]\w*)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][\w-]*)/g;

/** Tokens [{text, kind}] of a DRL text; kind null is plain text. */
export function tokenize(text) {
  const tokens = [];
  let last = 0;
  TOKEN.lastIndex = 0;
  let match;
  while ((match = TOKEN.exec(text)) !== null) {
    if (match.index > last) tokens.push({ text: text.slice(last, match.index), kind: null });
    let kind = null;
    let word = match[0];
    if (match[1]) kind = 'comment';
    else if (match[2]) kind = 'string';
    else if (match[3]) kind = 'annotation';
    else if (match[4]) kind = 'variable';
    else if (match[5]) kind = 'number';
    else if (match[6]) {
      if (KEYWORDS.has(word)) kind = 'keyword';
      else if (/^[A-Z]/.test(word)) kind = 'type';
      else if (word.includes('-')) {
        // "no-loop" is a keyword but "a-b" in an expression is a subtraction: split such words.
        const first = word.split('-')[0];
        TOKEN.lastIndex = match.index + first.length;
        word = first;
        kind = KEYWORDS.has(word) ? 'keyword' : (/^[A-Z]/.test(word) ? 'type' : null);
      }
    }
    tokens.push({ text: word, kind });
    last = match.index + word.length;
  }
  if (last < text.length) tokens.push({ text: text.slice(last), kind: null });
  return tokens;
}

/** The highlighted lines of a text: one element per line holding its token spans. */
function highlightedLines(text, highlight) {
  const lines = [[]];
  for (const token of highlight ? tokenize(text) : [{ text, kind: null }]) {
    const parts = token.text.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part) lines[lines.length - 1].push(token.kind ? h('span', { class: `tok-${token.kind}`, text: part }) : part);
    });
  }
  return lines;
}

/**
 * Creates an editor: codeEditor(text, {readOnly, highlight (default true), onChange(text)}).
 * Returns {element, value(), setValue(text), markErrors([{line, message, severity}]), goToLine(n)}.
 */
export function codeEditor(text, options = {}) {
  const highlight = options.highlight !== false;
  const gutter = h('div', { class: 'code-gutter', 'aria-hidden': 'true' });
  const code = h('pre', { class: 'code-highlight', 'aria-hidden': 'true' });
  const input = h('textarea', { class: 'code-input', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off',
    wrap: 'off', 'aria-label': options.label || 'code', readonly: !!options.readOnly });
  input.value = text ?? '';
  const area = h('div', { class: 'code-area' }, code, input);
  const element = h('div', { class: ['code-editor', options.readOnly ? 'read-only' : null] }, gutter, area);
  let marks = new Map();

  function render() {
    const lines = highlightedLines(input.value, highlight);
    code.replaceChildren(...lines.map((parts, index) => {
      const mark = marks.get(index + 1);
      return h('span', { class: ['code-line', mark ? `marked-${mark.severity || 'error'}` : null] }, parts.length ? parts : '\u200b');
    }));
    gutter.replaceChildren(...lines.map((parts, index) => {
      const mark = marks.get(index + 1);
      return h('div', { class: ['line-number', mark ? `marked-${mark.severity || 'error'}` : null], title: mark ? mark.message : null,
        dataset: { line: index + 1 }, text: index + 1 });
    }));
    syncScroll();
  }

  function syncScroll() {
    code.style.transform = `translate(${-input.scrollLeft}px, ${-input.scrollTop}px)`;
    gutter.scrollTop = input.scrollTop;
  }

  input.addEventListener('input', () => { render(); if (options.onChange) options.onChange(input.value); });
  input.addEventListener('scroll', syncScroll);
  input.addEventListener('keydown', event => {
    if (options.readOnly) return;
    if (event.key === 'Tab' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      replaceSelection('    ');
    } else if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      const before = input.value.slice(0, input.selectionStart);
      const indent = /(^|\n)([ \t]*)[^\n]*$/.exec(before)[2];
      replaceSelection('\n' + indent);
    }
  });

  function replaceSelection(text) {
    // execCommand keeps the browser's undo history; setRangeText is the fallback.
    if (!document.execCommand || !document.execCommand('insertText', false, text)) {
      input.setRangeText(text, input.selectionStart, input.selectionEnd, 'end');
      input.dispatchEvent(new Event('input'));
    }
  }

  render();
  return {
    element,
    input,
    value: () => input.value,
    setValue(value) { input.value = value; render(); },
    /** Marks lines (1-based) with a message; an empty list clears the marks. */
    markErrors(list) {
      marks = new Map();
      for (const mark of list || []) if (mark.line > 0 && !marks.has(mark.line)) marks.set(mark.line, mark);
      render();
    },
    goToLine(line) {
      const lines = input.value.split('\n');
      const offset = lines.slice(0, Math.max(0, line - 1)).reduce((sum, l) => sum + l.length + 1, 0);
      input.focus();
      input.setSelectionRange(offset, offset + (lines[line - 1] || '').length);
      const lineHeight = parseFloat(getComputedStyle(input).lineHeight) || 20;
      input.scrollTop = Math.max(0, (line - 5) * lineHeight);
      syncScroll();
    }
  };
}
