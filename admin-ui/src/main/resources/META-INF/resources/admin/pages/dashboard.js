// The dashboard: how the book looks today (grades, tiers, VIPs, blacklisted), the open warning work,
// the last nightly run and the rule-pack versions live, over the customers the user may see.

import { api } from '../lib/api.js';
import { t, label, formatNumber, formatTime } from '../lib/i18n.js';
import { h, heading, card, badge, dataTable, definitions, progressBar, poll } from '../lib/ui.js';
import { barChart, groupedBarChart } from '../lib/charts.js';

const text = {
  'zh-CN': {
    'nav.dashboard': '概览', 'dash.title': '概览', 'dash.customers': '客户', 'dash.assessed': '已评估', 'dash.vip': 'VIP 客户',
    'dash.blacklisted': '黑名单客户', 'dash.grades': '客户等级分布', 'dash.tiers': '服务层级分布', 'dash.warnings': '待处理预警（按类型和严重程度）',
    'dash.noWarnings': '没有待处理的预警。', 'dash.lastRun': '最近一次批处理', 'dash.noRun': '还没有运行过批处理。',
    'dash.packs': '运行中的规则包', 'dash.pack': '规则包', 'dash.published': '已发布版本', 'dash.live': '本节点运行版本',
    'dash.type': '类型', 'dash.severity': '严重程度', 'dash.count': '数量', 'dash.status': '状态', 'dash.processed': '已处理',
    'dash.changed': '有变化', 'dash.failed': '失败', 'dash.startedAt': '开始', 'dash.finishedAt': '结束', 'dash.openRun': '查看详情',
    'dash.scope': '范围：{branch} 及其下属机构', 'dash.scopeAll': '范围：全部机构'
  },
  en: {
    'nav.dashboard': 'Dashboard', 'dash.title': 'Dashboard', 'dash.customers': 'Customers', 'dash.assessed': 'Assessed', 'dash.vip': 'VIP customers',
    'dash.blacklisted': 'Blacklisted', 'dash.grades': 'Grades', 'dash.tiers': 'Service tiers', 'dash.warnings': 'Open warnings by type and severity',
    'dash.noWarnings': 'No open warnings.', 'dash.lastRun': 'Last batch run', 'dash.noRun': 'No batch run yet.',
    'dash.packs': 'Live rule packs', 'dash.pack': 'Pack', 'dash.published': 'Published', 'dash.live': 'Live on this node',
    'dash.type': 'Type', 'dash.severity': 'Severity', 'dash.count': 'Count', 'dash.status': 'Status', 'dash.processed': 'Processed',
    'dash.changed': 'Changed', 'dash.failed': 'Failed', 'dash.startedAt': 'Started', 'dash.finishedAt': 'Finished', 'dash.openRun': 'Details',
    'dash.scope': 'Scope: {branch} and its sub-branches', 'dash.scopeAll': 'Scope: all branches'
  }
};

function figure(name, value, key) {
  return h('div', { class: 'figure', dataset: { figure: key } }, h('div', { class: 'value', text: formatNumber(value) }), h('div', { class: 'name', text: name }));
}

export default {
  id: 'dashboard',
  roles: ['UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.dashboard',
  text,
  async render(view, ctx) {
    const data = await api('GET', '/api/v1/dashboard');
    if (!ctx.current()) return;
    view.append(heading(t('dash.title'), h('span', { class: 'muted', text: ctx.user.branchCode === 'HQ' ? t('dash.scopeAll') : t('dash.scope', { branch: ctx.user.branchCode }) })));
    view.append(h('div', { class: 'figures dash-figures' },
      figure(t('dash.customers'), data.customers, 'customers'),
      figure(t('dash.assessed'), data.assessed, 'assessed'),
      figure(t('dash.vip'), data.vip, 'vip'),
      figure(t('dash.blacklisted'), data.blacklisted, 'blacklisted')));

    view.append(h('div', { class: 'grid-2' },
      card(h('h3', { text: t('dash.grades') }), barChart(data.grades.map(g => ({ label: label('grade', g.value), value: g.count, key: g.value })))),
      card(h('h3', { text: t('dash.tiers') }), barChart(data.tiers.map(g => ({ label: label('tier', g.value), value: g.count, key: g.value }))))));

    const warningCard = card(h('h3', { text: t('dash.warnings') }));
    warningCard.classList.add('dash-warnings');
    if (data.openWarnings.length === 0) {
      warningCard.append(h('p', { class: 'muted', text: t('dash.noWarnings') }));
    } else {
      const types = [...new Set(data.openWarnings.map(w => w.type))];
      const severities = ['HIGH', 'MEDIUM', 'LOW'].filter(s => data.openWarnings.some(w => w.severity === s));
      warningCard.append(h('div', { class: 'grid-2' },
        groupedBarChart(types.map(type => ({ label: label('warningType', type),
          values: Object.fromEntries(data.openWarnings.filter(w => w.type === type).map(w => [w.severity, w.count])) })),
          severities.map(s => ({ key: s, label: label('severity', s) }))),
        dataTable([
          { label: t('dash.type'), value: w => h('a', { href: `#/warnings?type=${w.type}&severity=${w.severity}`, text: label('warningType', w.type) }) },
          { label: t('dash.severity'), value: w => badge('severity', w.severity) },
          { label: t('dash.count'), class: 'number', value: w => formatNumber(w.count) }
        ], data.openWarnings)));
    }
    view.append(warningCard);

    const run = data.lastBatchRun;
    const runCard = card(h('h3', { text: t('dash.lastRun') }));
    runCard.classList.add('dash-run');
    if (!run) {
      runCard.append(h('p', { class: 'muted', text: t('dash.noRun') }));
    } else {
      runCard.append(definitions([
        [t('dash.status'), badge('runStatus', run.status)],
        [t('dash.processed'), `${formatNumber(run.processed)} / ${formatNumber(run.total)}`],
        [t('dash.changed'), formatNumber(run.changed)],
        [t('dash.failed'), formatNumber(run.failed)],
        [t('dash.startedAt'), formatTime(run.startedAt)],
        [t('dash.finishedAt'), formatTime(run.finishedAt)]
      ]));
      if (run.status === 'RUNNING') runCard.append(progressBar(run.total ? run.processed / run.total : null));
      runCard.append(h('p', {}, h('a', { href: `#/batch/${run.id}`, text: t('dash.openRun') })));
    }

    const packCard = card(h('h3', { text: t('dash.packs') }));
    packCard.id = 'live-packs';
    packCard.append(h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', { text: t('dash.pack') }), h('th', { class: 'number', text: t('dash.published') }), h('th', { class: 'number', text: t('dash.live') }))),
      h('tbody', {}, data.rulePacks.map(p => h('tr', { dataset: { pack: p.name } },
        h('td', {}, ctx.can('ANALYST', 'APPROVER', 'ADMIN') ? h('a', { href: `#/packs/${encodeURIComponent(p.name)}`, text: p.name }) : p.name),
        h('td', { class: 'number published-version', text: p.publishedVersion ?? '-' }),
        h('td', { class: ['number', 'live-version', p.liveVersion !== p.publishedVersion ? 'bad' : null], text: p.liveVersion ?? '-' }))))));
    view.append(h('div', { class: 'grid-2' }, runCard, packCard));

    // A run in progress: the figures follow it.
    if (run && run.status === 'RUNNING') poll(view, 3000, async () => { if (ctx.current()) ctx.rerender(); return false; });
  }
};
