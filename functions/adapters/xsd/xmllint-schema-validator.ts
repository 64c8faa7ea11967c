import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import type { SchemaValidator, SchemaVerdict } from '../../core/exports/schema-validator';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * XML Schema validation with libxml2's xmllint compiled to WebAssembly (no native code). The XSD is
 * read once, on first use, from the path it was constructed with; it is never copied into the project.
 */
export class XmllintSchemaValidator implements SchemaValidator {
  private schema: Promise<string> | undefined;

  constructor(private readonly xsdPath: string) {}

  async validate(xml: string): Promise<SchemaVerdict> {
    this.schema ??= readFile(this.xsdPath, 'utf8');
    const result = await validateXML({
      xml: [{ fileName: 'document.xml', contents: xml }],
      schema: [await this.schema],
    });
    return {
      valid: result.valid,
      errors: result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message)),
    };
  }
}

/** Where the EPC schema for pain.001.001.09 lives (env SEPA_SCHEMA_PATH, else inside CORPUS_DIR). */
export const SEPA_SCHEMA_FILE = 'sepa/pain.001.001.09.xsd';

/**
 * SEPA_SCHEMA_PATH when set; else `${CORPUS_DIR}/sepa/pain.001.001.09.xsd`, with CORPUS_DIR
 * defaulting to ../shared/corpus, both resolved from the project root.
 */
export function sepaSchemaPath(env: NodeJS.ProcessEnv = process.env, projectRoot = PROJECT_ROOT): string {
  if (env.SEPA_SCHEMA_PATH) return resolve(projectRoot, env.SEPA_SCHEMA_PATH);
  return resolve(projectRoot, env.CORPUS_DIR ?? '../shared/corpus', SEPA_SCHEMA_FILE);
}
