/**
 * Acceptance check: lints the REST API's OpenAPI document with the official NLGov REST API Design Rules
 * Spectral rulesets (2.1.0 and 2.2.0) from the shared real-data folder, and fails on any error.
 * Skips with exit code 0 when that folder is missing, as on a fresh clone.
 *
 * Run: `npx tsx acceptance/adr.ts [rulesetDirectory]`
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../server/api/openapi';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rulesetDirectory = path.resolve(process.argv[2] ?? path.join(projectRoot, '..', 'shared', 'real-data', 'adr'));

if (!existsSync(rulesetDirectory)) {
  console.log(`SKIP: no ADR rulesets at ${rulesetDirectory}`);
  process.exit(0);
}
const rulesets = readdirSync(rulesetDirectory).filter((file) => /spectral.*\.ya?ml$/i.test(file)).sort();
if (rulesets.length === 0) {
  console.log(`SKIP: ${rulesetDirectory} has no Spectral ruleset`);
  process.exit(0);
}

// Write the document as a public https instance would serve it.
const workDirectory = mkdtempSync(path.join(tmpdir(), 'bouwblokken-adr-'));
const documentFile = path.join(workDirectory, 'openapi.json');
writeFileSync(documentFile, JSON.stringify(openApiDocument('https://bouwblokken.example.nl/'), null, 2));

let failed = 0;
for (const ruleset of rulesets) {
  const result = spawnSync('npx', ['--no-install', 'spectral', 'lint', '--quiet', '--format', 'json', '--ruleset', path.join(rulesetDirectory, ruleset), documentFile], {
    cwd: projectRoot, encoding: 'utf8',
  });
  let findings: Array<{ code: string; message: string; severity: number; path: string[] }>;
  try {
    findings = JSON.parse(result.stdout || '[]');
  } catch {
    console.error(`FAIL ${ruleset}: Spectral printed no JSON (exit ${result.status}): ${result.stderr.trim()}`);
    failed++;
    continue;
  }

  // Spectral severities: 0 error, 1 warning, 2 info, 3 hint.
  const errors = findings.filter((finding) => finding.severity === 0);
  const warnings = findings.filter((finding) => finding.severity === 1);
  for (const finding of [...errors, ...warnings]) {
    console.log(`  ${finding.severity === 0 ? 'error' : 'warning'} ${finding.code} at ${finding.path.join('.')}: ${finding.message}`);
  }
  console.log(`${errors.length === 0 ? 'PASS' : 'FAIL'} ${ruleset}: ${errors.length} errors, ${warnings.length} warnings`);
  if (errors.length > 0) failed++;
}

rmSync(workDirectory, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
