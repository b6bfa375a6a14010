/** One place that builds the ajv (JSON Schema 2020-12) instance the schema checks share. */
import ajv2020Module from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

// ajv and ajv-formats are CommonJS; under NodeNext the default import is the
// module object, whose `.default` is the real export.
const Ajv2020 = ajv2020Module.default;
const addFormats = formatsModule.default;

export type AjvInstance = InstanceType<typeof Ajv2020>;
export type { ValidateFunction };

export function createAjv(): AjvInstance {
  // verbose: errors carry the failing value and parent schema, which the
  // issue formatter uses to say what was expected.
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  return ajv;
}
