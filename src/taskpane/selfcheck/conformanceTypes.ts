/** The shape of one host conformance test (src/host/conformance.ts), as the self-test view runs it. */
export interface ConformanceTest {
  name: string;
  run(context: Excel.RequestContext): Promise<void>;
}
