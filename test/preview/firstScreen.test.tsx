/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node export conditions: the host imports ExcelJS, whose browser builds are ES modules Jest cannot load.
/** The web page's first screen speaks the user's language and terms: no English paragraph, no "加载项". */
import { render, screen, waitFor } from '@testing-library/react';
import { createWorkbook } from '../../src/host';
import { PreviewApp } from '../../src/preview/PreviewApp';
import '../taskpane/helpers';

/** Words that are names, not English text: the programs, the file type and the keys a secretary knows. */
const NAMES = /\b(Excel|WPS|LibreOffice|xlsx|zip|Microsoft 365|Tab|Enter|Esc|F2)\b/g;

/** The text a person sees (hidden elements and aria-hidden parts left out). */
function visibleText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (!(node instanceof Element)) return;
    if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden') || ['SCRIPT', 'STYLE'].includes(node.tagName)) return;
    node.childNodes.forEach(walk);
  };
  walk(root);
  return parts.join(' ');
}

describe('the web page first screen', () => {
  it('has no English text in zh-CN and does not say 加载项', async () => {
    const { container } = render(<PreviewApp initial={createWorkbook()} />);
    await screen.findByTestId('welcome');
    await waitFor(() => expect(screen.getByTestId('taskpane').textContent).not.toBe(''));
    const text = visibleText(container);
    expect(text).toContain('党员分类量化考评');
    expect(text).not.toContain('加载项');
    const english = text.replace(NAMES, '').match(/[A-Za-z]{2,}(?:[\s,.'’]+[A-Za-z]{2,})*/g) ?? [];
    expect(english).toEqual([]);
  });
});
