/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/** 开始 → 从文件导入名册: a file of any format (here a GBK .csv and a renamed PDF) read in the pane, same preview as from a sheet. */
import { screen, waitFor } from '@testing-library/react';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import type { GridSource } from '../../src/domain/rosterGrid';
import { installedCommands, type PaneCommands } from './paneWorkbook';
import { ready, renderApp } from './helpers';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

/** The grids the pane read from files and handed to the commands' preview. */
const grids = (commands: PaneCommands) => commands.callsOf('previewRosterImportGrid').map(([grid]) => grid as GridSource);

/** The names on the roster sheet (党员名册), in order. */
function rosterNames(commands: PaneCommands): string[] {
  const [header, ...rows] = commands.workbook.snapshot('党员名册').cells;
  const col = header.findIndex((c) => c.value === '姓名');
  return rows.map((r) => String(r[col].value ?? '')).filter((n) => n !== '');
}

function gbk(text: string): Uint8Array {
  const dec = new NodeTextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) { const ch = dec.decode(new Uint8Array([a, b])); if (!table.has(ch)) table.set(ch, [a, b]); }
  return new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

function fileOf(bytes: Uint8Array, name: string): File {
  const f = new File([Uint8Array.from(bytes)], name);
  if (typeof f.arrayBuffer !== 'function') Object.assign(f, { arrayBuffer: async () => Uint8Array.from(bytes).buffer });
  return f;
}

describe('开始 → 从文件导入名册', () => {
  it('a GBK .csv: the same preview as from a sheet, a line saying what the file was, then the import', async () => {
    // An installed workbook with an empty roster, on the real commands.
    const f = await installedCommands([]);
    const { user } = renderApp(f);
    await ready();
    await user.click(await screen.findByRole('button', { name: '从文件导入名册…' }));
    await user.upload(screen.getByTestId('roster-file'), fileOf(gbk('序号,姓名,党小组,类别\n1,汪红勇,第一党小组,机关党员\n2,宋东洋,第一党小组,离退休党员\n'), '2025名册.csv'));
    expect(await screen.findByText('将导入 2 名党员')).toBeInTheDocument();
    expect(screen.getByText(/“2025名册\.csv”是文本文件（GB18030 编码，逗号分隔）/)).toBeInTheDocument();
    expect(grids(f)[0].values[1]).toEqual(['1', '汪红勇', '第一党小组', '机关党员']);
    await user.click(screen.getByRole('button', { name: '导入名册' }));
    expect(await screen.findByText('导入完成：新增 2，更新 0，未变 0。')).toBeInTheDocument();
    expect(rosterNames(f)).toEqual(['汪红勇', '宋东洋']);
  });

  it('a file that is no workbook: one line naming what it is, nothing imported', async () => {
    // An installed workbook with an empty roster, on the real commands.
    const f = await installedCommands([]);
    const { user } = renderApp(f);
    await ready();
    await user.upload(screen.getByTestId('roster-file'), fileOf(new NodeTextEncoder().encode('%PDF-1.4\n'), '名册.xls'));
    await waitFor(() => expect(screen.getByText(/PDF 文件，不是工作簿/)).toBeInTheDocument());
    expect(grids(f)).toEqual([]);
    expect(f.callsOf('importRosterGrid')).toEqual([]);
    expect(rosterNames(f)).toEqual([]);
  });
});
