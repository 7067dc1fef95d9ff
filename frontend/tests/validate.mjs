// The Nu Html Checker (npm vnu-jar, run with the machine's Java) over every page saved by journeys.mjs
// (target/browser/html): exits non-zero on any error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vnu from 'vnu-jar';
import { OUT } from './browser.mjs';

const dir = path.join(OUT, 'html');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f));
if (files.length < 5) {
  console.error(`validate: only ${files.length} pages saved in ${dir}; run tests/journeys.mjs first`);
  process.exit(1);
}
const run = spawnSync('java', ['-jar', String(vnu), '--errors-only', '--format', 'text', ...files], { encoding: 'utf8' });
const report = `${run.stdout}${run.stderr}`.trim();
fs.writeFileSync(path.join(OUT, 'vnu.txt'), `${report}\n`);
const errors = report.split('\n').filter((l) => l.startsWith('Error:')).length;
if (run.status !== 0 || errors > 0) {
  console.error(report);
  console.error(`validate: ${errors} HTML errors in ${files.length} pages (Nu Html Checker)`);
  process.exit(1);
}
console.log(`validate: ${files.length} pages, no HTML errors (Nu Html Checker)`);
