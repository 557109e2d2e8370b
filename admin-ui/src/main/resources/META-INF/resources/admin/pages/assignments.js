// Assignment proposals (DESIGN.md section 12): after each nightly run, and at once when a manager leaves, the
// service proposes a manager for each VIP without a suitable one; an approver accepts (the CRM then applies it)
// or rejects with an optional note. Below, the VIPs nobody can take (no active manager of the level with room).
//
// Route: #/assignments?status=PENDING|ACCEPTED|REJECTED|APPLIED|ALL&page=.

import { api } from '../lib/api.js';
import { exportButtons } from '../lib/reports.js';
import { t, label, formatTime, formatNumber } from '../lib/i18n.js';
import { h, heading, badge, pager, field, errorBox, busy, confirmDialog, toast, dataTable } from '../lib/ui.js';

const STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED', 'APPLIED'];
const PAGE_SIZE = 50;

const text = {
  'zh-CN': {
    'nav.assignments': '客户分配', 'asg.title': '客户分配建议', 'asg.status': '状态', 'asg.filter': '筛选', 'asg.all': '全部',
    'asg.customer': '客户', 'asg.branch': '机构', 'asg.reason': '原因', 'asg.from': '原客户经理', 'asg.to': '建议客户经理',
    'asg.createdAt': '提出时间', 'asg.decided': '处理', 'asg.actions': '操作', 'asg.accept': '同意', 'asg.reject': '拒绝',
    'asg.acceptConfirm': '同意将客户 {customer} 分配给 {to}？同意后由 CRM 完成变更。', 'asg.rejectConfirm': '拒绝将客户 {customer} 分配给 {to}？',
    'asg.rejectNote': '拒绝原因（可选）', 'asg.accepted': '已同意：{customer} → {to}', 'asg.rejected': '已拒绝：{customer} → {to}',
    'asg.empty': '没有符合条件的分配建议。', 'asg.none': '无', 'asg.by': '{who} 于 {when}',
    'asg.unplaced': '无法分配的 VIP 客户', 'asg.unplacedHint': '这些 VIP 客户需要客户经理，但本机构及上级机构都没有级别合适且有余量的在岗客户经理。请新增客户经理或调整管户上限。',
    'asg.unplacedEmpty': '所有需要客户经理的 VIP 客户都已有分配建议。', 'asg.tier': '服务层级', 'asg.current': '当前客户经理'
  },
  en: {
    'nav.assignments': 'Assignments', 'asg.title': 'Assignment proposals', 'asg.status': 'Status', 'asg.filter': 'Filter', 'asg.all': 'All',
    'asg.customer': 'Customer', 'asg.branch': 'Branch', 'asg.reason': 'Reason', 'asg.from': 'Current manager',
    'asg.to': 'Proposed manager', 'asg.createdAt': 'Proposed', 'asg.decided': 'Decision', 'asg.actions': 'Actions', 'asg.accept': 'Accept',
    'asg.reject': 'Reject', 'asg.acceptConfirm': 'Give customer {customer} to {to}? The CRM then makes the change.',
    'asg.rejectConfirm': 'Reject giving customer {customer} to {to}?', 'asg.rejectNote': 'Why (optional)',
    'asg.accepted': 'Accepted: {customer} → {to}', 'asg.rejected': 'Rejected: {customer} → {to}', 'asg.empty': 'No proposals match.',
    'asg.none': 'none', 'asg.by': '{who}, {when}',
    'asg.unplaced': 'VIPs nobody can take', 'asg.unplacedHint': 'These VIPs need an account manager, but no active manager of the right level with room is at their branch or above. Add a manager or raise a capacity.',
    'asg.unplacedEmpty': 'Every VIP who needs a manager has a proposal.', 'asg.tier': 'Tier', 'asg.current': 'Current manager'
  }
};

const bookLink = code => (code ? h('a', { href: `#/book/${encodeURIComponent(code)}`, class: 'mono', text: code }) : h('span', { class: 'muted', text: t('asg.none') }));
const customerLink = no => h('a', { href: `#/customers/${encodeURIComponent(no)}`, text: no });

export default {
  id: 'assignments',
  roles: ['APPROVER', 'ADMIN'],
  nav: 'nav.assignments',
  text,
  async render(view, ctx) {
    const asked = ctx.query.get('status');
    const status = asked === 'ALL' ? 'ALL' : STATUSES.includes(asked) ? asked : 'PENDING';
    const page = Math.max(0, Number(ctx.query.get('page')) || 0);
    view.append(heading(t('asg.title')));
    const statusSelect = h('select', { name: 'status' }, STATUSES.map(s => h('option', { value: s, text: label('proposalStatus', s) })),
      h('option', { value: 'ALL', text: t('asg.all') }));
    statusSelect.value = status;
    // A filter of one select: applied as soon as it changes.
    statusSelect.addEventListener('change', () => ctx.navigate('assignments', { status: statusSelect.value }));
    view.append(h('form', { class: 'filters card', novalidate: true }, field(t('asg.status'), statusSelect)));
    const results = h('section', { class: 'card proposals', dataset: { status } });
    const unplaced = h('section', { class: 'card unplaced' }, h('h3', { text: t('asg.unplaced') }));
    view.append(results, unplaced);

    let data;
    try {
      data = await api('GET', '/api/v1/assignment-proposals', null, { status: status === 'ALL' ? null : status, page, size: PAGE_SIZE });
    } catch (e) {
      results.append(errorBox(e));
      return;
    }
    if (!ctx.current()) return;
    // Number and branch go under the customer: ten columns would not fit beside the navigation.
    const headers = [t('asg.customer'), t('asg.reason'), t('asg.from'), t('asg.to'), t('asg.createdAt'), t('asg.status'), t('asg.decided'),
      t('asg.actions')];
    const rowOf = p => h('tr', { dataset: { proposal: p.id, status: p.status } }, [
      h('td', {}, customerLink(p.customerNo), h('div', { class: 'small muted', text: `#${p.id} · ${p.branchCode}` })),
      h('td', {}, badge('proposalReason', p.reason)),
      h('td', {}, bookLink(p.fromManager)),
      h('td', { class: 'to' }, bookLink(p.toManager)),
      h('td', { class: 'small', text: formatTime(p.createdAt) }),
      h('td', { class: 'status' }, badge('proposalStatus', p.status)),
      h('td', { class: 'decided' }, p.decidedBy ? h('div', { class: 'small', text: t('asg.by', { who: p.decidedBy, when: formatTime(p.decidedAt) }) }) : '-',
        p.note ? h('div', { class: 'note', text: p.note }) : null),
      h('td', { class: 'actions-cell' }, p.status === 'PENDING' ? decisionButtons(p) : null)
    ]);
    const decide = async (p, button, accept) => {
      const vars = { customer: p.customerNo, to: p.toManager };
      let note = null;
      if (accept) {
        if (!await confirmDialog(t('asg.acceptConfirm', vars), { confirmText: t('asg.accept') })) return;
      } else {
        note = await confirmDialog(t('asg.rejectConfirm', vars), { withNote: true, noteLabel: t('asg.rejectNote'), danger: true, confirmText: t('asg.reject') });
        if (note === null) return;
      }
      try {
        const updated = await busy(button, () => (accept
          ? api('POST', `/api/v1/assignment-proposals/${p.id}/accept`)
          : api('POST', `/api/v1/assignment-proposals/${p.id}/reject`, { note: note || null })));
        results.querySelector(`tr[data-proposal="${p.id}"]`).replaceWith(rowOf(updated));
        toast(t(accept ? 'asg.accepted' : 'asg.rejected', vars), 'success');
      } catch (e) {
        toast(e.message, 'error');
      }
    };
    const decisionButtons = p => {
      const accept = h('button', { type: 'button', class: 'primary small', dataset: { action: 'accept' }, text: t('asg.accept') });
      const reject = h('button', { type: 'button', class: 'secondary small', dataset: { action: 'reject' }, text: t('asg.reject') });
      accept.addEventListener('click', () => decide(p, accept, true));
      reject.addEventListener('click', () => decide(p, reject, false));
      return [accept, reject];
    };
    results.append(h('div', { class: 'list-head' }, h('span', { class: 'muted', text: formatNumber(data.total) }),
      h('span', { class: 'actions' }, exportButtons('/api/v1/assignment-proposals', { status: status === 'ALL' ? null : status },
        'assignment-proposals', { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data proposals' },
      h('thead', {}, h('tr', {}, headers.map(x => h('th', { text: x })))),
      h('tbody', {}, data.items.length ? data.items.map(rowOf) : h('tr', { class: 'empty' }, h('td', { colspan: headers.length, text: t('asg.empty') }))))),
    pager(data.total, page, PAGE_SIZE, p => ctx.navigate('assignments', { status, page: p })));

    try {
      const rows = await api('GET', '/api/v1/assignment-proposals/unplaced');
      if (!ctx.current()) return;
      unplaced.querySelector('h3').append(' ', h('span', { class: 'badge count', text: formatNumber(rows.length) }));
      unplaced.append(h('div', { class: 'list-head' }, h('p', { class: 'muted', text: t('asg.unplacedHint') }),
        rows.length > 0 && h('span', { class: 'actions' }, exportButtons('/api/v1/assignment-proposals/unplaced', {},
          'unplaced-vips', { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))),
        dataTable([
          { label: t('asg.customer'), value: u => customerLink(u.customerNo) },
          { label: t('asg.branch'), value: u => u.branchCode },
          { label: t('asg.tier'), value: u => badge('tier', u.tier) },
          { label: t('asg.current'), value: u => bookLink(u.accountManager) },
          { label: t('asg.reason'), value: u => badge('proposalReason', u.reason) }
        ], rows, { empty: t('asg.unplacedEmpty'), class: 'data unplaced-list', rowData: u => ({ customer: u.customerNo }) }));
    } catch (e) {
      unplaced.append(errorBox(e));
    }
  }
};
