/** The scheme file's note sheet (统一方案) says how a branch uses it in the pane's words, no command line. */
import { loadXlsx, run } from '../../../src/host';
import { SCHEME_SHEET } from '../../../src/workbook/scheme/template';
import { installedCommands } from '../../taskpane/paneWorkbook';

it('统一方案 names the pane button, not kaoping init --template', async () => {
  const commands = await installedCommands();
  const { bytes } = await commands.exportScheme!();
  const values = await run(await loadXlsx(bytes), async (c) => {
    const r = c.workbook.worksheets.getItem(SCHEME_SHEET).getUsedRange().load('values');
    await c.sync();
    return r.values.flat().map(String).join('\n');
  });
  expect(values).toContain('按上级方案应用');
  expect(values).not.toMatch(/--|kaoping|kp_/);
});
