// One customer, one ID (DESIGN.md section 10): the review queue of possible duplicates, each pair of records
// side by side with the fields they share and those they differ in, merged or kept apart by approvers; and
// the party card of a customer's page (partyCard): the party's records, how each is linked, the policies
// and claims of all of them, and splitting a record off.
//
// Routes: #/identity?status=PENDING|MERGED|REJECTED&page=. The party card lives on #/customers/{customerNo}.

import { api } from '../lib/api.js';
import { exportButtons } from '../lib/reports.js';
import { t, label, formatTime, formatMoney } from '../lib/i18n.js';
import { h, heading, card, badge, dataTable, definitions, pager, errorBox, busy, confirmDialog, toast } from '../lib/ui.js';

const STATUSES = ['PENDING', 'MERGED', 'REJECTED'];
const PAGE_SIZE = 10;
const POLICY_LIMIT = 100;

const text = {
  'zh-CN': {
    'nav.identity': '身份核对', 'ident.title': '疑似重复客户核对',
    'ident.intro': '以下两条客户记录可能是同一个人或同一家机构。请对照证据：一致的字段标为绿色，不一致的标为橙色。',
    'ident.readOnly': '您可以查看核对队列；合并或分开由审批人决定。',
    'ident.empty': '没有{status}的疑似重复客户。', 'ident.candidate': '候选 #{id}', 'ident.evidence': '共同点',
    'ident.rule': '规则', 'ident.createdAt': '发现时间', 'ident.decided': '{who} 于 {when} 处理', 'ident.note': '备注',
    'ident.field': '字段', 'ident.recordA': '记录 A', 'ident.recordB': '记录 B',
    'ident.name': '姓名 / 名称', 'ident.customerType': '类型', 'ident.idType': '证件类型', 'ident.idNumber': '证件号码',
    'ident.birthDate': '出生日期', 'ident.phone': '电话', 'ident.branch': '机构', 'ident.accountManager': '客户经理',
    'ident.createdAtRecord': '建档时间', 'ident.party': '所属客户', 'ident.partyOf': '#{party}（{records} 条记录）', 'ident.grade': '当前等级',
    'ident.agree': '一致', 'ident.differ': '不一致', 'ident.shared': '证据', 'ident.legend': '图例：',
    'ident.unavailable': '无法读取', 'ident.merge': '合并为同一客户', 'ident.reject': '保持分开',
    'ident.mergeConfirm': '将 {a} 与 {b} 合并为同一客户？可填写备注。', 'ident.rejectConfirm': '确认 {a} 与 {b} 不是同一客户，保持分开？可填写备注。',
    'ident.merged': '候选 #{id} 已合并：{a} 与 {b} 现为同一客户', 'ident.rejected': '候选 #{id} 已保持分开',
    'ident.seeParty': '查看 {no} 的客户归并',
    'ident.conflictHint': '两个不同的有效证件号码属于不同的人，不能合并；如确认不是同一人，请选择“保持分开”。',
    'party.title': '客户归并', 'party.number': '客户编号（归并后）', 'party.primary': '主记录', 'party.records': '记录数',
    'party.hidden': '另有 {count} 条记录在您的机构范围之外，未列出。', 'party.alone': '本记录没有其他重复记录。',
    'party.customerNo': '客户号', 'party.branch': '机构', 'party.link': '归并方式', 'party.linkedAt': '归并时间', 'party.evidence': '依据',
    'party.this': '当前', 'party.split': '拆分出去', 'party.splitConfirm': '将 {no} 从客户 #{party} 中拆分出去，成为独立客户？请填写原因。',
    'party.reason': '原因', 'party.splitDone': '{no} 已拆分为独立客户 #{party}。',
    'party.unified': '全部记录的保单与理赔', 'party.policies': '保单', 'party.claims': '理赔',
    'party.shown': '显示最新 {shown} 条，共 {total} 条', 'party.all': '共 {total} 条',
    'party.policyNo': '保单号', 'party.record': '记录', 'party.productLine': '险种', 'party.channel': '渠道', 'party.start': '起保日期',
    'party.end': '终止日期', 'party.premium': '保费', 'party.status': '状态', 'party.claimCount': '理赔次数',
    'party.claimNo': '赔案号', 'party.lossDate': '出险日期', 'party.claimed': '报损金额', 'party.paid': '已赔金额',
    'party.noPolicies': '没有保单。', 'party.noClaims': '没有理赔。',
    'party.pendingPairs': '本客户的记录与其他记录有 {count} 对疑似重复待核对。', 'party.toQueue': '去身份核对'
  },
  en: {
    'nav.identity': 'Duplicates', 'ident.title': 'Possible duplicates',
    'ident.intro': 'Each pair below may be one person or one organization. Compare the evidence: fields that agree are green, fields that differ orange.',
    'ident.readOnly': 'You may read the queue; approvers merge or keep records apart.',
    'ident.empty': 'No pairs in "{status}".', 'ident.candidate': 'Pair #{id}', 'ident.evidence': 'In common',
    'ident.rule': 'Rule', 'ident.createdAt': 'Found', 'ident.decided': 'by {who} at {when}', 'ident.note': 'Note',
    'ident.field': 'Field', 'ident.recordA': 'Record A', 'ident.recordB': 'Record B',
    'ident.name': 'Name', 'ident.customerType': 'Type', 'ident.idType': 'ID type', 'ident.idNumber': 'ID number',
    'ident.birthDate': 'Birth date', 'ident.phone': 'Phone', 'ident.branch': 'Branch', 'ident.accountManager': 'Account manager',
    'ident.createdAtRecord': 'Customer since', 'ident.party': 'Party', 'ident.partyOf': '#{party} ({records} records)', 'ident.grade': 'Current grade',
    'ident.agree': 'agree', 'ident.differ': 'differ', 'ident.shared': 'evidence', 'ident.legend': 'Legend:',
    'ident.unavailable': 'cannot be read', 'ident.merge': 'Merge: one customer', 'ident.reject': 'Keep apart',
    'ident.mergeConfirm': 'Merge {a} and {b} into one customer? A note is optional.', 'ident.rejectConfirm': 'Keep {a} and {b} apart as different customers? A note is optional.',
    'ident.merged': 'Pair #{id} merged: {a} and {b} are now one customer', 'ident.rejected': 'Pair #{id} kept apart',
    'ident.seeParty': 'See the party of {no}',
    'ident.conflictHint': 'Two different valid identity numbers are two people and cannot be merged; if they are not the same, keep them apart.',
    'party.title': 'Party', 'party.number': 'Party no.', 'party.primary': 'Primary record', 'party.records': 'Records',
    'party.hidden': '{count} more records are outside your branch and not listed.', 'party.alone': 'This record has no other records.',
    'party.customerNo': 'Customer no.', 'party.branch': 'Branch', 'party.link': 'Linked', 'party.linkedAt': 'Since', 'party.evidence': 'Evidence',
    'party.this': 'this', 'party.split': 'Split off', 'party.splitConfirm': 'Split {no} off party #{party} into a customer of its own? Please give the reason.',
    'party.reason': 'Reason', 'party.splitDone': '{no} is now a party of its own, #{party}.',
    'party.unified': 'Policies and claims of all records', 'party.policies': 'Policies', 'party.claims': 'Claims',
    'party.shown': 'the newest {shown} of {total}', 'party.all': '{total} in all',
    'party.policyNo': 'Policy no.', 'party.record': 'Record', 'party.productLine': 'Product line', 'party.channel': 'Channel', 'party.start': 'Start',
    'party.end': 'End', 'party.premium': 'Premium', 'party.status': 'Status', 'party.claimCount': 'Claims',
    'party.claimNo': 'Claim no.', 'party.lossDate': 'Date of loss', 'party.claimed': 'Claimed', 'party.paid': 'Paid',
    'party.noPolicies': 'No policies.', 'party.noClaims': 'No claims.',
    'party.pendingPairs': '{count} possible duplicates of this customer\'s records wait for review.', 'party.toQueue': 'Go to the review queue'
  }
};

const customerLink = no => h('a', { href: `#/customers/${encodeURIComponent(no)}`, text: no });

export default {
  id: 'identity',
  roles: ['ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.identity',
  text,
  async render(view, ctx) {
    const status = STATUSES.includes(ctx.query.get('status')) ? ctx.query.get('status') : 'PENDING';
    const page = Math.max(0, Number(ctx.query.get('page')) || 0);
    const canDecide = ctx.can('APPROVER', 'ADMIN');
    view.append(heading(t('ident.title')));
    view.append(h('nav', { class: 'status-tabs', 'aria-label': t('ident.title') }, STATUSES.map(s =>
      h('a', { href: `#/identity?status=${s}`, class: s === status ? 'current' : null, dataset: { status: s },
        'aria-current': s === status ? 'page' : null, text: label('candidateStatus', s) }))));
    view.append(h('p', { class: 'muted', text: t('ident.intro') }));
    if (!canDecide) view.append(h('p', { class: 'notice read-only', text: t('ident.readOnly') }));
    const notices = h('div', { class: 'decisions' });
    const list = h('div', { class: 'candidates' });
    view.append(notices, list);
    let data;
    try {
      data = await api('GET', '/api/v1/identity/candidates', null, { status, page, size: PAGE_SIZE });
    } catch (e) {
      list.append(errorBox(e));
      return;
    }
    if (!ctx.current()) return;
    notices.before(h('div', { class: 'list-head' }, h('span'), h('span', { class: 'actions' },
      exportButtons('/api/v1/identity/candidates', { status }, `identity-candidates-${status.toLowerCase()}`,
        { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))));
    let total = data.total;
    const paging = h('div', { class: 'candidate-pager' });
    const showPager = () => paging.replaceChildren(pager(total, page, PAGE_SIZE, p => ctx.navigate('identity', { status, page: p })));
    const showEmpty = () => list.append(card(h('p', { class: 'muted empty', text: t('ident.empty', { status: label('candidateStatus', status) }) })));
    if (data.items.length === 0) showEmpty();
    const records = await Promise.all(data.items.map(c => Promise.all([recordOf(c.customerNoA), recordOf(c.customerNoB)])));
    if (!ctx.current()) return;
    data.items.forEach((candidate, index) => {
      const [a, b] = records[index];
      list.append(candidateCard(candidate, a, b, canDecide && candidate.status === 'PENDING', (decided, article) => {
        article.remove();
        total -= 1;
        showPager();
        if (!list.querySelector('article.candidate')) showEmpty();
        const merged = decided.status === 'MERGED';
        notices.prepend(h('p', { class: `notice decided decided-${decided.status.toLowerCase()}`, dataset: { candidate: decided.id }, role: 'status' },
          t(merged ? 'ident.merged' : 'ident.rejected', { id: decided.id, a: decided.customerNoA, b: decided.customerNoB }), ' ',
          merged ? h('a', { href: `#/customers/${encodeURIComponent(decided.customerNoA)}`, text: t('ident.seeParty', { no: decided.customerNoA }) }) : null));
        toast(t(merged ? 'ident.merged' : 'ident.rejected', { id: decided.id, a: decided.customerNoA, b: decided.customerNoB }), 'success');
      }));
    });
    showPager();
    view.append(paging);
  }
};

/** What the page shows of one record: its profile, grade and party; parts it cannot read stay null. */
async function recordOf(customerNo) {
  const path = `/api/v1/customers/${encodeURIComponent(customerNo)}`;
  const [profile, found, party] = await Promise.all([
    api('GET', path).catch(() => null),
    api('GET', '/api/v1/customers', null, { query: customerNo, size: 5 }).then(page => page.items.find(c => c.customerNo === customerNo) || null).catch(() => null),
    api('GET', `${path}/party`).catch(() => null)]);
  return { customerNo, profile, found, party };
}

// The fields compared side by side: the evidence the identity pack names for each, how to read it, and how to
// compare it (normalized as the pack does: full-width characters, spaces, case, the country code of a phone).
const halfWidth = value => String(value).normalize('NFKC');
const FIELDS = [
  { key: 'name', evidence: ['NAME', 'PASSPORT'], value: p => p.name, same: v => halfWidth(v).replace(/\s+/g, '').toUpperCase() },
  { key: 'customerType', value: p => label('customerType', p.customerType), same: v => v },
  { key: 'idType', value: p => label('idType', p.idType), same: v => v },
  { key: 'idNumber', evidence: ['ID_NUMBER', 'ORG_CODE', 'PASSPORT'], value: p => p.idNumber, mono: true,
    same: v => halfWidth(v).replace(/\s+/g, '').toUpperCase() },
  { key: 'birthDate', evidence: ['BIRTH_DATE'], value: p => p.birthDate, same: v => v },
  { key: 'phone', evidence: ['PHONE'], value: p => p.phone, same: v => halfWidth(v).replace(/\D+/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '') },
  { key: 'branch', value: p => p.branchCode, same: v => v },
  { key: 'accountManager', value: p => p.accountManager, same: v => v },
  { key: 'createdAtRecord', value: p => formatTime(p.createdAt) }
];

/** 'agree', 'differ' or '' (cannot tell: a value missing, or masked for this role and not named as evidence). */
function comparison(field, a, b, evidence) {
  if (!field.same) return '';
  if (field.evidence && field.evidence.some(e => evidence.includes(e))) return 'agree';
  if (!a.profile || !b.profile) return '';
  const x = field.value(a.profile);
  const y = field.value(b.profile);
  if (x === null || x === undefined || x === '' || y === null || y === undefined || y === '') return '';
  if (String(x).includes('*') || String(y).includes('*')) return '';
  return field.same(x) === field.same(y) ? 'agree' : 'differ';
}

function candidateCard(candidate, a, b, canDecide, onDecided) {
  const evidence = candidate.evidence || [];
  const rows = FIELDS.map(field => {
    const state = comparison(field, a, b, evidence);
    const shared = field.evidence && field.evidence.some(e => evidence.includes(e));
    const cell = record => {
      if (!record.profile) return h('td', { class: 'muted', text: t('ident.unavailable') });
      const value = field.value(record.profile);
      return h('td', { class: [state, field.mono ? 'mono' : null], text: value === null || value === undefined || value === '' ? '-' : value });
    };
    return h('tr', { dataset: { field: field.key, compare: state || 'unknown' } },
      h('th', {}, t(`ident.${field.key}`), shared ? h('span', { class: 'badge evidence-mark', text: t('ident.shared') }) : null,
        state ? h('span', { class: `sr-only`, text: ` (${t(`ident.${state}`)})` }) : null),
      cell(a), cell(b));
  });
  const partyCell = record => record.party
    ? h('td', {}, t('ident.partyOf', { party: record.party.partyNo, records: record.party.members.length + record.party.hiddenMembers }))
    : h('td', { class: 'muted', text: '-' });
  const gradeCell = record => record.found
    ? h('td', {}, badge('grade', record.found.grade), ' ', badge('tier', record.found.tier))
    : h('td', { class: 'muted', text: '-' });
  rows.push(h('tr', { dataset: { field: 'party' } }, h('th', { text: t('ident.party') }), partyCell(a), partyCell(b)));
  rows.push(h('tr', { dataset: { field: 'grade' } }, h('th', { text: t('ident.grade') }), gradeCell(a), gradeCell(b)));

  const errorSlot = h('div', { class: 'decision-error' });
  const article = h('article', { class: `card candidate status-${candidate.status.toLowerCase()}`, dataset: { candidate: candidate.id } },
    h('div', { class: 'candidate-head' },
      h('h3', { text: t('ident.candidate', { id: candidate.id }) }),
      badge('candidateStatus', candidate.status),
      h('span', { class: 'evidence-list' }, h('span', { class: 'muted', text: `${t('ident.evidence')}: ` }),
        evidence.map(e => h('span', { class: 'badge evidence', dataset: { evidence: e }, text: label('evidence', e) })))),
    definitions([
      [t('ident.rule'), candidate.rule],
      [t('ident.createdAt'), formatTime(candidate.createdAt)],
      candidate.decidedBy ? [label('candidateStatus', candidate.status), t('ident.decided', { who: candidate.decidedBy, when: formatTime(candidate.decidedAt) })] : null,
      candidate.note ? [t('ident.note'), h('span', { class: 'note', text: candidate.note })] : null].filter(Boolean)),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data side-by-side' },
      h('thead', {}, h('tr', {}, h('th', { text: t('ident.field') }),
        h('th', { dataset: { record: 'a' } }, `${t('ident.recordA')} `, customerLink(candidate.customerNoA)),
        h('th', { dataset: { record: 'b' } }, `${t('ident.recordB')} `, customerLink(candidate.customerNoB)))),
      h('tbody', {}, rows))),
    h('p', { class: 'legend small muted' }, t('ident.legend'), ' ', h('span', { class: 'agree swatch', text: t('ident.agree') }), ' ',
      h('span', { class: 'differ swatch', text: t('ident.differ') })),
    errorSlot);
  if (canDecide) {
    const merge = h('button', { type: 'button', class: 'primary', dataset: { action: 'merge' }, text: t('ident.merge') });
    const reject = h('button', { type: 'button', class: 'secondary', dataset: { action: 'reject' }, text: t('ident.reject') });
    const decide = async (button, verb) => {
      const note = await confirmDialog(t(verb === 'merge' ? 'ident.mergeConfirm' : 'ident.rejectConfirm',
        { a: candidate.customerNoA, b: candidate.customerNoB }), { withNote: true, noteLabel: t('ident.note'),
        confirmText: t(verb === 'merge' ? 'ident.merge' : 'ident.reject') });
      if (note === null) return;
      errorSlot.replaceChildren();
      try {
        const decided = await busy(button, () => api('POST', `/api/v1/identity/candidates/${candidate.id}/${verb}`, { note: note || null }));
        onDecided(decided, article);
      } catch (e) {
        errorSlot.replaceChildren(errorBox(e));
        if (e.status === 409 && verb === 'merge') errorSlot.append(h('p', { class: 'muted conflict-hint', text: t('ident.conflictHint') }));
        errorSlot.scrollIntoView({ block: 'nearest' });
      }
    };
    merge.addEventListener('click', () => decide(merge, 'merge'));
    reject.addEventListener('click', () => decide(reject, 'reject'));
    article.append(h('div', { class: 'actions decision-actions' }, merge, reject));
  }
  return article;
}

/**
 * Fills box with the party of a customer (on the customer's page): its records, how each is linked, and the
 * policies and claims of all of them; approvers and admins may split a record off.
 */
export async function partyCard(box, ctx, customerNo, { pendingPairs = 0 } = {}) {
  const path = `/api/v1/customers/${encodeURIComponent(customerNo)}/party`;
  let party;
  let book;
  try {
    [party, book] = await Promise.all([api('GET', path), api('GET', `${path}/policies`, null, { limit: POLICY_LIMIT })]);
  } catch (e) {
    if (ctx.current()) box.replaceChildren(card(h('h3', { text: t('party.title') }), errorBox(e)));
    return;
  }
  if (!ctx.current()) return;
  const canSplit = ctx.can('APPROVER', 'ADMIN') && party.members.length > 1;
  const notice = h('div', { class: 'split-result' });
  const split = async (member, button) => {
    const reason = await confirmDialog(t('party.splitConfirm', { no: member.customerNo, party: party.partyNo }),
      { withNote: true, noteRequired: true, noteLabel: t('party.reason'), confirmText: t('party.split'), danger: true });
    if (reason === null) return;
    try {
      const after = await busy(button, () => api('POST', `/api/v1/parties/${party.partyNo}/split`, { customerNo: member.customerNo, reason }));
      await partyCard(box, ctx, customerNo, { pendingPairs });
      box.querySelector('.split-result')?.replaceChildren(h('p', { class: 'notice', role: 'status',
        text: t('party.splitDone', { no: member.customerNo, party: after.partyNo }) }));
    } catch (e) {
      notice.replaceChildren(errorBox(e));
    }
  };
  const members = dataTable([
    { label: t('party.customerNo'), value: m => m.customerNo === customerNo
      ? h('span', {}, h('strong', { text: m.customerNo }), ' ', h('span', { class: 'muted', text: `(${t('party.this')})` }))
      : customerLink(m.customerNo) },
    { label: t('party.branch'), value: m => m.branchCode },
    { label: t('party.link'), value: m => badge('link', m.link) },
    { label: t('party.linkedAt'), value: m => formatTime(m.linkedAt) },
    { label: t('party.evidence'), value: m => m.evidence.length
      ? h('span', { class: 'evidence-list' }, m.evidence.map(e => h('span', { class: 'badge evidence', dataset: { evidence: e }, text: label('evidence', e) })))
      : '-' },
    canSplit ? { label: '', class: 'actions-cell', value: m => {
      const button = h('button', { type: 'button', class: 'secondary small', dataset: { action: 'split', customer: m.customerNo }, text: t('party.split') });
      button.addEventListener('click', () => split(m, button));
      return button;
    } } : null
  ].filter(Boolean), party.members, { class: 'data party-members', rowClass: m => `member member-${m.link.toLowerCase()}` });
  members.querySelectorAll('tbody tr.member').forEach((tr, i) => { tr.dataset.customer = party.members[i].customerNo; });

  const count = (shown, total) => h('span', { class: 'muted count', text: shown < total ? t('party.shown', { shown, total }) : t('party.all', { total }) });
  const policies = dataTable([
    { label: t('party.policyNo'), value: p => h('span', { class: 'mono', text: p.policyNo }) },
    { label: t('party.record'), value: p => customerLink(p.customerNo) },
    { label: t('party.productLine'), value: p => label('productLine', p.productLine) },
    { label: t('party.channel'), value: p => label('channel', p.channel) },
    { label: t('party.start'), value: p => p.startDate },
    { label: t('party.end'), value: p => p.endDate },
    { label: t('party.premium'), class: 'number', value: p => formatMoney(p.premium) },
    { label: t('party.status'), value: p => badge('policyStatus', p.status) },
    { label: t('party.claimCount'), class: 'number', value: p => String(p.claims) }
  ], book.policies, { class: 'data party-policies', empty: t('party.noPolicies') });
  policies.querySelectorAll('tbody tr').forEach((tr, i) => {
    if (book.policies[i]) Object.assign(tr.dataset, { policy: book.policies[i].policyNo, record: book.policies[i].customerNo });
  });
  const claims = dataTable([
    { label: t('party.claimNo'), value: c => h('span', { class: 'mono', text: c.claimNo }) },
    { label: t('party.policyNo'), value: c => h('span', { class: 'mono', text: c.policyNo }) },
    { label: t('party.record'), value: c => customerLink(c.customerNo) },
    { label: t('party.lossDate'), value: c => c.lossDate },
    { label: t('party.status'), value: c => badge('claimStatus', c.status) },
    { label: t('party.claimed'), class: 'number', value: c => formatMoney(c.claimedAmount) },
    { label: t('party.paid'), class: 'number', value: c => formatMoney(c.paidAmount) }
  ], book.claims, { class: 'data party-claims', empty: t('party.noClaims') });
  claims.querySelectorAll('tbody tr').forEach((tr, i) => {
    if (book.claims[i]) Object.assign(tr.dataset, { claim: book.claims[i].claimNo, record: book.claims[i].customerNo });
  });

  box.replaceChildren(h('section', { class: 'card party-card', dataset: { party: party.partyNo } },
    h('h3', { text: t('party.title') }),
    definitions([
      [t('party.number'), h('span', { class: 'party-no', text: `#${party.partyNo}` })],
      [t('party.primary'), party.primaryCustomerNo ? (party.primaryCustomerNo === customerNo ? party.primaryCustomerNo : customerLink(party.primaryCustomerNo)) : '-'],
      [t('party.records'), String(party.members.length + party.hiddenMembers)]]),
    party.members.length + party.hiddenMembers > 1 ? null : h('p', { class: 'muted alone', text: t('party.alone') }),
    party.hiddenMembers ? h('p', { class: 'notice hidden-members', text: t('party.hidden', { count: party.hiddenMembers }) }) : null,
    pendingPairs > 0 && ctx.can('ANALYST', 'APPROVER', 'ADMIN') ? h('p', { class: 'notice pending-pairs' },
      t('party.pendingPairs', { count: pendingPairs }), ' ', h('a', { href: '#/identity?status=PENDING', text: t('party.toQueue') })) : null,
    notice,
    members,
    h('h3', { class: 'unified-title', text: t('party.unified') }),
    h('h4', {}, `${t('party.policies')} `, count(book.policies.length, book.totalPolicies)),
    policies,
    h('h4', {}, `${t('party.claims')} `, count(book.claims.length, book.totalClaims)),
    claims));
}
