// Complaints and their time limits (DESIGN.md section 13), shared by the work queue and the customer page: a
// complaint's state, the days left to its deadline (overdue red, at risk amber) or the day it was decided, its
// category (none until classified) and the table of a customer's complaints. The CRM's values the service does not
// know (a channel such as WECHAT) are shown as they are, never hidden.

import { register, t, label, language } from './i18n.js';
import { h, badge, dataTable } from './ui.js';

/** The queue's states, in its order: what needs work first. */
export const COMPLAINT_STATES = ['OVERDUE', 'AT_RISK', 'ON_TRACK', 'UNCLASSIFIED', 'MISSED', 'MET', 'WITHDRAWN'];
/** The states of a complaint still open (its clock is running). */
export const OPEN_STATES = ['OVERDUE', 'AT_RISK', 'ON_TRACK'];
export const COMPLAINT_CATEGORIES = ['PRODUCT', 'SERVICE', 'COMPLIANCE'];

register({
  'zh-CN': {
    'complaint.no': '投诉编号', 'complaint.customer': '客户', 'complaint.noCustomer': '无客户', 'complaint.channel': '渠道',
    'complaint.category': '类别', 'complaint.complexity': '复杂程度', 'complaint.categoryComplexity': '类别 / 复杂程度', 'complaint.receivedAt': '受理日期', 'complaint.deadline': '办理时限',
    'complaint.state': '时效状态', 'complaint.status': '案件状态', 'complaint.received': '受理于 {time}',
    'complaint.overdueBy': '逾期 {days} 天', 'complaint.dueToday': '今天到期', 'complaint.left': '剩 {days} 天',
    'complaint.decidedOn': '{date} 办结', 'complaint.noDeadline': '无时限', 'complaint.list': '投诉',
    'complaint.empty': '没有投诉记录。', 'complaint.rule': '规则：{rule}', 'complaint.rootCause': '原因：{cause}'
  },
  en: {
    'complaint.no': 'Complaint', 'complaint.customer': 'Customer', 'complaint.noCustomer': 'no customer', 'complaint.channel': 'Channel',
    'complaint.category': 'Category', 'complaint.complexity': 'complexity', 'complaint.categoryComplexity': 'Category / complexity',
    'complaint.receivedAt': 'Received', 'complaint.deadline': 'Deadline',
    'complaint.state': 'State', 'complaint.status': 'Case', 'complaint.received': 'Received {time}',
    'complaint.overdueBy': '{days} days overdue', 'complaint.dueToday': 'due today', 'complaint.left': '{days} days left',
    'complaint.decidedOn': 'decided {date}', 'complaint.noDeadline': 'no time limit', 'complaint.list': 'Complaints',
    'complaint.empty': 'No complaints.', 'complaint.rule': 'Rule: {rule}', 'complaint.rootCause': 'Root cause: {cause}'
  }
});

/** The day of an instant in the browser's time zone as YYYY-MM-DD, the form the service writes dates in. */
export function dayOf(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The day a complaint was received, the time to the minute on hover. */
export function receivedCell(iso) {
  if (!iso) return h('span', { class: 'muted', text: '-' });
  const d = new Date(iso);
  const time = d.toLocaleString(language(), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  return h('span', { class: 'nowrap', title: t('complaint.received', { time }), text: dayOf(iso) });
}

/** The state as a badge; the rule that decided it on hover. */
export function stateBadge(item) {
  const el = badge('complaintState', item.state);
  if (item.rule) el.title = t('complaint.rule', { rule: item.rule });
  return el;
}

/** The category, or "unclassified" (muted) while the complaint has none, with the complexity (which sets the time limit) under it. */
export function categoryCell(item) {
  return [item.category ? h('span', { class: 'nowrap', text: label('complaintCategory', item.category) })
    : h('span', { class: 'muted nowrap', text: label('complaintCategory', 'UNCLASSIFIED') }),
  h('div', { class: 'small muted nowrap complexity', text: label('complaintComplexity', item.complexity) })];
}

/** The customer's number linked to their page, or "no customer" for a complaint without one. */
export function customerCell(customerNo) {
  return customerNo ? h('a', { class: 'nowrap', href: `#/customers/${encodeURIComponent(customerNo)}`, text: customerNo })
    : h('span', { class: 'muted no-customer', text: t('complaint.noCustomer') });
}

/**
 * What is left of the time limit of an open complaint (overdue red, at risk amber), or the day a decided one was
 * decided, or that no time limit applies.
 */
function timeLeft(item) {
  if (OPEN_STATES.includes(item.state) && item.daysLeft !== null && item.daysLeft !== undefined) {
    const days = item.daysLeft;
    const words = days < 0 ? t('complaint.overdueBy', { days: -days }) : days === 0 ? t('complaint.dueToday') : t('complaint.left', { days });
    // Past the deadline is a fact of the calendar (red even before the rules clock it again); at risk is the rules' word.
    const kind = days < 0 ? 'overdue' : item.state.toLowerCase().replace(/_/g, '-');
    return h('span', { class: `time-left days-left days-${kind}`, dataset: { daysLeft: String(days) }, text: words });
  }
  if (item.decidedAt) return h('span', { class: 'time-left muted nowrap', text: t('complaint.decidedOn', { date: dayOf(item.decidedAt) }) });
  if (!item.deadline) return h('span', { class: 'time-left muted nowrap', text: t('complaint.noDeadline') });
  return null;
}

/** The deadline: the time left (or how the complaint ended) first, the date under it; muted once no clock runs. */
export function deadlineCell(item) {
  const left = timeLeft(item);
  const running = OPEN_STATES.includes(item.state);
  return [left, item.deadline ? h('div', { class: ['deadline-date', 'nowrap', left ? 'small' : null, left || !running ? 'muted' : null],
    text: item.deadline }) : null,
    !left && !item.deadline ? h('span', { class: 'muted', text: '-' }) : null];
}

/** The CRM's status of the case, the root cause of a decided one on hover. */
export function statusCell(item) {
  return h('span', { class: 'nowrap', title: item.rootCause ? t('complaint.rootCause', { cause: item.rootCause }) : null,
    text: label('complaintStatus', item.status) });
}

/** The row class that marks an overdue or at-risk complaint at the left edge. */
export function rowClass(item) {
  return item.state === 'OVERDUE' ? 'complaint-overdue' : item.state === 'AT_RISK' ? 'complaint-at-risk' : null;
}

/** A customer's complaints, in the queue's order, as on the customer page. */
export function customerComplaintsTable(items) {
  return dataTable([
    { label: t('complaint.no'), value: c => h('span', { class: 'mono', text: c.complaintNo }) },
    { label: t('complaint.channel'), value: c => label('complaintChannel', c.channel) },
    { label: t('complaint.categoryComplexity'), value: categoryCell },
    { label: t('complaint.receivedAt'), value: c => receivedCell(c.receivedAt) },
    { label: t('complaint.deadline'), key: 'deadline', value: deadlineCell },
    { label: t('complaint.state'), key: 'state', value: stateBadge },
    { label: t('complaint.status'), value: statusCell }
  ], items, { class: 'data complaints', empty: t('complaint.empty'), rowClass,
    rowData: c => ({ complaint: c.complaintNo, state: c.state }) });
}
