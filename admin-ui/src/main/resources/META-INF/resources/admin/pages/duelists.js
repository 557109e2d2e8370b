// Due lists (DESIGN.md section 11): each month's customers whose premium falls due or whose policy is to be
// renewed, with their tier, churn score and what a salesperson should know, the salesperson's feedback
// (contacted, promised, paid, refused, unreachable) and the export to CSV or Excel. The filters live in the
// address (#/due-lists?month=2027-01&branch=&accountManager=&kind=&page=). An account manager sees, and gives
// feedback on, their own items only; an admin generates a month that has no list yet or regenerates it
// (the feedback given stays).

import { api } from '../lib/api.js';
import { t, label, formatTime, formatMoney } from '../lib/i18n.js';
import { h, heading, badge, pager, field, errorBox, busy, confirmDialog, toast, showError } from '../lib/ui.js';
import { monthFromNow, exportButtons } from '../lib/reports.js';

const KINDS = ['INSTALLMENT', 'RENEWAL'];
const OUTCOMES = ['CONTACTED', 'PROMISED', 'PAID', 'REFUSED', 'UNREACHABLE'];
const PAGE_SIZE = 50;

const text = {
  'zh-CN': {
    'nav.dueLists': '续期清单', 'due.title': '月度续期清单', 'due.month': '月份', 'due.kind': '类型', 'due.branch': '机构',
    'due.branchHint': '如 GD（含下属机构）', 'due.accountManager': '客户经理', 'due.filter': '筛选', 'due.clear': '清除',
    'due.customer': '客户', 'due.party': '同一客户', 'due.policy': '保单号', 'due.dueDate': '应缴/到期日', 'due.amount': '金额',
    'due.tier': '服务层级', 'due.churn': '流失风险分', 'due.reasons': '关注要点', 'due.outcome': '回访结果', 'due.feedback': '反馈',
    'due.notGenerated': '{month} 的清单还没有生成。', 'due.generate': '生成清单', 'due.regenerate': '重新生成',
    'due.regenerateConfirm': '重新生成 {month} 的清单？已登记的回访结果会保留。', 'due.generated': '{month} 的清单已生成',
    'due.generatedAt': '生成于 {when}', 'due.total': '共 {total} 项', 'due.empty': '没有符合条件的项目。',
    'due.exportCsv': '导出 CSV', 'due.exportXlsx': '导出 Excel', 'due.outcomeConfirm': '登记回访结果“{outcome}”：{customer} {policy}',
    'due.outcomeSaved': '已登记：{outcome}', 'due.note': '说明（可选）', 'due.monthHint': '格式 2027-01'
  },
  en: {
    'nav.dueLists': 'Due lists', 'due.title': 'Monthly due list', 'due.month': 'Month', 'due.kind': 'Kind', 'due.branch': 'Branch',
    'due.branchHint': 'e.g. GD (with its sub-branches)', 'due.accountManager': 'Account manager', 'due.filter': 'Filter', 'due.clear': 'Clear',
    'due.customer': 'Customer', 'due.party': 'Party', 'due.policy': 'Policy', 'due.dueDate': 'Due / ends', 'due.amount': 'Amount',
    'due.tier': 'Tier', 'due.churn': 'Churn score', 'due.reasons': 'What to watch for', 'due.outcome': 'Outcome', 'due.feedback': 'Feedback',
    'due.notGenerated': 'The list for {month} has not been generated yet.', 'due.generate': 'Generate the list', 'due.regenerate': 'Regenerate',
    'due.regenerateConfirm': 'Regenerate the list for {month}? The feedback already given is kept.', 'due.generated': 'The list for {month} is generated',
    'due.generatedAt': 'Generated {when}', 'due.total': '{total} items', 'due.empty': 'No items match.',
    'due.exportCsv': 'Export CSV', 'due.exportXlsx': 'Export Excel', 'due.outcomeConfirm': 'Record "{outcome}" for {customer} {policy}',
    'due.outcomeSaved': 'Recorded: {outcome}', 'due.note': 'Note (optional)', 'due.monthHint': 'as 2027-01'
  }
};

function select(name, kind, values, current) {
  const el = h('select', { name }, h('option', { value: '', text: t('common.all') }),
    values.map(v => h('option', { value: v, text: label(kind, v) })));
  el.value = current || '';
  return el;
}

function churnBadge(score) {
  if (score === null || score === undefined) return h('span', { class: 'muted', text: '-' });
  return h('span', { class: `badge churn-${score >= 70 ? 'high' : score >= 50 ? 'medium' : 'low'}`, text: String(score) });
}

export default {
  id: 'due-lists',
  roles: ['ANALYST', 'APPROVER', 'ADMIN', 'ACCOUNT_MANAGER'],
  nav: 'nav.dueLists',
  text,
  async render(view, ctx) {
    const q = ctx.query;
    // Next month by default: the list salespeople work from before it starts.
    const month = q.get('month') || monthFromNow(1);
    const filters = { branch: q.get('branch'), accountManager: q.get('accountManager'), kind: q.get('kind') };
    const page = Math.max(0, Number(q.get('page')) || 0);
    const isAdmin = ctx.can('ADMIN');
    const canGiveFeedback = ctx.can('ACCOUNT_MANAGER', 'APPROVER', 'ADMIN');
    view.append(heading(t('due.title')));

    const form = h('form', { class: 'filters card', novalidate: true },
      field(t('due.month'), h('input', { name: 'month', value: month, maxlength: 7, size: 8, placeholder: t('due.monthHint') })),
      field(t('due.kind'), select('kind', 'dueKind', KINDS, filters.kind)),
      field(t('due.branch'), h('input', { name: 'branch', value: filters.branch || '', maxlength: 32, size: 10, placeholder: t('due.branchHint') })),
      ctx.can('ACCOUNT_MANAGER') && !ctx.can('ANALYST', 'APPROVER', 'ADMIN') ? null
        : field(t('due.accountManager'), h('input', { name: 'accountManager', value: filters.accountManager || '', maxlength: 64, size: 10 })),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', text: t('due.filter') }),
        h('button', { type: 'button', class: 'secondary', text: t('due.clear'), onclick: () => ctx.navigate('due-lists', { month }) })));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const values = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v).trim()]));
      ctx.navigate('due-lists', values);
    });
    view.append(form);

    const results = h('section', { class: 'card due-list', dataset: { month } });
    view.append(results);
    const path = `/api/v1/due-lists/${encodeURIComponent(month)}`;
    const generate = async (button, again) => {
      if (again && !await confirmDialog(t('due.regenerateConfirm', { month }), { confirmText: t('due.regenerate') })) return;
      try {
        await busy(button, () => api('POST', path));
        toast(t('due.generated', { month }), 'success');
        ctx.rerender();
      } catch (e) {
        toast(e.message, 'error');
      }
    };
    let data;
    try {
      data = await api('GET', path, null, { ...filters, page, size: PAGE_SIZE });
    } catch (e) {
      if (e.status === 404) {
        results.append(h('p', { class: 'not-generated', text: t('due.notGenerated', { month }) }));
        if (isAdmin) {
          const button = h('button', { type: 'button', class: 'primary', dataset: { action: 'generate' }, text: t('due.generate') });
          button.addEventListener('click', () => generate(button, false));
          results.append(button);
        }
      } else if (e.errors.length) {
        showError(form, e);
      } else {
        results.append(errorBox(e));
      }
      return;
    }
    if (!ctx.current()) return;

    const regenerate = isAdmin ? h('button', { type: 'button', class: 'secondary', dataset: { action: 'regenerate' }, text: t('due.regenerate') }) : null;
    if (regenerate) regenerate.addEventListener('click', () => generate(regenerate, true));
    results.append(h('div', { class: 'list-head' },
      h('span', { class: 'muted', text: `${t('due.generatedAt', { when: formatTime(data.generatedAt) })} · ${t('due.total', { total: data.total })}` }),
      h('span', { class: 'actions' }, exportButtons(path, filters, `due-list-${month}`,
        { csv: t('due.exportCsv'), xlsx: t('due.exportXlsx') }), regenerate)));

    const rowOf = item => h('tr', { dataset: { item: item.id, kind: item.kind } }, [
      h('td', {}, h('a', { href: `#/customers/${encodeURIComponent(item.customerNo)}`, text: item.customerNo }),
        item.partyNo ? h('div', { class: 'small muted', text: `${t('due.party')} ${item.partyNo}` }) : null),
      h('td', { class: 'mono', text: item.policyNo }),
      h('td', {}, badge('dueKind', item.kind)),
      h('td', { class: 'nowrap', text: item.dueDate }),
      h('td', { class: 'number', text: formatMoney(item.amount) }),
      h('td', {}, badge('tier', item.tier)),
      h('td', { class: 'churn' }, churnBadge(item.churnScore)),
      h('td', { text: item.accountManager || '-' }),
      h('td', { text: item.branchCode }),
      h('td', { class: 'reasons' }, (item.reasons || []).length ? h('ul', {}, item.reasons.map(r => h('li', { text: r }))) : '-'),
      h('td', { class: 'outcome' }, item.outcome ? badge('dueOutcome', item.outcome) : '-',
        item.outcomeNote ? h('div', { class: 'note', text: item.outcomeNote }) : null),
      canGiveFeedback ? h('td', { class: 'actions-cell' }, feedback(item)) : null
    ]);
    const feedback = item => OUTCOMES.map(outcome => {
      const button = h('button', { type: 'button', class: `secondary small${item.outcome === outcome ? ' current' : ''}`,
        dataset: { outcome }, text: label('dueOutcome', outcome) });
      button.addEventListener('click', async () => {
        const note = await confirmDialog(t('due.outcomeConfirm', { outcome: label('dueOutcome', outcome), customer: item.customerNo,
          policy: item.policyNo }), { withNote: true, noteLabel: t('due.note'), confirmText: label('dueOutcome', outcome) });
        if (note === null) return;
        try {
          const updated = await busy(button, () => api('POST', `${path}/items/${item.id}/outcome`, { outcome, note: note || null }));
          results.querySelector(`tr[data-item="${item.id}"]`).replaceWith(rowOf({ ...item, ...(updated || { outcome, outcomeNote: note || null }) }));
          toast(t('due.outcomeSaved', { outcome: label('dueOutcome', outcome) }), 'success');
        } catch (e) {
          toast(e.message, 'error');
        }
      });
      return button;
    });

    const headers = [t('due.customer'), t('due.policy'), t('due.kind'), t('due.dueDate'), t('due.amount'), t('due.tier'), t('due.churn'),
      t('due.accountManager'), t('due.branch'), t('due.reasons'), t('due.outcome'), canGiveFeedback ? t('due.feedback') : null]
      .filter(x => x !== null);
    const body = h('tbody', {}, data.items.length ? data.items.map(rowOf)
      : h('tr', { class: 'empty' }, h('td', { colspan: headers.length, text: t('due.empty') })));
    results.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data due-items' },
      h('thead', {}, h('tr', {}, headers.map(x => h('th', { text: x })))), body)),
      pager(data.total, page, PAGE_SIZE, p => ctx.navigate('due-lists', { month, ...filters, page: p })));
  }
};
