/** @jest-environment jsdom */
/** 发放情况: per round, ballots handed out, back, and handed out again (a lost file), and which are not back. */
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { BallotFilesView } from '../../src/taskpane/views/BallotFilesView';
import type { BallotsOut, KaopingCommands } from '../../src/workbook/commandTypes';
import { expectAccessible } from './helpers';

const out = (round: BallotsOut['round'], evaluator: string, back: boolean, reissued = 0, label = ''): BallotsOut => ({ round, evaluator, group: '', label, back, reissued });

function renderView(list: BallotsOut[], lang: 'zh-CN' | 'en-US' = 'zh-CN') {
  const commands = {
    makeBallotFiles: async () => ({ problems: [], zipName: null, zip: null, files: [] }),
    collectBallotFiles: async () => ({ files: [], written: 0 }),
    getBallotsOut: async () => list,
  } as unknown as KaopingCommands;
  return render(
    <FluentProvider theme={webLightTheme}>
      <BallotFilesView commands={commands} lang={lang} status={null} onChanged={() => undefined} />
    </FluentProvider>,
  );
}

describe('发放情况', () => {
  it('shows per round how many are out, back and handed out again, and which are not back', async () => {
    const { container } = renderView([
      out('mass', 'Q01', true),
      out('mass', 'Q02', false, 2),
      out('mass', 'Q03', true, 1),
      out('peer', '001', false, 0, '杜磊秀（第一党小组）'),
    ]);
    expect(await screen.findByText('群众参评：发出 3 份，已交回 2 份，重新分发 3 份（丢失的原文件已作废）；未交回：Q02')).toBeInTheDocument();
    expect(screen.getByText('党员互评：发出 1 份，已交回 0 份；未交回：杜磊秀（第一党小组）')).toBeInTheDocument();
    await expectAccessible(container);
  });

  it('says nothing of re-issues when there were none; en-US too', async () => {
    const { unmount } = renderView([out('self', '001', true, 0, '杜磊秀（001）')]);
    expect(await screen.findByText('党员自评：发出 1 份，已交回 1 份')).toBeInTheDocument();
    unmount();
    renderView([out('mass', 'Q01', true), out('mass', 'Q02', true, 1)], 'en-US');
    expect(await screen.findByText('Mass: 2 out, 2 back, 1 handed out again (the lost files no longer count)')).toBeInTheDocument();
  });
});
