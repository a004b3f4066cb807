/**
 * Ballot files in the browser preview: 录入 → 分发测评表 downloads a .zip of ballots (peer by member, mass by
 * code); the ballots are filled in Node by openpyxl; 回收测评表 takes ten of them through the file picker and
 * merges them; a second pick shows a rejected file and a changed copy that is merged only after 替换. The
 * workbook downloaded from the preview has the same peer and mass scores as typing the numbers.
 * Screenshots: test-artifacts/screenshots/15-ballots-distribute.png, 16-ballots-collect.png, 17-ballots-replace.png.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { loadXlsx, run, saveXlsx } from '../../src/host';
import { compute } from '../../src/workbook/results/compute';
import { ballotLayout, fillWithOpenpyxl, scoreEdits, type CellValue } from '../support/ballotFill';
import { fillCase, loadCase } from '../support/fillCase';
import { shot, startPreview } from './browser';

const { input: CASE } = loadCase('small-branch');
const DIMS = ['理想信念', '宗旨意识', '爱岗敬业', '学习教育', '工作绩效', '道德品质', '廉洁自律', '服务社会'];
const DIR = join(tmpdir(), `kp-browser-ballots-${process.pid}`);

let page: Page;
let browser: Browser;
let close: () => Promise<void>;
let url: string;
const pageErrors: string[] = [];
const pane = () => page.getByTestId('taskpane');
const navTab = (name: string) => pane().getByRole('tablist').getByRole('tab', { name, exact: true });

function scoresOf(round: 'peer' | 'mass', evaluator: string): Record<string, Record<string, CellValue>> {
  const out: Record<string, Record<string, CellValue>> = {};
  for (const r of CASE[round]) if (r[0] === evaluator) out[String(r[1])] = Object.fromEntries(DIMS.map((d, j) => [d, r[3 + j] as CellValue]));
  return out;
}

/** Clicks 生成测评表 and returns the downloaded .zip's files. */
async function makeZip(): Promise<{ zipName: string; files: { name: string; bytes: Uint8Array }[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), pane().getByRole('button', { name: '生成测评表（.zip）' }).click()]);
  const path = join(DIR, download.suggestedFilename());
  await download.saveAs(path);
  const zip = await JSZip.loadAsync(readFileSync(path));
  const files = [];
  for (const e of Object.values(zip.files)) files.push({ name: e.name, bytes: await e.async('uint8array') });
  return { zipName: download.suggestedFilename(), files };
}

/** Fills a ballot with the case's numbers (openpyxl) and saves it under its own name; returns the path. */
async function fill(file: { name: string; bytes: Uint8Array }, change?: (s: Record<string, Record<string, CellValue>>) => void): Promise<string> {
  const layout = await ballotLayout(file.bytes);
  const scores = scoresOf(layout.identity.round as 'peer' | 'mass', layout.identity.evaluator);
  change?.(scores);
  const path = join(DIR, 'returned', file.name);
  writeFileSync(path, fillWithOpenpyxl(file.bytes, { edits: scoreEdits(layout, scores) }));
  return path;
}

async function pick(paths: string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pane().getByRole('button', { name: '选择交回的文件' }).click()]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles(paths);
  await pane().getByText(`已选择 ${paths.length} 个文件`).waitFor();
}

beforeAll(async () => {
  mkdirSync(join(DIR, 'returned'), { recursive: true });
  writeFileSync(join(DIR, '考评2026.xlsx'), await saveXlsx(await fillCase({ ...CASE, self: [], peer: [], mass: [] })));
  ({ url, browser, close } = await startPreview());
  page = await browser.newPage({ viewport: { width: 1200, height: 1500 }, acceptDownloads: true, reducedMotion: 'reduce' });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
});

afterAll(async () => {
  await close?.();
  rmSync(DIR, { recursive: true, force: true });
});

let peerFiles: { name: string; bytes: Uint8Array }[] = [];
let massFiles: { name: string; bytes: Uint8Array }[] = [];

describe('ballot files in the task pane', () => {
  it('hands out peer ballots (one per member) and mass ballots (codes) as .zip downloads', async () => {
    await pane().getByRole('button', { name: '安装考评表' }).waitFor();
    await page.locator('#kp-open-xlsx').setInputFiles(join(DIR, '考评2026.xlsx'));
    await page.getByText('考评2026.xlsx').waitFor();
    await navTab('录入').click();
    await pane().getByRole('button', { name: '分发测评表' }).click();
    await pane().getByLabel('分发环节').selectOption('peer');
    const peer = await makeZip();
    expect(peer.zipName).toBe('2026-互评-测评表.zip');
    expect(peer.files.map((f) => f.name).sort()).toEqual(
      CASE.roster.map((r) => `2026-互评-${r[2]}-${r[1]}.xlsx`).sort(),
    );
    await pane().getByText('已生成 7 份测评表，已开始下载 2026-互评-测评表.zip（可能在下载栏中等待保存）。').waitFor();
    // Not out until the secretary confirms having the files.
    await pane().getByText('本年度还没有在考评中分发测评表文件。').waitFor();
    await pane().getByRole('button', { name: '已拿到文件，记为已分发' }).click();
    await pane().getByText('党员互评：发出 7 份，已交回 0 份').waitFor();
    peerFiles = peer.files;
    await pane().getByLabel('分发环节').selectOption('mass');
    await pane().getByLabel('份数').fill('3');
    const mass = await makeZip();
    expect(mass.files.map((f) => f.name)).toEqual(['2026-群众参评-Q01.xlsx', '2026-群众参评-Q02.xlsx', '2026-群众参评-Q03.xlsx']);
    massFiles = mass.files;
    await pane().getByRole('button', { name: '已拿到文件，记为已分发' }).click();
    await pane().getByText('群众参评：发出 3 份，已交回 0 份').waitFor();
    await shot(page, '15-ballots-distribute');
  });

  it('collects ten returned files through the file picker', async () => {
    const paths = [];
    for (const f of [...peerFiles, ...massFiles]) paths.push(await fill(f));
    expect(paths).toHaveLength(10);
    await pane().getByRole('button', { name: '回收测评表' }).click();
    await pick(paths);
    await pane().getByRole('button', { name: '核对并合并' }).click();
    await pane().getByText(`共 10 个文件：接收 10 份测评表，合并 ${CASE.peer.length + CASE.mass.length} 条评分；未接收 0 个文件。`).waitFor();
    await expect(pane().locator('li[data-verdict="accepted"]').count()).resolves.toBe(10);
    // Each accepted file is counted by the score rows it brought (a mass ballot covers every member).
    const massRows = CASE.mass.length / massFiles.length;
    await expect(pane().locator('li[data-verdict="accepted"]', { hasText: massFiles[0].name }).textContent()).resolves.toContain(`${massRows} 条评分`);
    await pane().getByText('党员互评：发出 7 份，已交回 7 份').waitFor();
    await pane().getByText('群众参评：发出 3 份，已交回 3 份').waitFor();
    await page.getByRole('tablist', { name: '工作表' }).getByRole('tab', { name: '党员互评', exact: true }).click();
    await page.locator('table[data-sheet="党员互评"] td', { hasText: '周燕玉' }).first().waitFor();
    await shot(page, '16-ballots-collect');
  });

  it('rejects a bad file, refuses a changed copy until 替换 is chosen', async () => {
    const bad = await fill({ ...peerFiles[1], name: '超分.xlsx' }, (s) => {
      const first = Object.keys(s)[0];
      s[first].爱岗敬业 = 16;
    });
    const changed = await fill({ ...massFiles[0], name: 'Q01-改过.xlsx' }, (s) => (s['001'].服务社会 = 6));
    const notBallot = join(DIR, 'returned', '名单.xlsx');
    writeFileSync(notBallot, '编号,姓名\n');
    // The changed copy comes inside a .zip: its line is "回收.zip/Q01-改过.xlsx" and 替换 reads the .zip again.
    const zip = new JSZip();
    zip.file('Q01-改过.xlsx', readFileSync(changed));
    const zipPath = join(DIR, '回收.zip');
    writeFileSync(zipPath, await zip.generateAsync({ type: 'uint8array' }));
    await pick([bad, zipPath, notBallot]);
    await pane().getByRole('button', { name: '核对并合并' }).click();
    await pane().getByText('共 3 个文件：接收 0 份测评表，合并 0 条评分；未接收 3 个文件。').waitFor();
    await expect(pane().locator('li[data-verdict="rejected"]').getByText(/超出范围/).isVisible()).resolves.toBe(true);
    await expect(pane().locator('li[data-verdict="not_a_ballot"]').isVisible()).resolves.toBe(true);
    await expect(pane().locator('li[data-verdict="duplicate"]').getByText(/未覆盖/).isVisible()).resolves.toBe(true);
    await shot(page, '17-ballots-replace');
    await pane().getByRole('button', { name: '以此文件为准替换' }).click();
    await pane().getByText('已替换。').waitFor();
    await expect(pane().locator('li[data-verdict="accepted"]').count()).resolves.toBe(1);
    await expect(pane().locator('li[data-verdict="accepted"]').getByText('回收.zip/Q01-改过.xlsx').isVisible()).resolves.toBe(true);
  });

  it('the downloaded workbook has the peer and mass scores of typing the same numbers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 .xlsx' }).click()]);
    const file = join(DIR, 'collected.xlsx');
    await download.saveAs(file);
    const got = await run(await loadXlsx(readFileSync(file)), (c) => compute(c));
    const mass = CASE.mass.map((r) => (r[0] === 'Q01' && r[1] === '001' ? [...r.slice(0, 10), 6] : r));
    const typed = await run(await fillCase({ ...CASE, self: [], mass }), (c) => compute(c));
    const pick2 = (e: typeof got.evaluation) => e.members.map((m) => [m.id, m.peer, m.mass]);
    expect(pick2(got.evaluation)).toEqual(pick2(typed.evaluation));
    expect(got.evaluation.members.every((m) => m.peer !== null && m.mass !== null)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
