// Parses many Dockerfiles with dockerfile-ast in one process and prints what it sees in each.
//
// Input: a JSON array of Dockerfile texts on standard input, or file paths as arguments.
// Output: one JSON array with an entry per Dockerfile, in input order:
//   { "instructions": [ {
//       "keyword": "ENV",              // upper-cased keyword
//       "line": 27, "endLine": 27,     // 0-based first and last line of the instruction
//       "text": "...",                 // RUN only: the instruction's source text
//       "flags": ["--from=build"],     // for COPY, RUN, FROM, ...: the flags as written
//       "properties": [ { "name", "value" } ],  // ENV, LABEL and ARG: getProperties() names and getValue()s
//       "json": { "strings": ["..."] }           // JSON form: the source text between each string's quotes
//       "args": ["..."],               // otherwise: getArguments() values (flags excluded)
//     } ] }
// or { "error": "..." } where dockerfile-ast throws.
// The output is UTF-8, one line.
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      i++;
    }

    if (c === 13 || c === 10) {
      starts.push(i + 1);
    }
  }

  return starts;
}

function describe(content) {
  const starts = lineStarts(content);
  const offset = (position) => Math.min(content.length, (starts[position.line] ?? content.length) + position.character);
  const slice = (range) => (range ? content.substring(offset(range.start), offset(range.end)) : null);

  const dockerfile = DockerfileParser.parse(content);
  const instructions = dockerfile.getInstructions().map((instruction) => {
    const range = instruction.getRange();
    const keyword = instruction.getKeyword();
    const entry = { keyword, line: range.start.line, endLine: range.end.line };
    if (keyword === 'RUN') {
      entry.text = slice(range);
    }

    if (typeof instruction.getFlags === 'function') {
      entry.flags = instruction.getFlags().map((f) => slice(f.getRange()));
    }

    if (typeof instruction.getProperties === 'function') {
      entry.properties = instruction.getProperties().map((p) => ({ name: p.getName(), value: p.getValue() }));
    }

    const json = typeof instruction.getJSONStrings === 'function' && instruction.getOpeningBracket() !== null;
    if (json) {
      entry.json = { strings: instruction.getJSONStrings().map((s) => slice(s.getJSONRange())) };
    } else if (!['ENV', 'LABEL', 'RUN'].includes(keyword)) {
      // Arguments cost most of the parsing time: only where neither properties nor JSON strings say more.
      entry.args = instruction.getArguments().map((a) => a.getValue());
    }

    return entry;
  });

  return { instructions };
}

const files = process.argv.slice(2);
const texts = files.length > 0 ? files.map((f) => readFileSync(f, 'utf8')) : JSON.parse(readFileSync(0, 'utf8'));
const results = texts.map((text) => {
  try {
    return describe(text);
  } catch (error) {
    return { error: String(error && error.stack ? error.stack : error) };
  }
});

process.stdout.write(JSON.stringify(results) + '\n');
