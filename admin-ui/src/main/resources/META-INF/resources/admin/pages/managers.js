// The register of account managers (DESIGN.md section 12): filtered by branch and status in the address, each
// manager's customers against their capacity (full and over in colour), who is on leave or has left, and whose
// yearly qualification has lapsed; each code opens the manager's book. Admins add a manager and edit one; setting
// a manager LEFT is confirmed first, since the service then proposes their whole book to other managers.
//
// Routes: #/account-managers?branch=&status=, #/account-managers/new, #/account-managers/{code} (admins: edit).

import { api } from '../lib/api.js';
import { t, label, formatNumber } from '../lib/i18n.js';
import { h, heading, badge, dataTable, field, formValues, showError, clearErrors, errorBox, busy, confirmDialog, toast } from '../lib/ui.js';

const LEVELS = ['TRAINEE', 'JUNIOR', 'REGULAR', 'SENIOR', 'PRINCIPAL'];
const STATES = ['ACTIVE', 'ON_LEAVE', 'LEFT'];

const text = {
  'zh-CN': {
    'nav.managers': '客户经理', 'am.title': '客户经理名册', 'am.branch': '机构', 'am.branchHint': '如 GD（含下属机构）', 'am.status': '状态',
    'am.filter': '筛选', 'am.clear': '清除', 'am.add': '新增客户经理', 'am.edit': '修改', 'am.code': '代码', 'am.name': '姓名',
    'am.level': '级别', 'am.load': '管户数 / 上限', 'am.capacity': '管户上限', 'am.qualifiedUntil': '资格有效期至', 'am.lapsed': '已过期',
    'am.full': '已满', 'am.over': '超出上限', 'am.total': '共 {total} 位客户经理', 'am.empty': '没有符合条件的客户经理。',
    'am.back': '返回客户经理名册', 'am.addTitle': '新增客户经理', 'am.editTitle': '修改客户经理 {code}', 'am.save': '保存',
    'am.codeHint': '与 CRM 中 customer.account_manager 一致，如 am.gdsz.20', 'am.capacityHint': '最多可管的客户数',
    'am.added': '已新增客户经理 {code}', 'am.updated': '已保存客户经理 {code}',
    'am.leftConfirm': '将 {name}（{code}）设为已离职？其名下全部 {customers} 位客户将立即生成分配建议，转给其他客户经理，待审批人处理。',
    'am.leftConfirmButton': '确认离职', 'am.customers': '名下客户', 'am.book': '查看客户', 'am.notFound': '没有代码为 {code} 的客户经理。'
  },
  en: {
    'nav.managers': 'Account managers', 'am.title': 'Account managers', 'am.branch': 'Branch', 'am.branchHint': 'e.g. GD (with its sub-branches)',
    'am.status': 'Status', 'am.filter': 'Filter', 'am.clear': 'Clear', 'am.add': 'Add a manager', 'am.edit': 'Edit', 'am.code': 'Code',
    'am.name': 'Name', 'am.level': 'Level', 'am.load': 'Customers / capacity', 'am.capacity': 'Capacity', 'am.qualifiedUntil': 'Qualified until',
    'am.lapsed': 'lapsed', 'am.full': 'full', 'am.over': 'over capacity', 'am.total': '{total} managers', 'am.empty': 'No managers match.',
    'am.back': 'Back to the account managers', 'am.addTitle': 'Add an account manager', 'am.editTitle': 'Edit account manager {code}',
    'am.save': 'Save', 'am.codeHint': 'as the CRM keeps it in customer.account_manager, e.g. am.gdsz.20',
    'am.capacityHint': 'the most customers they look after', 'am.added': 'Account manager {code} added', 'am.updated': 'Account manager {code} saved',
    'am.leftConfirm': 'Set {name} ({code}) as left? All {customers} of their customers are proposed to other managers at once, for an approver to decide.',
    'am.leftConfirmButton': 'Confirm leaving', 'am.customers': 'Customers', 'am.book': 'Book', 'am.notFound': 'There is no account manager {code}.'
  }
};

/** Today as YYYY-MM-DD in the browser, to tell a lapsed qualification. */
function todayText() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function select(name, kind, values, current, withAll) {
  const el = h('select', { name }, withAll ? h('option', { value: '', text: t('common.all') }) : null,
    values.map(v => h('option', { value: v, text: label(kind, v) })));
  el.value = current || (withAll ? '' : values[0]);
  return el;
}

/** Customers against capacity, with a bar: amber when full, red when over. */
function load(m) {
  const state = m.customers > m.capacity ? 'over' : m.customers === m.capacity ? 'full' : 'ok';
  const bar = h('div', { class: `load-bar load-${state}` }, h('div', { class: 'load-fill' }));
  bar.firstChild.style.width = `${m.capacity > 0 ? Math.min(100, (100 * m.customers) / m.capacity) : 100}%`;
  return h('div', { class: `load load-${state}`, dataset: { load: state } },
    h('span', { class: 'load-text', text: `${formatNumber(m.customers)} / ${formatNumber(m.capacity)}` }),
    state === 'ok' ? null : h('span', { class: `badge load-${state}`, text: t(`am.${state}`) }), bar);
}

function qualified(m) {
  if (!m.qualifiedUntil) return '-';
  const lapsed = m.qualifiedUntil < todayText();
  return h('span', { class: lapsed ? 'lapsed' : null, dataset: lapsed ? { lapsed: 'true' } : undefined }, m.qualifiedUntil,
    lapsed ? h('span', { class: 'badge qualification-lapsed', text: t('am.lapsed') }) : null);
}

export default {
  id: 'account-managers',
  roles: ['UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.managers',
  text,
  async render(view, ctx) {
    const [code] = ctx.params;
    if (code && ctx.can('ADMIN')) return renderForm(view, ctx, code === 'new' ? null : code);
    if (code) { ctx.navigate(`book/${encodeURIComponent(code)}`); return undefined; }
    return renderRegister(view, ctx);
  }
};

async function renderRegister(view, ctx) {
  const branch = ctx.query.get('branch') || '';
  const status = STATES.includes(ctx.query.get('status')) ? ctx.query.get('status') : '';
  view.append(heading(t('am.title'), ctx.can('ADMIN')
    ? h('a', { class: 'button primary', href: '#/account-managers/new', dataset: { action: 'add' }, text: t('am.add') }) : null));
  const form = h('form', { class: 'filters card', novalidate: true },
    field(t('am.branch'), h('input', { name: 'branch', value: branch, maxlength: 32, size: 12, placeholder: t('am.branchHint') })),
    field(t('am.status'), select('status', 'managerState', STATES, status, true)),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', text: t('am.filter') }),
      h('button', { type: 'button', class: 'secondary', text: t('am.clear'), onclick: () => ctx.navigate('account-managers') })));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = formValues(form);
    ctx.navigate('account-managers', { branch: values.branch && values.branch.toUpperCase(), status: values.status });
  });
  view.append(form);
  const results = h('section', { class: 'card manager-register' });
  view.append(results);
  let managers;
  try {
    managers = await api('GET', '/api/v1/account-managers', null, { branch, status });
  } catch (e) {
    if (e.errors.length) showError(form, e); else results.append(errorBox(e));
    return;
  }
  if (!ctx.current()) return;
  const isAdmin = ctx.can('ADMIN');
  results.append(h('p', { class: 'muted', text: t('am.total', { total: formatNumber(managers.length) }) }), dataTable([
    { label: t('am.code'), value: m => h('a', { href: `#/book/${encodeURIComponent(m.code)}`, class: 'mono', dataset: { book: m.code }, text: m.code }) },
    { label: t('am.name'), value: m => m.name },
    { label: t('am.branch'), value: m => m.branchCode },
    { label: t('am.level'), value: m => label('managerLevel', m.level) },
    { label: t('am.load'), key: 'load', value: load },
    { label: t('am.status'), key: 'status', value: m => badge('managerState', m.status) },
    { label: t('am.qualifiedUntil'), key: 'qualified', value: qualified },
    ...(isAdmin ? [{ label: '', class: 'actions-cell', value: m => h('a', { class: 'button secondary small', href: `#/account-managers/${encodeURIComponent(m.code)}`,
      dataset: { action: 'edit' }, text: t('am.edit') }) }] : [])
  ], managers, { empty: t('am.empty'), class: 'data managers', rowClass: m => `manager-${m.status.toLowerCase().replace(/_/g, '-')}`,
    rowData: m => ({ manager: m.code }) }));
}

async function renderForm(view, ctx, code) {
  let current = null;
  if (code) {
    try {
      current = await api('GET', `/api/v1/account-managers/${encodeURIComponent(code)}`);
    } catch (e) {
      view.append(e.status === 404 ? h('div', { class: 'form-error', role: 'alert', text: t('am.notFound', { code }) }) : errorBox(e));
      return;
    }
    if (!ctx.current()) return;
  }
  view.append(h('div', { class: 'crumbs' }, h('a', { href: '#/account-managers', text: t('am.back') })));
  view.append(heading(code ? t('am.editTitle', { code }) : t('am.addTitle')));
  const m = current || {};
  const save = h('button', { type: 'submit', class: 'primary', dataset: { action: 'save' }, text: t('am.save') });
  const form = h('form', { class: 'card manager-form', novalidate: true },
    h('div', { class: 'form-row' },
      code ? null : field(t('am.code'), h('input', { name: 'code', maxlength: 64, class: 'mono', autocomplete: 'off', required: true }), t('am.codeHint')),
      field(t('am.name'), h('input', { name: 'name', maxlength: 200, value: m.name || '', required: true }))),
    h('div', { class: 'form-row' },
      field(t('am.branch'), h('input', { name: 'branchCode', maxlength: 64, value: m.branchCode || '', required: true, placeholder: 'GD-SZ' })),
      field(t('am.level'), select('level', 'managerLevel', LEVELS, m.level || 'REGULAR', false)),
      field(t('am.capacity'), h('input', { name: 'capacity', type: 'number', step: 1, value: m.capacity ?? 80, required: true }), t('am.capacityHint'))),
    h('div', { class: 'form-row' },
      field(t('am.status'), select('status', 'managerState', STATES, m.status || 'ACTIVE', false)),
      field(t('am.qualifiedUntil'), h('input', { name: 'qualifiedUntil', type: 'date', value: m.qualifiedUntil || '' })),
      current ? field(t('am.customers'), h('input', { name: 'customersShown', value: formatNumber(current.customers), disabled: true })) : null),
    h('div', { class: 'actions' }, save));
  view.append(form);
  let dirty = false;
  form.addEventListener('input', () => { dirty = true; });
  ctx.guard(() => dirty);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const values = formValues(form);
    if (values.branchCode) values.branchCode = values.branchCode.toUpperCase();
    // Leaving hands the whole book over at once: said plainly before it happens.
    if (current && values.status === 'LEFT' && current.status !== 'LEFT') {
      const ok = await confirmDialog(t('am.leftConfirm', { name: values.name || current.name, code, customers: formatNumber(current.customers) }),
        { danger: true, confirmText: t('am.leftConfirmButton') });
      if (!ok) return;
    }
    try {
      const saved = await busy(save, () => (code
        ? api('PUT', `/api/v1/account-managers/${encodeURIComponent(code)}`, { ...values, code: undefined })
        : api('POST', '/api/v1/account-managers', values)));
      dirty = false;
      toast(t(code ? 'am.updated' : 'am.added', { code: saved.code }), 'success');
      ctx.navigate('account-managers', { branch: saved.branchCode });
    } catch (e) {
      showError(form, e);
    }
  });
}
