/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node export conditions: the host imports ExcelJS, whose browser builds are ES modules Jest cannot load.
/** The preview's sheet grid over a real headless-host workbook: what a cell shows, merges, styles, editing. */
import { act, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createWorkbook, run, type HostWorkbook } from '../../src/host';
import { WorkbookView } from '../../src/preview/WorkbookView';
import { SheetGrid } from '../../src/preview/SheetGrid';
import userEvent from '@testing-library/user-event';
import './helpers';


async function sample(): Promise<HostWorkbook> {
  const wb = createWorkbook();
  await run(wb, async (context) => {
    const ws = context.workbook.worksheets.getItem('Sheet1');
    ws.getRange('A1:C1').values = [['标题', '', '']];
    ws.getRange('A1:C1').merge(false);
    ws.getRange('A1').format.font.bold = true;
    ws.getRange('A2:C3').values = [
      ['编号', '姓名', '得分'],
      ['001', '张三', 92.5],
    ];
    ws.getRange('C3').format.fill.color = '#FFC7CE';
    ws.freezePanes.freezeRows(2);
    await context.sync();
  });
  return wb;
}

describe('preview sheet grid', () => {
  it('shows values as text, merges, bold, fills and the frozen header', async () => {
    const wb = await sample();
    const snapshot = wb.snapshot('Sheet1');
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <SheetGrid snapshot={snapshot} selected="B3" onSelect={() => undefined} onEdit={() => undefined} />
      </FluentProvider>,
    );
    const cell = (a: string) => container.querySelector<HTMLTableCellElement>(`td[data-cell="${a}"]`);
    expect(cell('A1')).toHaveTextContent('标题');
    expect(cell('A1')?.colSpan).toBe(3);
    expect(cell('B1')).toBeNull(); // hidden under the merge
    expect(cell('A1')?.style.fontWeight).toBe('700');
    expect(cell('C3')).toHaveTextContent('92.5');
    expect(cell('C3')?.style.textAlign).toBe('right');
    expect(cell('C3')?.style.backgroundColor).toBe('rgb(255, 199, 206)');
    expect(cell('A2')?.style.top).not.toBe(''); // frozen rows stick under the column letters
    expect(cell('A3')?.style.top).toBe('');
    expect(cell('B3')).toHaveAttribute('data-selected', 'true');
    expect(screen.getByRole('columnheader', { name: 'C' })).toBeInTheDocument();
  });

  it('writes what is typed into a cell through the host, keeping text cells as text', async () => {
    const wb = await sample();
    await run(wb, async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A4').numberFormat = [['@']];
      await context.sync();
    });
    let version = 0;
    const user = userEvent.setup({ delay: null });
    const view = (v: number) => (
      <FluentProvider theme={webLightTheme}>
        <WorkbookView wb={wb} version={v} fileName="t.xlsx" selection={null} follow={null} onOpen={() => undefined} onEdited={() => rerender(view(++version))} />
      </FluentProvider>
    );
    const { container, rerender } = render(view(version));
    await waitFor(() => expect(container.querySelector('td[data-cell="C3"]')).not.toBeNull());
    await user.dblClick(container.querySelector('td[data-cell="C3"]')!);
    const editor = screen.getByLabelText('C3');
    await user.clear(editor);
    await user.type(editor, '88{Enter}');
    await waitFor(() => expect(container.querySelector('td[data-cell="C3"]')).toHaveTextContent('88'));
    await act(async () => undefined);
    const read = () =>
      run(wb, async (context) => {
        const r = context.workbook.worksheets.getItem('Sheet1').getRange('A4:C4');
        r.load('values');
        await context.sync();
        return r.values;
      });
    // Number typed into a General cell is a number.
    const c3 = await run(wb, async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('C3');
      r.load('values');
      await context.sync();
      return r.values[0][0];
    });
    expect(c3).toBe(88);
    // A4 is formatted as text: "002" stays "002".
    // Escape leaves a cell unchanged.
    await user.dblClick(container.querySelector('td[data-cell="B3"]')!);
    await user.type(screen.getByLabelText('B3'), 'xyz{Escape}');
    expect(container.querySelector('td[data-cell="B3"]')).toHaveTextContent('张三');
    await waitFor(() => expect(container.querySelector('td[data-cell="A4"]')).not.toBeNull());
    await user.dblClick(container.querySelector('td[data-cell="A4"]')!);
    await user.type(screen.getByLabelText('A4'), '002{Enter}');
    await waitFor(async () => expect((await read())[0][0]).toBe('002'));
  });
});
