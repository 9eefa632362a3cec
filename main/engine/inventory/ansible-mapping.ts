// How Ansible groups become OpsDeck placement: which datacentre, OS and roles
// a group's hosts get, plus the datacentres (with bastions), defaults and role
// policies to write into the imported inventory. Written by a person as YAML
// (see the README) or built in code.
import { z } from 'zod';
import { DATACENTRE_ID, ROLE_NAME, datacentreSchema, defaultsSchema, emptyAsMapping, rolesSchema, strictMapping } from './inventory-schema';
import type { InventoryProblem } from './inventory-problem';
import { parseYamlWithSchema } from './yaml-schema-parse';
import type { LocatedMessage } from './zod-issue-message';
import { errorMessage } from '../errors/error-message';

const groupMappingSchema = emptyAsMapping(
  strictMapping({
    dc: z.string().regex(DATACENTRE_ID, { error: 'expected a datacentre id (lowercase letters, digits and "-")' }).optional(),
    os: z.enum(['debian', 'smartos', 'auto']).optional(),
    roles: z.array(z.string().regex(ROLE_NAME, { error: 'expected a role name (a letter then letters, digits, "_", "." or "-")' })).optional(),
  }),
);

export const ansibleMappingSchema = strictMapping({
  groups: z.record(z.string(), groupMappingSchema).optional(),
  datacentres: z.array(datacentreSchema).optional(),
  defaults: emptyAsMapping(defaultsSchema).optional(),
  roles: rolesSchema.optional(),
});

/** The mapping as written (YAML or code): every key optional. */
export type AnsibleMapping = z.input<typeof ansibleMappingSchema>;
/** The mapping once checked: role policies with their defaults filled. */
export type CheckedAnsibleMapping = z.output<typeof ansibleMappingSchema>;

export type AnsibleMappingParse = { ok: true; mapping: CheckedAnsibleMapping } | { ok: false; problems: InventoryProblem[] };

const TOP_LEVEL = 'a mapping with any of groups, datacentres, defaults, roles';

export function parseAnsibleMapping(text: string, file: string): AnsibleMappingParse {
  try {
    const parsed = parseYamlWithSchema(text, file, ansibleMappingSchema, TOP_LEVEL);
    if (!parsed.ok) return parsed;
    const problems = mappingReferenceProblems(parsed.data);
    return problems.length > 0 ? { ok: false, problems: parsed.locate(problems) } : { ok: true, mapping: parsed.data };
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `could not read the mapping: ${errorMessage(error)}` }] };
  }
}

/** Checks a mapping built in code; problems are placed at line 1 of `file`. */
export function checkAnsibleMapping(mapping: AnsibleMapping, file: string): AnsibleMappingParse {
  const parsed = ansibleMappingSchema.safeParse(mapping);
  const problem = (message: string): InventoryProblem => ({ file, line: 1, column: 1, message: `mapping: ${message}` });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => problem(`${issue.path.join('.')}: ${issue.message}`)) };
  const problems = mappingReferenceProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems: problems.map((p) => problem(p.message)) } : { ok: true, mapping: parsed.data };
}

function mappingReferenceProblems(mapping: CheckedAnsibleMapping): LocatedMessage[] {
  const problems: LocatedMessage[] = [];
  const seen = new Map<string, number>();
  let primary: string | null = null;
  (mapping.datacentres ?? []).forEach((dc, index) => {
    const earlier = seen.get(dc.id);
    if (earlier !== undefined) {
      problems.push({
        path: ['datacentres', index, 'id'],
        target: 'value',
        message: `datacentres[${index}].id: duplicate datacentre id ${JSON.stringify(dc.id)}; datacentres[${earlier}] already uses it`,
      });
    } else seen.set(dc.id, index);
    if (dc.role !== 'primary') return;
    if (primary === null) primary = dc.id;
    else
      problems.push({
        path: ['datacentres', index, 'role'],
        target: 'value',
        message: `datacentres[${index}].role: ${JSON.stringify(primary)} is already the primary; at most one datacentre may be primary`,
      });
  });
  return problems;
}
