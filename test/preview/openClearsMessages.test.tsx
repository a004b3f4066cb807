/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node export conditions: the host imports ExcelJS, whose browser builds are ES modules Jest cannot load.
/**
 * On the web page, a message belongs to the action that made it and goes with the file: after 安装完成 on one
 * workbook, opening another file shows the pane afresh (no 安装完成 left from the first).
 */
import { screen, render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createWorkbook, saveXlsx } from '../../src/host';
import { PreviewApp } from '../../src/preview/PreviewApp';
import '../taskpane/helpers';

function fileOf(bytes: Uint8Array, name: string): File {
  const f = new File([Uint8Array.from(bytes)], name);
  if (typeof f.arrayBuffer !== 'function') Object.assign(f, { arrayBuffer: async () => Uint8Array.from(bytes).buffer });
  return f;
}

describe('the web page: opening another file', () => {
  it('clears the messages of the file opened before', async () => {
    const user = userEvent.setup({ delay: null });
    render(<PreviewApp initial={createWorkbook()} />);
    await screen.findByTestId('welcome');
    const pane = screen.getByTestId('taskpane');
    await user.click(await screen.findByRole('button', { name: '安装考评表' }));
    await waitFor(() => expect(pane.textContent).toContain('安装完成。'), { timeout: 30000 });
    // Another file (an empty workbook) opened with 打开.
    const other = await saveXlsx(createWorkbook());
    await user.upload(document.getElementById('kp-open-xlsx') as HTMLInputElement, fileOf(other, '另一个.xlsx'));
    // The installed workbook was not downloaded: the page asks first.
    await user.click(await screen.findByRole('button', { name: '不保存，替换' }));
    await waitFor(() => expect(screen.getAllByText(/另一个\.xlsx/).length).toBeGreaterThan(0));
    await waitFor(() => expect(pane.textContent).not.toContain('安装完成。'));
    expect(await screen.findByRole('button', { name: '安装考评表' })).toBeInTheDocument();
  });
});
