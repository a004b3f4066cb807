/** A failure the user caused or can fix (bad usage, unreadable file): one line on stderr and exit code 2. */
export class ExpectedError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'ExpectedError';
  }
}

/** Exit codes of SPEC §5. */
export const EXIT = { done: 0, problems: 1, nothingDone: 2 } as const;
