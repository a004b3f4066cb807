/** kaoping on a workbook with a protected sheet: the command writes nothing and names the sheet (exit 2). */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, saveXlsx } from '../../src/host';
import { fillCase, loadCase } from '../support/fillCase';
import { cli } from '../support/cli';

describe('kaoping compute on a workbook whose results sheet is protected', () => {
  it('exits 2 with one line naming the sheet, and writes no output file', async () => {
    const wb = await fillCase(loadCase('small-branch').input);
    await run(wb, async (c) => {
      c.workbook.worksheets.getItem('考评结果').protection.protect();
      await c.sync();
    });
    const dir = mkdtempSync(join(tmpdir(), 'kaoping-protected-'));
    const input = join(dir, 'in.xlsx');
    const output = join(dir, 'out.xlsx');
    writeFileSync(input, await saveXlsx(wb));
    const r = await cli('compute', input, '-o', output);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('kaoping: 工作表“考评结果”受保护，考评没有写入任何内容。请先在“审阅 → 撤销工作表保护”中取消该表的保护，完成后可再保护。');
    expect(existsSync(output)).toBe(false);
  });
});
