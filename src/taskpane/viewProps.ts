import type { Language } from '../domain/types';
import type { KaopingCommands, WorkbookStatus } from '../workbook/commandTypes';
import type { WorkbookBackup } from './backup';
import type { FileOutlet } from './files';
import type { FileOut } from './fileOut';

export type ViewName = 'start' | 'entry' | 'check' | 'results' | 'posting' | 'newYear' | 'settings' | 'diagnostics';

/** What every view receives from the App. */
export interface ViewProps {
  commands: KaopingCommands;
  lang: Language;
  status: WorkbookStatus | null;
  /** Call after a command that changed the workbook, so the status is read again. */
  onChanged: () => void;
  /** Switches the pane to another view (the welcome card's steps, 添加此类别, 去安装). */
  onNavigate?: (view: ViewName) => void;
  /** Opens the rubric editor in 设置 with this category added (members of a category the rubric lacks). */
  onAddCategory?: (category: string) => void;
  /** Saves a complete copy of the workbook (new year does it before clearing anything). */
  backup?: WorkbookBackup;
  /** How files leave the pane (browser downloads when absent). */
  files?: FileOutlet;
  /** Told how many typed scores the open form holds unsaved. */
  onUnsavedInput?: (count: number) => void;
  /** Hands out a file the add-in made (a score sheet): a download, or a new Excel window. */
  fileOut?: FileOut;
}
