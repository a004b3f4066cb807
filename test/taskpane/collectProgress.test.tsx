/** @jest-environment jsdom */
/**
 * 回收测评表 in 录入: the summary counts files as 测评表 and rows as 评分, and 录入进度 is read again after the merge
 * (it listed only Q01 after Q02–Q04 were collected, until the round was changed). The real commands over the
 * headless host (paneWorkbook); ballot files made by the commands and filled with ExcelJS, as an evaluator would.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { loadXlsx, run, saveXlsx } from '../../src/host';
import { readBallotWorkbook } from '../../src/workbook/ballots/ballotFiles';
import { ready, renderApp } from './helpers';
import { installedCommands, MEMBERS, type PaneCommands } from './paneWorkbook';

/** A picked file; jsdom's File has no arrayBuffer(), the browser's does. */
function asFile(bytes: Uint8Array, name: string): File {
  const f = new File([bytes as BlobPart], name);
  if (typeof f.arrayBuffer !== 'function') Object.assign(f, { arrayBuffer: async () => Uint8Array.from(bytes).buffer });
  return f;
}

/** Every score cell of the ballot (columns after 姓名, 合计 left to its formula) set to 8, through the host. */
async function filled(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = await loadXlsx(bytes);
  await run(wb, async (c) => {
    const read = await readBallotWorkbook(c);
    if (read.kind !== 'ballot' || read.sheet === null) throw new Error(`not a ballot: ${read.kind}`);
    const h = read.identity.headerRow;
    const header = (read.values[h - 1] as unknown[]).map((v) => String(v).split('\n')[0]);
    const sheet = c.workbook.worksheets.getItem(read.sheet);
    for (let r = h; r < read.values.length && read.values[r]?.[1]; r++) {
      header.forEach((name, col) => {
        if (col >= 3 && name !== '合计' && name !== '') sheet.getCell(r, col).values = [[8]];
      });
    }
    await c.sync();
  });
  return saveXlsx(wb);
}

/** Four mass ballots Q01–Q04 handed out; Q01's file collected before the pane opens; the others returned. */
async function setup(): Promise<{ commands: PaneCommands; returned: File[] }> {
  const commands = await installedCommands();
  const made = await commands.makeBallotFiles!('mass', { codes: 4 });
  await commands.recordBallotsOut!(made.issued);
  const files = await Promise.all(made.ballots.map(async (f) => ({ name: f.name, bytes: await filled(f.bytes) })));
  const first = await commands.collectBallotFiles!([files[0]]);
  expect(first.files[0].verdict).toBe('accepted');
  return { commands, returned: files.slice(1).map((f) => asFile(f.bytes, f.name)) };
}

describe('回收测评表 in 录入', () => {
  it('counts 测评表 and 评分 by their own words and refreshes 录入进度 after the merge', async () => {
    const { commands, returned } = await setup();
    const { user } = renderApp(commands, 'entry');
    await ready();
    await user.selectOptions(screen.getByRole('combobox', { name: '测评环节' }), 'mass');
    const progress = () => screen.getByRole('region', { name: /录入进度/ });
    await waitFor(() => expect(progress()).toHaveTextContent('评价人 1 位'));
    expect(progress()).toHaveTextContent('Q01');

    await user.click(screen.getByRole('button', { name: '回收测评表' }));
    await user.upload(screen.getByLabelText('选择交回的文件'), returned);
    await user.click(screen.getByRole('button', { name: '核对并合并' }));
    await screen.findByText(`共 3 个文件：接收 3 份测评表，合并 ${3 * MEMBERS.length} 条评分；未接收 0 个文件。`);
    expect(screen.queryByText(/合并测评表/)).toBeNull();
    // The progress panel shows the workbook as it is now, without changing the round.
    await waitFor(() => expect(progress()).toHaveTextContent('评价人 4 位'));
    for (const code of ['Q01', 'Q02', 'Q03', 'Q04']) expect(within(progress()).getByText(new RegExp(`^${code}：`))).toBeInTheDocument();
  });
});
