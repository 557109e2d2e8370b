// Two languages, zh-CN (the default) and en, chosen by the user and remembered in localStorage.
// The shell and every page register their own dictionaries; t() looks a key up in the chosen
// language, then in English, then shows the key itself (so a missing text is visible, not blank).

const dictionaries = { 'zh-CN': {}, en: {} };
export const languages = ['zh-CN', 'en'];
let current = localStorage.getItem('lang');
if (!languages.includes(current)) current = 'zh-CN';

/** Adds texts: { 'zh-CN': { key: '...' }, en: { key: '...' } }. */
export function register(texts) {
  for (const lang of languages) Object.assign(dictionaries[lang], texts[lang] || {});
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  if (!languages.includes(lang)) return;
  current = lang;
  localStorage.setItem('lang', lang);
  document.documentElement.lang = lang;
}

/** The text of a key, with {name} placeholders filled from vars. */
export function t(key, vars) {
  const text = dictionaries[current][key] ?? dictionaries.en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (vars[name] ?? m)) : text;
}

/** The label of an enum value, e.g. label('grade', 'HIGH_QUALITY'); the value itself when none is known. */
export function label(kind, value) {
  if (value === null || value === undefined || value === '') return '-';
  const key = `enum.${kind}.${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}

/** Fills every [data-i18n] element under root with its text (static parts of the page). */
export function translate(root = document) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
}

export function formatNumber(n, digits) {
  if (n === null || n === undefined) return '-';
  return Number(n).toLocaleString(current, digits === undefined ? {} : { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A share 0..1 as a percentage, to a tenth of a percent (0.0856 -> "8.6%"). */
export function formatPercent(share) {
  if (share === null || share === undefined) return '-';
  return Number(share).toLocaleString(current, { style: 'percent', maximumFractionDigits: 1 });
}

export function formatMoney(n) {
  if (n === null || n === undefined) return '-';
  return Number(n).toLocaleString(current, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 });
}

/** An ISO instant shown in the browser's time zone, to the second. */
export function formatTime(iso) {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(current, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
