/**
 * Turns anything thrown by a command into one sentence for the secretary. Stack traces and API debug
 * information go to the console for developers, never into the pane.
 */
import type { Language } from '../domain/types';
import { text } from '../domain/texts/pane';

const byCode: Record<string, 'errCellEdit' | 'errAccess' | 'errPayload'> = {
  InvalidOperationInCellEditMode: 'errCellEdit',
  AccessDenied: 'errAccess',
  RequestPayloadSizeLimitExceeded: 'errPayload',
  ResponsePayloadSizeLimitExceeded: 'errPayload',
};

export function errorText(lang: Language, error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && byCode[code]) return text(lang, byCode[code]);
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  // First line only: some errors carry a stack or API statement after a line break.
  const firstLine = raw.split('\n')[0].replace(/\s+at\s.*$/, '').trim().slice(0, 300);
  return text(lang, 'failed', { message: firstLine || text(lang, 'errUnknown') });
}
