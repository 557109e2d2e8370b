// A manager's book (DESIGN.md section 12): the customers the CRM names the manager for, with tier, the services
// they are entitled to, last contact and visit, when the next visit or call is due (overdue first, as the
// service sorts them) and their open warnings; a contact is logged from the row and the row refreshed.
// It is an account manager's morning page: the first in their navigation, where they land after signing in.
//
// Routes: #/book (an account manager's own), #/book/{code} (any manager's, for readers), ?show=overdue|week|vip|warnings.

import { api } from '../lib/api.js';
import { t, label, formatNumber, formatTime } from '../lib/i18n.js';
import { h, badge, errorBox, toast } from '../lib/ui.js';
import { logContactDialog } from '../lib/contacts.js';

const SHOWS = ['all', 'overdue', 'week', 'vip', 'warnings'];
/** The warnings a logged contact answers are resolved by the event path within seconds: the row is read again then. */
const SETTLE_MS = 4000;

const text = {
  'zh-CN': {
    'nav.book': '我的客户', 'book.mine': '我的客户', 'book.of': '{name} 的客户', 'book.morning': '早上好，{name}',
    'book.afternoon': '下午好，{name}', 'book.evening': '晚上好，{name}', 'book.todayPlan': '今天有 {overdue} 位客户的拜访已逾期，{today} 位今天到期。',
    'book.allClear': '没有逾期的拜访，继续保持！', 'book.back': '返回客户经理名册',
    'book.customers': '客户', 'book.vips': 'VIP 客户', 'book.overdue': '拜访逾期', 'book.week': '7 天内到期', 'book.warnings': '有待处理预警',
    'book.all': '全部客户', 'book.capacity': '管户 {customers} / {capacity}',
    'book.customer': '客户', 'book.tier': '服务层级', 'book.entitlements': '服务权益', 'book.lastContact': '最近联系',
    'book.lastVisit': '最近拜访', 'book.nextDue': '下次拜访/回访', 'book.openWarnings': '待处理预警', 'book.action': '操作',
    'book.never': '从未', 'book.today': '今天', 'book.yesterday': '昨天', 'book.daysAgo': '{days} 天前',
    'book.dueToday': '今天到期', 'book.dueIn': '{days} 天后', 'book.overdueBy': '逾期 {days} 天', 'book.noneDue': '无需定期拜访',
    'book.empty': '名下还没有客户。', 'book.emptyFilter': '没有符合条件的客户。', 'book.notFound': '没有代码为 {code} 的客户经理，或其不在您的机构范围内。',
    'book.noCode': '请从客户经理名册中选择一位客户经理。'
  },
  en: {
    'nav.book': 'My book', 'book.mine': 'My book', 'book.of': "{name}'s book", 'book.morning': 'Good morning, {name}',
    'book.afternoon': 'Good afternoon, {name}', 'book.evening': 'Good evening, {name}',
    'book.todayPlan': '{overdue} customers are overdue for a visit, {today} are due today.',
    'book.allClear': 'No visit is overdue. Keep it up!', 'book.back': 'Back to the account managers',
    'book.customers': 'Customers', 'book.vips': 'VIP customers', 'book.overdue': 'Visits overdue', 'book.week': 'Due within 7 days',
    'book.warnings': 'With open warnings', 'book.all': 'All customers', 'book.capacity': '{customers} of {capacity} customers',
    'book.customer': 'Customer', 'book.tier': 'Tier', 'book.entitlements': 'Entitlements', 'book.lastContact': 'Last contact',
    'book.lastVisit': 'Last visit', 'book.nextDue': 'Next visit / call', 'book.openWarnings': 'Open warnings', 'book.action': 'Action',
    'book.never': 'never', 'book.today': 'today', 'book.yesterday': 'yesterday', 'book.daysAgo': '{days} days ago',
    'book.dueToday': 'due today', 'book.dueIn': 'in {days} days', 'book.overdueBy': '{days} days overdue', 'book.noneDue': 'no regular visit',
    'book.empty': 'No customers in this book yet.', 'book.emptyFilter': 'No customers match.',
    'book.notFound': 'There is no account manager {code}, or they are outside your branch.',
    'book.noCode': 'Choose an account manager in the register.'
  }
};

/** Today in the browser, as the service's dates are written (YYYY-MM-DD). */
function todayText() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole days from date a to date b (both YYYY-MM-DD), counted in UTC so a change to summer time does not matter. */
function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

/** Days from the date of an instant (in the browser's time zone) to today. */
function daysSince(iso) {
  const d = new Date(iso);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return daysBetween(day, todayText());
}

const dueIn = entry => (entry.nextVisitDue ? daysBetween(todayText(), entry.nextVisitDue) : null);

const MATCHES = {
  all: () => true,
  overdue: e => dueIn(e) !== null && dueIn(e) < 0,
  week: e => dueIn(e) !== null && dueIn(e) >= 0 && dueIn(e) <= 7,
  vip: e => e.vip,
  warnings: e => (e.openWarnings || []).length > 0
};

function greeting(name) {
  const hour = new Date().getHours();
  return t(hour < 12 ? 'book.morning' : hour < 18 ? 'book.afternoon' : 'book.evening', { name });
}

/** When something last happened: "3 days ago" with the exact time on hover. */
function ago(iso) {
  if (!iso) return h('span', { class: 'muted', text: t('book.never') });
  const days = daysSince(iso);
  const words = days <= 0 ? t('book.today') : days === 1 ? t('book.yesterday') : t('book.daysAgo', { days: formatNumber(days) });
  return h('span', { class: 'ago', title: formatTime(iso), text: words });
}

/** The next visit or call: overdue in red, due today or this week in amber. */
function due(entry) {
  const days = dueIn(entry);
  if (days === null) return h('span', { class: 'muted', text: t('book.noneDue') });
  const [kind, words] = days < 0 ? ['overdue', t('book.overdueBy', { days: -days })]
    : days === 0 ? ['today', t('book.dueToday')]
      : days <= 7 ? ['soon', t('book.dueIn', { days })] : ['later', t('book.dueIn', { days })];
  return h('span', { class: 'due' }, h('span', { class: `badge due-${kind}`, text: words }), h('div', { class: 'small muted', text: entry.nextVisitDue }));
}

export default {
  id: 'book',
  roles: ['ACCOUNT_MANAGER', 'UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN'],
  navRoles: ['ACCOUNT_MANAGER'],
  nav: 'nav.book',
  text,
  async render(view, ctx) {
    const code = ctx.params[0] || (ctx.can('ACCOUNT_MANAGER') ? ctx.user.username : null);
    if (!code) {
      view.append(h('section', { class: 'card' }, h('p', {}, t('book.noCode'), ' ', h('a', { href: '#/account-managers', text: t('book.back') }))));
      return;
    }
    const own = code === ctx.user.username;
    const path = ctx.params[0] ? `book/${encodeURIComponent(code)}` : 'book';
    const show = SHOWS.includes(ctx.query.get('show')) ? ctx.query.get('show') : 'all';
    const base = `/api/v1/account-managers/${encodeURIComponent(code)}`;
    let manager;
    let entries;
    try {
      // The register row is a nicety (name, level, capacity): a code the CRM names but the register lacks still has a book.
      [manager, entries] = await Promise.all([api('GET', base).catch(() => null), api('GET', `${base}/book`)]);
    } catch (e) {
      view.append(e.status === 404 ? h('div', { class: 'form-error', role: 'alert', text: t('book.notFound', { code }) }) : errorBox(e));
      return;
    }
    if (!ctx.current()) return;
    const canLog = ctx.can('ACCOUNT_MANAGER', 'ADMIN');
    const canOpenCustomer = ctx.can('UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN');

    if (!own && ctx.can('UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN')) {
      view.append(h('div', { class: 'crumbs' }, h('a', { href: '#/account-managers', text: t('book.back') })));
    }
    const name = manager ? manager.name : code;
    view.append(h('div', { class: 'page-head book-head' },
      h('div', {},
        h('h2', { text: own ? t('book.mine') : t('book.of', { name }) }),
        own ? h('p', { class: 'greeting', text: greeting(name) }) : null,
        manager ? h('div', { class: 'manager-line muted' }, `${manager.code} · ${manager.branchCode} · ${label('managerLevel', manager.level)} · `,
          t('book.capacity', { customers: formatNumber(manager.customers), capacity: formatNumber(manager.capacity) }), ' ',
          manager.status !== 'ACTIVE' ? badge('managerState', manager.status) : null) : null)));

    const summary = h('div', { class: 'figures book-figures' });
    const plan = h('p', { class: 'book-plan' });
    const tbody = h('tbody');
    const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data book' },
      h('thead', {}, h('tr', {}, [t('book.customer'), t('book.tier'), t('book.entitlements'), t('book.lastContact'), t('book.lastVisit'),
        t('book.nextDue'), t('book.openWarnings'), canLog ? t('book.action') : null].filter(Boolean).map(x => h('th', { text: x })))), tbody));
    view.append(summary, own ? plan : null, h('section', { class: 'card book-list' }, table));

    const rowOf = entry => h('tr', { dataset: { customer: entry.customerNo, lastVisit: entry.lastVisitAt || '', lastContact: entry.lastContactAt || '' },
      class: MATCHES.overdue(entry) ? 'overdue' : null }, [
      h('td', {}, canOpenCustomer ? h('a', { href: `#/customers/${encodeURIComponent(entry.customerNo)}`, text: entry.customerNo })
        : h('span', { class: 'mono', text: entry.customerNo }), h('div', { class: 'customer-name', text: entry.name })),
      h('td', { class: 'nowrap' }, badge('tier', entry.tier), entry.vip ? h('span', { class: 'badge vip', text: 'VIP' }) : null),
      h('td', { class: 'entitlements' }, (entry.entitlements || []).map(s => badge('entitlement', s))),
      h('td', { class: 'nowrap', dataset: { col: 'lastContact' } }, ago(entry.lastContactAt)),
      h('td', { class: 'nowrap', dataset: { col: 'lastVisit' } }, ago(entry.lastVisitAt)),
      h('td', { class: 'nowrap', dataset: { col: 'nextDue' } }, due(entry)),
      h('td', { class: 'warnings' }, (entry.openWarnings || []).length ? entry.openWarnings.map(w => badge('warningType', w)) : h('span', { class: 'muted', text: '-' })),
      canLog ? h('td', { class: 'actions-cell' }, logButton(entry)) : null
    ]);

    const logButton = entry => {
      const button = h('button', { type: 'button', class: 'secondary small', dataset: { action: 'log-contact' }, text: t('contact.log') });
      button.addEventListener('click', async () => {
        const contact = await logContactDialog(entry);
        if (!contact) return;
        toast(t('contact.saved', { kind: label('contactKind', contact.kind) }), 'success');
        await refresh(entry.customerNo, true);
        setTimeout(() => { if (tbody.isConnected) refresh(entry.customerNo, false); }, SETTLE_MS);
      });
      return button;
    };

    // Reads the book again and replaces the customer's row (and the figures), marking it as just changed.
    const refresh = async (customerNo, mark) => {
      try {
        const fresh = await api('GET', `${base}/book`);
        const entry = fresh.find(e => e.customerNo === customerNo);
        entries = fresh;
        const old = tbody.querySelector(`tr[data-customer="${CSS.escape(customerNo)}"]`);
        if (entry && old) {
          const row = rowOf(entry);
          if (mark) row.classList.add('just-updated');
          old.replaceWith(row);
        }
        drawFigures();
      } catch (e) {
        toast(e.message, 'error');
      }
    };

    const drawFigures = () => {
      const count = key => entries.filter(MATCHES[key]).length;
      summary.replaceChildren(...[['all', 'book.customers'], ['vip', 'book.vips'], ['overdue', 'book.overdue'], ['week', 'book.week'],
        ['warnings', 'book.warnings']].map(([key, name]) =>
        h('a', { class: ['figure', `figure-${key}`, show === key ? 'current' : null], href: `#/${path}${key === 'all' ? '' : `?show=${key}`}`,
          dataset: { show: key } },
        h('div', { class: 'value', text: formatNumber(count(key)) }), h('div', { class: 'name', text: t(name) }))));
      const overdue = count('overdue');
      const today = entries.filter(e => dueIn(e) === 0).length;
      plan.textContent = overdue || today ? t('book.todayPlan', { overdue, today }) : t('book.allClear');
      plan.classList.toggle('all-clear', !overdue && !today);
    };

    drawFigures();
    const shown = entries.filter(MATCHES[show]);
    tbody.replaceChildren(...(shown.length ? shown.map(rowOf)
      : [h('tr', { class: 'empty' }, h('td', { colspan: canLog ? 8 : 7, text: entries.length ? t('book.emptyFilter') : t('book.empty') }))]));
  }
};
