/**
 * The headless Excel host: the part of the Excel JavaScript API the add-in's commands use, in memory, with
 * Office's load/sync semantics and error codes; .xlsx in and out losslessly (xlsx/). See README.md.
 */
export { HostWorkbook, createWorkbook, run } from './hostWorkbook';
export { HostError } from './model/errors';
export { loadXlsx, saveXlsx, setCodec, PackageError, type Codec } from './xlsx';
export type { SheetSnapshot, CellSnapshot } from './snapshot';
