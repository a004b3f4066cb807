/** What 分发测评表 refuses is said in the pane's words (份数, 重新分发), never as a command-line option. */
import { installedCommands } from '../../taskpane/paneWorkbook';

describe('ballot refusals', () => {
  it('say 份数 and 重新分发, not --codes or --reissue', async () => {
    const commands = await installedCommands();
    const said = [
      ...(await commands.makeBallotFiles!('mass', {})).problems,
      ...(await commands.makeBallotFiles!('self', { codes: 2 })).problems,
      ...(await commands.makeBallotFiles!('mass', { codes: 2, reissue: ['Q01'] })).problems,
    ];
    expect(said.length).toBe(3);
    expect(said.filter((s) => s.includes('--'))).toEqual([]);
    expect(said[0]).toContain('份数');
  });
});
