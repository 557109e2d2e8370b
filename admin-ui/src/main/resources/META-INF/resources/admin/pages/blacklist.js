// Blacklist: search entries, add one (identity numbers checked as they are typed, the service's field
// errors shown at their fields, nothing lost on a rejection), an entry's history, lift with a reason.
// Entries are never deleted. Identity numbers and phones come masked for roles that do not need them.
//
// Routes: #/blacklist?query=, #/blacklist/new, #/blacklist/{id}.

import { api } from '../lib/api.js';
import { exportButtons } from '../lib/reports.js';
import { t, label, formatTime, formatNumber } from '../lib/i18n.js';
import { h, heading, card, badge, dataTable, definitions, pager, field, formValues, showError, clearErrors, errorBox,
  busy, confirmDialog, toast } from '../lib/ui.js';
import { idNumberProblem, residentIdBirthDate } from '../lib/id-numbers.js';

const ID_TYPES = ['RESIDENT_ID', 'PASSPORT', 'USCC', 'OTHER'];
const REASONS = ['FRAUD', 'MISREPRESENTATION', 'PREMIUM_DEFAULT', 'SANCTIONS', 'OTHER'];
const PAGE_SIZE = 20;

const text = {
  'zh-CN': {
    'nav.blacklist': '黑名单', 'bl.title': '黑名单', 'bl.search': '搜索', 'bl.queryHint': '姓名、证件号或电话', 'bl.add': '新增黑名单',
    'bl.idType': '证件类型', 'bl.idNumber': '证件号码', 'bl.name': '姓名 / 名称', 'bl.birthDate': '出生日期', 'bl.phone': '电话',
    'bl.reasonCode': '原因', 'bl.note': '说明', 'bl.expiresAt': '到期日', 'bl.status': '状态', 'bl.createdAt': '加入时间',
    'bl.save': '加入黑名单', 'bl.saved': '已加入黑名单（条目 #{id}），相关客户已重新评估', 'bl.empty': '没有符合条件的条目。',
    'bl.lift': '解除', 'bl.liftConfirm': '解除黑名单条目 #{id}？条目不会被删除，请填写解除原因。', 'bl.lifted': '条目 #{id} 已解除',
    'bl.liftReason': '解除原因', 'bl.history': '记录', 'bl.created': '{who} 加入', 'bl.liftedBy': '{who} 解除', 'bl.expires': '到期',
    'bl.entry': '黑名单条目 #{id}', 'bl.back': '返回黑名单', 'bl.format': '格式不正确（18 位或旧的 15 位）', 'bl.checkDigit': '校验位不正确', 'bl.birthDate': '其中的出生日期不存在', 'bl.birthDateMismatch': '与证件号码中的出生日期 {date} 不一致',
    'bl.needKey': '请至少填写证件号码、姓名和出生日期或电话之一。', 'bl.identity': '身份信息', 'bl.decision': '原因与期限',
    'bl.createdBy': '操作人'
  },
  en: {
    'nav.blacklist': 'Blacklist', 'bl.title': 'Blacklist', 'bl.search': 'Search', 'bl.queryHint': 'Name, ID number or phone', 'bl.add': 'Add an entry',
    'bl.idType': 'ID type', 'bl.idNumber': 'ID number', 'bl.name': 'Name', 'bl.birthDate': 'Birth date', 'bl.phone': 'Phone',
    'bl.reasonCode': 'Reason', 'bl.note': 'Note', 'bl.expiresAt': 'Expires', 'bl.status': 'Status', 'bl.createdAt': 'Added',
    'bl.save': 'Add to the blacklist', 'bl.saved': 'Added (entry #{id}); matching customers were re-evaluated', 'bl.empty': 'No entries match.',
    'bl.lift': 'Lift', 'bl.liftConfirm': 'Lift blacklist entry #{id}? The entry is kept; please give the reason.', 'bl.lifted': 'Entry #{id} lifted',
    'bl.liftReason': 'Reason for lifting', 'bl.history': 'History', 'bl.created': 'added by {who}', 'bl.liftedBy': 'lifted by {who}', 'bl.expires': 'expires',
    'bl.entry': 'Blacklist entry #{id}', 'bl.back': 'Back to the blacklist', 'bl.format': 'is not well formed (18 digits, or the old 15)', 'bl.checkDigit': 'has a wrong check digit', 'bl.birthDate': 'holds a birth date that does not exist', 'bl.birthDateMismatch': 'differs from the birth date in the ID number, {date}',
    'bl.needKey': 'Give at least an ID number, or a name with a birth date or a phone.', 'bl.identity': 'Identity', 'bl.decision': 'Reason and term',
    'bl.createdBy': 'By'
  }
};

const blank = value => (value === null || value === undefined || value === '' ? '-' : value);

export default {
  id: 'blacklist',
  roles: ['UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.blacklist',
  text,
  async render(view, ctx) {
    const [id] = ctx.params;
    if (id === 'new' && ctx.can('APPROVER', 'ADMIN')) return renderAdd(view, ctx);
    if (id && /^\d+$/.test(id)) return renderEntry(view, ctx, id);
    return renderSearch(view, ctx);
  }
};

async function renderSearch(view, ctx) {
  const query = ctx.query.get('query') || '';
  const page = Math.max(0, Number(ctx.query.get('page')) || 0);
  view.append(heading(t('bl.title'), ctx.can('APPROVER', 'ADMIN')
    ? h('a', { class: 'button primary', href: '#/blacklist/new', dataset: { action: 'add' }, text: t('bl.add') }) : null));
  const input = h('input', { name: 'query', type: 'search', value: query, maxlength: 200, placeholder: t('bl.queryHint'), size: 30 });
  const form = h('form', { class: 'filters card' }, field(t('bl.search'), input), h('button', { type: 'submit', class: 'primary', text: t('bl.search') }));
  form.addEventListener('submit', e => { e.preventDefault(); ctx.navigate('blacklist', { query: input.value.trim() }); });
  view.append(form);
  const results = h('section', { class: 'card blacklist-results' });
  view.append(results);
  try {
    const data = await api('GET', '/api/v1/blacklist', null, { query, page, size: PAGE_SIZE });
    if (!ctx.current()) return;
    results.append(h('div', { class: 'list-head' }, h('span', { class: 'muted', text: formatNumber(data.total) }), h('span', { class: 'actions' }, exportButtons('/api/v1/blacklist', { query }, 'blacklist', { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))), dataTable([
      { label: '#', class: 'number', value: e => `#${e.id}` },
      { label: t('bl.name'), value: e => blank(e.name) },
      { label: t('bl.idType'), value: e => e.idType ? label('idType', e.idType) : '-' },
      { label: t('bl.idNumber'), value: e => h('span', { class: 'mono', text: blank(e.idNumber) }) },
      { label: t('bl.phone'), value: e => blank(e.phone) },
      { label: t('bl.reasonCode'), value: e => label('reasonCode', e.reasonCode) },
      { label: t('bl.status'), value: e => badge('entryStatus', e.status) },
      { label: t('bl.createdAt'), value: e => formatTime(e.createdAt) }
    ], data.items, { onRowClick: e => ctx.navigate(`blacklist/${e.id}`), empty: t('bl.empty'), rowClass: e => `entry-${e.id}` }),
    pager(data.total, page, PAGE_SIZE, p => ctx.navigate('blacklist', { query, page: p })));
  } catch (e) {
    if (e.errors.length) showError(form, e); else results.append(errorBox(e));
  }
}

async function renderEntry(view, ctx, id) {
  const entry = await api('GET', `/api/v1/blacklist/${id}`);
  if (!ctx.current()) return;
  const actions = [];
  if (entry.status === 'ACTIVE' && ctx.can('APPROVER', 'ADMIN')) {
    const lift = h('button', { type: 'button', class: 'danger', dataset: { action: 'lift' }, text: t('bl.lift') });
    lift.addEventListener('click', async () => {
      const reason = await confirmDialog(t('bl.liftConfirm', { id }), { withNote: true, noteRequired: true, noteLabel: t('bl.liftReason'),
        danger: true, confirmText: t('bl.lift') });
      if (reason === null) return;
      try {
        await busy(lift, () => api('POST', `/api/v1/blacklist/${id}/lift`, { reason }));
        toast(t('bl.lifted', { id }), 'success');
        ctx.rerender();
      } catch (e) {
        view.querySelector('.page-head').after(errorBox(e));
      }
    });
    actions.push(lift);
  }
  view.append(h('div', { class: 'crumbs' }, h('a', { href: '#/blacklist', text: t('bl.back') })));
  view.append(h('div', { class: 'page-head' }, h('h2', {}, t('bl.entry', { id }), ' ', badge('entryStatus', entry.status)), h('div', { class: 'actions' }, actions)));
  view.append(h('div', { class: 'grid-2' },
    card(h('h3', { text: t('bl.identity') }), definitions([
      [t('bl.name'), entry.name],
      [t('bl.idType'), entry.idType ? label('idType', entry.idType) : null],
      [t('bl.idNumber'), entry.idNumber ? h('span', { class: 'mono', text: entry.idNumber }) : null],
      [t('bl.birthDate'), entry.birthDate],
      [t('bl.phone'), entry.phone]])),
    card(h('h3', { text: t('bl.decision') }), definitions([
      [t('bl.reasonCode'), label('reasonCode', entry.reasonCode)],
      [t('bl.note'), entry.note],
      [t('bl.expiresAt'), entry.expiresAt]]))));
  const events = [{ when: entry.createdAt, what: t('bl.created', { who: entry.createdBy }), detail: entry.note, kind: 'created' }];
  if (entry.liftedAt) events.push({ when: entry.liftedAt, what: t('bl.liftedBy', { who: entry.liftedBy }), detail: entry.liftReason, kind: 'lifted' });
  if (entry.expiresAt) events.push({ when: entry.expiresAt, what: t('bl.expires'), detail: null, kind: 'expires' });
  view.append(card(h('h3', { text: t('bl.history') }), h('ol', { class: 'timeline' }, events.map(e =>
    h('li', { class: `timeline-item ${e.kind}` }, h('div', { class: 'when', text: e.kind === 'expires' ? e.when : formatTime(e.when) }),
      h('div', { class: 'what', text: e.what }), e.detail ? h('div', { class: 'detail', text: e.detail }) : null)))));
}

function renderAdd(view, ctx) {
  view.append(h('div', { class: 'crumbs' }, h('a', { href: '#/blacklist', text: t('bl.back') })));
  view.append(heading(t('bl.add')));
  const idType = h('select', { name: 'idType' }, h('option', { value: '', text: '-' }), ID_TYPES.map(v => h('option', { value: v, text: label('idType', v) })));
  idType.value = 'RESIDENT_ID';
  const idNumber = h('input', { name: 'idNumber', maxlength: 64, autocomplete: 'off', class: 'mono', size: 22 });
  const birthDate = h('input', { name: 'birthDate', type: 'date', min: '1900-01-01' });
  const form = h('form', { class: 'card blacklist-form', novalidate: true },
    h('h3', { text: t('bl.identity') }),
    h('div', { class: 'form-row' }, field(t('bl.idType'), idType), field(t('bl.idNumber'), idNumber)),
    h('div', { class: 'form-row' },
      field(t('bl.name'), h('input', { name: 'name', maxlength: 200 })),
      field(t('bl.birthDate'), birthDate),
      field(t('bl.phone'), h('input', { name: 'phone', maxlength: 32, type: 'tel' }))),
    h('h3', { text: t('bl.decision') }),
    h('div', { class: 'form-row' },
      field(t('bl.reasonCode'), h('select', { name: 'reasonCode' }, REASONS.map(v => h('option', { value: v, text: label('reasonCode', v) })))),
      field(t('bl.expiresAt'), h('input', { name: 'expiresAt', type: 'date' }))),
    field(t('bl.note'), h('textarea', { name: 'note', rows: 3, maxlength: 2000 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', dataset: { action: 'save' }, text: t('bl.save') })));
  view.append(form);

  // The check digit, checked as the number is typed and when the field is left.
  const checkIdNumber = final => {
    const slot = idNumber.closest('.field').querySelector('.field-error');
    const problem = idNumberProblem(idType.value, idNumber.value);
    const show = problem && (final || problem === 'checkDigit' || idNumber.value.trim().length >= 18);
    idNumber.classList.toggle('invalid', !!show);
    slot.textContent = show ? t(`bl.${problem}`) : '';
    return !problem;
  };
  // A resident ID holds the birth date: filled in when empty, and a different one is flagged (the service refuses it).
  const checkBirthDate = () => {
    const slot = birthDate.closest('.field').querySelector('.field-error');
    const inId = idType.value === 'RESIDENT_ID' && !idNumberProblem(idType.value, idNumber.value)
      ? residentIdBirthDate(idNumber.value) : null;
    if (inId && !birthDate.value) birthDate.value = inId;
    const mismatch = !!inId && !!birthDate.value && birthDate.value !== inId;
    birthDate.classList.toggle('invalid', mismatch);
    slot.textContent = mismatch ? t('bl.birthDateMismatch', { date: inId }) : '';
    return !mismatch;
  };
  idNumber.addEventListener('input', () => checkIdNumber(false));
  idNumber.addEventListener('blur', () => { checkIdNumber(true); checkBirthDate(); });
  idType.addEventListener('change', () => { checkIdNumber(true); checkBirthDate(); });
  birthDate.addEventListener('change', checkBirthDate);

  ctx.guard(() => [...form.elements].some(el => el.name && el.type !== 'select-one' && el.value.trim() !== ''));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    if (!checkIdNumber(true)) { idNumber.focus(); return; }
    if (!checkBirthDate()) { birthDate.focus(); return; }
    const values = formValues(form);
    const button = form.querySelector('button[type=submit]');
    try {
      const created = await busy(button, () => api('POST', '/api/v1/blacklist', values));
      ctx.guard(null);
      toast(t('bl.saved', { id: created.id }), 'success');
      ctx.navigate(`blacklist/${created.id}`);
    } catch (e) {
      showError(form, e);
    }
  });
}
