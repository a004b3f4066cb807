/** @jest-environment jsdom */
/**
 * The task pane's part of derived sheets: the out-of-date sheets named in 公示 and 结果, 公示 refused while the
 * results are stale with a button that computes first and says so, and 下载此人明细 handing out the score sheet
 * file (and saying honestly what happened).
 */
import { screen, within } from '@testing-library/react';
import type { PostingOptions, PostingReport, ScoreSheetFile, ScoreSheetRequest, WorkbookStatus } from '../../src/workbook/commandTypes';
import type { FileOut } from '../../src/taskpane/fileOut';
import { DIMENSIONS, installedFake, type FakeCommands } from './fakeCommands';
import { expectAccessible, ready, renderApp } from './helpers';

function fillAll(fake: FakeCommands): void {
  fake.roster.forEach((m, i) => {
    const scores = Object.fromEntries(DIMENSIONS.map((d) => [d.name, Math.round(d.points * 10 * (0.9 + i * 0.02))]));
    fake.entries.self.set(m.id, new Map([[m.id, scores]]));
    fake.entries.peer.set(`P${i}`, new Map([[m.id, scores]]));
    fake.entries.mass.set(`Q0${i + 1}`, new Map([[m.id, scores]]));
  });
}

const STALE = [{ sheet: '考评结果公示', kind: 'results_posting' as const, why: '生成后党员名册、测评表、加分项、支部审定或考评参数有改动' }];

function withStale(fake: FakeCommands): void {
  const status = fake.getStatus.bind(fake);
  fake.getStatus = async (): Promise<WorkbookStatus> => ({ ...(await status()), staleSheets: STALE });
}

describe('公示: out of date', () => {
  it('names the out-of-date sheets; refused while results are stale, it computes first on request and says so', async () => {
    const fake = installedFake();
    fillAll(fake);
    withStale(fake);
    let stale = true;
    const post = fake.makePostingSheet.bind(fake);
    fake.makePostingSheet = async (o: PostingOptions): Promise<PostingReport> => {
      if (stale) {
        return { created: false, sheet: '', rows: 0, blockedReasons: ['考评结果不是最新的，公示表未生成'], resultsStale: true };
      }
      return post(o);
    };
    const compute = fake.compute.bind(fake);
    fake.compute = async () => {
      stale = false;
      return compute();
    };
    const { user, container } = renderApp(fake, 'posting');
    await ready();
    const list = await screen.findByTestId('stale-sheets');
    expect(list).toHaveTextContent('“考评结果公示”：生成后党员名册、测评表、加分项、支部审定或考评参数有改动');
    await user.click(screen.getByRole('button', { name: '生成公示表' }));
    expect(await screen.findByText('考评结果不是最新的，公示表未生成')).toBeInTheDocument();
    expect(fake.callsOf('compute')).toEqual([]);
    await user.click(screen.getByRole('button', { name: '重新计算并生成公示表' }));
    expect(await screen.findByText('已先重新计算结果（计算后数据或设置有改动），公示表按新结果生成。')).toBeInTheDocument();
    expect(fake.callsOf('compute').length).toBeGreaterThan(0);
    await expectAccessible(container);
  });

  it('结果 names them too', async () => {
    const fake = installedFake();
    withStale(fake);
    renderApp(fake, 'results');
    await ready();
    expect(await screen.findByTestId('stale-sheets')).toHaveTextContent('考评结果公示');
  });
});

describe('结果: 下载此人明细', () => {
  it('asks for that member’s file only and hands it out; an offered download is not called done', async () => {
    const fake = installedFake();
    fillAll(fake);
    const asked: ScoreSheetRequest[] = [];
    Object.assign(fake, {
      scoreSheetFile: async (r: ScoreSheetRequest): Promise<ScoreSheetFile> => {
        asked.push(r);
        return { name: '2026年个人考评明细-李四（002）.xlsx', bytes: new Uint8Array([80, 75, 3, 4]), members: [{ id: '002', name: '李四' }], unknown: [] };
      },
    });
    const given: string[] = [];
    let outcome: 'downloaded' | 'offered' = 'downloaded';
    const fileOut: FileOut = { give: async (_bytes, name) => (given.push(name), outcome) };
    const { user, container } = renderApp(fake, 'results', { fileOut });
    await ready();
    await user.click(screen.getByRole('button', { name: '计算结果' }));
    const list = (await screen.findByText('个人考评明细')).closest('section')!;
    await user.click(within(list).getByTestId('score-file-002'));
    expect(await within(list).findByText('已下载“2026年个人考评明细-李四（002）.xlsx”（只含个人考评明细）。')).toBeInTheDocument();
    expect(asked).toEqual([{ members: ['002'] }]);
    expect(given).toEqual(['2026年个人考评明细-李四（002）.xlsx']);
    expect(fake.callsOf('makeScoreSheets')).toEqual([]);
    outcome = 'offered';
    await user.click(within(list).getByTestId('score-file-002'));
    expect(await within(list).findByText(/已尝试下载.*若没有看到文件/)).toBeInTheDocument();
    await expectAccessible(container);
  });
});
