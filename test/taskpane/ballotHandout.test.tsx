/** @jest-environment jsdom */
/**
 * 分发测评表 never reports a download as done: the ballots are recorded as handed out (kp_State) only when the
 * secretary confirms having the files; in Excel for Mac (a stand-in Office object: platform 'Mac'), where a
 * download does nothing, each ballot opens as a new Excel window (Excel.createWorkbook) and the pane says so;
 * where nothing can leave the pane, it points to the web page and records nothing.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { run, type HostWorkbook } from '../../src/host';
import type { FileOutlet } from '../../src/taskpane/files';
import { officeFiles } from '../../src/taskpane/officeFiles';
import { getBallotsOut } from '../../src/workbook/ballots/ballotFiles';
import { fillCase, loadCase } from '../support/fillCase';
import { ready, renderApp } from './helpers';
import { paneCommands } from './paneWorkbook';

async function setup(files: FileOutlet): Promise<{ wb: HostWorkbook; user: ReturnType<typeof renderApp>['user'] }> {
  const wb = await fillCase(loadCase('small-branch').input);
  // The real commands over the small-branch case's workbook.
  const { user } = renderApp(paneCommands(wb), 'entry', { files });
  await ready();
  await user.click(await screen.findByRole('button', { name: '分发测评表' }));
  return { wb, user };
}

const out = (wb: HostWorkbook) => run(wb, (c) => getBallotsOut(c));

function recordingOutlet(mode: FileOutlet['mode']): FileOutlet & { offered: string[] } {
  const offered: string[] = [];
  return { mode, offered, offer: async (_bytes, name) => void offered.push(name) };
}

describe('分发测评表', () => {
  it('downloads the .zip but records the ballots as out only after 已拿到文件', async () => {
    const files = recordingOutlet('download');
    const { wb, user } = await setup(files);
    await user.click(screen.getByRole('button', { name: '生成测评表（.zip）' }));
    await screen.findByText(/已开始下载 2026-互评-测评表\.zip/);
    expect(files.offered).toEqual(['2026-互评-测评表.zip']);
    // Made and offered, not yet out.
    expect(await out(wb)).toEqual([]);
    expect(screen.getByText('本年度还没有在考评中分发测评表文件。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '已拿到文件，记为已分发' }));
    await screen.findByText(/已记为已分发：\d+ 份。/);
    const recorded = await out(wb);
    expect(recorded.length).toBeGreaterThan(0);
    expect(screen.getByText(`已记为已分发：${recorded.length} 份。`)).toBeInTheDocument();
    expect(recorded.every((b) => b.round === 'peer')).toBe(true);
    await screen.findByText(`党员互评：发出 ${recorded.length} 份，已交回 ${recorded.filter((b) => b.back).length} 份`, { exact: false });
  });

  it('on Excel for Mac opens each ballot as a new Excel window, says so in one sentence, and records after confirming', async () => {
    const opened: string[] = [];
    const mac = { context: { diagnostics: { platform: 'Mac' }, requirements: { isSetSupported: () => true } } };
    const files = officeFiles(mac, async (base64) => void opened.push(base64));
    const { wb, user } = await setup(files);
    await user.click(screen.getByRole('button', { name: '生成测评表（.zip）' }));
    await screen.findByText(/Excel for Mac 的任务窗格不能下载文件：逐个点下面的按钮，每份测评表在新的 Excel 窗口中打开，请在那里保存。/);
    // No download was attempted: nothing opened until asked.
    expect(opened).toEqual([]);
    const list = screen.getByRole('list', { name: '测评表文件' });
    const buttons = within(list).getAllByRole('button');
    expect(buttons.length).toBeGreaterThan(1);
    expect(buttons[0]).toHaveTextContent(/^在 Excel 中打开 2026-互评-.*\.xlsx$/);
    await user.click(buttons[0]);
    await waitFor(() => expect(opened).toHaveLength(1));
    // The base64 of an .xlsx (a zip: "PK").
    expect(Buffer.from(opened[0], 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(await out(wb)).toEqual([]);
    await user.click(screen.getByRole('button', { name: '已拿到文件，记为已分发' }));
    await screen.findByText(/已记为已分发：\d+ 份。/);
    expect((await out(wb)).length).toBe(buttons.length);
  });

  it('where nothing can leave the pane (iPad without ExcelApi 1.8) it points to the web page and records nothing', async () => {
    const ipad = { context: { diagnostics: { platform: 'iOS' }, requirements: { isSetSupported: () => false } } };
    const { wb, user } = await setup(officeFiles(ipad, async () => undefined));
    await user.click(screen.getByRole('button', { name: '生成测评表（.zip）' }));
    await screen.findByText('这个版本的 Excel 不能从任务窗格下载或打开文件，测评表没有记为已分发。请在网页版考评中分发测评表。');
    expect(screen.queryByRole('button', { name: '已拿到文件，记为已分发' })).not.toBeInTheDocument();
    expect(await out(wb)).toEqual([]);
  });
});
