/** @jest-environment jsdom */
/**
 * 开始 → 按上级方案安装…, over the real commands and the headless host: the committee's scheme file (made by the real
 * 导出为统一方案 from a workbook with a changed peer weight and bonus cap) is summed up first, then installed with
 * the branch name typed in; a file that is no scheme, and a year that is not the scheme's, get a message.
 */
import { screen, waitFor } from '@testing-library/react';
import { createWorkbook, loadXlsx, run, saveXlsx } from '../../src/host';
import { compute } from '../../src/workbook/results/compute';
import { fillCase, syntheticCase } from '../support/fillCase';
import { createCommands } from '../../src/workbook/createCommands';
import { getSettings, saveSettings } from '../../src/workbook/setup/settings';
import { install } from '../../src/workbook/setup/install';
import { check } from '../../src/workbook/results/check';
import { paneCommands } from './paneWorkbook';
import { ready, renderApp } from './helpers';

// jsdom's File has no arrayBuffer(); the browser's does.
if (!('arrayBuffer' in File.prototype)) {
  Object.defineProperty(File.prototype, 'arrayBuffer', {
    value(this: File) {
      return new Promise<ArrayBuffer>((resolve) => {
        const r = new FileReader();
        r.onload = () => resolve(r.result as ArrayBuffer);
        r.readAsArrayBuffer(this);
      });
    },
  });
}

const asFile = (bytes: Uint8Array, name: string) => new File([bytes as BlobPart], name);

/** The committee's scheme file: 2026, 互评权重 2 and 加分上限 3 (the rest default). */
async function schemeFile(): Promise<{ bytes: Uint8Array; fingerprint: string }> {
  const committee = createWorkbook();
  await run(committee, (c) => install(c, { year: 2026, branch: '机关党委' }));
  await run(committee, (c) => saveSettings(c, { 'weights.peer': 2, bonusCap: 3, phone: '0535-1111111' }));
  const made = await createCommands((batch) => run(committee, batch)).exportScheme!();
  return { bytes: made.bytes, fingerprint: made.fingerprint };
}

async function startView() {
  const commands = paneCommands();
  const { user } = renderApp(commands);
  await ready();
  await screen.findByText('尚未安装考评表');
  return { commands, user };
}

test('install from the scheme: summed up first, then installed with the branch name, the scheme remembered', async () => {
  const scheme = await schemeFile();
  const { commands, user } = await startView();
  const branch = screen.getByRole('textbox', { name: '党支部名称' });
  await user.clear(branch);
  await user.type(branch, '第三党支部');
  await user.upload(screen.getByLabelText('选择上级发来的统一方案文件'), asFile(scheme.bytes, '方案2026.xlsx'));
  await screen.findByText(
    `方案2026.xlsx：2026 年度统一方案，方案指纹 ${scheme.fingerprint}。统一规定 19 项评分参数（与默认不同的：互评权重 2、加分上限 3）和考评细则：机关党员 8 项 100 分。`,
  );
  // Nothing written yet.
  expect(commands.workbook.sheetNames()).toEqual(['Sheet1']);
  await user.click(screen.getByRole('button', { name: '按此方案安装' }));
  await screen.findByText(`已按统一方案（方案指纹 ${scheme.fingerprint}）安装考评表，工作簿记住该方案。`);
  await screen.findByText('已安装考评表');

  const settings = await run(commands.workbook, (c) => getSettings(c));
  const value = (key: string) => settings.items.find((i) => i.key === key)?.value;
  expect(value('branch')).toBe('第三党支部');
  expect(value('year')).toBe(2026);
  expect(value('weights.peer')).toBe(2);
  expect(value('bonusCap')).toBe(3);
  expect(value('phone')).toBe('');
  const status = await commands.getStatus();
  expect(status).toMatchObject({ installed: true, year: 2026, branch: '第三党支部', scheme: { fingerprint: scheme.fingerprint, differs: [] } });
  const report = await run(commands.workbook, (c) => check(c));
  expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  await waitFor(() => expect(screen.queryByText('正在处理…')).not.toBeInTheDocument());
}, 60_000);

test('a file that is no scheme, and a year that is not the scheme\'s: a message, nothing installed', async () => {
  const scheme = await schemeFile();
  const { commands, user } = await startView();
  await user.upload(screen.getByLabelText('选择上级发来的统一方案文件'), asFile(Uint8Array.from([120, 10]), '通知.xlsx'));
  await screen.findByText(/通知\.xlsx 不是 \.xlsx 工作簿。/);

  await user.upload(screen.getByLabelText('选择上级发来的统一方案文件'), asFile(await saveXlsx(createWorkbook()), '空白.xlsx'));
  await screen.findByText(/空白\.xlsx 不是统一方案（缺少考评参数表或考评细则表）。/);

  const year = screen.getByRole('textbox', { name: '年度' });
  await user.clear(year);
  await user.type(year, '2027');
  await user.upload(screen.getByLabelText('选择上级发来的统一方案文件'), asFile(scheme.bytes, '方案2026.xlsx'));
  await screen.findByText('统一方案是 2026 年度的，与所填年度 2027 不一致。');
  expect(screen.queryByRole('button', { name: '按此方案安装' })).not.toBeInTheDocument();
  expect(commands.workbook.sheetNames()).toEqual(['Sheet1']);
  expect(commands.callsOf('installSchemeFile').map((args) => args[2])).toEqual([false, false, false]);
}, 60_000);

test('a committee roll-up opened in the pane is not offered an install: it says what it is', async () => {
  // One branch, installed, filled and computed by the commands; rolled up as 党委汇总… does.
  const branch = await fillCase({ ...syntheticCase(4, 2), branch: '第一党支部' });
  await run(branch, (c) => compute(c));
  const { rollupPicked } = await import('../../src/workbook/scheme/schemeFile');
  const made = await rollupPicked([{ name: '第一党支部.xlsx', bytes: await saveXlsx(branch) }]);
  const commands = paneCommands(await loadXlsx(made.bytes));
  renderApp(commands);
  await ready();
  await screen.findByText(/这是党委汇总工作簿（汇总表、全体党员、需关注名单、问题），不需要安装考评表/);
  expect(screen.queryByRole('button', { name: '安装考评表' })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: '按上级方案安装…' })).not.toBeInTheDocument();
  // The roll-up's second line (汇总时间：… 党支部 1 个) is never taken for a branch name.
  expect(screen.queryByText('已从工作簿标题中读取党支部名称，请核对。')).not.toBeInTheDocument();
  expect((await commands.getStatus()).rollup).toBe(true);
  // An ordinary workbook says nothing of the kind.
  expect((await paneCommands().getStatus()).rollup).toBeUndefined();
}, 60_000);
