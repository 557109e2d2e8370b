// The time-limit work queue of complaints (DESIGN.md section 13): overdue and at-risk complaints first, then by the
// nearest deadline; each with its customer (or none), channel, category, complexity, when it was received, its deadline
// and the days left, its state as the complaints pack last decided it and the CRM's case status. The state is chosen
// from chips that count the open states; branch and category filter too; all of it lives in the address.
//
// Route: #/complaints?state=OVERDUE|AT_RISK|...&branch=&category=&page=.

import { api } from '../lib/api.js';
import { exportButtons } from '../lib/reports.js';
import { t, label, formatNumber } from '../lib/i18n.js';
import { h, heading, pager, field, errorBox, showError } from '../lib/ui.js';
import { COMPLAINT_STATES, COMPLAINT_CATEGORIES, OPEN_STATES, stateBadge, categoryCell, customerCell, deadlineCell, receivedCell,
  statusCell, rowClass } from '../lib/complaints.js';

const PAGE_SIZE = 50;
/** The states counted on their chips: those that still need work. The closed ones grow with history. */
const COUNTED = [...OPEN_STATES, 'UNCLASSIFIED'];

const text = {
  'zh-CN': {
    'nav.complaints': '投诉时效', 'cmp.title': '投诉时效工作台', 'cmp.state': '时效状态', 'cmp.branch': '机构', 'cmp.branchHint': '如 GD（含下属机构）',
    'cmp.category': '类别', 'cmp.filter': '筛选', 'cmp.clear': '清除', 'cmp.empty': '没有符合条件的投诉。',
    'cmp.badState': '没有“{value}”这个时效状态，请从上面选择一个。', 'cmp.badCategory': '没有“{value}”这个类别，请重新选择。',
    'cmp.badBranch': '机构代码只能包含字母、数字、“-”和“_”，如 GD 或 GD-SZ。',
    'cmp.hint': '时效状态和办理时限由规则包 complaints 在客户最近一次评估时判定（鼠标悬停在状态上可见规则）；剩余时间按今天计算。'
  },
  en: {
    'nav.complaints': 'Complaint deadlines', 'cmp.title': 'Complaint deadlines', 'cmp.state': 'State', 'cmp.branch': 'Branch',
    'cmp.branchHint': 'e.g. GD (with its sub-branches)', 'cmp.category': 'Category', 'cmp.filter': 'Filter', 'cmp.clear': 'Clear',
    'cmp.empty': 'No complaints match.', 'cmp.badState': 'There is no state "{value}"; please choose one above.',
    'cmp.badCategory': 'There is no category "{value}"; please choose again.',
    'cmp.badBranch': 'A branch code has letters, digits, "-" and "_" only, such as GD or GD-SZ.',
    'cmp.hint': 'The state and the deadline are what the complaints pack decided at the customer’s last evaluation (hover over a state for its rule); the time left counts from today.'
  }
};

/** The service's field errors in the page's language where the page knows the field (the value came from the address). */
function translated(error, filters) {
  const own = { state: ['cmp.badState', filters.state], category: ['cmp.badCategory', filters.category], branch: ['cmp.badBranch', filters.branch] };
  error.errors = error.errors.map(e => (own[e.field] ? { field: e.field, message: t(own[e.field][0], { value: own[e.field][1] }) } : e));
  return error;
}

export default {
  id: 'complaints',
  roles: ['UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.complaints',
  text,
  async render(view, ctx) {
    const q = ctx.query;
    // Known values in their canonical case; anything else goes to the service as it is, which names the bad field.
    const canonical = (value, known) => (known.includes(value.toUpperCase()) ? value.toUpperCase() : value);
    const filters = { state: canonical((q.get('state') || '').trim(), COMPLAINT_STATES), branch: (q.get('branch') || '').trim(),
      category: canonical((q.get('category') || '').trim(), COMPLAINT_CATEGORIES) };
    const page = Math.max(0, Number(q.get('page')) || 0);
    view.append(heading(t('cmp.title')));

    // The states as chips (radio buttons): a click applies the state at once, keeping the other filters.
    const chip = (value, text) => h('label', { class: ['chip', `chip-${(value || 'all').toLowerCase().replace(/_/g, '-')}`], dataset: { state: value || 'ALL' } },
      h('input', { type: 'radio', name: 'state', value, checked: value === filters.state }),
      h('span', { class: 'chip-text', text }), h('span', { class: 'count' }));
    const chips = h('fieldset', { class: 'field state-chips' }, h('legend', { class: 'field-label', text: t('cmp.state') }),
      h('div', { class: 'chips' }, chip('', t('common.all')), COMPLAINT_STATES.map(s => chip(s, label('complaintState', s)))),
      h('small', { class: 'field-error', role: 'alert' }));
    chips.addEventListener('change', event => ctx.navigate('complaints', { ...filters, state: event.target.value, page: null }));

    const category = h('select', { name: 'category' }, h('option', { value: '', text: t('common.all') }),
      COMPLAINT_CATEGORIES.map(c => h('option', { value: c, text: label('complaintCategory', c) })));
    category.value = COMPLAINT_CATEGORIES.includes(filters.category) ? filters.category : '';
    const form = h('form', { class: 'filters card complaint-filters', novalidate: true }, chips,
      field(t('cmp.branch'), h('input', { name: 'branch', value: filters.branch, maxlength: 32, size: 16, placeholder: t('cmp.branchHint') })),
      field(t('cmp.category'), category),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', text: t('cmp.filter') }),
        h('button', { type: 'button', class: 'secondary', text: t('cmp.clear'), onclick: () => ctx.navigate('complaints') })));
    form.addEventListener('submit', event => {
      event.preventDefault();
      ctx.navigate('complaints', { state: filters.state, branch: form.branch.value.trim().toUpperCase(), category: category.value });
    });
    view.append(form);

    const results = h('section', { class: 'card complaint-queue', dataset: { state: filters.state || 'ALL' } });
    view.append(results);
    const query = { ...filters, page, size: PAGE_SIZE };
    let data;
    try {
      data = await api('GET', '/api/v1/complaints', null, query);
    } catch (e) {
      if (!ctx.current()) return;
      if (e.errors.length) {
        showError(form, translated(e, filters));
        results.remove();
      } else {
        results.append(errorBox(e));
      }
      return;
    }
    if (!ctx.current()) return;

    // The branch goes under the number, the complexity under the category and the date under the time left: ten
    // columns would not fit beside the navigation.
    const headers = [t('complaint.no'), t('complaint.customer'), t('complaint.channel'),
      [t('complaint.category'), h('div', { class: 'small muted', text: t('complaint.complexity') })], t('complaint.receivedAt'),
      t('complaint.deadline'), t('complaint.state'), t('complaint.status')];
    const rowOf = c => h('tr', { class: rowClass(c), dataset: { complaint: c.complaintNo, state: c.state } },
      h('td', {}, h('span', { class: 'mono complaint-no', text: c.complaintNo }), h('div', { class: 'small muted', text: c.branchCode })),
      h('td', { dataset: { col: 'customer' } }, customerCell(c.customerNo)),
      h('td', { text: label('complaintChannel', c.channel) }),
      h('td', { dataset: { col: 'category' } }, categoryCell(c)),
      h('td', {}, receivedCell(c.receivedAt)),
      h('td', { dataset: { col: 'deadline' } }, deadlineCell(c)),
      h('td', { dataset: { col: 'state' } }, stateBadge(c)),
      h('td', {}, statusCell(c)));
    results.append(h('div', { class: 'list-head' }, h('span', { class: 'muted', text: formatNumber(data.total) }),
      h('span', { class: 'actions' }, exportButtons('/api/v1/complaints', filters, 'complaints',
        { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data complaints complaint-list' },
      h('thead', {}, h('tr', {}, headers.map(x => h('th', {}, x)))),
      h('tbody', {}, data.items.length ? data.items.map(rowOf) : h('tr', { class: 'empty' }, h('td', { colspan: headers.length, text: t('cmp.empty') }))))),
    pager(data.total, page, PAGE_SIZE, p => ctx.navigate('complaints', { ...filters, page: p })),
    h('p', { class: 'muted hint', text: t('cmp.hint') }));

    // The counts on the chips, read after the page (which clocks any complaint not clocked yet) with the same filters.
    const count = (state, total) => {
      const slot = chips.querySelector(`.chip[data-state="${state}"] .count`);
      slot.textContent = formatNumber(total);
      slot.closest('.chip').classList.toggle('chip-none', total === 0);
    };
    if (!filters.state) count('ALL', data.total); else if (COUNTED.includes(filters.state)) count(filters.state, data.total);
    await Promise.all(COUNTED.filter(s => s !== filters.state).map(async state => {
      try {
        const counted = await api('GET', '/api/v1/complaints', null, { ...filters, state, page: 0, size: 1 });
        if (ctx.current()) count(state, counted.total);
      } catch (e) {
        // a chip without its count; the list above is what matters and it loaded
      }
    }));
  }
};
