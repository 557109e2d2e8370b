// The monthly complaint analysis (DESIGN.md section 13; seed 003's monthly complaint analysis form): per branch,
// category or channel the complaints received and decided, decided in time and late, the share decided in time, the
// median days to a decision, the repeat complainants and the top root causes, with the totals; the share decided in
// time over the twelve months up to the month as a line; CSV and Excel exports of the table. The month (by default the
// last one, the first complete month), the grouping and the branch live in the address:
// #/complaint-report?month=2026-11&groupBy=category&branch=GD.

import { api } from '../lib/api.js';
import { t, label, language, formatNumber, formatPercent } from '../lib/i18n.js';
import { h, heading, field, errorBox, showError } from '../lib/ui.js';
import { lineChart } from '../lib/charts.js';
import { monthFromNow, exportButtons } from '../lib/reports.js';

const GROUPINGS = ['branch', 'category', 'channel'];

const text = {
  'zh-CN': {
    'nav.complaintReport': '投诉分析', 'cr.title': '投诉月度分析', 'cr.month': '月份', 'cr.groupBy': '分组', 'cr.by.branch': '按机构',
    'cr.by.category': '按类别', 'cr.by.channel': '按渠道', 'cr.branch': '机构', 'cr.branchHint': '如 GD（含下属机构）', 'cr.filter': '查询',
    'cr.clear': '清除', 'cr.group.branch': '机构', 'cr.group.category': '类别', 'cr.group.channel': '渠道', 'cr.received': '受理',
    'cr.decided': '办结', 'cr.inTime': '按时办结', 'cr.late': '超时办结', 'cr.inTimePct': '按时办结率', 'cr.median': '办结天数中位数',
    'cr.repeat': '重复投诉客户', 'cr.rootCauses': '主要原因', 'cr.totals': '合计', 'cr.empty': '该月没有受理或办结的投诉。',
    'cr.exportCsv': '导出 CSV', 'cr.exportXlsx': '导出 Excel', 'cr.scope': '{month} · {branch}', 'cr.allBranches': '全部机构',
    'cr.days': '{days} 天', 'cr.trend': '近 12 个月按时办结率', 'cr.causes': '主要投诉原因', 'cr.noCauses': '该月办结的投诉没有登记原因。',
    'cr.causeCount': '{cause} {count} 件',
    'cr.hint': '受理：当月受理的投诉；办结：当月答复或结案的投诉（含以前月份受理的）。按时办结率 = 按时办结 / 有办理时限的办结投诉。重复投诉客户：当月投诉且近 12 个月投诉 3 次及以上的客户。',
    'cr.trendHint': '没有办结投诉的月份不画点。',
    'cr.badMonth': '月份应写作 YYYY-MM（如 2026-11），在 2000-01 与本月之间。', 'cr.badGroupBy': '请选择按机构、类别或渠道分组。',
    'cr.badBranch': '机构代码只能包含字母、数字、“-”和“_”，如 GD 或 GD-SZ。'
  },
  en: {
    'nav.complaintReport': 'Complaint analysis', 'cr.title': 'Monthly complaint analysis', 'cr.month': 'Month', 'cr.groupBy': 'Group by',
    'cr.by.branch': 'Branch', 'cr.by.category': 'Category', 'cr.by.channel': 'Channel', 'cr.branch': 'Branch',
    'cr.branchHint': 'e.g. GD (with its sub-branches)', 'cr.filter': 'Show', 'cr.clear': 'Clear', 'cr.group.branch': 'Branch',
    'cr.group.category': 'Category', 'cr.group.channel': 'Channel', 'cr.received': 'Received', 'cr.decided': 'Decided',
    'cr.inTime': 'In time', 'cr.late': 'Late', 'cr.inTimePct': 'Decided in time', 'cr.median': 'Median days', 'cr.repeat': 'Repeat complainants',
    'cr.rootCauses': 'Top root causes', 'cr.totals': 'Totals', 'cr.empty': 'No complaint was received or decided in this month.',
    'cr.exportCsv': 'Export CSV', 'cr.exportXlsx': 'Export Excel', 'cr.scope': '{month} · {branch}', 'cr.allBranches': 'all branches',
    'cr.days': '{days} days', 'cr.trend': 'Decided in time, last 12 months', 'cr.causes': 'Top root causes',
    'cr.noCauses': 'No root cause was recorded for the month’s decisions.', 'cr.causeCount': '{cause} ({count})',
    'cr.hint': 'Received: complaints received in the month; decided: answered or closed in the month (also those received before). Decided in time = in time / decisions with a time limit. Repeat complainants: customers who complained in the month and 3 or more times in the last 12 months.',
    'cr.trendHint': 'A month without decisions has no point.',
    'cr.badMonth': 'A month is written YYYY-MM (e.g. 2026-11), from 2000-01 up to this month.',
    'cr.badGroupBy': 'Group by branch, category or channel.',
    'cr.badBranch': 'A branch code has letters, digits, "-" and "_" only, such as GD or GD-SZ.'
  }
};

/** A group's name: a branch code as it is, a category or channel by its label ("UNCLASSIFIED" for none yet). */
function groupName(groupBy, group) {
  if (groupBy === 'category') return label('complaintCategory', group);
  if (groupBy === 'channel') return label('complaintChannel', group);
  return group;
}

/** The share decided in time (the service gives a percentage, 75.0) with a bar; none with a time limit is no share at all. */
function inTimeShare(pct) {
  if (pct === null || pct === undefined) return h('span', { class: 'muted', text: '-' });
  const band = pct >= 90 ? 'good' : pct >= 70 ? 'fair' : 'poor';
  const bar = h('span', { class: `rate-bar rate-${band}` }, h('span', { class: 'rate-fill' }));
  bar.firstChild.style.width = `${Math.min(100, pct)}%`;
  return h('span', { class: `rate rate-${band}`, dataset: { pct: String(pct) } }, h('span', { class: 'rate-text', text: formatPercent(pct / 100) }), bar);
}

/**
 * The month's top root causes as bars in the page's own type (free text from the CRM, of any length, beside a narrow
 * trend: an SVG scaled down to the card would shrink its labels).
 */
function causeBars(causes) {
  const max = Math.max(1, ...causes.map(c => c.count));
  return h('ol', { class: 'cause-bars' }, causes.map(c => {
    const fill = h('span', { class: 'cause-fill' });
    fill.style.width = `${(100 * c.count) / max}%`;
    return h('li', { dataset: { cause: c.rootCause } }, h('span', { class: 'cause-name', title: c.rootCause, text: c.rootCause }),
      h('span', { class: 'cause-bar' }, fill), h('span', { class: 'cause-count', text: formatNumber(c.count) }));
  }));
}

/** The month of a trend point for the axis ("11月", "Nov"), with its year under the first month and each January. */
function monthPoint(share, index) {
  const [year, month] = share.month.split('-').map(Number);
  return { label: new Date(year, month - 1, 1).toLocaleString(language(), { month: 'short' }),
    sublabel: index === 0 || month === 1 ? String(year) : null,
    value: share.decidedInTimePct === null || share.decidedInTimePct === undefined ? null : share.decidedInTimePct / 100 };
}

/** The service's field errors in the page's language for the fields of this form. */
function translated(error) {
  const own = { month: 'cr.badMonth', groupBy: 'cr.badGroupBy', branch: 'cr.badBranch' };
  error.errors = error.errors.map(e => (own[e.field] ? { field: e.field, message: t(own[e.field]) } : e));
  return error;
}

export default {
  id: 'complaint-report',
  roles: ['ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.complaintReport',
  text,
  async render(view, ctx) {
    const month = ctx.query.get('month') || monthFromNow(-1);
    const groupBy = (ctx.query.get('groupBy') || 'branch').toLowerCase();
    const branch = ctx.query.get('branch') || '';
    view.append(heading(t('cr.title')));
    const grouping = h('select', { name: 'groupBy' }, GROUPINGS.map(g => h('option', { value: g, text: t(`cr.by.${g}`) })));
    grouping.value = GROUPINGS.includes(groupBy) ? groupBy : 'branch';
    const form = h('form', { class: 'filters card', novalidate: true },
      field(t('cr.month'), h('input', { name: 'month', type: 'month', value: month, max: monthFromNow(0), required: true })),
      field(t('cr.groupBy'), grouping),
      field(t('cr.branch'), h('input', { name: 'branch', value: branch, maxlength: 32, size: 16, placeholder: t('cr.branchHint') })),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', text: t('cr.filter') }),
        h('button', { type: 'button', class: 'secondary', text: t('cr.clear'), onclick: () => ctx.navigate('complaint-report') })));
    form.addEventListener('submit', event => {
      event.preventDefault();
      ctx.navigate('complaint-report', { month: form.month.value.trim(), groupBy: grouping.value, branch: form.branch.value.trim().toUpperCase() });
    });
    view.append(form);
    const results = h('div', { class: 'complaint-report', dataset: { month, groupBy } });
    view.append(results);

    const query = { month, groupBy, branch };
    let report;
    try {
      report = await api('GET', '/api/v1/reports/complaints', null, query);
    } catch (e) {
      if (!ctx.current()) return;
      if (e.errors.length) showError(form, translated(e)); else results.append(errorBox(e));
      return;
    }
    if (!ctx.current()) return;
    const totals = report.totals;

    const figure = (key, name, value, cls) => h('div', { class: ['figure', cls], dataset: { figure: key } },
      h('div', { class: 'value', text: value }), h('div', { class: 'name', text: name }));
    const pct = totals.decidedInTimePct;
    results.append(h('div', { class: 'figures report-figures' },
      figure('received', t('cr.received'), formatNumber(totals.received)),
      figure('decided', t('cr.decided'), formatNumber(totals.decided)),
      figure('inTimePct', t('cr.inTimePct'), pct === null ? '-' : formatPercent(pct / 100),
        pct === null ? null : pct >= 90 ? 'rate-good' : pct >= 70 ? 'rate-fair' : 'rate-poor'),
      figure('median', t('cr.median'), totals.medianDaysToDecision === null ? '-' : t('cr.days', { days: formatNumber(totals.medianDaysToDecision) })),
      figure('repeat', t('cr.repeat'), formatNumber(totals.repeatComplainants))));

    const causes = row => (row.topRootCauses.length
      ? h('span', { class: 'causes' }, row.topRootCauses.map(c => h('span', { class: 'cause', text: t('cr.causeCount', { cause: c.rootCause, count: formatNumber(c.count) }) })))
      : h('span', { class: 'muted', text: '-' }));
    const figures = row => [
      h('td', { class: 'number', dataset: { col: 'received' }, text: formatNumber(row.received) }),
      h('td', { class: 'number', dataset: { col: 'decided' }, text: formatNumber(row.decided) }),
      h('td', { class: 'number', dataset: { col: 'inTime' }, text: formatNumber(row.decidedInTime) }),
      h('td', { class: ['number', row.decidedLate > 0 ? 'late' : null], dataset: { col: 'late' }, text: formatNumber(row.decidedLate) }),
      h('td', { class: 'share', dataset: { col: 'inTimePct' } }, inTimeShare(row.decidedInTimePct)),
      h('td', { class: 'number', dataset: { col: 'median' }, text: row.medianDaysToDecision === null ? '-' : formatNumber(row.medianDaysToDecision) }),
      h('td', { class: 'number', dataset: { col: 'repeat' }, text: formatNumber(row.repeatComplainants) }),
      h('td', { class: 'root-causes' }, causes(row))
    ];
    const headers = [[t(`cr.group.${report.groupBy}`)], [t('cr.received'), 'number'], [t('cr.decided'), 'number'], [t('cr.inTime'), 'number'],
      [t('cr.late'), 'number'], [t('cr.inTimePct')], [t('cr.median'), 'number'], [t('cr.repeat'), 'number'], [t('cr.rootCauses')]];
    const rows = report.groups.map(g => h('tr', { dataset: { group: g.group } },
      h('td', { class: report.groupBy === 'branch' ? 'mono' : null, text: groupName(report.groupBy, g.group) }), figures(g)));
    results.append(h('section', { class: 'card report-table' },
      h('div', { class: 'list-head' },
        h('span', { class: 'muted', text: t('cr.scope', { month: report.month, branch: report.branch || t('cr.allBranches') }) }),
        h('span', { class: 'actions' }, exportButtons('/api/v1/reports/complaints', query,
          `complaint-analysis-${report.month}-${report.groupBy}${branch ? `-${branch}` : ''}`, { csv: t('cr.exportCsv'), xlsx: t('cr.exportXlsx') }))),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data complaint-groups' },
        h('thead', {}, h('tr', {}, headers.map(([x, c]) => h('th', { class: c, text: x })))),
        h('tbody', {}, rows.length ? rows : h('tr', { class: 'empty' }, h('td', { colspan: headers.length, text: t('cr.empty') }))),
        h('tfoot', {}, h('tr', { class: 'totals' }, h('th', { text: t('cr.totals') }), figures(totals))))),
      h('p', { class: 'muted hint', text: t('cr.hint') })));

    results.append(h('div', { class: 'report-charts' },
      h('section', { class: 'card trend-card' }, h('h3', { text: t('cr.trend') }),
        lineChart(report.trend.map(monthPoint), { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], format: formatPercent, label: t('cr.trend') }),
        h('p', { class: 'muted hint', text: t('cr.trendHint') })),
      h('section', { class: 'card causes-card' }, h('h3', { text: t('cr.causes') }),
        totals.topRootCauses.length ? causeBars(totals.topRootCauses) : h('p', { class: 'muted', text: t('cr.noCauses') }))));
  }
};
