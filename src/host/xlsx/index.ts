/**
 * .xlsx in and out, losslessly: the package a workbook was read from is kept, and saving writes back only what the
 * commands changed (see README.md beside this folder's parent). Browser-safe: Uint8Array in, Uint8Array out.
 */
import { HostWorkbook } from '../hostWorkbook';
import { PackageError } from './opc';
import { readPackage } from './read';
import { writePackage } from './write';

export { PackageError } from './opc';
export { setCodec, type Codec } from './zip';
export { charsToPoints, pointsToChars } from './sheetRead';

export async function loadXlsx(data: Uint8Array | ArrayBuffer): Promise<HostWorkbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  await Promise.resolve();
  return new HostWorkbook(readPackage(bytes));
}

export async function saveXlsx(wb: HostWorkbook): Promise<Uint8Array> {
  wb.recalc();
  await Promise.resolve();
  return writePackage(wb.model);
}

export function isPackageError(e: unknown): e is PackageError {
  return e instanceof PackageError;
}
