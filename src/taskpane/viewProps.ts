import type { Language } from '../domain/types';
import type { KaopingCommands, WorkbookStatus } from '../workbook/commandTypes';

/** What every view receives from the App. */
export interface ViewProps {
  commands: KaopingCommands;
  lang: Language;
  status: WorkbookStatus | null;
  /** Call after a command that changed the workbook, so the status is read again. */
  onChanged: () => void;
}
