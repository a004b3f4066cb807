/** The workbook commands (SPEC §3) over Excel.RequestContext, and createCommands for the task pane. */
export { createCommands } from './commands';
export { install, planAndQueueInstall, type InstallOptions } from './install';
export { importRoster, importRosterGrid, previewRosterImport, readRosterGrid, RosterSourceError } from './importRoster';
export { parseRosterGrid, mergeRoster } from './rosterImport';
export { getEntryForm, saveForm, getProgress } from './entry';
export { printBallot } from './ballot';
export { check } from './check';
export { compute } from './compute';
export { makePostingSheet, queuePostingSheet, queuePostingPack } from './posting';
export { getPlan } from './plans';
export { makeScoreSheets } from './scoreSheet';
export { newYear } from './newYear';
export { undoNewYear } from './newYearUndo';
export { getSettings, saveSettings } from './settingsCmd';
export { getStatus, selectCell } from './status';
export { queueReadTables, readTables, evaluationInput } from './readTables';
