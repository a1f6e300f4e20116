// The `ccm` executable's entry: hands the process's arguments, environment and streams to main.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2), process.env, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
