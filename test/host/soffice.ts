/** LibreOffice for tests: the binary (a missing one fails the test, never skips it) and a recalculating profile. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function soffice(): string {
  try {
    return execFileSync('which', ['soffice']).toString().trim();
  } catch {
    throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui. This test does not skip.');
  }
}

/** A LibreOffice profile that always recalculates .xlsx files on load (default is to trust cached results). */
export function profileDir(root: string): string {
  const dir = join(root, 'profile');
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`);
  return `file://${dir}`;
}
