/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/** The web page's 打开 with a file that is not an .xlsx: a new .xlsx of its values, said in one line; or one line why not. */
import { render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import userEvent from '@testing-library/user-event';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { WorkbookView } from '../../src/preview/WorkbookView';
import '../taskpane/helpers';

// jsdom has no TextDecoder/TextEncoder of its own; browsers and Node do (with gb18030).
Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

function fileOf(bytes: Uint8Array, name: string): File {
  const f = new File([Uint8Array.from(bytes)], name);
  // jsdom's File lacks arrayBuffer() in some versions.
  if (typeof f.arrayBuffer !== 'function') Object.assign(f, { arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  return f;
}

function setup(): { opened: { wb: HostWorkbook; name: string }[] } {
  const opened: { wb: HostWorkbook; name: string }[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <WorkbookView wb={createWorkbook()} version={0} fileName="考评.xlsx" selection={null} follow={null} onOpen={(wb, name) => opened.push({ wb, name })} onEdited={() => undefined} />
    </FluentProvider>,
  );
  return { opened };
}

describe('打开 a file of another format', () => {
  it('a .csv opens as a new .xlsx workbook holding its values, and says so in one line', async () => {
    const { opened } = setup();
    const user = userEvent.setup({ delay: null });
    const csv = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('姓名,党小组\r\n张三,第一党小组\r\n')]);
    await user.upload(document.getElementById('kp-open-xlsx') as HTMLInputElement, fileOf(csv, '名册.csv'));
    await waitFor(() => expect(opened).toHaveLength(1));
    expect(opened[0].name).toBe('名册.xlsx');
    const values = await run(opened[0].wb, async (c) => {
      const r = c.workbook.worksheets.getItem('名册').getUsedRange().load('values');
      await c.sync();
      return r.values;
    });
    expect(values).toEqual([['姓名', '党小组'], ['张三', '第一党小组']]);
    const note = await screen.findByTestId('converted-note');
    expect(note.textContent).toMatch(/“名册\.csv”是文本文件.*新的 \.xlsx 工作簿（原文件不会被改动）/);
  });

  it('a file that is no workbook gets one line naming what it is', async () => {
    const { opened } = setup();
    const user = userEvent.setup({ delay: null });
    await user.upload(document.getElementById('kp-open-xlsx') as HTMLInputElement, fileOf(new TextEncoder().encode('%PDF-1.4\n'), '2025.xls'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/无法打开“2025\.xls”：这是一个PDF 文件/);
    expect(opened).toHaveLength(0);
  });
});
