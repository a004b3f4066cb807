/**
 * The task pane's commands over a batch runner: Excel.run in Excel, the headless host's run in tests, the
 * command line and the browser preview. Each call is one batch (Excel.run) of the command functions.
 */
import { printBallot } from './ballot';
import { getBallotsOut, issueBallots } from './ballotFiles';
import { collectBallots } from './collect';
import { check } from './check';
import type { BatchRunner, KaopingCommands } from './commandTypes';
import { compute } from './compute';
import { getEntryForm, getProgress, saveForm } from './entry';
import { importRoster, previewRosterImport } from './importRoster';
import { install } from './install';
import { newYear } from './newYear';
import { newYearPlan, suggestBranch } from './paneInfo';
import { makePostingSheet } from './posting';
import { getReview, saveMemberReview } from './review';
import { getPlan } from './plans';
import { makeScoreSheets, planScoreSheets } from './scoreSheet';
import { saveRubric } from './rubricCmd';
import { getSettings, saveSettings } from './settingsCmd';
import { getStatus, selectCell } from './status';

export function createCommands(runner: BatchRunner): KaopingCommands {
  return {
    getStatus: () => runner((c) => getStatus(c)),
    install: (options) => runner((c) => install(c, options ?? {})),
    previewRosterImport: (sheet) => runner((c) => previewRosterImport(c, sheet)),
    importRoster: (sheet) => runner((c) => importRoster(c, sheet)),
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
      const file = await import(/* webpackChunkName: "scoresheet" */ './scoreSheetFile');
      const all = !request.members || request.members.length === 0;
      return { name: file.scoreSheetFileName(plan, all), bytes: await file.buildScoreSheetFile(plan), members: plan.members.map((m) => ({ id: m.id, name: m.name })), unknown: [] };
    },
    newYear: (year) => runner((c) => newYear(c, year)),
    getSettings: () => runner((c) => getSettings(c)),
    saveSettings: (values) => runner((c) => saveSettings(c, values)),
    saveRubric: (rubric) => runner((c) => saveRubric(c, rubric)),
    getReview: () => runner((c) => getReview(c)),
    saveMemberReview: (memberId, input) => runner((c) => saveMemberReview(c, memberId, input)),
    newYearPlan: () => runner((c) => newYearPlan(c)),
    suggestBranch: () => runner((c) => suggestBranch(c)),
    makeBallotFiles: async (round, options) => {
      const planned = await runner((c) => issueBallots(c, round, options));
      if (planned.problems.length > 0 || planned.specs.length === 0) return { problems: planned.problems, zipName: null, zip: null, files: [] };
      // The ballot workbooks are made with the headless host, loaded on demand (not in the pane's first load).
      const pkg = await import(/* webpackChunkName: "ballots" */ './ballotPackage');
      const files = await pkg.buildBallotFiles(planned.specs);
      const s = planned.specs[0];
      const round0 = { self: '自评', peer: '互评', mass: '群众参评' }[round];
      const group = options.group ? `-${options.group}` : '';
      return { problems: [], zipName: `${s.year}-${round0}${group}-测评表.zip`, zip: await pkg.zipFiles(files), files: files.map((f) => f.name) };
    },
    collectBallotFiles: async (files, options) => {
      const pkg = await import(/* webpackChunkName: "ballots" */ './ballotPackage');
      const read = await pkg.readBallotFiles(files);
      return runner((c) => collectBallots(c, read, { replace: options?.replace ?? [] }));
    },
    getBallotsOut: () => runner((c) => getBallotsOut(c)),
  };
}
