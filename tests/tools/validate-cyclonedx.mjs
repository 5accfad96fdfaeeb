// Validates CycloneDX 1.5 JSON documents against the specification's JSON schema (the copy the
// @cyclonedx/cyclonedx-library package ships, with the SPDX license list and JSF schemas it references) and prints
// one JSON line per file: {"file", "valid", "errors": [...]}. Exits 1 when any file is invalid.
//
// The package's copies are named *.SNAPSHOT.schema.json and the bom schema's $refs name them so; each is registered
// under the address its $ref resolves to. date-time is checked by ajv-formats; the internationalized formats it lacks
// (iri-reference, idn-email) by their shape: no white space, one @ in an address.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const schemas = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
const read = (name) => JSON.parse(readFileSync(join(schemas, name), 'utf8'));
const withoutId = ({ $id, ...schema }) => schema;

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addFormat('iri-reference', /^\S*$/u);
ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
for (const name of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
  ajv.addSchema(withoutId(read(name)), `http://cyclonedx.org/schema/${name}`);
}

const validate = ajv.compile(read('bom-1.5.SNAPSHOT.schema.json'));

let invalid = 0;
for (const file of process.argv.slice(2)) {
  const errors = [];
  let document;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    errors.push(`JSON: ${e.message}`);
  }

  if (document !== undefined && !validate(document)) {
    errors.push(...validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));
  }

  invalid += errors.length > 0 ? 1 : 0;
  console.log(JSON.stringify({ file, valid: errors.length === 0, errors }));
}

process.exitCode = invalid === 0 ? 0 : 1;
