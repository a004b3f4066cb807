/**
 * The task pane's commands over a batch runner: Excel.run in Excel, the headless host's run in tests, the
 * command line and the browser preview. Each call is one batch (Excel.run) of the command functions.
 */
import { printBallot } from './ballots/paperBallot';
import { getBallotsOut, issueBallots, issuedOf, recordBallotsOut } from './ballots/ballotFiles';
import { collectBallots } from './ballots/collect';
import { applyScheme, planScheme } from './scheme/apply';
import { readSchemeSource } from './scheme/template';
import { installFromScheme, schemeInstallRefused, schemeSummary } from './scheme/install';
import { check } from './results/check';
import type { BatchRunner, KaopingCommands } from './commandTypes';
import { compute } from './results/compute';
import { getEntryForm, getProgress, saveForm } from './entry/forms';
import { importRoster, importRosterGrid, previewRosterImport, previewRosterImportGrid } from './setup/rosterImport';
import { install } from './setup/install';
import { newYear } from './year/newYear';
import { undoNewYear } from './year/newYearUndo';
import { newYearPlan, suggestBranch } from './setup/paneInfo';
import { makePostingSheet } from './results/postingPack';
import { getReview, saveMemberReview } from './entry/review';
import { getPlan } from './entry/planRows';
import { makeScoreSheets, planScoreSheets } from './results/scoreSheet';
import { saveRubric } from './setup/rubric';
import { getSettings, saveSettings } from './setup/settings';
import { getStatus, selectCell } from './setup/status';

/**
 * Which of the pane's commands write to the workbook (true) and which only read (false). A Record over every
 * command, so a new command does not type-check until it is placed here; the fault-injection test
 * (test/workbook/faults.test.ts) fails for a writing command that has no fault scenario.
 */
export const COMMAND_WRITES: Record<keyof KaopingCommands, boolean> = {
  getStatus: false,
  install: true,
  previewRosterImport: false,
  importRoster: true,
  previewRosterImportGrid: false,
  importRosterGrid: true,
  getEntryForm: false,
  saveForm: true,
  getProgress: false,
  printBallot: true,
  check: true,
  selectCell: false,
  compute: true,
  makePostingSheet: true,
  getPlan: false,
  makeScoreSheets: true,
  newYear: true,
  undoNewYear: true,
  getSettings: false,
  saveSettings: true,
  saveRubric: true,
  getReview: false,
  saveMemberReview: true,
  newYearPlan: false,
  suggestBranch: false,
  makeBallotFiles: false, // plans only: recordBallotsOut records them once the secretary has the files
  collectBallotFiles: true,
  getBallotsOut: false,
  recordBallotsOut: true,
  exportScheme: false,
  applySchemeFile: true,
  installSchemeFile: true,
  rollupFiles: false, // makes a new workbook; the open one is only read
  scoreSheetFile: false, // a file of its own; the open workbook is only read
};

/** The commands that write to the workbook, in the order of KaopingCommands. */
export const WRITING_COMMANDS = (Object.keys(COMMAND_WRITES) as (keyof KaopingCommands)[]).filter((k) => COMMAND_WRITES[k]);

export function createCommands(runner: BatchRunner): KaopingCommands {
  return {
    getStatus: () => runner((c) => getStatus(c)),
    install: (options) => runner((c) => install(c, options ?? {})),
    previewRosterImport: (sheet) => runner((c) => previewRosterImport(c, sheet)),
    importRoster: (sheet) => runner((c) => importRoster(c, sheet)),
    previewRosterImportGrid: (grid) => runner((c) => previewRosterImportGrid(c, grid)),
    importRosterGrid: (grid) => runner((c) => importRosterGrid(c, grid)),
    getEntryForm: (round, evaluator, group?: string) => runner((c) => getEntryForm(c, round, evaluator, group)),
    saveForm: (round, evaluator, rows) => runner((c) => saveForm(c, round, evaluator, rows)),
    getProgress: (round) => runner((c) => getProgress(c, round)),
    printBallot: (round, evaluator, group?: string) => runner((c) => printBallot(c, round, evaluator, group)),
    check: () => runner((c) => check(c)),
    selectCell: (sheet, cell) => runner((c) => selectCell(c, sheet, cell)),
    compute: () => runner((c) => compute(c)),
    makePostingSheet: (options) => runner((c) => makePostingSheet(c, options)),
    getPlan: (memberId) => runner((c) => getPlan(c, memberId)),
    makeScoreSheets: (request) => runner((c) => makeScoreSheets(c, request)),
    scoreSheetFile: async (request) => {
      const { plan, unknown } = await runner((c) => planScoreSheets(c, { members: request.members }));
      if (!plan) return { name: '', bytes: null, members: [], unknown };
      // The file is made with the headless host, loaded on demand (not in the pane's first load).
      const file = await import(/* webpackChunkName: "scoresheet" */ './results/scoreSheetFile');
      const all = !request.members || request.members.length === 0;
      return { name: file.scoreSheetFileName(plan, all), bytes: await file.buildScoreSheetFile(plan), members: plan.members.map((m) => ({ id: m.id, name: m.name })), unknown: [] };
    },
    newYear: (year) => runner((c) => newYear(c, year)),
    undoNewYear: () => runner((c) => undoNewYear(c)),
    getSettings: () => runner((c) => getSettings(c)),
    saveSettings: (values) => runner((c) => saveSettings(c, values)),
    saveRubric: (rubric) => runner((c) => saveRubric(c, rubric)),
    getReview: () => runner((c) => getReview(c)),
    saveMemberReview: (memberId, input) => runner((c) => saveMemberReview(c, memberId, input)),
    newYearPlan: () => runner((c) => newYearPlan(c)),
    suggestBranch: () => runner((c) => suggestBranch(c)),
    makeBallotFiles: async (round, options) => {
      // Planned only: the ballots are recorded as handed out when the secretary confirms having the files.
      const planned = await runner((c) => issueBallots(c, round, options, false));
      if (planned.problems.length > 0 || planned.specs.length === 0) return { problems: planned.problems, zipName: null, zip: null, files: [], ballots: [], issued: [] };
      // The ballot workbooks are made with the headless host, loaded on demand (not in the pane's first load).
      const pkg = await import(/* webpackChunkName: "ballots" */ './ballots/ballotPackage');
      const files = await pkg.buildBallotFiles(planned.specs);
      const s = planned.specs[0];
      const round0 = { self: '自评', peer: '互评', mass: '群众参评' }[round];
      const group = options.group ? `-${options.group}` : '';
      return {
        problems: [],
        zipName: `${s.year}-${round0}${group}-测评表.zip`,
        zip: await pkg.zipFiles(files),
        files: files.map((f) => f.name),
        ballots: files,
        issued: planned.specs.map(issuedOf),
      };
    },
    collectBallotFiles: async (files, options) => {
      const pkg = await import(/* webpackChunkName: "ballots" */ './ballots/ballotPackage');
      const read = await pkg.readBallotFiles(files);
      return runner((c) => collectBallots(c, read, { replace: options?.replace ?? [] }));
    },
    getBallotsOut: () => runner((c) => getBallotsOut(c)),
    recordBallotsOut: (issued) => runner((c) => recordBallotsOut(c, issued)),
    exportScheme: async () => {
      const src = await runner((c) => readSchemeSource(c));
      if (!src.found) throw new Error('没有找到考评参数表和考评细则表，请先安装考评表。');
      const file = await import(/* webpackChunkName: "scheme" */ './scheme/schemeFile');
      const made = await file.buildSchemeFile(src.settings, src.rubric);
      return { ...made, fileName: `方案${src.settings.year}.xlsx` };
    },
    applySchemeFile: async (picked, apply) => {
      const file = await import(/* webpackChunkName: "scheme" */ './scheme/schemeFile');
      const src = await file.readSchemeFile(picked);
      return runner((c) => (apply ? applyScheme(c, src) : planScheme(c, src)));
    },
    installSchemeFile: async (picked, options, doInstall) => {
      const file = await import(/* webpackChunkName: "scheme" */ './scheme/schemeFile');
      const src = await file.readSchemeFile(picked);
      const summary = schemeSummary(src);
      if (!doInstall) return { summary, refused: await runner((c) => schemeInstallRefused(c, src, options)), report: null };
      const r = await runner((c) => installFromScheme(c, src, options));
      return { summary, refused: r.refused, report: r.report };
    },
    rollupFiles: async (files) => {
      const file = await import(/* webpackChunkName: "scheme" */ './scheme/schemeFile');
      return file.rollupPicked(files);
    },
  };
}
