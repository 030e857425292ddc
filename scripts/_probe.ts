import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeIcu } from '../dev/fake-icu';
import { CHROME_BUILD, launchExtensionBrowser } from '../dev/launch-chromium';
import { connect, GOOD_KEY } from '../e2e/fixtures';
const standIn = await createFakeIcu({ key: GOOD_KEY, port: 0, tls: true, rateLimit: false });
const b = await launchExtensionBrowser({ standInPort: standIn.port });
await b.context.addInitScript(`(() => {
  const log = window.__log = [];
  const t = (what) => log.push([Math.round(performance.now()), what]);
  t('init');
  const send = chrome.runtime.sendMessage.bind(chrome.runtime);
  chrome.runtime.sendMessage = (m, ...rest) => { const s = performance.now(); t('send ' + m.type + ' ' + JSON.stringify(m.data||'')); return send(m, ...rest).then((r) => { t('reply ' + m.type + ' ' + Math.round(performance.now() - s)); return r; }); };
  const q = chrome.tabs.query.bind(chrome.tabs);
  chrome.tabs.query = (...a) => { t('tabs.query'); return q(...a).then(r => { t('tabs.query done'); return r; }); };
  document.addEventListener('DOMContentLoaded', () => t('DCL'));
  window.addEventListener('load', () => t('load'));
  let seen = false, app = false;
  new MutationObserver(() => { const a = document.getElementById('app'); if (a && a.firstChild && !app) { app = true; t('first render'); } if (!seen && document.getElementById('today')) { seen = true; t('today'); requestAnimationFrame(() => t('frame')); } }).observe(document, { childList: true, subtree: true });
})();`);
await connect(b);
const w = await b.openExtensionPage('popup.html'); await w.getByText(/^Updated /).waitFor(); await w.close();
for (let i = 0; i < 4; i++) {
  const p = await b.context.newPage();
  await p.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await p.waitForTimeout(1200);
  const log = await p.evaluate(() => (window as any).__log);
  const res = await p.evaluate(() => performance.getEntriesByType('resource').map((r: any) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd)]));
  const nav = await p.evaluate(() => { const n: any = performance.getEntriesByType('navigation')[0]; return { resp: Math.round(n.responseEnd), di: Math.round(n.domInteractive), dcl: Math.round(n.domContentLoadedEventEnd) }; });
  console.log(JSON.stringify(nav), JSON.stringify(res));
  console.log(log.map((l: any) => l.join(' ')).join('\n'));
  await p.close();
}
await b.close(); await standIn.close();
