/**
 * Runs @doyensec/electronegativity (a static scanner for Electron misconfigurations) over src/ and fails on any
 * HIGH or MEDIUM finding that scripts/electronegativity-justifications.ts does not justify. `npm run
 * security:scan`; npm test runs it through test/unit/electron/electronegativity.test.ts.
 *
 * It works offline: it tries to fetch Electron's release list and translations, prints that it could not, and
 * scans with the Electron version given by -e.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JUSTIFIED_FINDINGS } from './electronegativity-justifications';

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

const root = path.resolve(__dirname, '..');

export function scan(input = path.join(root, 'src')): Finding[] {
  const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-')), 'findings.csv');
  const cli = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
  const result = spawnSync(process.execPath, [cli, '-i', input, '-r', '-v', 'false', '-e', electronVersion, '-o', out], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`electronegativity did not run (exit ${result.status}, ${result.error?.message ?? 'no error'}):\n${result.stderr}${result.stdout}`);
  }
  const rows = fs.readFileSync(out, 'utf8').trim().split('\n').slice(1);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  // The tool writes some fields (a CSP it quotes, say) with line breaks in them and without CSV quoting: such a
  // fragment is the tail of the finding before it, which already carries the severity. A row with no known severity
  // is not a finding.
  const severities = new Set(['LOW', 'MEDIUM', 'HIGH', 'INFORMATIONAL', 'CRITICAL']);
  return rows.map((row) => parseCsvRow(row)).filter((cells) => severities.has(cells[1] ?? '')).map((cells) => {
    return {
      check: cells[0] ?? '',
      severity: cells[1] ?? '',
      confidence: cells[2] ?? '',
      file: cells[3] ?? '',
      location: cells[4] ?? '',
      description: cells[6] ?? '',
    };
  });
}

export function unjustified(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'LOW' && f.severity !== 'INFORMATIONAL' && !JUSTIFIED_FINDINGS[`${f.check}@${f.file}`]);
}

function parseCsvRow(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < row.length; i++) {
    const ch = row[i];
    if (quoted) {
      if (ch === '"' && row[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}

if (require.main === module) {
  const findings = scan();
  for (const f of findings) {
    const note = JUSTIFIED_FINDINGS[`${f.check}@${f.file}`];
    console.log(`${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location} ${note ? `(justified: ${note})` : f.description}`);
  }
  const bad = unjustified(findings);
  console.log(`electronegativity: ${findings.length} findings, ${bad.length} unjustified HIGH/MEDIUM`);
  process.exit(bad.length === 0 ? 0 : 1);
}
