// `npm test`: lint, type check, unit tests, browser tests — then one closing line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const out = join('test-artifacts');
mkdirSync(out, { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];

function step(name, cmd, args) {
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status === 0;
}
function jestStep(name, args) {
  const json = join(out, `${name}.json`);
  const ok = step(name, 'npx', ['jest', ...args, '--json', `--outputFile=${json}`]);
  if (existsSync(json)) {
    const r = JSON.parse(readFileSync(json, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    if (r.numTotalTests === 0) { failed += 1; failures.push(`${name}: no tests ran`); }
  } else {
    failed += 1;
  }
  if (!ok) failures.push(name);
}

const only = process.argv[2];
if (!only || only === 'static') {
  if (step('lint', 'npx', ['eslint', 'src', 'test', 'scripts'])) passed += 1; else { failed += 1; failures.push('lint'); }
  if (step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])) passed += 1; else { failed += 1; failures.push('typecheck'); }
}
if (!only || only === 'unit') jestStep('unit', []);
if (!only || only === 'browser') jestStep('browser', ['--config', 'jest.browser.config.js', '--runInBand']);

if (failures.length) console.log(`\nfailed steps: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failures.length === 0 ? 0 : 1);
