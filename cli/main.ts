/**
 * collapse-lab command line: verify | simulate | reproduce | calibrate. Usage errors exit with code 2 and one line.
 */
import { UsageError } from './args.js';
import { simulate, SIMULATE_USAGE } from './simulate.js';
import { closePool } from './parallel.js';
import { InvalidArgumentError } from '../src/errors.js';

const USAGE = `collapse-lab <command> [flags]

  verify      run the theorem suite and write the claims report (Markdown, JSON, HTML)
  simulate    Monte Carlo trajectories of one model and policy (JSON, CSV, SVG)
  reproduce   the papers' figures: fig7 | fig8 | fig9 | fig10 | schedules | accumulate
  calibrate   rerun the claims under many suite seeds and measure their false-failure rates

${SIMULATE_USAGE}`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'simulate': {
      const outcome = await simulate(rest);
      process.stdout.write(`${outcome.interrupted ? 'interrupted; kept' : 'done:'} ${outcome.completed} replications in ${outcome.dir}\n`);
      return outcome.interrupted ? 130 : 0;
    }
    case 'verify': {
      const { verify } = await import('./verify.js');
      return verify(rest);
    }
    case 'calibrate': {
      const { calibrate } = await import('./calibrate.js');
      return calibrate(rest);
    }
    case 'reproduce': {
      const { reproduce } = await import('./reproduce.js');
      return reproduce(rest);
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n\n${(await import('./reproduce.js')).REPRODUCE_USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}; expected verify, simulate, reproduce or calibrate`);
  }
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closePool();
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    await closePool();
    if (error instanceof UsageError || error instanceof InvalidArgumentError) {
      process.stderr.write(`collapse-lab: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`collapse-lab: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  });
