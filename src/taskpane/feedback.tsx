/** Small shared pieces of feedback: a busy spinner, an error bar, a success bar. */
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export function Busy({ label }: { label: string }) {
  return <Spinner size="tiny" labelPosition="after" label={label} />;
}

export function ErrorBar({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}

export function Note({ intent, children }: { intent: 'success' | 'warning' | 'info'; children: ReactNode }) {
  return (
    <MessageBar intent={intent} role="status">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
