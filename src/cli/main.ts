/** Entry point of the bundled command line (bin/kaoping.js requires the bundle and calls main). */
import { runCli } from './dispatch';

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const code = await runCli(argv);
  process.exitCode = code;
  return code;
}
