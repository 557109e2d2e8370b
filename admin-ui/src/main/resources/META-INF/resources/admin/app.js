// The admin UI's shell: sign-in, the navigation offered to the user's roles, the language switch and
// a hash router (#/page/param?query) that hands each page its part of the screen.
//
// A page is a module under pages/ whose default export is
//   { id, roles: [...], nav: 'i18n key', text: {'zh-CN': {...}, en: {...}},
//     navRoles: [...]?, render(view, ctx), languageChanged(view, ctx)? }
// ctx = { user: {username, roles, branchCode}, params: [...path segments after the id], query: URLSearchParams,
//         can(...roles), navigate(path, query), guard(() => 'unsaved changes?'), rerender() }.
// render fills view (an empty element). A page that holds unsaved input registers a guard so the
// shell asks before leaving it, and may implement languageChanged to translate in place instead of
// being rendered again (which would lose the input). navRoles, when given, are the roles the page is
// offered to in the navigation (the others reach it by links, e.g. a manager's book from the register);
// the first page offered is where a user lands.

import { api, setCredentials, clearCredentials, hasCredentials, whenUnauthorized } from './lib/api.js';
import { signInOptions, startSignOn, finishSignOn, SignOnError } from './lib/sso.js';
import { register, t, translate, language, setLanguage, formatTime } from './lib/i18n.js';
import { h, errorBox, confirmDialog, field, showError, clearErrors, toast } from './lib/ui.js';
import shellText from './lib/text.js';
import dashboard from './pages/dashboard.js';
import customers from './pages/customers.js';
import packs from './pages/packs.js';
import blacklist from './pages/blacklist.js';
import warnings from './pages/warnings.js';
import identity from './pages/identity.js';
import dueLists from './pages/duelists.js';
import batch from './pages/batch.js';
import audit from './pages/audit.js';
import book from './pages/book.js';
import managers from './pages/managers.js';
import assignments from './pages/assignments.js';
import visitReport from './pages/visitreport.js';
import complaints from './pages/complaints.js';
import complaintReport from './pages/complaintreport.js';

// The book first: an account manager's morning page is where they land.
const pages = [book, dashboard, customers, packs, blacklist, warnings, complaints, identity, dueLists, managers, assignments, visitReport,
  complaintReport, batch, audit];
register(shellText);
pages.forEach(page => register(page.text || {}));

const $ = id => document.getElementById(id);
let user = null;
let guard = null;
let currentPage = null;
let currentCtx = null;
let renderCount = 0;

function can(...roles) {
  return !!user && user.roles.some(role => roles.includes(role));
}

function allowedPages() {
  return pages.filter(page => can(...page.roles));
}

function navPages() {
  return allowedPages().filter(page => can(...(page.navRoles || page.roles)));
}

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, queryText] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { id: parts[0], params: parts.slice(1), query: new URLSearchParams(queryText || '') };
}

export function hashOf(path, query) {
  let hash = path.startsWith('#') ? path : `#/${path.replace(/^\//, '')}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') params.append(k, v);
    if (params.toString()) hash += `?${params}`;
  }
  return hash;
}

function navigate(path, query) {
  const hash = hashOf(path, query);
  if (location.hash === hash) route(); else location.hash = hash;
}

function renderNav() {
  const nav = $('pages');
  nav.replaceChildren(...navPages().map(page =>
    h('a', { href: `#/${page.id}`, dataset: { page: page.id }, text: t(page.nav) })));
  markCurrent();
}

function markCurrent() {
  document.querySelectorAll('#pages a').forEach(a => a.classList.toggle('current', currentPage && a.dataset.page === currentPage.id));
}

let lastHash = location.hash;

async function route() {
  if (!user) return;
  const { id, params, query } = parseHash();
  const page = allowedPages().find(p => p.id === id);
  if (!page) {
    const offered = navPages();
    if (offered.length) { location.replace(hashOf(offered[0].id)); return; }
    $('view').replaceChildren(h('section', { class: 'card' }, h('p', { text: t('shell.noPages') })));
    return;
  }
  guard = null;
  currentPage = page;
  lastHash = location.hash;
  markCurrent();
  const view = h('div', { class: `page page-${page.id}` });
  $('view').replaceChildren(view);
  const mine = ++renderCount;
  currentCtx = { user, params, query, can, navigate, guard: fn => { guard = fn; }, rerender: route,
    current: () => mine === renderCount };
  document.title = `${t(page.nav)} · ${t('shell.title')}`;
  try {
    await page.render(view, currentCtx);
  } catch (e) {
    if (mine === renderCount) view.replaceChildren(errorBox(e));
    console.error(e);
  }
}

window.addEventListener('hashchange', async () => {
  if (guard && guard() && location.hash !== lastHash) {
    const target = location.hash;
    history.replaceState(null, '', lastHash);
    if (!(await confirmDialog(t('shell.unsaved'), { confirmText: t('shell.leave'), danger: true }))) return;
    guard = null;
    history.replaceState(null, '', target);
  }
  route();
});

window.addEventListener('beforeunload', event => {
  if (guard && guard()) { event.preventDefault(); event.returnValue = ''; }
});

function applyLanguage() {
  document.documentElement.lang = language();
  translate(document);
  $('lang').textContent = t('shell.switchLanguage');
  $('lang').setAttribute('aria-label', t('shell.switchLanguageLabel'));
  document.title = t('shell.title');
}

$('lang').addEventListener('click', () => {
  setLanguage(language() === 'en' ? 'zh-CN' : 'en');
  applyLanguage();
  if (!user) return;
  renderNav();
  if (currentPage && currentPage.languageChanged) {
    currentPage.languageChanged($('view').firstElementChild, currentCtx);
  } else {
    route();
  }
});

function showSignIn(message) {
  user = null;
  document.getElementById('toasts')?.remove();
  currentPage = null;
  $('signin').hidden = false;
  $('shell').hidden = true;
  $('who').textContent = '';
  $('signout').hidden = true;
  $('password').hidden = true;
  $('signin-error').textContent = message || '';
  $('signin').querySelector('[name=username]').focus();
  offerSignOn();
}

/** Single sign-on, when the service has the company's identity provider for the UI. */
let signOn;
async function offerSignOn() {
  signOn ??= signInOptions().then(options => options?.oidc ?? null);
  $('sso').hidden = !(await signOn);
}

$('sso-button').addEventListener('click', async () => {
  const oidc = await signOn;
  if (oidc) await startSignOn(oidc);
});

function showShell() {
  $('signin').hidden = true;
  $('shell').hidden = false;
  $('signout').hidden = false;
  // a directory user's password is the identity provider's
  $('password').hidden = Boolean(user.origin) && user.origin !== 'LOCAL';
  $('who').textContent = `${user.username} · ${user.branchCode} · ${user.roles.map(r => t(`role.${r}`)).join(', ')}`;
  renderNav();
  route();
}

async function loadUser() {
  user = await api('GET', '/api/v1/me');
  sessionStorage.setItem('me', JSON.stringify(user));
}

$('signin').addEventListener('submit', async event => {
  event.preventDefault();
  const form = event.target;
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  setCredentials(form.username.value.trim(), form.password.value);
  try {
    await loadUser();
    form.password.value = '';
    showShell();
  } catch (e) {
    clearCredentials();
    $('signin-error').textContent = e.status === 401 && String(e.problem.type || '').endsWith('/account-locked')
      ? t('shell.locked', { count: e.problem.failedSignIns, until: formatTime(e.problem.lockedUntil) })
      : e.status === 401 ? t('shell.badLogin') : `${t('shell.signInFailed')} ${e.message}`;
  } finally {
    button.disabled = false;
  }
});

/** The signed-in user changes their own password; the UI then signs in with the new one. */
$('password').addEventListener('click', () => {
  const current = h('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true });
  const fresh = h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password', minlength: 12, maxlength: 72, required: true });
  const again = h('input', { name: 'repeatPassword', type: 'password', autocomplete: 'new-password', required: true });
  const cancel = h('button', { type: 'button', class: 'secondary', text: t('common.cancel') });
  const form = h('form', { class: 'dialog-form password-form', novalidate: true },
    h('h3', { text: t('shell.changePassword') }),
    field(t('shell.currentPassword'), current), field(t('shell.newPassword'), fresh), field(t('shell.repeatPassword'), again),
    h('div', { class: 'actions' }, cancel, h('button', { type: 'submit', class: 'primary', text: t('shell.changePassword') })));
  const dialog = h('dialog', { class: 'confirm password-dialog' }, form);
  const close = () => { dialog.close(); dialog.remove(); };
  cancel.addEventListener('click', close);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    if (fresh.value !== again.value) {
      showError(form, { status: 400, errors: [{ field: 'repeatPassword', message: t('shell.passwordsDiffer') }] });
      return;
    }
    try {
      await api('POST', '/api/v1/me/password', { currentPassword: current.value, newPassword: fresh.value });
      setCredentials(user.username, fresh.value);
      close();
      toast(t('shell.passwordChanged'), 'success');
    } catch (e) {
      if (e.errors.length) showError(form, e); else form.prepend(errorBox(e));
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  current.focus();
});

$('signout').addEventListener('click', () => {
  clearCredentials();
  sessionStorage.removeItem('me');
  location.hash = '';
  showSignIn();
});

whenUnauthorized(() => {
  clearCredentials();
  showSignIn(t('shell.sessionEnded'));
});

applyLanguage();
start();

/** Back from the identity provider with a code, still signed in in this tab, or to the sign-in page. */
async function start() {
  try {
    if (await finishSignOn()) {
      await loadUser();
      showShell();
      return;
    }
  } catch (e) {
    clearCredentials();
    showSignIn(e instanceof SignOnError ? t('shell.signOnFailed', { why: e.message }) : e.message);
    return;
  }
  if (hasCredentials()) {
    loadUser().then(showShell).catch(() => { clearCredentials(); showSignIn(); });
  } else {
    showSignIn();
  }
}
