// The audit trail for auditors: every change and every pre-bind check, who, when, what and the
// outcome, filtered by actor, action, target and time, newest first. Read-only, like the trail itself.

import { api } from '../lib/api.js';
import { exportButtons } from '../lib/reports.js';
import { t, formatTime, formatNumber } from '../lib/i18n.js';
import { h, heading, card, pager, field, errorBox, showError } from '../lib/ui.js';

const PAGE_SIZE = 50;
const FILTERS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'];

const text = {
  'zh-CN': {
    'nav.audit': '审计日志', 'audit.title': '审计日志', 'audit.actor': '操作人', 'audit.action': '操作', 'audit.targetType': '对象类型',
    'audit.targetId': '对象编号', 'audit.from': '起始时间', 'audit.to': '截止时间', 'audit.timeHint': '如 2026-11-01T00:00:00Z',
    'audit.filter': '筛选', 'audit.clear': '清除', 'audit.when': '时间', 'audit.detail': '详情', 'audit.empty': '没有符合条件的记录。'
  },
  en: {
    'nav.audit': 'Audit trail', 'audit.title': 'Audit trail', 'audit.actor': 'Who', 'audit.action': 'Action', 'audit.targetType': 'Target type',
    'audit.targetId': 'Target id', 'audit.from': 'From', 'audit.to': 'To', 'audit.timeHint': 'e.g. 2026-11-01T00:00:00Z',
    'audit.filter': 'Filter', 'audit.clear': 'Clear', 'audit.when': 'When', 'audit.detail': 'Detail', 'audit.empty': 'No entries match.'
  }
};

/** The detail object as short "key: value" lines (nested values as JSON). */
function detailLines(detail) {
  if (!detail || typeof detail !== 'object') return detail === null || detail === undefined ? '' : String(detail);
  return h('dl', { class: 'audit-detail' }, Object.entries(detail).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) =>
    [h('dt', { text: k }), h('dd', { text: typeof v === 'object' ? JSON.stringify(v) : String(v) })]));
}

export default {
  id: 'audit',
  roles: ['AUDITOR', 'ADMIN'],
  nav: 'nav.audit',
  text,
  async render(view, ctx) {
    const filters = Object.fromEntries(FILTERS.map(k => [k, ctx.query.get(k) || '']));
    const page = Math.max(0, Number(ctx.query.get('page')) || 0);
    view.append(heading(t('audit.title')));
    const form = h('form', { class: 'filters card', novalidate: true },
      FILTERS.map(k => field(t(`audit.${k}`), h('input', { name: k, value: filters[k], maxlength: 100, size: k === 'from' || k === 'to' ? 22 : 14,
        placeholder: k === 'from' || k === 'to' ? t('audit.timeHint') : '' }))),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', text: t('audit.filter') }),
        h('button', { type: 'button', class: 'secondary', text: t('audit.clear'), onclick: () => ctx.navigate('audit') })));
    form.addEventListener('submit', e => {
      e.preventDefault();
      ctx.navigate('audit', Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v).trim()])));
    });
    view.append(form);
    const results = h('section', { class: 'card audit-list' });
    view.append(results);
    try {
      const data = await api('GET', '/api/v1/audit', null, { ...filters, page, size: PAGE_SIZE });
      if (!ctx.current()) return;
      const rows = data.items.map(item => h('tr', { dataset: { audit: item.id, action: item.action } },
        h('td', { class: 'nowrap', text: formatTime(item.occurredAt) }),
        h('td', {}, h('button', { type: 'button', class: 'link', text: item.actor, onclick: () => ctx.navigate('audit', { ...filters, actor: item.actor }) })),
        h('td', {}, h('button', { type: 'button', class: 'link mono', text: item.action, onclick: () => ctx.navigate('audit', { ...filters, action: item.action }) })),
        h('td', { text: `${item.targetType || ''}${item.targetId ? ' #' + item.targetId : ''}` }),
        h('td', {}, detailLines(item.detail))));
      results.append(h('div', { class: 'list-head' }, h('span', { class: 'muted', text: formatNumber(data.total) }), h('span', { class: 'actions' }, exportButtons('/api/v1/audit', filters, 'audit', { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))), h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, [t('audit.when'), t('audit.actor'), t('audit.action'), t('audit.targetType'), t('audit.detail')].map(x => h('th', { text: x })))),
        h('tbody', {}, rows.length ? rows : h('tr', { class: 'empty' }, h('td', { colspan: 5, text: t('audit.empty') }))))),
        pager(data.total, page, PAGE_SIZE, p => ctx.navigate('audit', { ...filters, page: p })));
    } catch (e) {
      if (e.errors.length) showError(form, e); else results.append(errorBox(e));
    }
  }
};
