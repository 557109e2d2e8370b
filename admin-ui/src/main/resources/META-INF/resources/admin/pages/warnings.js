// Warnings: the work queue of early warnings, filtered by status, category, type, severity, branch, account
// manager and customer (the filters live in the address, so a filtered queue can be bookmarked or shared);
// approvers acknowledge (note optional) and resolve (note required) in place.

import { api } from '../lib/api.js';
import { exportButtons } from '../lib/reports.js';
import { t, label, formatTime, formatNumber } from '../lib/i18n.js';
import { h, heading, card, badge, dataTable, pager, field, errorBox, busy, confirmDialog, toast, showError } from '../lib/ui.js';

const STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
const CATEGORIES = ['RISK', 'DATA', 'RETENTION', 'SERVICE'];
const TYPES = ['REPEAT_CLAIMANT', 'HIGH_LOSS_RATIO', 'EARLY_CLAIM', 'BLACKLISTED', 'POSSIBLE_DUPLICATE', 'PREMIUM_OVERDUE',
  'POLICY_SUSPENDED', 'LAPSE_RISK', 'RENEWAL_DUE', 'NO_ACCOUNT_MANAGER', 'VISIT_OVERDUE', 'CARE_DUE', 'OWNERSHIP_CONFLICT',
  'COMPLAINT_DEADLINE_NEAR', 'COMPLAINT_OVERDUE', 'VIP_COMPLAINT', 'REPEAT_COMPLAINANT', 'REGULATOR_COMPLAINT'];
const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];
const PAGE_SIZE = 20;

const text = {
  'zh-CN': {
    'nav.warnings': '预警', 'warn.title': '预警工作台', 'warn.status': '状态', 'warn.type': '类型', 'warn.severity': '严重程度',
    'warn.category': '类别', 'warn.accountManager': '客户经理',
    'warn.branch': '机构', 'warn.branchHint': '如 GD（含下属机构）', 'warn.customerNo': '客户号', 'warn.filter': '筛选', 'warn.clear': '清除',
    'warn.raisedAt': '产生时间', 'warn.message': '内容', 'warn.customer': '客户', 'warn.handled': '处理', 'warn.acknowledge': '确认',
    'warn.resolve': '解决', 'warn.acknowledgeConfirm': '确认预警 #{id}？可填写备注。', 'warn.resolveConfirm': '解决预警 #{id}？请填写处理说明。',
    'warn.acknowledged': '预警 #{id} 已确认', 'warn.resolved': '预警 #{id} 已解决', 'warn.by': '{who} · {when}',
    'warn.empty': '没有符合条件的预警。', 'warn.note': '备注'
  },
  en: {
    'nav.warnings': 'Warnings', 'warn.title': 'Warning queue', 'warn.status': 'Status', 'warn.type': 'Type', 'warn.severity': 'Severity',
    'warn.category': 'Category', 'warn.accountManager': 'Account manager',
    'warn.branch': 'Branch', 'warn.branchHint': 'e.g. GD (with its sub-branches)', 'warn.customerNo': 'Customer no.', 'warn.filter': 'Filter', 'warn.clear': 'Clear',
    'warn.raisedAt': 'Raised', 'warn.message': 'Message', 'warn.customer': 'Customer', 'warn.handled': 'Handling', 'warn.acknowledge': 'Acknowledge',
    'warn.resolve': 'Resolve', 'warn.acknowledgeConfirm': 'Acknowledge warning #{id}? A note is optional.', 'warn.resolveConfirm': 'Resolve warning #{id}? Please say how it was handled.',
    'warn.acknowledged': 'Warning #{id} acknowledged', 'warn.resolved': 'Warning #{id} resolved', 'warn.by': '{who} · {when}',
    'warn.empty': 'No warnings match.', 'warn.note': 'Note'
  }
};

function select(name, kind, values, current, all = '') {
  const el = h('select', { name }, h('option', { value: all, text: t('common.all') }),
    values.map(v => h('option', { value: v, text: label(kind, v) })));
  el.value = current || '';
  return el;
}

export default {
  id: 'warnings',
  roles: ['UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.warnings',
  text,
  async render(view, ctx) {
    const q = ctx.query;
    const filters = { status: q.get('status') ?? 'OPEN', category: q.get('category'), type: q.get('type'),
      severity: q.get('severity'), branch: q.get('branch'), accountManager: q.get('accountManager'),
      customerNo: q.get('customerNo') };
    const page = Math.max(0, Number(q.get('page')) || 0);
    view.append(heading(t('warn.title')));

    const form = h('form', { class: 'filters card', novalidate: true },
      field(t('warn.status'), select('status', 'warningStatus', STATUSES, filters.status, 'ALL')),
      field(t('warn.category'), select('category', 'warningCategory', CATEGORIES, filters.category)),
      field(t('warn.type'), select('type', 'warningType', TYPES, filters.type)),
      field(t('warn.severity'), select('severity', 'severity', SEVERITIES, filters.severity)),
      field(t('warn.branch'), h('input', { name: 'branch', value: filters.branch || '', maxlength: 32, size: 10, placeholder: t('warn.branchHint') })),
      field(t('warn.accountManager'), h('input', { name: 'accountManager', value: filters.accountManager || '', maxlength: 64, size: 10 })),
      field(t('warn.customerNo'), h('input', { name: 'customerNo', value: filters.customerNo || '', maxlength: 32, size: 12 })),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', text: t('warn.filter') }),
        h('button', { type: 'button', class: 'secondary', text: t('warn.clear'), onclick: () => ctx.navigate('warnings') })));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const values = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v).trim()]));
      ctx.navigate('warnings', values);
    });
    view.append(form);

    const results = h('section', { class: 'card warning-list' });
    view.append(results);
    let data;
    try {
      data = await api('GET', '/api/v1/warnings', null,
        { ...filters, status: filters.status === 'ALL' ? null : filters.status, page, size: PAGE_SIZE });
    } catch (e) {
      if (e.errors.length) showError(form, e); else results.append(errorBox(e));
      return;
    }
    if (!ctx.current()) return;
    const canHandle = ctx.can('APPROVER', 'ADMIN');

    const rowOf = warning => h('tr', { dataset: { warning: warning.id }, class: `status-${warning.status.toLowerCase()}` }, cells(warning));
    const cells = warning => [
      h('td', { class: 'number', text: `#${warning.id}` }),
      h('td', {}, h('a', { href: `#/customers/${encodeURIComponent(warning.customerNo)}`, text: warning.customerNo })),
      h('td', {}, badge('warningCategory', warning.category)),
      h('td', {}, badge('warningType', warning.type)),
      h('td', {}, badge('severity', warning.severity)),
      h('td', { class: 'message', text: warning.message }),
      h('td', {}, badge('warningStatus', warning.status)),
      h('td', { class: 'nowrap', text: formatTime(warning.raisedAt) }),
      h('td', { class: 'handling' }, handling(warning)),
      canHandle ? h('td', { class: 'actions-cell' }, actions(warning)) : null
    ];
    const handling = warning => [
      warning.acknowledgedBy ? h('div', { class: 'small muted', text: `${t('enum.warningStatus.ACKNOWLEDGED')}: ${t('warn.by', { who: warning.acknowledgedBy, when: formatTime(warning.acknowledgedAt) })}` }) : null,
      warning.acknowledgeNote ? h('div', { class: 'note', text: warning.acknowledgeNote }) : null,
      warning.resolvedBy ? h('div', { class: 'small muted', text: `${t('enum.warningStatus.RESOLVED')}: ${t('warn.by', { who: warning.resolvedBy, when: formatTime(warning.resolvedAt) })}` }) : null,
      warning.resolveNote ? h('div', { class: 'note', text: warning.resolveNote }) : null
    ];
    const actions = warning => {
      if (warning.status === 'RESOLVED') return null;
      const ack = warning.status === 'OPEN'
        ? h('button', { type: 'button', class: 'secondary small', dataset: { action: 'acknowledge' }, text: t('warn.acknowledge') }) : null;
      const resolve = h('button', { type: 'button', class: 'secondary small', dataset: { action: 'resolve' }, text: t('warn.resolve') });
      const act = async (button, verb) => {
        const required = verb === 'resolve';
        const note = await confirmDialog(t(required ? 'warn.resolveConfirm' : 'warn.acknowledgeConfirm', { id: warning.id }),
          { withNote: true, noteRequired: required, noteLabel: t('warn.note'), confirmText: t(`warn.${verb}`) });
        if (note === null) return;
        try {
          const updated = await busy(button, () => api('POST', `/api/v1/warnings/${warning.id}/${verb}`, { note: note || null }));
          const row = results.querySelector(`tr[data-warning="${warning.id}"]`);
          row.replaceWith(rowOf(updated || await api('GET', `/api/v1/warnings/${warning.id}`)));
          toast(t(required ? 'warn.resolved' : 'warn.acknowledged', { id: warning.id }), 'success');
        } catch (e) {
          toast(e.message, 'error');
        }
      };
      if (ack) ack.addEventListener('click', () => act(ack, 'acknowledge'));
      resolve.addEventListener('click', () => act(resolve, 'resolve'));
      return [ack, resolve];
    };

    const headers = ['#', t('warn.customer'), t('warn.category'), t('warn.type'), t('warn.severity'), t('warn.message'), t('warn.status'),
      t('warn.raisedAt'), t('warn.handled'), canHandle ? '' : null].filter(x => x !== null);
    const body = h('tbody', {}, data.items.length ? data.items.map(rowOf)
      : h('tr', { class: 'empty' }, h('td', { colspan: headers.length, text: t('warn.empty') })));
    const listed = { ...filters, status: filters.status === 'ALL' ? null : filters.status };
    results.append(h('div', { class: 'list-head' }, h('span', { class: 'muted', text: formatNumber(data.total) }),
      h('span', { class: 'actions' }, exportButtons('/api/v1/warnings', listed, 'warnings',
        { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, headers.map(x => h('th', { text: x })))), body)),
      pager(data.total, page, PAGE_SIZE, p => ctx.navigate('warnings', { ...filters, page: p })));
  }
};
