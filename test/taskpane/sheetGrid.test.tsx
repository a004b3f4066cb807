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
import { SheetGrid, parseClipboard } from '../../src/preview/SheetGrid';
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
    // Column widths as in the file, held by the table's width (else the content decides them).
    const cols = Array.from(container.querySelectorAll('col')).map((c) => parseFloat(c.style.width));
    expect(cols[1]).toBe(Math.round((snapshot.columnWidths[0] * 4) / 3));
    expect(container.querySelector('table')?.style.width).toBe(`${cols.reduce((a, b) => a + b, 0)}px`);
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

  /** The web page's workbook view over the sample: returns the container, a reader of cells and the user. */
  async function typedView(setup?: (wb: HostWorkbook) => Promise<void>) {
    const wb = await sample();
    if (setup) await setup(wb);
    let version = 0;
    const user = userEvent.setup({ delay: null });
    const view = (v: number) => (
      <FluentProvider theme={webLightTheme}>
        <WorkbookView wb={wb} version={v} fileName="t.xlsx" selection={null} follow={null} onOpen={() => undefined} onEdited={() => rerender(view(++version))} />
      </FluentProvider>
    );
    const { container, rerender } = render(view(version));
    await waitFor(() => expect(container.querySelector('td[data-cell="C3"]')).not.toBeNull());
    const td = (a: string) => container.querySelector<HTMLTableCellElement>(`td[data-cell="${a}"]`)!;
    const read = (address: string) =>
      run(wb, async (context) => {
        const r = context.workbook.worksheets.getItem('Sheet1').getRange(address);
        r.load('values,formulas');
        await context.sync();
        return { values: r.values, formulas: r.formulas };
      });
    return { wb, container, td, read, user };
  }

  it('select and type replaces the cell; Enter moves down, Tab moves right, both commit', async () => {
    const { td, read, user } = await typedView();
    await user.click(td('B3'));
    await user.keyboard('李四{Enter}');
    expect((await read('B3')).values).toEqual([['李四']]);
    await waitFor(() => expect(td('B4')).toHaveAttribute('data-selected', 'true'));
    await user.keyboard('王五{Tab}66{Tab}');
    expect((await read('B4:C4')).values).toEqual([['王五', 66]]);
    await waitFor(() => expect(td('D4')).toHaveAttribute('data-selected', 'true'));
    // Shift+Enter goes back up; arrows move without typing.
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    await waitFor(() => expect(td('D3')).toHaveAttribute('data-selected', 'true'));
    await user.keyboard('{ArrowLeft}');
    await waitFor(() => expect(td('C3')).toHaveAttribute('data-selected', 'true'));
    expect(td('C3')).toHaveTextContent('92.5');
  });

  it('Esc cancels what was typed; F2 edits the content in place; Delete clears', async () => {
    const { td, read, user } = await typedView();
    await user.click(td('B3'));
    await user.keyboard('赵六{Escape}');
    expect((await read('B3')).values).toEqual([['张三']]);
    expect(td('B3')).toHaveTextContent('张三');
    // A second Esc leaves the cell for the grid itself (Tab then moves on out of the grid); F2 needs the cell again.
    await user.keyboard('{Escape}');
    expect(document.activeElement).toHaveAttribute('tabindex', '0');
    await user.click(td('B3'));
    await user.keyboard('{F2}丰{Enter}');
    expect((await read('B3')).values).toEqual([['张三丰']]);
    await user.click(td('C3'));
    await user.keyboard('{Delete}');
    expect((await read('C3')).values).toEqual([['']]);
  });

  it('a user string is stored as text, never a formula', async () => {
    const { td, read, user } = await typedView();
    await user.click(td('B3'));
    await user.keyboard('=1+1{Tab}+86 123{Tab}-7{Enter}');
    const r = await read('B3:D3');
    expect(r.values).toEqual([['=1+1', '+86 123', -7]]);
    expect(r.formulas).toEqual([['=1+1', '+86 123', -7]]);
    expect(td('B3')).toHaveTextContent('=1+1');
  });

  it('pastes a block copied from Excel or WPS from the selected cell on', async () => {
    const { td, read, user } = await typedView();
    await user.click(td('A4'));
    await user.paste('002\t李四\t88\r\n003\t"王\n五"\t=SUM(1)\r\n');
    const r = await read('A4:C5');
    expect(r.values).toEqual([
      [2, '李四', 88],
      [3, '王\n五', '=SUM(1)'],
    ]);
    expect(r.formulas[1][2]).toBe('=SUM(1)');
    await waitFor(() => expect(td('B4')).toHaveTextContent('李四'));
  });

  it('a code typed or pasted below a table keeps its leading zeros where the column is text', async () => {
    const { td, read, user } = await typedView(async (wb) =>
      run(wb, async (context) => {
        const ws = context.workbook.worksheets.getItem('Sheet1');
        ws.getRange('A6:B7').numberFormat = [['@', '@'], ['@', '@']];
        ws.getRange('A6:B7').values = [['编号', '姓名'], ['001', '甲']];
        ws.tables.add('A6:B7', true);
        await context.sync();
      }),
    );
    await user.click(td('A8'));
    await user.paste('010\t乙\r\n011\t丙\r\n');
    expect((await read('A8:B9')).values).toEqual([
      ['010', '乙'],
      ['011', '丙'],
    ]);
    // The first table column is text; a column that is not stays a number.
    await user.click(td('C3'));
    await user.keyboard('007{Enter}');
    expect((await read('C3')).values).toEqual([[7]]);
  });

  it('an entry the validation refuses is not written and says why', async () => {
    const { td, read, user, container } = await typedView(async (wb) =>
      run(wb, async (context) => {
        const r = context.workbook.worksheets.getItem('Sheet1').getRange('C3:C9');
        r.dataValidation.rule = { decimal: { formula1: 0, formula2: 100, operator: 'Between' } };
        r.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: '分数', message: '请输入 0～100 的分数' };
        await context.sync();
      }),
    );
    await user.click(td('C3'));
    await user.keyboard('120{Enter}');
    expect((await read('C3')).values).toEqual([[92.5]]);
    await waitFor(() => expect(container.querySelector('[role="alert"]')).toHaveTextContent('C3：请输入 0～100 的分数'));
  });

  it('reads text copied from a spreadsheet: tabs, line breaks and quoted cells', () => {
    expect(parseClipboard('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseClipboard('"x\ty"\t"say ""hi"""\n\tz')).toEqual([
      ['x\ty', 'say "hi"'],
      ['', 'z'],
    ]);
    expect(parseClipboard('"open\tq')).toEqual([['"open', 'q']]);
  });
});
