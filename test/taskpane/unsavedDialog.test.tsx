/** @jest-environment jsdom */
/**
 * The question before typed scores are thrown away: the safe answer (继续填写) has the focus, so a habitual
 * Enter keeps the scores, and afterwards the cursor is back in the box of the form where it was. On the real
 * commands over an installed workbook (paneWorkbook).
 */
import { screen, waitFor, within } from '@testing-library/react';
import { filledRows, installedCommands } from './paneWorkbook';
import { ready, renderApp } from './helpers';

const scoreBoxes = (form: HTMLElement) => Array.from(form.querySelectorAll<HTMLInputElement>('input[data-score]'));
const dialog = () => screen.getByRole('dialog', { hidden: true });

describe('unsaved scores dialog', () => {
  it('focuses 继续填写; Enter keeps the scores and the cursor returns to the box it was in', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'peer');
    const picker = await screen.findByLabelText('党员');
    await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(picker, '002');
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    const form = await screen.findByRole('form', { name: '评价人：李四（002） · 党员互评' });
    await user.keyboard('9{Enter}8{Enter}7');
    const boxes = scoreBoxes(form);
    expect(boxes[2]).toHaveFocus();
    await user.selectOptions(picker, '003');
    await waitFor(() => expect(within(dialog()).getByText('有 3 个分数未保存')).toBeInTheDocument());
    await waitFor(() => expect(within(dialog()).getByRole('button', { name: '继续填写', hidden: true })).toHaveFocus());
    // The habitual Enter.
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).not.toBeInTheDocument());
    expect(picker).toHaveValue('002');
    expect(boxes.slice(0, 3).map((b) => b.value)).toEqual(['9', '8', '7']);
    await waitFor(() => expect(boxes[2]).toHaveFocus());
    // Typing goes on where it stopped.
    await user.keyboard('{Enter}6');
    expect(boxes[3]).toHaveValue('6');
    expect(fake.callsOf('saveForm')).toHaveLength(0);
    expect(filledRows(fake.workbook, '党员互评')).toBe(0);
  });

  it('Escape is the safe answer too, and 放弃 still discards when chosen', async () => {
    const fake = await installedCommands();
    const { user } = renderApp(fake, 'entry');
    await ready();
    await user.selectOptions(screen.getByLabelText('测评环节'), 'peer');
    const picker = await screen.findByLabelText('党员');
    await waitFor(() => expect(within(picker).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(picker, '002');
    await user.click(screen.getByRole('button', { name: '打开测评表' }));
    const form = await screen.findByRole('form');
    await user.keyboard('9{Enter}8');
    const boxes = scoreBoxes(form);
    await user.selectOptions(picker, '003');
    await waitFor(() => expect(within(dialog()).getByRole('button', { name: '继续填写', hidden: true })).toHaveFocus());
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).not.toBeInTheDocument());
    await waitFor(() => expect(boxes[1]).toHaveFocus());
    await user.selectOptions(picker, '003');
    await user.click(await waitFor(() => within(dialog()).getByRole('button', { name: '放弃', hidden: true })));
    await waitFor(() => expect(screen.queryByRole('form')).not.toBeInTheDocument());
    expect(picker).toHaveValue('003');
  });
});
