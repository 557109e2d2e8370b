// The monthly visit report (DESIGN.md section 12): per account manager the customers and VIPs, the visits due
// (PLATINUM monthly, GOLD quarterly), done and overdue, the completion rate, contacts, visits and the average
// survey satisfaction, with the totals; CSV and Excel exports of the same. The month (by default the last one,
// the first complete month) and the branch live in the address: #/visit-report?month=2026-11&branch=GD.

import { api } from '../lib/api.js';
import { t, label, formatNumber, formatPercent } from '../lib/i18n.js';
import { h, heading, badge, field, errorBox, showError } from '../lib/ui.js';
import { monthFromNow, exportButtons } from '../lib/reports.js';

const text = {
  'zh-CN': {
    'nav.visitReport': '拜访分析', 'vr.title': '客户经理拜访分析', 'vr.month': '月份', 'vr.branch': '机构', 'vr.branchHint': '如 GD（含下属机构）',
    'vr.filter': '查询', 'vr.clear': '清除', 'vr.manager': '客户经理', 'vr.name': '姓名', 'vr.level': '级别', 'vr.status': '状态',
    'vr.customers': '客户数', 'vr.vips': 'VIP', 'vr.due': '应拜访', 'vr.done': '已完成', 'vr.overdue': '逾期', 'vr.rate': '完成率',
    'vr.contacts': '联系次数', 'vr.visits': '上门拜访', 'vr.satisfaction': '平均满意度', 'vr.totals': '合计', 'vr.empty': '该范围内没有客户经理。',
    'vr.exportCsv': '导出 CSV', 'vr.exportXlsx': '导出 Excel', 'vr.scope': '{month} · {branch}', 'vr.allBranches': '全部机构',
    'vr.hint': '应拜访：白金客户每月一次上门拜访，黄金客户每季度一次回访（当月到期的计入）。完成率 = 已完成 / 应拜访。'
  },
  en: {
    'nav.visitReport': 'Visit report', 'vr.title': 'Account managers’ visits', 'vr.month': 'Month', 'vr.branch': 'Branch',
    'vr.branchHint': 'e.g. GD (with its sub-branches)', 'vr.filter': 'Show', 'vr.clear': 'Clear', 'vr.manager': 'Manager', 'vr.name': 'Name',
    'vr.level': 'Level', 'vr.status': 'Status', 'vr.customers': 'Customers', 'vr.vips': 'VIPs', 'vr.due': 'Due', 'vr.done': 'Done',
    'vr.overdue': 'Overdue', 'vr.rate': 'Completion', 'vr.contacts': 'Contacts', 'vr.visits': 'Visits', 'vr.satisfaction': 'Avg. satisfaction',
    'vr.totals': 'Totals', 'vr.empty': 'No account managers in this scope.', 'vr.exportCsv': 'Export CSV', 'vr.exportXlsx': 'Export Excel',
    'vr.scope': '{month} · {branch}', 'vr.allBranches': 'all branches',
    'vr.hint': 'Due: a visit a month for each PLATINUM customer, a call a quarter for each GOLD one (counted in the month it falls due). Completion = done / due.'
  }
};

/** Done of due as a rate with a bar; nothing due is no rate at all rather than 0 % or 100 %. */
function completion(row) {
  if (!row.visitsDue) return h('span', { class: 'muted', text: '-' });
  const share = row.visitsDone / row.visitsDue;
  const band = share >= 0.9 ? 'good' : share >= 0.6 ? 'fair' : 'poor';
  const bar = h('span', { class: `rate-bar rate-${band}` }, h('span', { class: 'rate-fill' }));
  bar.firstChild.style.width = `${Math.min(100, share * 100)}%`;
  return h('span', { class: `rate rate-${band}`, dataset: { rate: share.toFixed(3) } }, h('span', { class: 'rate-text', text: formatPercent(share) }), bar);
}

const number = n => formatNumber(n ?? 0);
const satisfaction = s => (s === null || s === undefined ? '-' : formatNumber(s, 1));

export default {
  id: 'visit-report',
  roles: ['ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.visitReport',
  text,
  async render(view, ctx) {
    // The last month by default: the latest complete one, what a monthly review looks at.
    const month = ctx.query.get('month') || monthFromNow(-1);
    const branch = ctx.query.get('branch') || '';
    view.append(heading(t('vr.title')));
    const form = h('form', { class: 'filters card', novalidate: true },
      field(t('vr.month'), h('input', { name: 'month', type: 'month', value: month, max: monthFromNow(0), required: true })),
      field(t('vr.branch'), h('input', { name: 'branch', value: branch, maxlength: 32, size: 12, placeholder: t('vr.branchHint') })),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', text: t('vr.filter') }),
        h('button', { type: 'button', class: 'secondary', text: t('vr.clear'), onclick: () => ctx.navigate('visit-report') })));
    form.addEventListener('submit', event => {
      event.preventDefault();
      ctx.navigate('visit-report', { month: form.month.value.trim(), branch: form.branch.value.trim().toUpperCase() });
    });
    view.append(form);
    const results = h('section', { class: 'card visit-report', dataset: { month } });
    view.append(results);

    const query = { month, branch };
    let report;
    try {
      report = await api('GET', '/api/v1/reports/visits', null, query);
    } catch (e) {
      if (e.errors.length) showError(form, e); else results.append(errorBox(e));
      return;
    }
    if (!ctx.current()) return;

    results.append(h('div', { class: 'list-head' },
      h('span', { class: 'muted', text: t('vr.scope', { month: report.month, branch: report.branch || t('vr.allBranches') }) }),
      h('span', { class: 'actions' }, exportButtons('/api/v1/reports/visits', query, `visit-report-${month}${branch ? `-${branch}` : ''}`,
        { csv: t('vr.exportCsv'), xlsx: t('vr.exportXlsx') }))));

    const figures = row => [
      h('td', { class: 'number', text: number(row.customers) }),
      h('td', { class: 'number', text: number(row.vips) }),
      h('td', { class: 'number', dataset: { col: 'due' }, text: number(row.visitsDue) }),
      h('td', { class: 'number', dataset: { col: 'done' }, text: number(row.visitsDone) }),
      h('td', { class: ['number', row.visitsOverdue > 0 ? 'overdue' : null], dataset: { col: 'overdue' }, text: number(row.visitsOverdue) }),
      h('td', { class: 'completion' }, completion(row)),
      h('td', { class: 'number', text: number(row.contacts) }),
      h('td', { class: 'number', text: number(row.visits) }),
      h('td', { class: 'number', dataset: { col: 'satisfaction' }, text: satisfaction(row.averageSatisfaction) })
    ];
    const headers = [[t('vr.manager')], [t('vr.name')], [t('vr.branch')], [t('vr.level')], [t('vr.status')], [t('vr.customers'), 'number'],
      [t('vr.vips'), 'number'], [t('vr.due'), 'number'], [t('vr.done'), 'number'], [t('vr.overdue'), 'number'], [t('vr.rate')],
      [t('vr.contacts'), 'number'], [t('vr.visits'), 'number'], [t('vr.satisfaction'), 'number']];
    const rows = report.managers.map(m => h('tr', { dataset: { manager: m.code } },
      h('td', {}, h('a', { href: `#/book/${encodeURIComponent(m.code)}`, class: 'mono', text: m.code })),
      h('td', { text: m.name || '-' }),
      h('td', { text: m.branchCode || '-' }),
      h('td', { text: m.level ? label('managerLevel', m.level) : '-' }),
      h('td', {}, m.status === 'UNKNOWN' ? badge('managerStatus', 'UNKNOWN') : badge('managerState', m.status)),
      figures(m)));
    results.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data visits' },
      h('thead', {}, h('tr', {}, headers.map(([x, c]) => h('th', { class: c, text: x })))),
      h('tbody', {}, rows.length ? rows : h('tr', { class: 'empty' }, h('td', { colspan: headers.length, text: t('vr.empty') }))),
      h('tfoot', {}, h('tr', { class: 'totals' }, h('th', { colspan: 5, text: t('vr.totals') }), figures(report.totals))))),
    h('p', { class: 'muted hint', text: t('vr.hint') }));
  }
};
