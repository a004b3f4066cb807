/**
 * Excel entry point. Office.onReady → check the requirement set → render the App over Excel.run.
 * Old webviews never get here: taskpane.html shows them a plain message before this bundle loads.
 */
import { createRoot } from 'react-dom/client';
import { createCommands } from '../workbook/createCommands';
import type { BatchRunner } from '../workbook/commandTypes';
import { App } from './App';
import { officeBackup } from './officeBackup';
import { officeFiles } from './officeFiles';
import { officeFileOut } from './officeFileOut';
import { unsupportedMessage } from './unsupported';

const runner: BatchRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

function showPlain(html: string): void {
  const root = document.getElementById('root');
  if (root) root.innerHTML = html;
}

declare global {
  interface Window {
    __kaopingOldWebview?: boolean;
  }
}

void Office.onReady((info) => {
  if (window.__kaopingOldWebview) return; // taskpane.html already shows the message
  if (info.host !== Office.HostType.Excel) {
    showPlain(unsupportedMessage('notExcel'));
    return;
  }
  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.13')) {
    showPlain(unsupportedMessage('oldExcel'));
    return;
  }
  const element = document.getElementById('root');
  if (!element) return;
  // Excel for Mac / iPad: downloads do nothing there, files open as new Excel windows instead.
  const files = officeFiles();
  createRoot(element).render(
    <App
      commands={createCommands(runner)}
      runner={runner}
      backup={officeBackup(undefined, { files })}
      files={files}
      fileOut={officeFileOut()}
      loadConformance={() => import(/* webpackChunkName: "conformance" */ './selfcheck/conformance').then((m) => m.conformanceTests)}
    />,
  );
});
