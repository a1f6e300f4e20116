// The `ccm` executable's entry: hands the process's arguments, environment and streams to main.
import { existsSync } from 'node:fs';
import { main } from './main.ts';

// A .env file in the working folder fills in variables that are not already set
// (process.loadEnvFile never overrides the real environment).
if (existsSync('.env')) process.loadEnvFile('.env');

// A reader that stops early (`ccm log | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), process.env, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
// Done, database closed: a request to a platform still unanswered after a stop's grace
// period must not keep the process alive (the ledger already says its outcome is unknown).
setTimeout(() => process.exit(), 1000).unref();
