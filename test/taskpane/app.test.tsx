/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import { installedCommands, paneCommands, MEMBERS } from './paneWorkbook';
import { expectAccessible, ready, renderApp } from './helpers';

describe('App and the 开始 view', () => {
  it('shows that the workbook is not installed and installs with year and branch', async () => {
    const fake = paneCommands();
    const { user, container } = renderApp(fake);
    await ready();
    expect(await screen.findByText('尚未安装考评表')).toBeInTheDocument();
    await expectAccessible(container);
    const year = screen.getByLabelText('年度');
    await user.clear(year);
    await user.type(year, '2025');
    await user.type(screen.getByLabelText('党支部名称'), '机关党支部');
    await user.click(screen.getByRole('button', { name: '安装考评表' }));
    expect(await screen.findByText('安装完成。')).toBeInTheDocument();
    expect(fake.callsOf('install')).toEqual([[{ year: 2025, branch: '机关党支部' }]]);
    expect(await screen.findByText('已安装考评表')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '检查并修复考评表' })).toBeInTheDocument();
    await expectAccessible(container);
  });

  it('shows year, branch, member count and forms per round, and the stale warning', async () => {
    const fake = await installedCommands();
    // Computed, then a form saved: the results are stale.
    await fake.compute();
    await fake.saveForm('self', '001', [{ memberId: '001', scores: { 理想信念: 9 } }]);
    fake.calls.length = 0;
    renderApp(fake);
    await ready();
    expect(await screen.findByText('机关党支部')).toBeInTheDocument();
    expect(screen.getByText(String(MEMBERS.length))).toBeInTheDocument();
    expect(screen.getByText('计算后录入又有改动，结果已过期，请重新计算。')).toBeInTheDocument();
  });

  it('turns a thrown error into one sentence without a stack trace', async () => {
    const fake = paneCommands();
    const error = new Error('Something broke\n    at foo (bar.js:1:2)');
    fake.failNext = { name: 'install', error };
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user } = renderApp(fake);
    await ready();
    await user.click(await screen.findByRole('button', { name: '安装考评表' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('操作没有完成：Something broke');
    expect(alert.textContent).not.toContain('bar.js');
  });

  it('names Office error codes in plain words', async () => {
    const fake = await installedCommands();
    fake.failNext = { name: 'check', error: Object.assign(new Error('x'), { code: 'InvalidOperationInCellEditMode' }) };
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { user } = renderApp(fake, 'check');
    await ready();
    await user.click(screen.getByRole('button', { name: '开始校验' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('请先按 Enter 或 Esc 结束正在编辑的单元格');
  });

  it('moves between sections with the tabs', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake);
    await ready();
    const tabs = within(screen.getByRole('tablist'));
    await user.click(tabs.getByRole('tab', { name: '校验' }));
    expect(screen.getByRole('button', { name: '开始校验' })).toBeInTheDocument();
    await user.click(tabs.getByRole('tab', { name: '结果' }));
    expect(screen.getByRole('button', { name: '计算结果' })).toBeInTheDocument();
    await waitFor(() => expect(tabs.getByRole('tab', { name: '结果' })).toHaveAttribute('aria-selected', 'true'));
  });
});
