// A thin client of the REST API: sign in (HTTP Basic, kept for this tab only), a pre-bind check
// and a customer's assessment. The full admin UI grows from here.
(() => {
  const text = {
    'zh-CN': { title: '客户决策服务', apiDocs: '接口文档', signIn: '登录', signOut: '退出', username: '用户名',
      password: '密码', customer: '客户', customerNo: '客户号', preBind: '承保前检查', assessment: '查看评估',
      decision: '决定', grade: '等级', tier: '服务层级', vip: 'VIP', warnings: '预警', reasons: '原因',
      blacklistHits: '黑名单命中', profile: '客户特征', rulePacks: '规则包版本', evaluatedAt: '评估时间', none: '无',
      badLogin: '用户名或密码错误', switchTo: 'English' },
    en: { title: 'Customer decisioning', apiDocs: 'API docs', signIn: 'Sign in', signOut: 'Sign out', username: 'User',
      password: 'Password', customer: 'Customer', customerNo: 'Customer no.', preBind: 'Pre-bind check',
      assessment: 'Assessment', decision: 'Decision', grade: 'Grade', tier: 'Tier', vip: 'VIP', warnings: 'Warnings',
      reasons: 'Reasons', blacklistHits: 'Blacklist hits', profile: 'Profile', rulePacks: 'Rule packs',
      evaluatedAt: 'Evaluated at', none: 'none', badLogin: 'Wrong user name or password', switchTo: '中文' }
  };
  let lang = localStorage.getItem('lang') || 'zh-CN';
  const t = key => text[lang][key] || key;
  const $ = id => document.getElementById(id);

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = t('switchTo');
  }

  async function api(method, path, body) {
    const headers = { 'Authorization': sessionStorage.getItem('auth') || '' };
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const fields = (json.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
      throw Object.assign(new Error(fields || json.detail || response.statusText), { status: response.status });
    }
    return json;
  }

  function row(label, value) {
    const tr = document.createElement('tr');
    const th = document.createElement('th'); th.textContent = label;
    const td = document.createElement('td');
    if (value instanceof Node) td.appendChild(value); else td.textContent = value;
    tr.append(th, td);
    return tr;
  }

  function list(items, format) {
    if (!items || items.length === 0) return t('none');
    const ul = document.createElement('ul');
    items.forEach(item => { const li = document.createElement('li'); li.textContent = format(item); ul.appendChild(li); });
    return ul;
  }

  function show(result) {
    const box = $('result');
    box.replaceChildren();
    if (result.decision) {
      const d = document.createElement('div');
      d.className = 'decision ' + result.decision;
      d.textContent = `${t('decision')}: ${result.decision}`;
      box.appendChild(d);
    }
    const table = document.createElement('table');
    table.append(
      row(t('customerNo'), result.customerNo || '-'),
      row(t('grade'), result.grade || '-'),
      row(t('tier'), result.tier || '-'),
      row(t('vip'), String(result.vip)),
      row(t('warnings'), list(result.warnings, w => `${w.type} ${w.severity}: ${w.message}`)),
      row(t('reasons'), list(result.reasons, r => `${r.pack} v${r.version ?? ''} · ${r.rule}: ${r.message}`)),
      row(t('rulePacks'), Object.entries(result.rulePacks || {}).map(([p, v]) => `${p} v${v}`).join(', ')),
      row(t('evaluatedAt'), result.evaluatedAt || '-'));
    if (result.blacklistHits) table.append(row(t('blacklistHits'),
      list(result.blacklistHits, h => `#${h.entryId} ${h.strength} (${h.matchedOn.join(', ')}) ${h.reasonCode}`)));
    if (result.profile) table.append(row(t('profile'),
      list(Object.entries(result.profile), ([k, v]) => `${k}: ${v ?? '-'}`)));
    box.appendChild(table);
    box.hidden = false;
  }

  function signedIn(user) {
    $('signin').hidden = true; $('work').hidden = false; $('signout').hidden = false;
    $('who').textContent = user;
  }

  $('signin').addEventListener('submit', async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    sessionStorage.setItem('auth', 'Basic ' + btoa(unescape(encodeURIComponent(`${form.get('username')}:${form.get('password')}`))));
    try {
      await api('GET', '/api/v1/customers/-/assessment');
    } catch (e) {
      if (e.status === 401) { $('signin-error').textContent = t('badLogin'); sessionStorage.removeItem('auth'); return; }
    }
    sessionStorage.setItem('user', form.get('username'));
    signedIn(form.get('username'));
  });

  $('lookup').addEventListener('submit', async event => {
    event.preventDefault();
    const customerNo = new FormData(event.target).get('customerNo').trim();
    $('lookup-error').textContent = '';
    try {
      const result = event.submitter && event.submitter.value === 'assessment'
        ? await api('GET', `/api/v1/customers/${encodeURIComponent(customerNo)}/assessment`)
        : await api('POST', '/api/v1/checks/pre-bind', { customerNo });
      show(result);
    } catch (e) {
      $('lookup-error').textContent = e.message;
    }
  });

  $('signout').addEventListener('click', () => { sessionStorage.clear(); location.reload(); });
  $('lang').addEventListener('click', () => { lang = lang === 'en' ? 'zh-CN' : 'en'; localStorage.setItem('lang', lang); applyLanguage(); });

  applyLanguage();
  if (sessionStorage.getItem('auth')) signedIn(sessionStorage.getItem('user'));
})();
