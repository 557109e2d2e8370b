// Rule packs: the analysts' workbench. A pack's versions; a version's files (DRL with highlighting and
// line numbers, decision tables and scenarios as grids, uploaded workbooks), edited in place and saved
// as a new draft with its compile errors and table findings marked where they are; scenario runs,
// impact simulations, back-tests of a churn scorecard, differences between two versions, and the approvers'
// publish and rollback.
//
// Routes: #/packs, #/packs/{name}, #/packs/{name}/{version}, #/packs/{name}/diff/{a}/{b}.

import { api, download } from '../lib/api.js';
import { exportButtons } from '../lib/reports.js';
import { t, label, formatTime, formatNumber, formatMoney, formatPercent, translate } from '../lib/i18n.js';
import { h, heading, card, badge, dataTable, definitions, errorBox, showError, clearErrors, busy, confirmDialog,
  toast, progressBar, setProgress, poll, field, formValues } from '../lib/ui.js';
import { barChart } from '../lib/charts.js';
import { parse, stringify, cellOf, columnName } from '../lib/csv.js';
import { codeEditor } from '../lib/drl-editor.js';
import { gridEditor } from '../lib/grid.js';
import { diffLines, hunks, diffCells } from '../lib/diff.js';

const EDITORS = ['ANALYST', 'ADMIN'];
const PUBLISHERS = ['APPROVER', 'ADMIN'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const text = {
  'zh-CN': {
    'nav.packs': '规则包', 'packs.title': '规则包', 'packs.name': '规则包', 'packs.published': '已发布版本',
    'packs.live': '本节点运行版本', 'packs.versions': '版本数', 'packs.description': '说明',
    'packs.version': '版本', 'packs.status': '状态', 'packs.author': '作者', 'packs.createdAt': '创建时间',
    'packs.comment': '说明', 'packs.valid': '编译', 'packs.tests': '场景测试', 'packs.validYes': '通过', 'packs.validNo': '有错误',
    'packs.open': '打开', 'packs.rollback': '回滚到上一版本', 'packs.rollbackConfirm': '将 {pack} 回滚到上一个发布的版本？请填写原因。',
    'packs.rolledBack': '已回滚，{pack} 现在运行版本 {version}', 'packs.reason': '原因',
    'packs.compare': '比较版本', 'packs.compareFrom': '旧版本', 'packs.compareTo': '新版本', 'packs.showDiff': '显示差异',
    'packs.files': '文件', 'packs.problems': '问题', 'packs.noProblems': '没有编译错误或表格问题。',
    'packs.saveDraft': '保存为新草稿', 'packs.draftComment': '修改说明', 'packs.draftCommentHint': '例如：提高重点客户保费门槛',
    'packs.unsavedChanges': '有未保存的修改', 'packs.savedValid': '已保存为版本 {version}，编译通过。',
    'packs.savedInvalid': '已保存为版本 {version}，但有错误：请在标出的位置修改后再次保存。',
    'packs.download': '下载', 'packs.export': '导出 zip', 'packs.exportHint': '此版本的全部文件，便于存入 git 或导入另一环境',
    'packs.import': '导入 zip', 'packs.importHint': '一个 zip 的文件成为新草稿（与任何草稿一样校验）', 'packs.importedValid': '已导入为草稿 v{version}', 'packs.importedInvalid': '已导入为草稿 v{version}，但有编译错误', 'packs.downloadXlsx': '下载为 Excel', 'packs.downloadXlsxHint': '在 Excel 中编辑后上传，即替换此 CSV 表格（在 pack.properties 中的位置不变）',
    'packs.uploadedReplaces': '已加入 {file}，保存草稿后替换 {csv}',
    'packs.upload': '上传 Excel 决策表', 'packs.uploadHint': '.xlsx 或 .xls', 'packs.uploaded': '已加入 {file}，保存草稿后生效',
    'packs.removeFile': '移除此文件', 'packs.removed': '已移除（保存后生效）', 'packs.saveAsCsv': '另存为 CSV 表格',
    'packs.runTests': '运行场景测试', 'packs.simulate': '模拟影响', 'packs.publish': '发布',
    'packs.publishConfirm': '发布 {pack} 版本 {version}？发布后所有节点将在几秒内使用此版本。',
    'packs.published.toast': '{pack} 版本 {version} 已发布', 'packs.authorCannotPublish': '您是此版本的作者，须由另一位审批人发布。',
    'packs.testResults': '场景测试结果', 'packs.passed': '通过', 'packs.failed': '失败', 'packs.scenario': '场景',
    'packs.where': '位置', 'packs.result': '结果', 'packs.mismatches': '差异', 'packs.expected': '期望', 'packs.actual': '实际',
    'packs.testSummary': '{passed} 个通过，{failed} 个失败', 'packs.noTest': '尚未运行场景测试。',
    'packs.simulation': '影响模拟', 'packs.noSimulation': '尚未模拟。模拟会用此版本重新评估全部客户，但不写入任何结果。',
    'packs.simProgress': '已处理 {processed} / {customers}', 'packs.changed': '变化客户', 'packs.customers': '客户数',
    'packs.transitions': '变化', 'packs.field': '项目', 'packs.from': '原值', 'packs.to': '新值', 'packs.count': '客户数',
    'packs.outcome.grade': '客户等级', 'packs.outcome.tier': '服务层级', 'packs.outcome.warnings': '预警',
    'packs.outcome.decision': '承保决策', 'packs.outcome.churn': '流失风险分', 'packs.outcome.entitlements': '服务权益', 'packs.churn.none': '无（未维护缴费计划）',
    'packs.outcome.complaintState': '投诉时效状态', 'packs.complaintState.none': '无（已撤回或未分类）',
    'packs.listSeparator': '、',
    'packs.premium': '年保费', 'packs.premiumAtStake': '涉及年保费', 'packs.examples': '示例客户', 'packs.allChanges': '所有结果变化的客户（每位客户每项变化一行）：', 'packs.noTransitions': '没有客户的结果发生变化。',
    'packs.simError': '模拟失败：{error}', 'packs.against': '对照版本', 'packs.requestedBy': '发起人',
    'packs.diffTitle': '{pack}：版本 {a} 与版本 {b} 的差异', 'packs.same': '相同', 'packs.added': '新增', 'packs.deleted': '删除',
    'packs.changedFile': '有修改', 'packs.noDifferences': '两个版本的文件完全相同。', 'packs.cellChanges': '{count} 个单元格不同',
    'packs.before': '修改前', 'packs.after': '修改后', 'packs.cell': '单元格', 'packs.backToPack': '返回规则包',
    'packs.insertRow': '+ 插入行', 'packs.deleteRow': '− 删除行', 'packs.binary': '二进制文件（Excel），按表格显示如下：',
    'packs.lint.GAP': '遗漏', 'packs.lint.UNREACHABLE': '永不触发', 'packs.lint.CONFLICTING_OVERLAP': '冲突重叠',
    'packs.lint.AMBIGUOUS_BLANK': '空白含义不明', 'packs.lint.NOT_ANALYSED': '未分析', 'packs.severity.ERROR': '错误',
    'packs.severity.WARNING': '警告', 'packs.severity.INFO': '提示', 'packs.compileError': '编译错误',
    'packs.publishedBy': '发布人', 'packs.state': '当前状态',
    'packs.id.records': '比对的记录', 'packs.id.pairs': '记录对', 'packs.id.changedPairs': '结果变化的记录对',
    'packs.id.parties': '当事人数（现在 → 此版本）', 'packs.id.recordsChangingParty': '归属变化的记录',
    'packs.id.reviewQueue': '待确认队列（现在 → 此版本）', 'packs.id.outcome': '判定', 'packs.id.pairsNow': '记录对（现在）',
    'packs.id.pairsDraft': '记录对（此版本）', 'packs.id.recordsNow': '记录（现在）', 'packs.id.recordsDraft': '记录（此版本）',
    'packs.id.changes': '判定变化的记录对', 'packs.id.examplePairs': '示例记录对', 'packs.id.ruleNow': '现在的规则',
    'packs.id.ruleDraft': '此版本的规则', 'packs.id.noChanges': '没有记录对的判定发生变化，客户归属不变。',
    'packs.link.AUTO_LINK': '自动合并', 'packs.link.REVIEW': '人工确认', 'packs.link.NO_LINK': '不合并',
    'packs.bt.title': '回测', 'packs.bt.none': '尚未回测。回测用此版本按过去某一天的数据计算全部客户的流失风险分，再看此后观察期内哪些客户真的流失了，检验评分卡能否把流失的客户排在前面。除回测结果外不写入任何数据。',
    'packs.bt.asOf': '回测基准日', 'packs.bt.horizonDays': '观察期（天）',
    'packs.bt.formHint': '按基准日当天的数据计算流失风险分，再看此后观察期内谁流失了。观察期 1–730 天；观察期结束后还须再过 30 天（到期保单可在 30 天内续保），才能知道谁流失了。',
    'packs.bt.start': '开始回测', 'packs.bt.params': '基准日 {asOf}，观察期 {horizonDays} 天',
    'packs.bt.evaluated': '参与评估客户', 'packs.bt.left': '流失客户', 'packs.bt.lapseRate': '流失率',
    'packs.bt.lift': '前 10% 提升度', 'packs.bt.liftHint': '得分最高的 10% 客户的流失率是整体的几倍', 'packs.bt.times': '{value} 倍',
    'packs.bt.auc': 'AUC', 'packs.bt.aucHint': '流失客户得分高于留存客户的概率：0.5 相当于随机猜测，1 为完全区分',
    'packs.bt.byDecile': '各十分位组的流失率', 'packs.bt.decileHint': '按流失风险分从高到低把客户等分为 10 组，第 1 组得分最高。',
    'packs.bt.decile': '十分位组', 'packs.bt.decileLabel': '第 {decile} 组', 'packs.bt.customers': '客户数', 'packs.bt.scoreRange': '分数区间',
    'packs.bt.excluded': '未计入：有有效保单但无流失风险分（无缴费计划）{noChurnScore} 人，基准日无有效保单 {notAtRisk} 人，同一当事人的其他客户记录 {otherPartyRecords} 条。',
    'packs.bt.error': '回测失败：{error}'
  },
  en: {
    'nav.packs': 'Rule packs', 'packs.title': 'Rule packs', 'packs.name': 'Pack', 'packs.published': 'Published version',
    'packs.live': 'Live on this node', 'packs.versions': 'Versions', 'packs.description': 'Description',
    'packs.version': 'Version', 'packs.status': 'Status', 'packs.author': 'Author', 'packs.createdAt': 'Created',
    'packs.comment': 'Comment', 'packs.valid': 'Compiles', 'packs.tests': 'Scenarios', 'packs.validYes': 'yes', 'packs.validNo': 'errors',
    'packs.open': 'Open', 'packs.rollback': 'Roll back to the previous version', 'packs.rollbackConfirm': 'Roll {pack} back to the previously published version? Please give a reason.',
    'packs.rolledBack': 'Rolled back: {pack} now runs version {version}', 'packs.reason': 'Reason',
    'packs.compare': 'Compare versions', 'packs.compareFrom': 'Older', 'packs.compareTo': 'Newer', 'packs.showDiff': 'Show differences',
    'packs.files': 'Files', 'packs.problems': 'Problems', 'packs.noProblems': 'No compile errors or table findings.',
    'packs.saveDraft': 'Save as new draft', 'packs.draftComment': 'What changed', 'packs.draftCommentHint': 'e.g. raise the key-account premium threshold',
    'packs.unsavedChanges': 'Unsaved changes', 'packs.savedValid': 'Saved as version {version}; it compiles.',
    'packs.savedInvalid': 'Saved as version {version}, with errors: fix them where they are marked and save again.',
    'packs.download': 'Download', 'packs.export': 'Export zip', 'packs.exportHint': 'Every file of this version, to keep in git or import elsewhere',
    'packs.import': 'Import zip', 'packs.importHint': 'The files of a zip become a new draft, checked as any draft', 'packs.importedValid': 'Imported as draft v{version}', 'packs.importedInvalid': 'Imported as draft v{version}, with compile errors', 'packs.downloadXlsx': 'Download as Excel', 'packs.downloadXlsxHint': 'Edit it in Excel and upload it: it replaces this CSV table (in its place in pack.properties)',
    'packs.uploadedReplaces': '{file} added; it replaces {csv} when you save the draft',
    'packs.upload': 'Upload an Excel decision table', 'packs.uploadHint': '.xlsx or .xls', 'packs.uploaded': '{file} added; it takes effect when you save the draft',
    'packs.removeFile': 'Remove this file', 'packs.removed': 'Removed (when you save)', 'packs.saveAsCsv': 'Save as a CSV table',
    'packs.runTests': 'Run scenarios', 'packs.simulate': 'Simulate impact', 'packs.publish': 'Publish',
    'packs.publishConfirm': 'Publish {pack} version {version}? Every node runs it within seconds.',
    'packs.published.toast': '{pack} version {version} is published', 'packs.authorCannotPublish': 'You wrote this version: another approver must publish it.',
    'packs.testResults': 'Scenario results', 'packs.passed': 'passed', 'packs.failed': 'failed', 'packs.scenario': 'Scenario',
    'packs.where': 'Where', 'packs.result': 'Result', 'packs.mismatches': 'Differences', 'packs.expected': 'expected', 'packs.actual': 'actual',
    'packs.testSummary': '{passed} passed, {failed} failed', 'packs.noTest': 'The scenarios have not been run yet.',
    'packs.simulation': 'Impact simulation', 'packs.noSimulation': 'Not simulated yet. A simulation evaluates the whole book with this version and writes nothing.',
    'packs.simProgress': '{processed} of {customers} processed', 'packs.changed': 'Customers changed', 'packs.customers': 'Customers',
    'packs.transitions': 'Transitions', 'packs.field': 'Outcome', 'packs.from': 'From', 'packs.to': 'To', 'packs.count': 'Customers',
    'packs.outcome.grade': 'Grade', 'packs.outcome.tier': 'Tier', 'packs.outcome.warnings': 'Warnings',
    'packs.outcome.decision': 'Pre-bind decision', 'packs.outcome.churn': 'Churn score', 'packs.outcome.entitlements': 'Services', 'packs.churn.none': 'none (no premium schedule)',
    'packs.outcome.complaintState': 'Complaint state', 'packs.complaintState.none': 'none (withdrawn or unclassified)',
    'packs.listSeparator': ', ',
    'packs.premium': 'Annual premium', 'packs.premiumAtStake': 'Annual premium at stake', 'packs.examples': 'Example customers', 'packs.allChanges': 'Every customer whose outcome changes (a row per customer and change):', 'packs.noTransitions': 'No customer\'s outcome changes.',
    'packs.simError': 'The simulation failed: {error}', 'packs.against': 'Against versions', 'packs.requestedBy': 'Requested by',
    'packs.diffTitle': '{pack}: version {a} against version {b}', 'packs.same': 'same', 'packs.added': 'added', 'packs.deleted': 'removed',
    'packs.changedFile': 'changed', 'packs.noDifferences': 'The two versions have the same files.', 'packs.cellChanges': '{count} cells differ',
    'packs.before': 'Before', 'packs.after': 'After', 'packs.cell': 'Cell', 'packs.backToPack': 'Back to the pack',
    'packs.insertRow': '+ Insert row', 'packs.deleteRow': '− Delete row', 'packs.binary': 'A workbook (Excel), shown as a grid:',
    'packs.lint.GAP': 'Gap', 'packs.lint.UNREACHABLE': 'Never fires', 'packs.lint.CONFLICTING_OVERLAP': 'Conflicting overlap',
    'packs.lint.AMBIGUOUS_BLANK': 'Ambiguous blank', 'packs.lint.NOT_ANALYSED': 'Not analysed', 'packs.severity.ERROR': 'Error',
    'packs.severity.WARNING': 'Warning', 'packs.severity.INFO': 'Info', 'packs.compileError': 'Compile error',
    'packs.publishedBy': 'Published by', 'packs.state': 'State',
    'packs.id.records': 'Records compared', 'packs.id.pairs': 'Pairs of records', 'packs.id.changedPairs': 'Pairs whose outcome changes',
    'packs.id.parties': 'Parties (now → with this version)', 'packs.id.recordsChangingParty': 'Records changing party',
    'packs.id.reviewQueue': 'Review queue (now → with this version)', 'packs.id.outcome': 'Outcome', 'packs.id.pairsNow': 'Pairs now',
    'packs.id.pairsDraft': 'Pairs with this version', 'packs.id.recordsNow': 'Records now', 'packs.id.recordsDraft': 'Records with this version',
    'packs.id.changes': 'Pairs whose outcome changes', 'packs.id.examplePairs': 'Example pairs', 'packs.id.ruleNow': 'Rule now',
    'packs.id.ruleDraft': 'Rule with this version', 'packs.id.noChanges': 'No pair\'s outcome changes; every record stays in its party.',
    'packs.link.AUTO_LINK': 'Link at once', 'packs.link.REVIEW': 'Review', 'packs.link.NO_LINK': 'No link',
    'packs.bt.title': 'Back-test', 'packs.bt.none': 'Not back-tested yet. A back-test scores the whole book with this version as it stood on a past date, then checks whether those it ranked highest are those who left within the horizon. It writes nothing but its own result.',
    'packs.bt.asOf': 'As of', 'packs.bt.horizonDays': 'Horizon (days)',
    'packs.bt.formHint': 'The scores are computed from the data as it stood on that day, then set against who left within the horizon after it. The horizon is 1–730 days, and it must have ended at least 30 days ago (a policy may be renewed up to 30 days after its end).',
    'packs.bt.start': 'Start back-test', 'packs.bt.params': 'as of {asOf}, horizon {horizonDays} days',
    'packs.bt.evaluated': 'Customers evaluated', 'packs.bt.left': 'Left', 'packs.bt.lapseRate': 'Lapse rate',
    'packs.bt.lift': 'Top-decile lift', 'packs.bt.liftHint': 'the lapse rate of the highest-scored 10% over the overall one', 'packs.bt.times': '{value}×',
    'packs.bt.auc': 'AUC', 'packs.bt.aucHint': 'how likely one who left scores above one who stayed: 0.5 is chance, 1 a perfect ranking',
    'packs.bt.byDecile': 'Lapse rate by decile', 'packs.bt.decileHint': 'The customers in ten groups of equal size by churn score; decile 1 has the highest scores.',
    'packs.bt.decile': 'Decile', 'packs.bt.decileLabel': 'Decile {decile}', 'packs.bt.customers': 'Customers', 'packs.bt.scoreRange': 'Scores',
    'packs.bt.excluded': 'Not counted: {noChurnScore} at risk but without a churn score (no premium schedule), {notAtRisk} with no policy in force on the day, {otherPartyRecords} further records of a party.',
    'packs.bt.error': 'The back-test failed: {error}'
  }
};

const isBinary = name => /\.xlsx?$/i.test(name);
const isTable = name => /\.csv$/i.test(name);
const base = (pack, ...rest) => `#/packs/${[pack, ...rest].map(encodeURIComponent).join('/')}`;

export default {
  id: 'packs',
  roles: ['ANALYST', 'APPROVER', 'ADMIN'],
  nav: 'nav.packs',
  text,
  async render(view, ctx) {
    const [name, second, a, b] = ctx.params;
    if (!name) return renderList(view, ctx);
    if (second === 'diff') return renderDiff(view, ctx, name, Number(a), Number(b));
    if (second) return renderVersion(view, ctx, name, Number(second));
    return renderPack(view, ctx, name);
  },
  languageChanged(view, ctx) {
    // A version page with unsaved edits is not rebuilt (the edits would be lost): its texts follow the
    // new language once the draft is saved or the page is opened again.
    if (view && view.querySelector('.version-page[data-dirty="true"]')) translate(view); else ctx.rerender();
  }
};

async function packsAndNodes() {
  const [packs, nodes] = await Promise.all([api('GET', '/api/v1/rule-packs'), api('GET', '/api/v1/rule-packs/nodes')]);
  const live = (nodes.find(n => n.thisNode) || nodes[0] || { liveVersions: {} }).liveVersions || {};
  return { packs, live };
}

async function renderList(view, ctx) {
  view.append(heading(t('packs.title')));
  const { packs, live } = await packsAndNodes();
  view.append(card(dataTable([
    { label: t('packs.name'), value: p => h('a', { href: base(p.name), text: p.name }) },
    { label: t('packs.published'), value: p => p.publishedVersion ? `v${p.publishedVersion}` : '-' },
    { label: t('packs.live'), value: p => live[p.name] ? `v${live[p.name]}` : '-' },
    { label: t('packs.versions'), class: 'number', value: p => String(p.versions.length) },
    { label: t('packs.state'), value: p => {
      const drafts = p.versions.filter(v => v.status === 'DRAFT').length;
      return drafts ? h('span', {}, badge('versionStatus', 'DRAFT'), ` × ${drafts}`) : badge('versionStatus', 'PUBLISHED');
    } }
  ], packs, { onRowClick: p => ctx.navigate(base(p.name)) })));
}

async function renderPack(view, ctx, name) {
  const { packs, live } = await packsAndNodes();
  const pack = packs.find(p => p.name === name);
  if (!pack) { view.append(errorBox({ status: 404, problem: {} })); return; }
  const versions = pack.versions.slice().sort((x, y) => y.version - x.version);
  const rollback = ctx.can(...PUBLISHERS) && pack.publishedVersion
    ? h('button', { type: 'button', class: 'secondary', dataset: { action: 'rollback' }, text: t('packs.rollback'), onclick: e => doRollback(e.target, ctx, name) })
    : null;
  view.append(h('div', { class: 'crumbs' }, h('a', { href: '#/packs', text: t('packs.title') }), ' / ', name));
  let importZip = null;
  if (ctx.can(...EDITORS)) {
    const input = h('input', { type: 'file', accept: '.zip,application/zip', class: 'sr-only', id: 'pack-import', name: 'import' });
    input.addEventListener('change', async () => {
      const file = input.files[0];
      if (!file) return;
      try {
        const zip = file.type ? file : new Blob([file], { type: 'application/zip' });
        const created = await api('POST', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/import`, zip, { comment: file.name });
        toast(t(created.valid ? 'packs.importedValid' : 'packs.importedInvalid', { version: created.version }), created.valid ? 'success' : 'error');
        ctx.navigate(base(name, created.version));
      } catch (e) {
        toast(e.message, 'error');
        view.querySelector('.page-head').after(errorBox(e));
      }
    });
    importZip = h('span', {}, h('label', { class: 'button secondary', for: 'pack-import', title: t('packs.importHint'), text: t('packs.import') }), input);
  }
  view.append(heading(name, importZip, rollback));
  view.append(card(definitions([
    [t('packs.published'), pack.publishedVersion ? `v${pack.publishedVersion}` : '-'],
    [t('packs.live'), live[name] ? `v${live[name]}` : '-']
  ])));
  view.append(card(h('h3', { text: t('packs.versions') }), dataTable([
    { label: t('packs.version'), value: v => h('a', { href: base(name, v.version), text: `v${v.version}` }) },
    { label: t('packs.status'), value: v => badge('versionStatus', v.status) },
    { label: t('packs.author'), value: v => v.author },
    { label: t('packs.createdAt'), value: v => formatTime(v.createdAt) },
    { label: t('packs.comment'), value: v => v.comment || '' },
    { label: t('packs.valid'), value: v => v.valid ? t('packs.validYes') : h('span', { class: 'bad', text: t('packs.validNo') }) },
    { label: t('packs.tests'), value: v => v.testPassed === null || v.testPassed === undefined ? '-'
      : t('packs.testSummary', { passed: v.testPassed, failed: v.testFailed }) }
  ], versions, { onRowClick: v => ctx.navigate(base(name, v.version)), rowClass: v => v.version === pack.publishedVersion ? 'current-version' : null })));
  if (versions.length > 1) {
    const from = h('select', { name: 'from' }, versions.map(v => h('option', { value: v.version, text: `v${v.version}` })));
    const to = h('select', { name: 'to' }, versions.map(v => h('option', { value: v.version, text: `v${v.version}` })));
    from.value = String(versions[1].version);
    to.value = String(versions[0].version);
    view.append(card(h('h3', { text: t('packs.compare') }), h('form', { class: 'form-row compare', onsubmit: e => {
      e.preventDefault();
      ctx.navigate(base(name, 'diff', from.value, to.value));
    } }, field(t('packs.compareFrom'), from), field(t('packs.compareTo'), to),
      h('button', { type: 'submit', class: 'secondary', text: t('packs.showDiff') }))));
  }
}

async function doRollback(button, ctx, name) {
  const reason = await confirmDialog(t('packs.rollbackConfirm', { pack: name }), { withNote: true, noteRequired: true,
    noteLabel: t('packs.reason'), danger: true, confirmText: t('packs.rollback') });
  if (reason === null) return;
  try {
    const result = await busy(button, () => api('POST', `/api/v1/rule-packs/${encodeURIComponent(name)}/rollback`, { reason }));
    toast(t('packs.rolledBack', { pack: name, version: result && result.version !== undefined ? result.version : '' }), 'success');
    ctx.rerender();
  } catch (e) {
    toast(e.message, 'error');
    button.closest('.page-head').after(errorBox(e));
  }
}

/** The version page: files to read and edit, problems, scenarios, simulation, back-test, publish. */
async function renderVersion(view, ctx, name, number) {
  const version = await api('GET', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}`);
  const meta = version.version;
  const editable = ctx.can(...EDITORS);
  const page = h('div', { class: 'version-page' });
  view.append(page);

  const state = { files: version.files, current: {}, removed: new Set(), editors: new Map(), tab: null };
  for (const [file, content] of Object.entries(version.files)) state.current[file] = content;
  const dirty = () => state.removed.size > 0
    || Object.keys(state.current).some(file => state.current[file] !== state.files[file]);
  ctx.guard(dirty);

  // Header and actions
  const actions = h('div', { class: 'actions' });
  page.append(h('div', { class: 'crumbs' }, h('a', { href: '#/packs', text: t('packs.title') }), ' / ',
    h('a', { href: base(name), text: name }), ' / ', `v${number}`));
  page.append(h('div', { class: 'page-head' }, h('h2', {}, `${name} · v${number} `, badge('versionStatus', meta.status)), actions));
  const exportZip = h('button', { type: 'button', class: 'secondary', dataset: { action: 'export' }, title: t('packs.exportHint'), text: t('packs.export') });
  exportZip.addEventListener('click', () => busy(exportZip, () => download(
    `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}/export`, {}, 'application/zip', `${name}-v${number}.zip`))
    .catch(e => toast(e.message, 'error')));
  actions.append(exportZip);
  const actionError = h('div', { class: 'action-error' });
  page.append(actionError);
  page.append(card(definitions([
    [t('packs.author'), meta.author],
    [t('packs.createdAt'), formatTime(meta.createdAt)],
    [t('packs.comment'), meta.comment],
    [t('packs.valid'), meta.valid ? t('packs.validYes') : h('span', { class: 'bad', text: t('packs.validNo') })],
    [t('packs.publishedBy'), meta.publishedBy ? `${meta.publishedBy} · ${formatTime(meta.publishedAt)}` : null]
  ])));

  const testBox = h('section', { class: 'card test-results' });
  const simBox = h('section', { class: 'card simulation' });
  const backtestBox = mayScoreChurn(name, version) ? h('section', { class: 'card backtest' }) : null;

  if (editable) {
    const testButton = h('button', { type: 'button', class: 'secondary', dataset: { action: 'test' }, text: t('packs.runTests'), disabled: !meta.valid });
    testButton.addEventListener('click', async () => {
      actionError.replaceChildren();
      try {
        const result = await busy(testButton, () => api('POST', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}/test`, {}));
        showTests(testBox, result);
        testBox.scrollIntoView({ block: 'start' });
      } catch (e) { actionError.replaceChildren(errorBox(e)); }
    });
    const simButton = h('button', { type: 'button', class: 'secondary', dataset: { action: 'simulate' }, text: t('packs.simulate'), disabled: !meta.valid });
    simButton.addEventListener('click', async () => {
      actionError.replaceChildren();
      try {
        const started = await busy(simButton, () => api('POST', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}/simulate`));
        showSimulation(simBox, started, name, number);
        simBox.scrollIntoView({ block: 'start' });
      } catch (e) { actionError.replaceChildren(errorBox(e)); }
    });
    actions.append(testButton, simButton);
  }
  if (ctx.can(...PUBLISHERS) && meta.status === 'DRAFT') {
    const own = meta.author === ctx.user.username;
    const publish = h('button', { type: 'button', class: 'primary', dataset: { action: 'publish' }, text: t('packs.publish'),
      disabled: own || !meta.valid, title: own ? t('packs.authorCannotPublish') : null });
    publish.addEventListener('click', async () => {
      actionError.replaceChildren();
      if (!(await confirmDialog(t('packs.publishConfirm', { pack: name, version: number }), { confirmText: t('packs.publish') }))) return;
      try {
        await busy(publish, () => api('POST', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}/publish`));
        toast(t('packs.published.toast', { pack: name, version: number }), 'success');
        ctx.rerender();
      } catch (e) { actionError.replaceChildren(errorBox(e)); }
    });
    actions.append(publish);
    if (own) actions.append(h('small', { class: 'muted own-version', text: t('packs.authorCannotPublish') }));
  }

  // Problems: compile errors and table findings, each leading to its place.
  const problems = [
    ...(meta.errors || []).map(e => ({ ...e, severity: 'ERROR', kind: null })),
    ...(version.lint || []).map(l => ({ ...l, line: null }))
  ];
  const problemBox = h('section', { class: 'card problems' }, h('h3', { text: t('packs.problems') }));
  if (problems.length === 0) problemBox.append(h('p', { class: 'muted', text: t('packs.noProblems') }));
  else problemBox.append(h('ul', { class: 'problem-list' }, problems.map(p => h('li', { class: `problem severity-${p.severity.toLowerCase()}` },
    h('span', { class: `badge severity-${p.severity === 'ERROR' ? 'high' : p.severity === 'WARNING' ? 'medium' : 'low'}`,
      text: p.kind ? `${t(`packs.severity.${p.severity}`)} · ${t(`packs.lint.${p.kind}`)}` : t('packs.compileError') }),
    ' ',
    h('button', { type: 'button', class: 'link', text: `${p.file}${where(p)}`, onclick: () => goTo(p) }),
    ' ', h('span', { class: 'problem-message', text: p.message })))));
  page.append(problemBox);

  // Files in tabs.
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const panel = h('div', { class: 'tab-panel' });
  const filesCard = h('section', { class: 'card files' }, h('h3', { text: t('packs.files') }), tabs, panel);
  page.append(filesCard);

  function marksFor(file) {
    return problems.filter(p => p.file === file);
  }

  function renderTabs() {
    const names = Object.keys(state.current).sort((x, y) => order(x) - order(y) || x.localeCompare(y));
    tabs.replaceChildren(...names.map(file => h('button', { type: 'button', role: 'tab', class: ['tab', file === state.tab ? 'active' : null,
      state.removed.has(file) ? 'removed' : null, state.current[file] !== state.files[file] ? 'modified' : null,
      marksFor(file).some(p => p.severity === 'ERROR') ? 'has-errors' : null], dataset: { file },
      'aria-selected': file === state.tab ? 'true' : 'false', text: file, onclick: () => openTab(file) })));
    if (editable) {
      const upload = h('input', { type: 'file', accept: '.xlsx,.xls', class: 'sr-only', id: 'pack-upload', name: 'upload' });
      upload.addEventListener('change', () => addUpload(upload));
      tabs.append(h('label', { class: 'button secondary small upload', for: 'pack-upload', title: t('packs.uploadHint'), text: t('packs.upload') }), upload);
    }
  }

  function order(file) {
    if (file.endsWith('.drl')) return 0;
    if (file.includes('.drl.')) return 1;
    if (file.includes('scenarios')) return 2;
    return 3;
  }

  async function addUpload(input) {
    const file = input.files[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    state.current[file.name] = btoa(binary);
    state.removed.delete(file.name);
    // the workbook of a CSV table (downloaded, edited in Excel) replaces it, in its place in pack.properties
    const csvTwin = file.name.replace(/\.drl\.xlsx?$/i, '.drl.csv');
    if (csvTwin !== file.name && csvTwin in state.current) state.removed.add(csvTwin);
    toast(t(csvTwin !== file.name && csvTwin in state.current ? 'packs.uploadedReplaces' : 'packs.uploaded', { file: file.name, csv: csvTwin }));
    changed();
    openTab(file.name);
  }

  function openTab(file) {
    state.tab = file;
    renderTabs();
    let editor = state.editors.get(file);
    if (!editor) {
      editor = createEditor(file);
      state.editors.set(file, editor);
    }
    const path = `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}/files/${encodeURIComponent(file)}`;
    const fetchFile = (button, accept, saveAs) => busy(button, () => download(path, {}, accept, saveAs)).catch(e => toast(e.message, 'error'));
    const downloads = file in state.files ? [
      h('button', { type: 'button', class: 'link', dataset: { download: 'file' }, text: t('packs.download'),
        onclick: e => fetchFile(e.currentTarget, '*/*', file) }),
      file.endsWith('.drl.csv') ? h('button', { type: 'button', class: 'link', dataset: { download: 'xlsx' }, title: t('packs.downloadXlsxHint'),
        text: t('packs.downloadXlsx'), onclick: e => fetchFile(e.currentTarget, XLSX, file.replace(/\.drl\.csv$/, '.drl.xlsx')) }) : null] : [];
    const tools = h('div', { class: 'file-tools' }, ...downloads,
      editable && state.removed.has(file) ? h('span', { class: 'muted', text: t('packs.removed') }) : null,
      editable ? h('button', { type: 'button', class: 'link', text: state.removed.has(file) ? t('common.cancel') : t('packs.removeFile'), onclick: () => {
        if (state.removed.has(file)) state.removed.delete(file); else state.removed.add(file);
        changed();
        openTab(file);
      } }) : null);
    panel.replaceChildren(...[tools, editor.element].filter(Boolean));
    return editor;
  }

  function createEditor(file) {
    const content = state.current[file];
    if (isBinary(file)) return workbookView(file);
    if (isTable(file)) {
      const grid = gridEditor(parse(content), { readOnly: !editable, texts: { insertRow: t('packs.insertRow'), deleteRow: t('packs.deleteRow') },
        onChange: rows => { state.current[file] = sameTable(state.files[file], rows) ? state.files[file] : stringify(rows); changed(); } });
      grid.markCells(marksFor(file).map(p => cellMark(p)).filter(Boolean));
      return { element: grid.element, grid };
    }
    const editor = codeEditor(content, { readOnly: !editable, highlight: file.endsWith('.drl'), label: file,
      onChange: value => { state.current[file] = value; changed(); } });
    editor.markErrors(marksFor(file).filter(p => p.line > 0).map(p => ({ line: p.line, message: p.message, severity: p.severity.toLowerCase() })));
    return { element: editor.element, code: editor };
  }

  function workbookView(file) {
    const box = h('div', { class: 'workbook' }, h('p', { class: 'muted', text: t('packs.binary') }));
    const fresh = state.current[file] !== state.files[file];
    if (fresh) {
      box.append(h('p', { class: 'notice', text: t('packs.uploaded', { file }) }));
      return { element: box };
    }
    api('GET', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}/files/${encodeURIComponent(file)}/grid`)
      .then(grid => {
        for (const sheet of grid.sheets) {
          box.append(h('h4', { text: sheet.name }), gridEditor(sheet.rows, { readOnly: true }).element);
          if (editable) {
            box.append(h('button', { type: 'button', class: 'secondary small', text: t('packs.saveAsCsv'), onclick: () => {
              const csvName = file.replace(/\.xlsx?$/i, '.csv').replace(/(\.drl)?\.csv$/i, '.drl.csv');
              state.current[csvName] = stringify(sheet.rows);
              state.removed.add(file);
              changed();
              openTab(csvName);
            } }));
          }
        }
      })
      .catch(e => box.append(errorBox(e)));
    return { element: box };
  }

  function goTo(problem) {
    if (!(problem.file in state.current)) return;
    const editor = openTab(problem.file);
    if (editor.code && problem.line > 0) editor.code.goToLine(problem.line);
    const mark = cellMark(problem);
    if (editor.grid && mark) editor.grid.focusCell(mark.row, mark.col);
  }

  // Saving a draft
  const saveForm = editable ? h('form', { class: 'card save-draft', novalidate: true },
    h('div', { class: 'form-row' },
      field(t('packs.draftComment'), h('input', { name: 'comment', maxlength: 2000, placeholder: t('packs.draftCommentHint') })),
      h('button', { type: 'submit', class: 'primary', dataset: { action: 'save' }, text: t('packs.saveDraft'), disabled: true })),
    h('p', { class: 'muted unsaved', hidden: true, text: t('packs.unsavedChanges') })) : null;
  if (saveForm) {
    filesCard.after(saveForm);
    saveForm.addEventListener('submit', async event => {
      event.preventDefault();
      const button = saveForm.querySelector('button[type=submit]');
      const files = {};
      for (const file of Object.keys(state.current)) {
        if (state.removed.has(file)) files[file] = null;
        else if (state.current[file] !== state.files[file]) files[file] = state.current[file];
      }
      clearErrors(saveForm);
      try {
        const created = await busy(button, () => api('POST', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions`,
          { files, comment: saveForm.comment.value.trim() || null, baseVersion: number }));
        toast(t(created.valid ? 'packs.savedValid' : 'packs.savedInvalid', { version: created.version }), created.valid ? 'success' : 'error');
        ctx.guard(null);
        state.files = { ...state.current };
        ctx.navigate(base(name, created.version));
      } catch (e) {
        showError(saveForm, e);
      }
    });
  }

  function changed() {
    page.dataset.dirty = String(dirty());
    if (saveForm) {
      const isDirty = dirty();
      saveForm.querySelector('button[type=submit]').disabled = !isDirty;
      saveForm.querySelector('.unsaved').hidden = !isDirty;
    }
    renderTabs();
  }

  renderTabs();
  const first = Object.keys(state.current).sort((x, y) => order(x) - order(y))[0];
  const firstWithError = problems.find(p => p.severity === 'ERROR' && p.file in state.current);
  if (first) openTab(firstWithError ? firstWithError.file : first);
  if (firstWithError) goTo(firstWithError);

  page.append(testBox, simBox);
  if (version.lastTest) showTests(testBox, version.lastTest); else testBox.append(h('h3', { text: t('packs.testResults') }), h('p', { class: 'muted', text: t('packs.noTest') }));
  if (version.simulation) showSimulation(simBox, version.simulation, name, number);
  else simBox.append(h('h3', { text: t('packs.simulation') }), h('p', { class: 'muted', text: t('packs.noSimulation') }));
  if (backtestBox) {
    page.append(backtestBox);
    backtestCard(backtestBox, version, name, number, editable);
  }
}

function where(problem) {
  if (problem.cell) return ` ${problem.sheet ? problem.sheet + '!' : ''}${problem.cell}`;
  if (problem.line > 0) return `:${problem.line}${problem.column > 0 ? ':' + problem.column : ''}`;
  return '';
}

/** The cell of a table problem: a lint cell reference, or the row (and column) of a compile error. */
function cellMark(problem) {
  const severity = (problem.severity || 'ERROR').toLowerCase();
  if (problem.cell) {
    const cell = cellOf(problem.cell);
    return cell ? { ...cell, message: problem.message, severity } : null;
  }
  if (problem.line > 0) return { row: problem.line - 1, col: Math.max(0, (problem.column || 1) - 1), message: problem.message, severity };
  return null;
}

function sameTable(original, rows) {
  return original !== undefined && stringify(parse(original)) === stringify(rows);
}

function showTests(box, result) {
  const failedOnly = result.results.filter(r => !r.passed);
  box.replaceChildren(h('h3', { text: t('packs.testResults') }),
    h('p', { class: result.failed ? 'bad summary' : 'good summary', dataset: { passed: result.passed, failed: result.failed },
      text: t('packs.testSummary', { passed: result.passed, failed: result.failed }) }),
    dataTable([
      { label: t('packs.result'), value: r => h('span', { class: r.passed ? 'good' : 'bad', text: r.passed ? `✓ ${t('packs.passed')}` : `✗ ${t('packs.failed')}` }) },
      { label: t('packs.scenario'), value: r => r.name },
      { label: t('packs.where'), value: r => `${r.file}:${r.line}` },
      { label: t('packs.mismatches'), value: r => r.mismatches.length === 0 ? '' : h('ul', { class: 'mismatches' }, r.mismatches.map(m =>
        h('li', {}, h('strong', { text: m.outcome }), `: ${t('packs.expected')} `, h('code', { text: m.expected || '-' }),
          `, ${t('packs.actual')} `, h('code', { text: m.actual || '-' })))) }
    ], failedOnly.concat(result.results.filter(r => r.passed)), { rowClass: r => r.passed ? 'passed' : 'failed' }));
}

function showSimulation(box, simulation, name, number) {
  const bar = progressBar(null);
  const body = h('div', { class: 'simulation-body' });
  box.replaceChildren(h('h3', { text: t('packs.simulation') }), bar, body);
  const fill = sim => {
    const fraction = sim.customers ? sim.processed / sim.customers : null;
    setProgress(bar, sim.status === 'RUNNING' ? fraction : 1, t('packs.simProgress', { processed: formatNumber(sim.processed), customers: formatNumber(sim.customers) }));
    box.dataset.status = sim.status;
    body.replaceChildren(...simulationDetails(sim));
  };
  fill(simulation);
  if (simulation.status === 'RUNNING') {
    poll(box, 700, async () => {
      const sim = await api('GET', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}/simulation`);
      fill(sim);
      return sim.status === 'RUNNING';
    });
  }
}

function simulationDetails(sim) {
  const parts = [h('div', { class: 'figures' },
    figure(t('packs.state'), badge('runStatus', sim.status)),
    figure(t('packs.customers'), formatNumber(sim.customers)),
    ...(sim.identity ? [] : [
      figure(t('packs.changed'), formatNumber(sim.changed), 'sim-changed'),
      figure(t('packs.premiumAtStake'), sim.changedPremium === null ? '-' : formatMoney(sim.changedPremium), 'sim-premium')]))];
  if (sim.status === 'FAILED') parts.push(h('div', { class: 'form-error', role: 'alert', text: t('packs.simError', { error: sim.error || '' }) }));
  if (sim.status === 'RUNNING') return parts;
  parts.push(h('p', { class: 'muted', text: `${t('packs.requestedBy')}: ${sim.requestedBy} · ${formatTime(sim.startedAt)} · ${t('packs.against')}: `
    + Object.entries(sim.againstVersions || {}).map(([p, v]) => `${p} v${v}`).join(', ') }));
  if (sim.identity) return parts.concat(identityDetails(sim.identity));
  if (sim.transitions.length === 0) {
    if (sim.status === 'DONE') parts.push(h('p', { class: 'no-transitions', text: t('packs.noTransitions') }));
    return parts;
  }
  const transition = tr => `${fieldLabel(tr.field)}: ${outcomeLabel(tr.field, tr.from)} → ${outcomeLabel(tr.field, tr.to)}`;
  parts.push(h('div', { class: 'grid-2' },
    barChart(sim.transitions.map(tr => ({ label: transition(tr), value: tr.count, key: tr.to })),
      { title: t('packs.transitions') }),
    barChart(sim.transitions.map(tr => ({ label: transition(tr), value: Number(tr.annualPremium), key: tr.to })),
      { title: t('packs.premium'), format: formatMoney })));
  const outcome = (field, value) => ['warnings', 'churn', 'entitlements'].includes(field) || value === 'none'
    ? h('span', { text: outcomeLabel(field, value) }) : badge(field, value);
  parts.push(dataTable([
    { label: t('packs.field'), value: tr => fieldLabel(tr.field) },
    { label: t('packs.from'), value: tr => outcome(tr.field, tr.from) },
    { label: t('packs.to'), value: tr => outcome(tr.field, tr.to) },
    { label: t('packs.count'), class: 'number', value: tr => formatNumber(tr.count) },
    { label: t('packs.premium'), class: 'number', value: tr => formatMoney(tr.annualPremium) },
    { label: t('packs.examples'), value: tr => {
      const examples = (sim.examples || []).find(e => e.field === tr.field && e.from === tr.from && e.to === tr.to);
      if (!examples) return '';
      return h('span', { class: 'examples' }, examples.customers.slice(0, 5).map(c =>
        h('a', { href: `#/customers/${encodeURIComponent(c.customerNo)}`, text: c.customerNo })));
    } }
  ], sim.transitions, { class: 'data transitions' }));
  // every changed customer, not only the examples: a row per customer and outcome that changes
  parts.push(h('div', { class: 'list-head sim-changes' }, h('span', { class: 'muted', text: t('packs.allChanges') }),
    h('span', { class: 'actions' }, exportButtons(
      `/api/v1/rule-packs/${encodeURIComponent(sim.pack)}/versions/${sim.version}/simulation/changes`, {},
      `simulation-${sim.pack}-v${sim.version}`, { csv: t('common.exportCsv'), xlsx: t('common.exportXlsx') }))));
  return parts;
}

/**
 * Whether to offer a back-test of the version: only a version whose rules give CHURN points can have one, and the
 * server decides that when one is started (400 naming the version otherwise, shown in the card's form). The page
 * cannot compile the rules, so it offers the card where they may: the retention pack, home of the CHURN scorecard
 * (DESIGN.md section 11), even a draft whose scorecard was taken out; any other pack whose DRL files or decision
 * tables name Scorecard.CHURN (the only way a rule's points go to that card); and any version already back-tested.
 * A workbook's cells cannot be read here, so a CHURN scorecard uploaded as .xlsx in another pack is missed until it
 * is saved as CSV.
 */
function mayScoreChurn(name, version) {
  if (name === 'retention' || version.backtest) return true;
  return Object.entries(version.files).some(([file, content]) => !isBinary(file) && content.includes('Scorecard.CHURN'));
}

/** The browser's date so many days from today (negative: before it), as yyyy-mm-dd. */
function isoDay(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The back-test card of a churn scorecard version (DESIGN.md section 11): for analysts and admins a form to start
 * one as of a past date, then its progress and, when done, how well its scores told those who left from those
 * who stayed. The server checks the dates; a refusal is shown at its field.
 */
function backtestCard(box, version, name, number, editable) {
  const valid = version.version.valid;
  const latest = version.backtest;
  const path = `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${number}/backtest`;
  const start = h('button', { type: 'submit', class: 'primary', dataset: { action: 'backtest' }, text: t('packs.bt.start'), disabled: !valid });
  const bar = progressBar(null);
  const body = h('div', { class: 'backtest-body' });
  const none = latest ? null : h('p', { class: 'muted no-backtest', text: t('packs.bt.none') });
  bar.hidden = !latest;
  box.append(...[h('h3', { text: t('packs.bt.title') }), none].filter(Boolean));
  if (editable) {
    // Defaults the server accepts: the horizon of a year, which with its 30 days of renewals ended a day ago (a
    // day's margin for the browser's time zone against the service's); or what the last back-test was asked.
    const asOf = h('input', { name: 'asOf', type: 'date', required: true, max: isoDay(0), 'aria-describedby': 'backtest-hint' });
    const horizon = h('input', { name: 'horizonDays', type: 'number', min: 1, max: 730, step: 1, required: true, 'aria-describedby': 'backtest-hint' });
    horizon.value = String(latest ? latest.horizonDays : 365);
    asOf.value = latest ? latest.asOf : isoDay(-(365 + 30 + 1));
    const form = h('form', { class: 'backtest-form', novalidate: true },
      h('div', { class: 'form-error', role: 'alert', hidden: true }),
      h('div', { class: 'form-row' }, field(t('packs.bt.asOf'), asOf), field(t('packs.bt.horizonDays'), horizon), start),
      h('p', { class: 'hint', id: 'backtest-hint', text: t('packs.bt.formHint') }));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(form);
      try {
        follow(await busy(start, () => api('POST', path, formValues(form))));
      } catch (e) {
        showError(form, e);
      }
    });
    box.append(form);
  }
  box.append(bar, body);

  const fill = backtest => {
    box.dataset.status = backtest.status;
    start.disabled = !valid || backtest.status === 'RUNNING';
    bar.hidden = false;
    if (none) none.remove();
    const fraction = backtest.customers ? backtest.processed / backtest.customers : null;
    setProgress(bar, backtest.status === 'RUNNING' ? fraction : 1,
      t('packs.simProgress', { processed: formatNumber(backtest.processed), customers: formatNumber(backtest.customers) }));
    body.replaceChildren(...backtestDetails(backtest));
  };
  let stopPolling = () => {};
  const follow = backtest => {
    stopPolling();
    fill(backtest);
    if (backtest.status !== 'RUNNING') return;
    stopPolling = poll(box, 700, async () => {
      const now = await api('GET', path);
      fill(now);
      return now.status === 'RUNNING';
    });
  };
  if (latest) follow(latest);
}

/** A back-test's figures: its state, and when done the lapse rates by decile, the top decile's lift and the AUC. */
function backtestDetails(bt) {
  const hinted = (element, hint) => { element.append(h('small', { class: 'hint', text: hint })); return element; };
  const done = bt.status === 'DONE';
  const parts = [h('div', { class: 'figures' },
    figure(t('packs.state'), badge('runStatus', bt.status)),
    ...(done ? [
      figure(t('packs.bt.evaluated'), formatNumber(bt.evaluated), 'bt-evaluated'),
      figure(t('packs.bt.left'), formatNumber(bt.left), 'bt-left'),
      figure(t('packs.bt.lapseRate'), formatPercent(bt.lapseRate), 'bt-lapse-rate'),
      hinted(figure(t('packs.bt.lift'), bt.topDecileLift === null ? '-'
        : t('packs.bt.times', { value: formatNumber(bt.topDecileLift, 2) }), 'bt-lift'), t('packs.bt.liftHint')),
      hinted(figure(t('packs.bt.auc'), bt.auc === null ? '-' : formatNumber(bt.auc, 2), 'bt-auc'), t('packs.bt.aucHint'))]
      : [figure(t('packs.customers'), formatNumber(bt.customers))]))];
  if (bt.status === 'FAILED') parts.push(h('div', { class: 'form-error', role: 'alert', text: t('packs.bt.error', { error: bt.error || '' }) }));
  parts.push(h('p', { class: 'muted', text: `${t('packs.bt.params', { asOf: bt.asOf, horizonDays: bt.horizonDays })} · `
    + `${t('packs.requestedBy')}: ${bt.requestedBy} · ${formatTime(bt.startedAt)} · ${t('packs.against')}: `
    + Object.entries(bt.againstVersions || {}).map(([p, v]) => `${p} v${v}`).join(', ') }));
  if (!done) return parts;
  const decile = d => t('packs.bt.decileLabel', { decile: d.decile });
  const scores = d => d.minScore === null ? '-' : d.minScore === d.maxScore ? String(d.minScore) : `${d.minScore}–${d.maxScore}`;
  parts.push(h('div', { class: 'grid-2' },
    barChart(bt.deciles.filter(d => d.customers > 0).map(d => ({ label: decile(d), value: d.lapseRate, key: 'lapse' })),
      { title: t('packs.bt.byDecile'), format: formatPercent }),
    dataTable([
      { label: t('packs.bt.decile'), value: decile },
      { label: t('packs.bt.customers'), class: 'number', value: d => formatNumber(d.customers) },
      { label: t('packs.bt.left'), class: 'number', value: d => formatNumber(d.left) },
      { label: t('packs.bt.lapseRate'), class: 'number', value: d => formatPercent(d.lapseRate) },
      { label: t('packs.bt.scoreRange'), class: 'number', value: scores }
    ], bt.deciles, { class: 'data deciles' })),
    h('p', { class: 'muted', text: t('packs.bt.decileHint') }),
    h('p', { class: 'muted excluded', text: t('packs.bt.excluded', { noChurnScore: formatNumber(bt.noChurnScore),
      notAtRisk: formatNumber(bt.notAtRisk), otherPartyRecords: formatNumber(bt.otherPartyRecords) }) }));
  return parts;
}

/**
 * A version of the identity pack: what the book's pairs of records, parties and review queue would be with it,
 * against the live version.
 */
function identityDetails(id) {
  const linkLabel = outcome => t(`packs.link.${outcome}`);
  const parts = [h('div', { class: 'figures identity-figures' },
    figure(t('packs.id.records'), formatNumber(id.records)),
    figure(t('packs.id.pairs'), formatNumber(id.pairs)),
    figure(t('packs.id.changedPairs'), formatNumber(id.changedPairs), 'sim-changed-pairs'),
    figure(t('packs.id.parties'), `${formatNumber(id.partiesNow)} → ${formatNumber(id.partiesDraft)}`, 'sim-parties'),
    figure(t('packs.id.recordsChangingParty'), formatNumber(id.recordsChangingParty), 'sim-changed'),
    figure(t('packs.id.reviewQueue'), `${formatNumber(id.reviewQueueNow)} → ${formatNumber(id.reviewQueueDraft)}`, 'sim-review-queue'))];
  parts.push(dataTable([
    { label: t('packs.id.outcome'), value: o => linkLabel(o.outcome) },
    { label: t('packs.id.pairsNow'), class: 'number', value: o => formatNumber(o.pairsNow) },
    { label: t('packs.id.pairsDraft'), class: 'number', value: o => formatNumber(o.pairsDraft) },
    { label: t('packs.id.recordsNow'), class: 'number', value: o => formatNumber(o.recordsNow) },
    { label: t('packs.id.recordsDraft'), class: 'number', value: o => formatNumber(o.recordsDraft) }
  ], id.outcomes, { class: 'data link-outcomes' }));
  if (id.changes.length === 0) {
    parts.push(h('p', { class: 'no-transitions', text: t('packs.id.noChanges') }));
    return parts;
  }
  const customer = no => h('a', { href: `#/customers/${encodeURIComponent(no)}`, text: no });
  parts.push(h('h4', { text: t('packs.id.changes') }), dataTable([
    { label: t('packs.from'), value: c => linkLabel(c.from) },
    { label: t('packs.to'), value: c => linkLabel(c.to) },
    { label: t('packs.id.pairs'), class: 'number', value: c => formatNumber(c.pairs) },
    { label: t('packs.id.examplePairs'), value: c => h('span', { class: 'examples' }, c.examples.map(e =>
      h('span', { class: 'example-pair', title: `${t('packs.id.ruleNow')}: ${e.ruleNow}\n${t('packs.id.ruleDraft')}: ${e.ruleDraft}` },
        customer(e.customerNoA), ' ↔ ', customer(e.customerNoB)))) }
  ], id.changes, { class: 'data link-changes' }));
  return parts;
}

/** The name of an outcome a simulation compares: grade, tier, warnings or decision. */
function fieldLabel(field) {
  const key = `packs.outcome.${field}`;
  const text = t(key);
  return text === key ? field : text;
}

/** A compared value: an enum constant, or for warnings "TYPE SEVERITY, ..." and services "A, B" (or "none"). */
function outcomeLabel(field, value) {
  if (field === 'churn') return value === 'none' ? t('packs.churn.none') : value;
  if (field === 'complaintState' && value === 'none') return t('packs.complaintState.none');
  if (field === 'entitlements') {
    return value === 'none' ? t('common.none') : value.split(', ').map(s => label('entitlement', s)).join(t('packs.listSeparator'));
  }
  if (field !== 'warnings') return label(field, value);
  if (value === 'none') return t('common.none');
  return value.split(', ').map(w => {
    const [type, severity] = w.split(' ');
    return `${label('warningType', type)} ${label('severity', severity)}`;
  }).join(t('packs.listSeparator'));
}

function figure(name, value, cls) {
  return h('div', { class: ['figure', cls] }, h('div', { class: 'value' }, value), h('div', { class: 'name', text: name }));
}

/** Differences between two versions of a pack, file by file. */
async function renderDiff(view, ctx, name, a, b) {
  const [older, newer] = await Promise.all([
    api('GET', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${a}`),
    api('GET', `/api/v1/rule-packs/${encodeURIComponent(name)}/versions/${b}`)]);
  view.append(h('div', { class: 'crumbs' }, h('a', { href: '#/packs', text: t('packs.title') }), ' / ',
    h('a', { href: base(name), text: name }), ' / diff'));
  view.append(heading(t('packs.diffTitle', { pack: name, a, b })));
  const files = [...new Set([...Object.keys(older.files), ...Object.keys(newer.files)])].sort();
  let differences = 0;
  for (const file of files) {
    const before = older.files[file];
    const after = newer.files[file];
    let status = 'same';
    if (before === undefined) status = 'added';
    else if (after === undefined) status = 'deleted';
    else if (before !== after) status = 'changedFile';
    if (status === 'same') continue;
    differences++;
    const box = card(h('h3', {}, file, ' ', h('span', { class: `badge diff-${status}`, text: t(`packs.${status}`) })));
    box.classList.add('file-diff');
    box.dataset.file = file;
    if (isBinary(file)) { view.append(box); continue; }
    if (isTable(file) && status === 'changedFile') {
      const changes = diffCells(parse(before), parse(after));
      box.append(h('p', { class: 'muted', text: t('packs.cellChanges', { count: changes.length }) }),
        dataTable([
          { label: t('packs.cell'), value: c => `${columnName(c.col)}${c.row + 1}` },
          { label: t('packs.before'), value: c => h('del', { text: c.before }) },
          { label: t('packs.after'), value: c => h('ins', { text: c.after }) }
        ], changes, { class: 'data cell-diff' }));
    }
    const lines = hunks(diffLines(before ?? '', after ?? ''));
    box.append(h('div', { class: 'table-wrap' }, h('table', { class: 'line-diff' }, h('tbody', {}, lines.map(line => line.kind === 'gap'
      ? h('tr', { class: 'gap' }, h('td', { colspan: 3, text: '⋯' }))
      : h('tr', { class: line.kind }, h('td', { class: 'ln', text: line.a ?? '' }), h('td', { class: 'ln', text: line.b ?? '' }),
        h('td', { class: 'code' }, h('code', { text: (line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  ') + line.text }))))))));
    view.append(box);
  }
  if (differences === 0) view.append(card(h('p', { text: t('packs.noDifferences') })));
}
