/**
 * `kaoping init` workbooks whose kp_ tables another program filled (../shared/corpus/tools): typed in by an openpyxl
 * script (absolute part names, no cached results) and then opened and saved by LibreOffice. Both compute to the
 * fixture's expected members, and a file that is not a workbook gets exit 2 and one line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonOutput } from '../../src/domain/json';
import { loadCase } from '../support/caseInput';
import { cli } from '../support/cli';
import { SHARED } from '../support/paths';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'kaoping-tools-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['openpyxl', 'libreoffice'])('small-branch.%s.xlsx', (tool) => {
  it('computes to fixtures/cases/small-branch.expected.json', async () => {
    const input = join(SHARED, 'corpus', 'tools', `small-branch.${tool}.xlsx`);
    const out = join(dir, `${tool}-out.xlsx`);
    const r = await cli('compute', input, '-o', out, '--json');
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as JsonOutput;
    const { expected } = loadCase('small-branch');
    expect(json.members.map((m) => m.id).sort()).toEqual(expected.members.map((m) => m.id).sort());
    for (const e of expected.members) {
      const m = json.members.find((x) => x.id === e.id) as unknown as Record<string, unknown>;
      for (const [field, want] of Object.entries(e)) {
        if (field === 'status_any') expect((want as string[]).includes(m.status as string)).toBe(true);
        else if (typeof want === 'number') expect({ id: e.id, field, close: Math.abs((m[field] as number) - want) <= 1e-6 }).toEqual({ id: e.id, field, close: true });
        else expect({ id: e.id, field, value: m[field] }).toEqual({ id: e.id, field, value: want });
      }
    }
    // The output is itself readable and computes the same.
    const again = await cli('check', out, '--json');
    expect((JSON.parse(again.out) as JsonOutput).members).toEqual(json.members);
  });
});

describe('a file that is not a workbook', () => {
  const cases: [string, Uint8Array | string][] = [
    ['encrypted.xlsx', readFileSync(join(SHARED, 'corpus', 'calamine', 'pass_protected.xlsx'))],
    ['renamed.xlsx', '姓名,党小组\n张三,第一党小组\n'],
    ['truncated.xlsx', readFileSync(join(SHARED, 'corpus', 'tools', 'small-branch.openpyxl.xlsx')).subarray(0, 5000)],
  ];
  it.each(cases)('%s: exit 2, one line, fast', async (name, bytes) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const t0 = Date.now();
    const r = await cli('check', path);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(name);
    expect(r.err).not.toMatch(/at \w+ \(|Error:/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
