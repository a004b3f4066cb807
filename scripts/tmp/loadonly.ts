import { readFileSync } from 'node:fs';
import { loadXlsx } from '../../src/host';
(async () => { const t = performance.now(); await loadXlsx(new Uint8Array(readFileSync(process.argv[2]))); console.log('load', (performance.now() - t).toFixed(0)); })();
