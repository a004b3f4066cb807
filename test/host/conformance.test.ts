import { createWorkbook, run } from '../../src/host';
import { conformanceTests } from '../../src/taskpane/selfcheck/conformance';

describe('conformance suite on the headless host', () => {
  for (const t of conformanceTests) {
    test(t.name, async () => {
      const wb = createWorkbook();
      await run(wb, t.run);
      // Every test cleans up after itself.
      expect(wb.sheetNames()).toEqual(['Sheet1']);
    });
  }
});
