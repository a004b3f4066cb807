/** The workbook commands (SPEC §3) over Excel.RequestContext, and createCommands for the task pane. */
export { createCommands } from './createCommands';
export { install, planAndQueueInstall, type InstallOptions } from './setup/install';
export { importRoster, importRosterGrid, previewRosterImport, readRosterGrid, RosterSourceError } from './setup/rosterImport';
export { parseRosterGrid, mergeRoster } from '../domain/rosterGrid';
export { getEntryForm, saveForm, getProgress } from './entry/forms';
export { printBallot } from './ballots/paperBallot';
export { check } from './results/check';
export { compute } from './results/compute';
export { makePostingSheet, queuePostingSheet, queuePostingPack } from './results/postingPack';
export { getPlan } from './entry/planRows';
export { makeScoreSheets } from './results/scoreSheet';
export { newYear } from './year/newYear';
export { undoNewYear } from './year/newYearUndo';
export { getSettings, saveSettings } from './setup/settings';
export { getStatus, selectCell } from './setup/status';
export { queueReadTables, readTables, evaluationInput } from './tables/readTables';
