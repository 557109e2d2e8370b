// Contacts with a customer (DESIGN.md section 12), shared by a manager's book and the customer page: the
// "log contact" dialog and the list of a customer's contacts. The dialog keeps the input when the service
// refuses it (its field errors appear at the fields) and resolves to the saved contact, or null when cancelled.

import { api } from './api.js';
import { register, t, label, formatTime } from './i18n.js';
import { h, field, formValues, showError, busy, dataTable } from './ui.js';

export const CONTACT_KINDS = ['VISIT', 'PHONE', 'CARE', 'SURVEY'];

register({
  'zh-CN': {
    'contact.log': '登记联系', 'contact.title': '登记联系：{customer}', 'contact.kind': '联系方式', 'contact.occurredAt': '联系时间',
    'contact.satisfaction': '满意度（1-5 分）', 'contact.satisfactionHint': '满意度调查必填', 'contact.note': '备注（可选）',
    'contact.save': '保存', 'contact.saved': '已登记：{kind}', 'contact.by': '登记人', 'contact.list': '联系记录',
    'contact.empty': '还没有联系记录。', 'contact.score': '{score} 分', 'contact.scoreColumn': '满意度', 'contact.noteColumn': '备注'
  },
  en: {
    'contact.log': 'Log contact', 'contact.title': 'Log a contact: {customer}', 'contact.kind': 'Kind', 'contact.occurredAt': 'When',
    'contact.satisfaction': 'Satisfaction (1-5)', 'contact.satisfactionHint': 'required for a survey', 'contact.note': 'Note (optional)',
    'contact.save': 'Save', 'contact.saved': 'Logged: {kind}', 'contact.by': 'Logged by', 'contact.list': 'Contacts',
    'contact.empty': 'No contacts yet.', 'contact.score': '{score} of 5', 'contact.scoreColumn': 'Satisfaction', 'contact.noteColumn': 'Note'
  }
});

/** The value of a datetime-local input for now, to the minute (the input shows local time without a zone). */
function localNow() {
  const d = new Date();
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as ISO-8601 with the browser's offset, which the service requires ("2026-12-05T10:00:00+08:00"). */
export function withOffset(local) {
  if (!local) return null;
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return local;
  const minutes = -d.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const pad = n => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const seconds = local.length === 16 ? ':00' : '';
  return `${local}${seconds}${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

/** Opens the dialog for customer {customerNo, name}; resolves to the contact the service saved, or null. */
export function logContactDialog(customer) {
  return new Promise(resolve => {
    const kind = h('select', { name: 'kind' }, CONTACT_KINDS.map(k => h('option', { value: k, text: label('contactKind', k) })));
    const satisfaction = h('select', { name: 'satisfaction' }, h('option', { value: '', text: '-' }),
      [5, 4, 3, 2, 1].map(n => h('option', { value: n, text: String(n) })));
    const satisfactionField = field(t('contact.satisfaction'), satisfaction, t('contact.satisfactionHint'));
    const occurredAt = h('input', { name: 'occurredAt', type: 'datetime-local', value: localNow(), max: localNow(), required: true });
    const save = h('button', { type: 'submit', class: 'primary', dataset: { action: 'save-contact' }, text: t('contact.save') });
    const cancel = h('button', { type: 'button', class: 'secondary', text: t('common.cancel') });
    const form = h('form', { class: 'dialog-form contact-form', novalidate: true },
      h('h3', { text: t('contact.title', { customer: [customer.name, customer.customerNo].filter(Boolean).join(' ') }) }),
      h('div', { class: 'form-row' }, field(t('contact.kind'), kind), field(t('contact.occurredAt'), occurredAt)),
      satisfactionField,
      field(t('contact.note'), h('textarea', { name: 'note', rows: 3, maxlength: 1000 })),
      h('div', { class: 'actions' }, cancel, save));
    // Satisfaction belongs to a survey only: the service refuses it on any other kind.
    const showSatisfaction = () => {
      satisfactionField.hidden = kind.value !== 'SURVEY';
      satisfaction.disabled = kind.value !== 'SURVEY';
    };
    kind.addEventListener('change', showSatisfaction);
    showSatisfaction();
    const dialog = h('dialog', { class: 'confirm contact-dialog' }, form);
    const finish = value => { dialog.close(); dialog.remove(); resolve(value); };
    cancel.addEventListener('click', () => finish(null));
    dialog.addEventListener('cancel', e => { e.preventDefault(); finish(null); });
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const values = formValues(form);
      const body = { kind: values.kind, occurredAt: withOffset(values.occurredAt), satisfaction: values.satisfaction == null ? null : Number(values.satisfaction), note: values.note };
      try {
        finish(await busy(save, () => api('POST', `/api/v1/customers/${encodeURIComponent(customer.customerNo)}/contacts`, body)));
      } catch (error) {
        showError(form, error);
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    kind.focus();
  });
}

/** A customer's contacts, latest first, as a table. */
export function contactsTable(contacts) {
  return dataTable([
    { label: t('contact.occurredAt'), value: c => h('span', { class: 'nowrap', text: formatTime(c.occurredAt) }) },
    { label: t('contact.kind'), value: c => h('span', { class: `badge contactKind-${c.kind.toLowerCase()}`, text: label('contactKind', c.kind) }) },
    { label: t('contact.scoreColumn'), value: c => c.satisfaction ? t('contact.score', { score: c.satisfaction }) : '-' },
    { label: t('contact.by'), value: c => c.by },
    { label: t('contact.noteColumn'), value: c => c.note || '-' }
  ], contacts, { class: 'data contacts', empty: t('contact.empty'), rowClass: c => `contact-${c.id}` });
}
