// Customers: search by customer number, name, identity number or phone; a customer's page with the
// profile features, the current assessment with its reasons and nearest misses, warnings, blacklist
// hits and the history as a timeline of what changed; re-evaluate and run a pre-bind check; the party the
// record belongs to, with the policies and claims of all its records (see identity.js); the services the tier
// comes with, the account-manager figures and the customer's contacts, logged here by admins (DESIGN.md section 12);
// the customer's complaints with their state and deadline (DESIGN.md section 13).
//
// Routes: #/customers?query=, #/customers/{customerNo}.

import { api } from '../lib/api.js';
import { t, label, formatTime, formatNumber, formatMoney } from '../lib/i18n.js';
import { h, heading, card, badge, dataTable, definitions, pager, field, errorBox, busy, toast } from '../lib/ui.js';
import { partyCard } from './identity.js';
import { logContactDialog, contactsTable } from '../lib/contacts.js';
import { customerComplaintsTable } from '../lib/complaints.js';
import { exportButtons } from '../lib/reports.js';

const PAGE_SIZE = 20;

const text = {
  'zh-CN': {
    'nav.customers': '客户', 'cust.title': '客户', 'cust.search': '搜索', 'cust.queryHint': '客户号、姓名、证件号码或电话',
    'cust.vipOnly': '仅 VIP', 'cust.total': '共 {total} 位客户', 'cust.branchHint': '如 GD 或 GD-SZ（含下级机构）',
    'cust.customerNo': '客户号', 'cust.name': '姓名 / 名称', 'cust.type': '类型', 'cust.idType': '证件类型', 'cust.idNumber': '证件号码',
    'cust.phone': '电话', 'cust.branch': '机构', 'cust.grade': '等级', 'cust.tier': '服务层级', 'cust.vip': 'VIP', 'cust.blacklisted': '黑名单',
    'cust.empty': '没有找到客户。', 'cust.notFound': '没有客户号为 {no} 的客户，或该客户不在您的机构范围内。', 'cust.back': '返回客户搜索',
    'cust.identity': '客户资料', 'cust.birthDate': '出生日期', 'cust.accountManager': '客户经理', 'cust.createdAt': '建档时间',
    'cust.assessment': '当前评估', 'cust.valueScore': '价值分', 'cust.riskScore': '风险分', 'cust.evaluatedAt': '评估时间',
    'cust.trigger': '评估来源', 'cust.rulePacks': '规则包版本', 'cust.features': '客户特征', 'cust.reasons': '原因',
    'cust.pack': '规则包', 'cust.rule': '规则', 'cust.message': '说明', 'cust.nearMisses': '差一点就会…', 'cust.noNearMisses': '没有接近其他结果的情况。',
    'cust.warnings': '预警', 'cust.openWarnings': '待处理预警 {count} 条', 'cust.seeWarnings': '在预警工作台查看', 'cust.hits': '黑名单命中',
    'cust.noHits': '没有命中黑名单。', 'cust.entry': '条目', 'cust.strength': '强度', 'cust.matchedOn': '匹配项', 'cust.reason': '原因',
    'cust.history': '评估历史', 'cust.noHistory': '没有历史记录。', 'cust.firstAssessment': '首次评估', 'cust.noChange': '结果没有变化',
    'cust.evaluate': '重新评估', 'cust.evaluated': '已重新评估', 'cust.check': '承保前检查', 'cust.checkResult': '承保前检查结果',
    'cust.decision': '决定', 'cust.checkId': '检查编号', 'cust.yes': '是', 'cust.no': '否',
    'feature.annualPremium': '年保费', 'feature.premium3y': '三年保费', 'feature.paid3y': '三年赔付', 'feature.lossRatio3y': '三年赔付率',
    'feature.claims12m': '近12个月出险次数', 'feature.earlyClaims12m': '近12个月早期出险', 'feature.claimFreeYears': '连续无赔年数',
    'feature.tenureYears': '客户年限', 'feature.premiumSharePct': '保费占全部比例 %', 'feature.premiumRankPct': '保费排名百分位',
    'feature.productLines': '险种数', 'feature.partyRecords': '同一客户的记录数', 'feature.partyBranches': '涉及机构数',
    'feature.possibleDuplicates': '待核对的疑似重复记录',
    'feature.overdueInstallments': '逾期未缴期数', 'feature.maxDaysOverdue': '最长逾期天数', 'feature.nextDueDays': '距下期应缴天数',
    'feature.missedPayments12m': '近12个月漏缴/迟缴期数', 'feature.renewalsDue60d': '60天内到期待续保保单', 'feature.lapsed24m': '近24个月失效保单',
    'feature.premiumChangePct': '保费较上年变化 %', 'feature.deniedClaims12m': '近12个月拒赔次数',
    'feature.openComplaints': '未办结投诉', 'feature.complaints12m': '近12个月投诉次数',
    'cust.churnScore': '流失风险分', 'cust.retention': '续保与流失', 'cust.retentionHint': '流失风险分 0-100，越高越可能流失；下列原因供业务员回访参考。',
    'cust.noRetentionReasons': '没有需要注意的缴费或续保情况。',
    'cust.entitlements': '服务权益', 'cust.noEntitlements': '无服务权益', 'cust.manager': '客户经理服务', 'cust.managerStatus': '客户经理状态',
    'cust.managerLevel': '客户经理级别', 'cust.daysSinceLastVisit': '距上次拜访', 'cust.daysSinceLastContact': '距上次联系',
    'cust.daysToBirthday': '距生日', 'cust.partyAccountManagers': '同一客户的客户经理数', 'cust.days': '{days} 天', 'cust.never': '从未',
    'cust.openBook': '查看其客户', 'cust.contactsLoadFailed': '联系记录加载失败。', 'cust.openComplaints': '{count} 件未办结'
  },
  en: {
    'nav.customers': 'Customers', 'cust.title': 'Customers', 'cust.search': 'Search', 'cust.queryHint': 'Customer no., name, ID number or phone',
    'cust.vipOnly': 'VIP only', 'cust.total': '{total} customers', 'cust.branchHint': 'e.g. GD or GD-SZ (with its sub-branches)',
    'cust.customerNo': 'Customer no.', 'cust.name': 'Name', 'cust.type': 'Type', 'cust.idType': 'ID type', 'cust.idNumber': 'ID number',
    'cust.phone': 'Phone', 'cust.branch': 'Branch', 'cust.grade': 'Grade', 'cust.tier': 'Tier', 'cust.vip': 'VIP', 'cust.blacklisted': 'Blacklisted',
    'cust.empty': 'No customer found.', 'cust.notFound': 'There is no customer {no}, or the customer is outside your branch.', 'cust.back': 'Back to the search',
    'cust.identity': 'Customer', 'cust.birthDate': 'Birth date', 'cust.accountManager': 'Account manager', 'cust.createdAt': 'Customer since',
    'cust.assessment': 'Current assessment', 'cust.valueScore': 'Value score', 'cust.riskScore': 'Risk score', 'cust.evaluatedAt': 'Evaluated',
    'cust.trigger': 'Evaluated by', 'cust.rulePacks': 'Rule packs', 'cust.features': 'Features', 'cust.reasons': 'Reasons',
    'cust.pack': 'Pack', 'cust.rule': 'Rule', 'cust.message': 'Why', 'cust.nearMisses': 'Nearly…', 'cust.noNearMisses': 'Not near any other outcome.',
    'cust.warnings': 'Warnings', 'cust.openWarnings': '{count} open warnings', 'cust.seeWarnings': 'See them in the warning queue', 'cust.hits': 'Blacklist hits',
    'cust.noHits': 'No blacklist hits.', 'cust.entry': 'Entry', 'cust.strength': 'Strength', 'cust.matchedOn': 'Matched on', 'cust.reason': 'Reason',
    'cust.history': 'History', 'cust.noHistory': 'No history.', 'cust.firstAssessment': 'First assessment', 'cust.noChange': 'Nothing changed',
    'cust.evaluate': 'Re-evaluate', 'cust.evaluated': 'Re-evaluated', 'cust.check': 'Pre-bind check', 'cust.checkResult': 'Pre-bind check',
    'cust.decision': 'Decision', 'cust.checkId': 'Check id', 'cust.yes': 'yes', 'cust.no': 'no',
    'feature.annualPremium': 'Annual premium', 'feature.premium3y': 'Premium, 3 years', 'feature.paid3y': 'Paid claims, 3 years', 'feature.lossRatio3y': 'Loss ratio, 3 years',
    'feature.claims12m': 'Claims, 12 months', 'feature.earlyClaims12m': 'Early claims, 12 months', 'feature.claimFreeYears': 'Claim-free years',
    'feature.tenureYears': 'Tenure (years)', 'feature.premiumSharePct': 'Share of the book\'s premium %', 'feature.premiumRankPct': 'Premium rank (percentile)',
    'feature.productLines': 'Product lines', 'feature.partyRecords': 'Records of this customer', 'feature.partyBranches': 'Branches',
    'feature.possibleDuplicates': 'Possible duplicates to review',
    'feature.overdueInstallments': 'Instalments overdue', 'feature.maxDaysOverdue': 'Most days overdue', 'feature.nextDueDays': 'Days to next instalment',
    'feature.missedPayments12m': 'Missed payments, 12 months', 'feature.renewalsDue60d': 'Renewals within 60 days', 'feature.lapsed24m': 'Lapsed policies, 24 months',
    'feature.premiumChangePct': 'Premium change on last year %', 'feature.deniedClaims12m': 'Denied claims, 12 months',
    'feature.openComplaints': 'Open complaints', 'feature.complaints12m': 'Complaints, 12 months',
    'cust.churnScore': 'Churn score', 'cust.retention': 'Retention', 'cust.retentionHint': 'Churn score 0-100: the higher, the likelier the customer leaves. What a salesperson should know:',
    'cust.noRetentionReasons': 'Nothing about payments or renewals needs attention.',
    'cust.entitlements': 'Entitlements', 'cust.noEntitlements': 'No services', 'cust.manager': 'Account manager service',
    'cust.managerStatus': 'Manager status', 'cust.managerLevel': 'Manager level', 'cust.daysSinceLastVisit': 'Since the last visit',
    'cust.daysSinceLastContact': 'Since the last contact', 'cust.daysToBirthday': 'To the birthday',
    'cust.partyAccountManagers': 'Managers of this customer’s records', 'cust.days': '{days} days', 'cust.never': 'never',
    'cust.openBook': 'their book', 'cust.contactsLoadFailed': 'The contacts could not be loaded.', 'cust.openComplaints': '{count} open'
  }
};

const MONEY = new Set(['annualPremium', 'premium3y', 'paid3y']);
/** The retention figures (DESIGN.md section 11): null while the CRM keeps no premium schedule, then not shown. */
const RETENTION = new Set(['overdueInstallments', 'maxDaysOverdue', 'nextDueDays', 'missedPayments12m', 'renewalsDue60d',
  'lapsed24m', 'premiumChangePct', 'deniedClaims12m']);
const hasRetention = profile => profile && profile.overdueInstallments !== null && profile.overdueInstallments !== undefined;
/** The complaint figures (DESIGN.md section 13): null while the CRM keeps no complaints, then not shown. */
const COMPLAINTS = new Set(['openComplaints', 'complaints12m']);
const hasComplaints = profile => profile && profile.openComplaints !== null && profile.openComplaints !== undefined;
/** The account-manager figures (DESIGN.md section 12): shown in their own card, not among the numeric features. */
const MANAGER = new Set(['managerStatus', 'managerLevel', 'daysSinceLastVisit', 'daysSinceLastContact', 'daysToBirthday', 'partyAccountManagers']);
/** managerLevel is 1 (TRAINEE) to 5 (PRINCIPAL) in the profile. */
const LEVELS = ['TRAINEE', 'JUNIOR', 'REGULAR', 'SENIOR', 'PRINCIPAL'];
/** A logged contact re-evaluates the customer through the event path within seconds: the assessment is read again then. */
const SETTLE_MS = 4000;

/** The services the customer's tier comes with, as badges. */
function entitlements(a) {
  const list = a.entitlements || [];
  return h('div', { class: 'entitlement-badges', dataset: { entitlements: list.join(',') } },
    h('span', { class: 'name', text: t('cust.entitlements') }),
    list.length ? list.map(s => badge('entitlement', s)) : h('span', { class: 'muted', text: t('cust.noEntitlements') }));
}

/** The account manager and how recently the customer was seen; null for assessments stored before section 12. */
function managerCard(profile, p) {
  if (!p || p.managerStatus === null || p.managerStatus === undefined) return null;
  const days = n => (n === null || n === undefined ? t('cust.never') : t('cust.days', { days: formatNumber(n) }));
  return h('section', { class: 'card manager-card' }, h('h3', { text: t('cust.manager') }), definitions([
    [t('cust.accountManager'), profile.accountManager
      ? h('span', {}, h('span', { class: 'mono', text: profile.accountManager }), ' ',
        h('a', { href: `#/book/${encodeURIComponent(profile.accountManager)}`, text: t('cust.openBook') })) : null],
    [t('cust.managerStatus'), h('span', { dataset: { managerStatus: p.managerStatus } }, badge('managerStatus', p.managerStatus))],
    [t('cust.managerLevel'), p.managerLevel ? label('managerLevel', LEVELS[p.managerLevel - 1]) : null],
    [t('cust.daysSinceLastVisit'), days(p.daysSinceLastVisit)],
    [t('cust.daysSinceLastContact'), days(p.daysSinceLastContact)],
    [t('cust.daysToBirthday'), p.daysToBirthday === null || p.daysToBirthday === undefined ? null : t('cust.days', { days: p.daysToBirthday })],
    [t('cust.partyAccountManagers'), p.partyAccountManagers === null || p.partyAccountManagers === undefined ? null : String(p.partyAccountManagers)]]));
}

/**
 * The retention card: the churn score and the retention pack's reasons that gave points or raised a warning, without
 * the points their sentences end with (": +30 churn points", "：流失分 +30").
 */
function retentionCard(a) {
  const reasons = (a.reasons || []).filter(r => r.pack === 'retention' && !/(: \+0 churn points|：流失分 \+0)$/.test(r.message));
  return h('section', { class: 'card retention-card' }, h('h3', { text: t('cust.retention') }),
    h('div', { class: 'churn-score', dataset: { churnScore: String(a.churnScore) } },
      h('span', { class: 'name', text: t('cust.churnScore') }), ' ',
      h('span', { class: `badge churn-${a.churnScore >= 70 ? 'high' : a.churnScore >= 50 ? 'medium' : 'low'}`, text: String(a.churnScore) })),
    h('p', { class: 'muted', text: t('cust.retentionHint') }),
    reasons.length === 0 ? h('p', { class: 'muted', text: t('cust.noRetentionReasons') })
      : h('ul', { class: 'retention-reasons' }, reasons.map(r => h('li', {}, h('span', { class: 'muted', text: `${r.rule.split(' ')[0]} ` }),
        r.message.replace(/(: [+-]\d+ churn points|：流失分 [+-]\d+)$/, '')))));
}
const yesNo = value => (value === null || value === undefined ? '-' : value ? t('cust.yes') : t('cust.no'));

export default {
  id: 'customers',
  roles: ['UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.customers',
  text,
  async render(view, ctx) {
    const [customerNo] = ctx.params;
    return customerNo ? renderCustomer(view, ctx, customerNo) : renderSearch(view, ctx);
  }
};

const GRADES = ['KEY_ACCOUNT', 'HIGH_QUALITY', 'STANDARD', 'POOR_QUALITY', 'NEW'];
const TIERS = ['PLATINUM', 'GOLD', 'SILVER', 'STANDARD', 'RESTRICTED'];

/** A select of `values` named `name`, "all" first, `current` chosen. */
function choice(name, values, kind, current) {
  return h('select', { name }, h('option', { value: '', text: t('common.all') }),
    values.map(v => h('option', { value: v, text: label(kind, v), selected: v === current })));
}

/**
 * The search, narrowed by the current assessment (VIP, tier, grade) and by branch: the VIP list the nightly tagging
 * keeps, with the CSV and Excel downloads of the whole list as the filters give it.
 */
async function renderSearch(view, ctx) {
  const filters = {
    query: ctx.query.get('query') || '', vip: ctx.query.get('vip') || '', tier: ctx.query.get('tier') || '',
    grade: ctx.query.get('grade') || '', branch: ctx.query.get('branch') || ''
  };
  const page = Math.max(0, Number(ctx.query.get('page')) || 0);
  view.append(heading(t('cust.title')));
  const input = h('input', { name: 'query', type: 'search', value: filters.query, maxlength: 100, size: 34, placeholder: t('cust.queryHint'), autofocus: true });
  const vip = h('input', { name: 'vip', type: 'checkbox', checked: filters.vip === 'true' });
  const tier = choice('tier', TIERS, 'tier', filters.tier);
  const grade = choice('grade', GRADES, 'grade', filters.grade);
  const branch = h('input', { name: 'branch', type: 'text', value: filters.branch, maxlength: 32, size: 16, placeholder: t('cust.branchHint') });
  const form = h('form', { class: 'filters card' }, field(t('cust.search'), input), field(t('cust.vipOnly'), vip),
    field(t('cust.tier'), tier), field(t('cust.grade'), grade), field(t('cust.branch'), branch),
    h('button', { type: 'submit', class: 'primary', text: t('cust.search') }));
  form.addEventListener('submit', e => {
    e.preventDefault();
    ctx.navigate('customers', { query: input.value.trim(), vip: vip.checked ? 'true' : '', tier: tier.value, grade: grade.value, branch: branch.value.trim() });
  });
  view.append(form);
  const results = h('section', { class: 'card customer-results' });
  view.append(results);
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
  try {
    const data = await api('GET', '/api/v1/customers', null, { ...query, page, size: PAGE_SIZE });
    if (!ctx.current()) return;
    results.append(h('div', { class: 'list-head' },
      h('span', { class: 'muted', text: t('cust.total', { total: formatNumber(data.total) }) }),
      h('span', { class: 'actions' }, exportButtons('/api/v1/customers', query, filters.vip === 'true' ? 'vip-customers' : 'customers',
        { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))));
    results.append(dataTable([
      { label: t('cust.customerNo'), value: c => h('a', { href: `#/customers/${encodeURIComponent(c.customerNo)}`, text: c.customerNo }) },
      { label: t('cust.name'), value: c => c.name },
      { label: t('cust.idNumber'), value: c => h('span', { class: 'mono', text: c.idNumber || '-' }) },
      { label: t('cust.phone'), value: c => c.phone || '-' },
      { label: t('cust.branch'), value: c => c.branchCode },
      { label: t('cust.grade'), value: c => badge('grade', c.grade) },
      { label: t('cust.tier'), value: c => badge('tier', c.tier) },
      { label: t('cust.vip'), value: c => c.vip ? '★' : '' },
      { label: t('cust.blacklisted'), value: c => c.blacklisted ? h('span', { class: 'bad', text: '●' }) : '' }
    ], data.items, { onRowClick: c => ctx.navigate(`customers/${encodeURIComponent(c.customerNo)}`), empty: t('cust.empty') }),
    pager(data.total, page, PAGE_SIZE, p => ctx.navigate('customers', { ...query, page: p })));
  } catch (e) {
    results.append(errorBox(e));
  }
}

async function renderCustomer(view, ctx, customerNo) {
  const path = `/api/v1/customers/${encodeURIComponent(customerNo)}`;
  view.append(h('div', { class: 'crumbs' }, h('a', { href: '#/customers', text: t('cust.back') })));
  let profile;
  let assessment;
  let history;
  try {
    [profile, assessment, history] = await Promise.all([api('GET', path), api('GET', `${path}/assessment`), api('GET', `${path}/assessments`)]);
  } catch (e) {
    view.append(e.status === 404 ? h('div', { class: 'form-error', role: 'alert', text: t('cust.notFound', { no: customerNo }) }) : errorBox(e));
    return;
  }
  if (!ctx.current()) return;

  const actions = h('div', { class: 'actions' });
  const checkBox = h('section', { class: 'card check-result', hidden: true });
  const assessmentBox = h('div', { class: 'assessment-box' });
  if (ctx.can('UNDERWRITER', 'APPROVER', 'ADMIN')) {
    const evaluate = h('button', { type: 'button', class: 'secondary', dataset: { action: 'evaluate' }, text: t('cust.evaluate') });
    evaluate.addEventListener('click', async () => {
      try {
        assessment = await busy(evaluate, () => api('POST', `${path}/evaluate`));
        history = await api('GET', `${path}/assessments`);
        fillAssessment();
        fillComplaints();   // the evaluation clocked them again
        toast(t('cust.evaluated'), 'success');
      } catch (e) { toast(e.message, 'error'); }
    });
    actions.append(evaluate);
  }
  if (ctx.can('UNDERWRITER', 'ADMIN')) {
    const check = h('button', { type: 'button', class: 'primary', dataset: { action: 'check' }, text: t('cust.check') });
    check.addEventListener('click', async () => {
      try {
        const result = await busy(check, () => api('POST', '/api/v1/checks/pre-bind', { customerNo }));
        showCheck(checkBox, result);
        checkBox.scrollIntoView({ block: 'nearest' });
      } catch (e) { checkBox.hidden = false; checkBox.replaceChildren(errorBox(e)); }
    });
    actions.append(check);
  }
  view.append(h('div', { class: 'page-head' }, h('h2', {}, `${profile.name} `, h('span', { class: 'muted', text: profile.customerNo })), actions));
  const partyBox = h('div', { class: 'party-box' });
  const contactsBox = h('section', { class: 'card contacts-card' });
  const complaintsBox = h('section', { class: 'card complaints-card' });
  view.append(checkBox, assessmentBox, contactsBox, complaintsBox, partyBox);

  function fillAssessment() {
    const a = assessment;
    assessmentBox.replaceChildren(
      h('div', { class: 'grid-2' },
        card(h('h3', { text: t('cust.identity') }), definitions([
          [t('cust.type'), label('customerType', profile.customerType)],
          [t('cust.idType'), label('idType', profile.idType)],
          [t('cust.idNumber'), h('span', { class: 'mono', text: profile.idNumber || '-' })],
          [t('cust.birthDate'), profile.birthDate],
          [t('cust.phone'), profile.phone],
          [t('cust.branch'), profile.branchCode],
          [t('cust.accountManager'), profile.accountManager],
          [t('cust.createdAt'), formatTime(profile.createdAt)]])),
        card(h('h3', { text: t('cust.assessment') }), h('div', { class: 'assessment-badges' },
          badge('grade', a.grade), ' ', badge('tier', a.tier), a.vip ? h('span', { class: 'badge vip', text: 'VIP' }) : null,
          a.blacklisted ? h('span', { class: 'badge decision-decline', text: t('cust.blacklisted') }) : null),
        entitlements(a),
        definitions([
          [t('cust.valueScore'), String(a.valueScore)],
          [t('cust.riskScore'), String(a.riskScore)],
          ...(a.churnScore === null || a.churnScore === undefined ? [] : [[t('cust.churnScore'), String(a.churnScore)]]),
          [t('cust.evaluatedAt'), formatTime(a.evaluatedAt)],
          [t('cust.trigger'), label('trigger', a.trigger)],
          [t('cust.rulePacks'), Object.entries(a.rulePacks || {}).map(([p, v]) => `${p} v${v}`).join(', ')]]))),
      a.churnScore === null || a.churnScore === undefined ? null : retentionCard(a),
      managerCard(profile, a.profile),
      card(h('h3', { text: t('cust.features') }), h('div', { class: 'features' }, Object.entries(a.profile || {})
        .filter(([key]) => !MANAGER.has(key))
        .filter(([key]) => !RETENTION.has(key) || hasRetention(a.profile))
        .filter(([key]) => !COMPLAINTS.has(key) || hasComplaints(a.profile)).map(([key, value]) =>
        h('div', { class: 'feature', dataset: { feature: key } }, h('div', { class: 'name', text: t(`feature.${key}`) }),
          h('div', { class: 'value', text: value === null || value === undefined ? '-' : MONEY.has(key) ? formatMoney(value) : formatNumber(value, Number.isInteger(value) ? undefined : 2) }))))),
      card(h('h3', { text: t('cust.reasons') }), dataTable([
        { label: t('cust.pack'), value: r => `${r.pack} v${r.version ?? ''}` },
        { label: t('cust.rule'), value: r => r.rule },
        { label: t('cust.message'), value: r => r.message }
      ], a.reasons, { class: 'data reasons' })),
      card(h('h3', { text: t('cust.nearMisses') }), (a.nearMisses || []).length === 0
        ? h('p', { class: 'muted', text: t('cust.noNearMisses') })
        : h('ul', { class: 'near-misses' }, a.nearMisses.map(m => h('li', {}, h('span', { class: 'muted', text: `${m.pack} · ${m.rule}: ` }), m.message)))),
      h('div', { class: 'grid-2' },
        card(h('h3', { text: t('cust.warnings') }),
          a.warnings.length === 0 ? h('p', { class: 'muted', text: t('common.none') }) : h('ul', { class: 'warnings-list' }, a.warnings.map(w =>
            h('li', {}, badge('severity', w.severity), ' ', badge('warningType', w.type), ' ', w.message))),
          profile.openWarnings ? h('p', {}, h('a', { href: `#/warnings?customerNo=${encodeURIComponent(customerNo)}&status=ALL`,
            text: `${t('cust.openWarnings', { count: profile.openWarnings })} · ${t('cust.seeWarnings')}` })) : null),
        card(h('h3', { text: t('cust.hits') }), (profile.blacklistHits || []).length === 0 ? h('p', { class: 'muted', text: t('cust.noHits') }) : dataTable([
          { label: t('cust.entry'), value: hit => h('a', { href: `#/blacklist/${hit.entryId}`, text: `#${hit.entryId}` }) },
          { label: t('cust.strength'), value: hit => label('strength', hit.strength) },
          { label: t('cust.matchedOn'), value: hit => hit.matchedOn.map(m => label('matchedOn', m)).join(', ') },
          { label: t('cust.reason'), value: hit => label('reasonCode', hit.reasonCode) }
        ], profile.blacklistHits))),
      card(h('h3', { text: t('cust.history') }), timeline(history)));
  }
  fillAssessment();

  // The contacts: read by every role of this page; logged here by admins (a manager logs from their book).
  async function fillContacts() {
    let contacts;
    try {
      contacts = await api('GET', `${path}/contacts`);
    } catch (e) {
      contactsBox.replaceChildren(h('h3', { text: t('contact.list') }), errorBox(e));
      return;
    }
    if (!ctx.current()) return;
    let log = null;
    if (ctx.can('ADMIN')) {
      log = h('button', { type: 'button', class: 'secondary small', dataset: { action: 'log-contact' }, text: t('contact.log') });
      log.addEventListener('click', async () => {
        const contact = await logContactDialog(profile);
        if (!contact) return;
        toast(t('contact.saved', { kind: label('contactKind', contact.kind) }), 'success');
        await fillContacts();
        setTimeout(async () => {
          if (!contactsBox.isConnected) return;
          try {
            [assessment, history] = await Promise.all([api('GET', `${path}/assessment`), api('GET', `${path}/assessments`)]);
            fillAssessment();
          } catch (e) {
            // not worth an alarm: the page shows the new assessment when it is next opened
          }
        }, SETTLE_MS);
      });
    }
    contactsBox.replaceChildren(h('div', { class: 'card-head' }, h('h3', { text: t('contact.list') }), log), contactsTable(contacts));
  }
  // The complaints of this record, in the work queue's order, each with its state and deadline.
  async function fillComplaints() {
    let complaints;
    try {
      complaints = await api('GET', `${path}/complaints`);
    } catch (e) {
      complaintsBox.replaceChildren(h('h3', { text: t('complaint.list') }), errorBox(e));
      return;
    }
    if (!ctx.current()) return;
    const open = complaints.filter(c => c.status === 'OPEN').length;
    complaintsBox.replaceChildren(h('div', { class: 'card-head' }, h('h3', {}, t('complaint.list'), ' ',
      h('span', { class: 'badge count', dataset: { count: String(complaints.length) }, text: formatNumber(complaints.length) })),
    open ? h('span', { class: 'muted', text: t('cust.openComplaints', { count: formatNumber(open) }) }) : null),
    customerComplaintsTable(complaints));
  }
  await Promise.all([fillContacts(), fillComplaints(), partyCard(partyBox, ctx, customerNo, { pendingPairs: assessment.profile?.possibleDuplicates || 0 })]);
}

/** The history, newest first, each row saying what changed since the one before it. */
function timeline(history) {
  if (!history || history.length === 0) return h('p', { class: 'muted', text: t('common.none') });
  return h('ol', { class: 'timeline history' }, history.map((row, index) => {
    const before = history[index + 1];
    const changes = before ? differences(before, row) : [t('cust.firstAssessment')];
    return h('li', { class: 'timeline-item' },
      h('div', { class: 'when', text: `${formatTime(row.evaluatedAt)} · ${label('trigger', row.trigger)}` }),
      h('div', { class: 'what' }, badge('grade', row.grade), ' ', badge('tier', row.tier), row.vip ? ' VIP' : ''),
      h('ul', { class: 'changes' }, (changes.length ? changes : [t('cust.noChange')]).map(c => h('li', { text: c }))));
  }));
}

function differences(before, after) {
  const changes = [];
  const kinds = { grade: 'grade', tier: 'tier' };
  for (const key of ['grade', 'tier']) {
    if (before[key] !== after[key]) changes.push(`${t(`cust.${key}`)}: ${label(kinds[key], before[key])} → ${label(kinds[key], after[key])}`);
  }
  for (const key of ['vip', 'blacklisted']) {
    if (before[key] !== after[key]) changes.push(`${t(`cust.${key}`)}: ${yesNo(before[key])} → ${yesNo(after[key])}`);
  }
  for (const key of ['valueScore', 'riskScore', 'churnScore']) {
    if ((before[key] ?? null) !== (after[key] ?? null)) changes.push(`${t(`cust.${key}`)}: ${before[key] ?? '-'} → ${after[key] ?? '-'}`);
  }
  const types = list => (list || []).map(w => w.type).sort().join(',');
  if (types(before.warnings) !== types(after.warnings)) {
    const names = list => (list || []).map(w => label('warningType', w.type)).join('、') || t('common.none');
    changes.push(`${t('cust.warnings')}: ${names(before.warnings)} → ${names(after.warnings)}`);
  }
  return changes;
}

function showCheck(box, result) {
  box.hidden = false;
  box.replaceChildren(h('h3', { text: t('cust.checkResult') }),
    h('div', { class: `decision-banner decision-${result.decision.toLowerCase()}`, dataset: { decision: result.decision },
      text: `${t('cust.decision')}: ${label('decision', result.decision)}` }),
    definitions([
      [t('cust.checkId'), String(result.checkId)],
      [t('cust.grade'), badge('grade', result.grade)],
      [t('cust.tier'), badge('tier', result.tier)],
      [t('cust.vip'), yesNo(result.vip)],
      ...(result.churnScore === null || result.churnScore === undefined ? [] : [[t('cust.churnScore'), String(result.churnScore)]]),
      [t('cust.warnings'), result.warnings.length ? result.warnings.map(w => `${label('warningType', w.type)} (${label('severity', w.severity)})`).join('、') : t('common.none')],
      [t('cust.evaluatedAt'), formatTime(result.evaluatedAt)]]),
    dataTable([
      { label: t('cust.pack'), value: r => `${r.pack} v${r.version ?? ''}` },
      { label: t('cust.rule'), value: r => r.rule },
      { label: t('cust.message'), value: r => r.message }
    ], result.reasons, { class: 'data reasons' }));
}
