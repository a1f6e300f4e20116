/**
 * `npm run package:teams [-- --out <file>]`: builds the Teams app package to upload in Teams
 * (Apps → Manage your apps → Upload an app) or in the Teams admin center, from the environment
 * (see `fillTeamsManifest` in teams-package.ts; a `.env` file in the working folder counts).
 * Prints the path of the zip; default `dist/ccm-teams.zip`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildTeamsPackage, PackageError } from './teams-package.ts';

const root = resolve(import.meta.dirname, '..');

function outFile(args: string[]): string {
  const at = args.indexOf('--out');
  if (at === -1) return join(root, 'dist', 'ccm-teams.zip');
  const path = args[at + 1];
  if (!path) throw new PackageError('--out needs a file name, e.g. --out dist/ccm-teams.zip');
  return resolve(path);
}

try {
  // As `npm start` does: the real environment wins over .env.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const file = outFile(process.argv.slice(2));
  const { zip, manifest, warnings } = buildTeamsPackage(process.env, version);
  mkdirSync(dirname(file), { recursive: true });
  // dist/ holds build output only: keep it out of git without touching .gitignore.
  if (dirname(file) === join(root, 'dist') && !existsSync(join(root, 'dist', '.gitignore'))) writeFileSync(join(root, 'dist', '.gitignore'), '*\n');
  writeFileSync(file, zip);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stderr.write(`Teams app ${manifest.id}, version ${manifest.version}, bot ${manifest.bots[0].botId}\n`);
  process.stdout.write(`${file}\n`);
} catch (error) {
  if (!(error instanceof PackageError)) throw error;
  process.stderr.write(`Cannot build the Teams package: ${error.message}\n`);
  process.exitCode = 1;
}
