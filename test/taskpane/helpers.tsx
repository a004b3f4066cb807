/** Shared helpers for the task-pane component tests: render the App over the commands, run axe. */
import '@testing-library/jest-dom';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { App, type AppProps, type ViewName } from '../../src/taskpane/App';
import type { KaopingCommands } from '../../src/workbook/commandTypes';

// Generous: Fluent in jsdom is slow, more so when other suites share the CPU.
jest.setTimeout(180000);

// jsdom has no layout, so no ResizeObserver; Fluent's MessageBar observes its own size. Nothing ever resizes here.
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  class NoLayoutResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = NoLayoutResizeObserver;
}

export function renderApp(fake: KaopingCommands, view: ViewName = 'start', extra: Partial<AppProps> = {}) {
  const user = userEvent.setup({ delay: null });
  const result = render(<App commands={fake} initialView={view} {...extra} />);
  return { user, ...result };
}

/** Waits until the first status read has rendered. */
export async function ready(): Promise<void> {
  await screen.findByRole('tablist');
}

/** axe-core over the rendered pane. Colour contrast needs layout, which jsdom does not do. */
export async function expectAccessible(container: HTMLElement): Promise<void> {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  const found = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(found).toEqual([]);
}
