/**
 * The host in a real browser: bundled for the browser platform (no Node built-ins), run in Debian's Chromium with
 * the conformance suite, an .xlsx save/load round trip (ExcelJS + JSZip) and a chart. Fails loudly without Chromium.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { conformanceTests } from '../../src/taskpane/selfcheck/conformance';

const CHROMIUM = '/usr/bin/chromium';

test('the host runs in Chromium: conformance suite, save and load', async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium). This test does not skip.`);
  const dir = mkdtempSync(join(tmpdir(), 'kp-host-browser-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, `
    import { createWorkbook, loadXlsx, run, saveXlsx } from ${JSON.stringify(join(__dirname, '..', '..', 'src', 'host'))};
    import { conformanceTests } from ${JSON.stringify(join(__dirname, '..', '..', 'src', 'taskpane', 'selfcheck', 'conformance'))};
    (window as any).kpHost = async () => {
      const failures: string[] = [];
      const ran: string[] = [];
      for (const t of conformanceTests) {
        try { await run(createWorkbook(), t.run); } catch (e) { failures.push(t.name + ': ' + String(e)); }
        ran.push(t.name);
      }
      const wb = createWorkbook();
      await run(wb, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Sheet1');
        ws.getRange('A1:C3').values = [['编号', '分数', '合计'], ['001', 9.5, '=SUM(kp_B[@[分数]:[分数]])'], ['002', 8, '=SUM(kp_B[@[分数]:[分数]])']];
        ws.tables.add('A1:C3', true).name = 'kp_B';
        ws.charts.add('ColumnClustered', ws.getRange('A1:B3'), 'Columns').title.text = '分布';
      });
      const bytes = await saveXlsx(wb);
      const back = await loadXlsx(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      const snap = back.snapshot('Sheet1');
      return { failures, ran, isUint8: bytes instanceof Uint8Array, totals: snap.cells.slice(1).map((r) => r[2].value), tables: snap.tables.map((t) => t.name), charts: snap.charts.map((c) => c.title) };
    };
  `);
  const out = join(dir, 'host.js');
  await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', outfile: out, logLevel: 'silent', target: 'es2020' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setContent('<!doctype html><meta charset="utf-8"><title>host</title>');
    await page.addScriptTag({ path: out });
    const result = await page.evaluate(() => (window as unknown as { kpHost: () => Promise<unknown> }).kpHost());
    expect(errors).toEqual([]);
    // Every test of the suite ran in the page (a page that ran none would have no failures either).
    expect(result).toEqual({ failures: [], ran: conformanceTests.map((t) => t.name), isUint8: true, totals: [9.5, 8], tables: ['kp_B'], charts: ['分布'] });
    expect(conformanceTests.length).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
}, 120000);
