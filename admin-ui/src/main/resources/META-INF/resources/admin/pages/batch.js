// Batch runs: the nightly and manual runs with their figures, a live progress bar while one runs, and
// (administrators) starting a run by hand. Routes: #/batch, #/batch/{id}.

import { api } from '../lib/api.js';
import { t, formatTime, formatNumber } from '../lib/i18n.js';
import { h, heading, card, badge, dataTable, definitions, errorBox, busy, confirmDialog, toast, progressBar, setProgress, poll } from '../lib/ui.js';

const text = {
  'zh-CN': {
    'nav.batch': '批处理', 'batch.title': '批处理', 'batch.start': '立即运行', 'batch.startConfirm': '现在对全部客户运行一次评估批处理？',
    'batch.started': '批处理 #{id} 已开始', 'batch.id': '编号', 'batch.status': '状态', 'batch.trigger': '触发', 'batch.requestedBy': '发起人',
    'batch.total': '客户总数', 'batch.processed': '已处理', 'batch.changed': '有变化', 'batch.failed': '失败', 'batch.startedAt': '开始',
    'batch.finishedAt': '结束', 'batch.duration': '用时', 'batch.asOf': '评估日', 'batch.partitions': '分区', 'batch.rulePacks': '规则包版本',
    'batch.error': '错误', 'batch.none': '还没有批处理记录。', 'batch.run': '批处理 #{id}', 'batch.back': '返回批处理列表',
    'batch.trigger.SCHEDULED': '夜间定时', 'batch.trigger.MANUAL': '手动', 'batch.progress': '{processed} / {total}'
  },
  en: {
    'nav.batch': 'Batch runs', 'batch.title': 'Batch runs', 'batch.start': 'Run now', 'batch.startConfirm': 'Evaluate every customer now, in a batch run?',
    'batch.started': 'Batch run #{id} started', 'batch.id': 'Run', 'batch.status': 'Status', 'batch.trigger': 'Trigger', 'batch.requestedBy': 'Requested by',
    'batch.total': 'Customers', 'batch.processed': 'Processed', 'batch.changed': 'Changed', 'batch.failed': 'Failed', 'batch.startedAt': 'Started',
    'batch.finishedAt': 'Finished', 'batch.duration': 'Took', 'batch.asOf': 'As of', 'batch.partitions': 'Partitions', 'batch.rulePacks': 'Rule packs',
    'batch.error': 'Error', 'batch.none': 'No batch runs yet.', 'batch.run': 'Batch run #{id}', 'batch.back': 'Back to the runs',
    'batch.trigger.SCHEDULED': 'Nightly', 'batch.trigger.MANUAL': 'Manual', 'batch.progress': '{processed} of {total}'
  }
};

function duration(run) {
  if (!run.startedAt) return '-';
  const end = run.finishedAt ? new Date(run.finishedAt) : new Date();
  const seconds = Math.max(0, (end - new Date(run.startedAt)) / 1000);
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

const fraction = run => (run.total ? run.processed / run.total : null);
const triggerLabel = run => { const key = `batch.trigger.${run.trigger}`; const text = t(key); return text === key ? (run.trigger || '-') : text; };

export default {
  id: 'batch',
  roles: ['UNDERWRITER', 'ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.batch',
  text,
  async render(view, ctx) {
    const [id] = ctx.params;
    return id ? renderRun(view, ctx, id) : renderList(view, ctx);
  }
};

async function renderList(view, ctx) {
  const start = ctx.can('ADMIN') ? h('button', { type: 'button', class: 'primary', dataset: { action: 'start' }, text: t('batch.start') }) : null;
  view.append(heading(t('batch.title'), start));
  const problem = h('div');
  view.append(problem);
  if (start) {
    start.addEventListener('click', async () => {
      if (!(await confirmDialog(t('batch.startConfirm'), { confirmText: t('batch.start') }))) return;
      try {
        const run = await busy(start, () => api('POST', '/api/v1/batch-runs'));
        toast(t('batch.started', { id: run.id }), 'success');
        ctx.navigate(`batch/${run.id}`);
      } catch (e) {
        problem.replaceChildren(errorBox(e));
      }
    });
  }
  const runs = await api('GET', '/api/v1/batch-runs', null, { limit: 50 });
  if (!ctx.current()) return;
  const table = dataTable([
    { label: t('batch.id'), value: r => h('a', { href: `#/batch/${r.id}`, text: `#${r.id}` }) },
    { label: t('batch.status'), value: r => r.status === 'RUNNING'
      ? h('div', { class: 'run-progress', dataset: { run: r.id } }, progressBar(fraction(r), t('batch.progress', { processed: formatNumber(r.processed), total: formatNumber(r.total) })))
      : badge('runStatus', r.status) },
    { label: t('batch.trigger'), value: r => `${triggerLabel(r)}${r.requestedBy ? ' · ' + r.requestedBy : ''}` },
    { label: t('batch.total'), class: 'number', value: r => formatNumber(r.total) },
    { label: t('batch.changed'), class: 'number', value: r => formatNumber(r.changed) },
    { label: t('batch.failed'), class: 'number', value: r => formatNumber(r.failed) },
    { label: t('batch.startedAt'), value: r => formatTime(r.startedAt) },
    { label: t('batch.duration'), value: r => duration(r) }
  ], runs, { onRowClick: r => ctx.navigate(`batch/${r.id}`), empty: t('batch.none'), rowClass: r => `run-${r.id}` });
  view.append(card(table));
  if (runs.some(r => r.status === 'RUNNING')) poll(view, 2000, async () => { if (ctx.current()) ctx.rerender(); return false; });
}

async function renderRun(view, ctx, id) {
  view.append(h('div', { class: 'crumbs' }, h('a', { href: '#/batch', text: t('batch.back') })));
  const title = h('h2', {});
  view.append(h('div', { class: 'page-head' }, title));
  const bar = progressBar(null);
  const details = h('div');
  const box = card(bar, details);
  box.classList.add('batch-run');
  view.append(box);
  const fill = run => {
    box.dataset.status = run.status;
    title.replaceChildren(t('batch.run', { id: run.id }), ' ', badge('runStatus', run.status));
    setProgress(bar, run.status === 'RUNNING' ? fraction(run) : 1,
      t('batch.progress', { processed: formatNumber(run.processed), total: formatNumber(run.total) }));
    bar.classList.toggle('done', run.status !== 'RUNNING');
    details.replaceChildren(
      h('div', { class: 'figures' },
        ['total', 'processed', 'changed', 'failed'].map(key => h('div', { class: 'figure', dataset: { figure: key } },
          h('div', { class: 'value', text: formatNumber(run[key]) }), h('div', { class: 'name', text: t(`batch.${key}`) })))),
      definitions([
        [t('batch.trigger'), triggerLabel(run)],
        [t('batch.requestedBy'), run.requestedBy],
        [t('batch.asOf'), run.asOfDate],
        [t('batch.startedAt'), formatTime(run.startedAt)],
        [t('batch.finishedAt'), formatTime(run.finishedAt)],
        [t('batch.duration'), duration(run)],
        [t('batch.partitions'), run.partitions === undefined ? null : `${run.partitionsDone ?? '-'} / ${run.partitions}`],
        [t('batch.rulePacks'), Object.entries(run.rulePacks || {}).map(([p, v]) => `${p} v${v}`).join(', ')],
        [t('batch.error'), run.error]]));
  };
  const run = await api('GET', `/api/v1/batch-runs/${encodeURIComponent(id)}`);
  if (!ctx.current()) return;
  fill(run);
  if (run.status === 'RUNNING') {
    poll(box, 1000, async () => {
      const next = await api('GET', `/api/v1/batch-runs/${encodeURIComponent(id)}`);
      fill(next);
      return next.status === 'RUNNING';
    });
  }
}
