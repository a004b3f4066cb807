/** @jest-environment jsdom */
/**
 * The task pane's part of derived sheets: the out-of-date sheets named in 公示 and 结果, 公示 refused while the
 * results are stale with a button that computes first and says so, and 下载此人明细 handing out the score sheet
 * file (and saying honestly what happened). On the real commands over an installed workbook (paneWorkbook).
 */
import { screen, waitFor, within } from '@testing-library/react';
import type { FileOut } from '../../src/taskpane/fileOut';
import { fillAll, installedCommands, type PaneCommands } from './paneWorkbook';
import { expectAccessible, ready, renderApp } from './helpers';

/**
 * Every form saved, the results computed and the posting sheets made; then one mass form changed (张三's
 * 理想信念 one point lower), so the results and 考评结果公示 are out of date — as a secretary gets there.
 */
async function postedThenChanged(): Promise<PaneCommands> {
  const fake = await installedCommands();
  await fillAll(fake, (i) => 0.9 + i * 0.02);
  const computed = await fake.compute();
  if (!computed.postingAllowed) throw new Error(computed.postingBlockedReasons.join('; '));
  const posted = await fake.makePostingSheet({ order: 'rank' });
  if (!posted.created) throw new Error(posted.blockedReasons.join('; '));
  const form = await fake.getEntryForm('mass', 'Q01');
  const zhang = form.members.find((m) => m.id === '001')!;
  const scores = { ...zhang.existing, 理想信念: (zhang.existing.理想信念 as number) - 1 };
  const saved = await fake.saveForm('mass', 'Q01', [{ memberId: '001', scores }]);
  if (saved.problems.length > 0) throw new Error(saved.problems.map((p) => p.message).join('; '));
  fake.calls.length = 0;
  return fake;
}

/** The out-of-date sheets as the real status reports them (not recorded). */
async function staleSheets(fake: PaneCommands) {
  const before = fake.calls.length;
  const status = await fake.getStatus();
  fake.calls.length = before;
  return { stale: status.staleSheets ?? [], resultsStale: status.resultsStale };
}

describe('公示: out of date', () => {
  it('names the out-of-date sheets; refused while results are stale, it computes first on request and says so', async () => {
    const fake = await postedThenChanged();
    const { stale, resultsStale } = await staleSheets(fake);
    expect(resultsStale).toBe(true);
    expect(stale.map((s) => s.sheet)).toContain('考评结果公示');
    const { user, container } = renderApp(fake, 'posting');
    await ready();
    const list = await screen.findByTestId('stale-sheets');
    for (const s of stale) expect(list).toHaveTextContent(`“${s.sheet}”：${s.why}`);
    await user.click(screen.getByRole('button', { name: '生成公示表' }));
    const refused = await screen.findByText(/公示表未生成/);
    expect(fake.callsOf('makePostingSheet')).toHaveLength(1);
    expect(fake.callsOf('compute')).toEqual([]);
    // What the real command says when refusing (it writes nothing then): the pane shows that reason.
    const before = fake.calls.length;
    const again = await fake.makePostingSheet({ order: 'rank' });
    fake.calls.length = before;
    expect(again).toMatchObject({ created: false, resultsStale: true });
    expect(refused).toHaveTextContent(again.blockedReasons[0]);
    await user.click(screen.getByRole('button', { name: '重新计算并生成公示表' }));
    expect(await screen.findByText('已先重新计算结果（计算后数据或设置有改动），公示表按新结果生成。')).toBeInTheDocument();
    expect(fake.callsOf('compute').length).toBeGreaterThan(0);
    // Computed and made again: nothing is out of date any more, and the pane no longer says so.
    expect(await staleSheets(fake)).toEqual({ stale: [], resultsStale: false });
    await waitFor(() => expect(screen.queryByTestId('stale-sheets')).not.toBeInTheDocument());
    await expectAccessible(container);
  });

  it('结果 names them too', async () => {
    const fake = await postedThenChanged();
    const { stale } = await staleSheets(fake);
    renderApp(fake, 'results');
    await ready();
    const list = await screen.findByTestId('stale-sheets');
    expect(list).toHaveTextContent('考评结果公示');
    for (const s of stale) expect(list).toHaveTextContent(`“${s.sheet}”：${s.why}`);
  });
});

describe('结果: 下载此人明细', () => {
  it('asks for that member’s file only and hands it out; an offered download is not called done', async () => {
    const fake = await installedCommands();
    await fillAll(fake, (i) => 0.9 + i * 0.02);
    const given: { bytes: Uint8Array; name: string }[] = [];
    let outcome: 'downloaded' | 'offered' = 'downloaded';
    const fileOut: FileOut = { give: async (bytes, name) => (given.push({ bytes, name }), outcome) };
    const { user, container } = renderApp(fake, 'results', { fileOut });
    await ready();
    await user.click(screen.getByRole('button', { name: '计算结果' }));
    const list = (await screen.findByText('个人考评明细')).closest('section')!;
    await user.click(within(list).getByTestId('score-file-002'));
    const done = await within(list).findByText(/^已下载“.*”（只含个人考评明细）。$/);
    expect(fake.callsOf('scoreSheetFile')).toEqual([[{ members: ['002'] }]]);
    // The file the real command made for 李四 (002) is the one handed out, under its name.
    const made = await fake.scoreSheetFile!({ members: ['002'] });
    expect(made.members).toEqual([{ id: '002', name: '李四' }]);
    expect(made.name).toContain('李四');
    expect(done).toHaveTextContent(`已下载“${made.name}”（只含个人考评明细）。`);
    expect(given.map((g) => g.name)).toEqual([made.name]);
    // An .xlsx (a zip: "PK").
    expect(Buffer.from(given[0].bytes.subarray(0, 2)).toString()).toBe('PK');
    expect(fake.callsOf('makeScoreSheets')).toEqual([]);
    outcome = 'offered';
    await user.click(within(list).getByTestId('score-file-002'));
    expect(await within(list).findByText(/已尝试下载.*若没有看到文件/)).toBeInTheDocument();
    await expectAccessible(container);
  });
});
