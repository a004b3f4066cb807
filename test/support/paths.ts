/**
 * Where the shared fixtures and seed are: `../shared` beside the project (as in every clone and in CI), or
 * KAOPING_SHARED when set. Never an absolute path of one machine.
 */
import { join, resolve } from 'node:path';

export const SHARED = process.env.KAOPING_SHARED ?? resolve(__dirname, '..', '..', '..', 'shared');
export const CASES_DIR = join(SHARED, 'fixtures', 'cases');
export const SEED_DIR = join(SHARED, 'seed');
export const HANDMADE_XLSX = join(SHARED, 'fixtures', 'workbooks', 'handmade-summary-2025.xlsx');
