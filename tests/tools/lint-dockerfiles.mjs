// Lints Dockerfiles with dockerfile-utils and prints one JSON line per file: {"file", "problems": [...]}.
// Every problem counts, warnings included: the generated files must have none.
import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';

let total = 0;
for (const file of process.argv.slice(2)) {
  const problems = validate(readFileSync(file, 'utf8')).map((d) => ({
    line: d.range.start.line + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  }));
  total += problems.length;
  console.log(JSON.stringify({ file, problems }));
}
process.exitCode = total === 0 ? 0 : 1;
