// Validates every corpus file (cases/<provider>.yaml) against case.schema.yaml and what a schema
// cannot say — the file is named after a provider of spec/providers.yaml, ids are unique across the
// corpus, `want.code` is a catalog code — and writes them, flattened, to dist/cases.json for the
// loader (src/index.ts). Fails naming the file and the case. Run by `pnpm build`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isErrorCode, providers } from '@errata/types';
import Ajv from 'ajv/dist/2020.js';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = parse(readFileSync(join(root, 'case.schema.yaml'), 'utf8'));
const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);

interface CaseFile {
  provider: string;
  cases: { id: string; want: { code: string } }[];
}

const problems: string[] = [];
const cases: unknown[] = [];
const ids = new Set<string>();
const files = readdirSync(join(root, 'cases'))
  .filter((file) => file.endsWith('.yaml'))
  .sort();
for (const file of files) {
  const doc = parse(readFileSync(join(root, 'cases', file), 'utf8')) as CaseFile;
  if (!validate(doc)) {
    for (const e of validate.errors ?? []) problems.push(`${file}${e.instancePath}: ${e.message}`);
    continue;
  }
  if (!Object.hasOwn(providers, doc.provider))
    problems.push(`${file}: provider ${doc.provider} is not in providers.yaml`);
  // `<provider>.yaml`, or `<provider>.<topic>.yaml` where a provider's cases are split (streams).
  if (basename(file, '.yaml').split('.')[0] !== doc.provider)
    problems.push(`${file}: holds the cases of ${doc.provider}`);
  for (const c of doc.cases) {
    if (ids.has(c.id)) problems.push(`${file}: case ${c.id} is not the only one with that id`);
    ids.add(c.id);
    if (!isErrorCode(c.want.code)) problems.push(`${file}: case ${c.id} wants ${c.want.code}, not a catalog code`);
    cases.push({ provider: doc.provider, ...c });
  }
}
if (problems.length) {
  console.error(`corpus: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist/cases.json'), `${JSON.stringify(cases)}\n`);
const providerCount = new Set(cases.map((c) => (c as { provider: string }).provider)).size;
console.log(`corpus: ${cases.length} cases from ${providerCount} providers`);
