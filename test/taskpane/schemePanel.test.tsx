/** @jest-environment jsdom */
/**
 * 设置 → 上级统一方案与党委汇总, over the real commands and the headless host: export the scheme, apply it to a
 * branch's workbook (the change list first), and roll up branch workbooks picked in the file dialog.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createWorkbook, loadXlsx, run, saveXlsx, type HostWorkbook } from '../../src/host';
import { SchemePanel } from '../../src/taskpane/views/SchemePanel';
import { createCommands } from '../../src/workbook/createCommands';
import { compute } from '../../src/workbook/results/compute';
import { install } from '../../src/workbook/setup/install';
import { getSettings, saveSettings } from '../../src/workbook/setup/settings';
import { fillCase, syntheticCase } from '../support/fillCase';
// The pane tests' setup (jsdom has no ResizeObserver; Fluent's MessageBar observes its size).
import './helpers';

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

const downloads: { name: string; bytes: Uint8Array }[] = [];
jest.mock('../../src/taskpane/backup', () => ({
  downloadBytes: (bytes: Uint8Array, name: string) => downloads.push({ name, bytes }),
}));

function panel(wb: HostWorkbook) {
  const commands = createCommands((batch) => run(wb, batch));
  const user = userEvent.setup({ delay: null });
  render(<SchemePanel commands={commands} lang="zh-CN" onChanged={() => undefined} />);
  return user;
}

const asFile = (bytes: Uint8Array, name: string) => new File([bytes as BlobPart], name);

test('export, apply with the changes listed first, roll up', async () => {
  // The committee's workbook: a bonus cap of 3.
  const committee = createWorkbook();
  await run(committee, (c) => install(c, { year: 2026 }));
  await run(committee, (c) => saveSettings(c, { bonusCap: 3 }));
  let user = panel(committee);
  await user.click(screen.getByRole('button', { name: '导出为统一方案' }));
  await screen.findByText(/已下载 方案2026\.xlsx（方案指纹 [0-9a-f]{16}）/);
  const scheme = downloads.pop()!;
  document.body.innerHTML = '';

  // A branch with its own peer weight applies it.
  const branch = await fillCase({ ...syntheticCase(5, 2), branch: '第五党支部' });
  await run(branch, (c) => saveSettings(c, { 'weights.peer': 3 }));
  user = panel(branch);
  await user.upload(screen.getByLabelText('选择统一方案文件'), asFile(scheme.bytes, scheme.name));
  await screen.findByText('应用“方案2026.xlsx”将改动以下 2 项（名册和录入保留）：');
  expect(screen.getByText('互评权重：3 → 1')).toBeInTheDocument();
  expect(screen.getByText('加分上限：（空） → 3')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: '应用方案' }));
  await screen.findByText('已按统一方案改动 2 项。');
  const s = await run(branch, (c) => getSettings(c));
  expect(s.scheme?.differs).toEqual([]);
  expect(s.items.find((i) => i.key === 'branch')?.value).toBe('第五党支部');
  document.body.innerHTML = '';

  // Two computed branches and a file that is no workbook, rolled up.
  await run(branch, (c) => compute(c));
  const other = await fillCase({ ...syntheticCase(4, 2), branch: '第六党支部' });
  await run(other, (c) => compute(c));
  user = panel(createWorkbook());
  await user.upload(screen.getByLabelText('选择各党支部的考评工作簿'), [
    asFile(await saveXlsx(branch), '五.xlsx'), asFile(await saveXlsx(other), '六.xlsx'), asFile(Uint8Array.from([120, 10]), '说明.xlsx'),
  ]);
  await screen.findByText(/已下载 汇总2026\.xlsx。2026 年度：计入 2 个党支部，党员 9 名/);
  expect(screen.getByText('说明.xlsx：不是考评工作簿')).toBeInTheDocument();
  const rolled = downloads.pop()!;
  const names = await run(await loadXlsx(rolled.bytes), async (c) => {
    const ws = c.workbook.worksheets;
    ws.load('items/name');
    await c.sync();
    return ws.items.map((w) => w.name);
  });
  expect(names).toEqual(['汇总表', '全体党员', '需关注名单', '问题']);
  await waitFor(() => expect(screen.queryByText('正在处理…')).not.toBeInTheDocument());
}, 60_000);
