/**
 * The schema Chrome reads policy values through (`storage.managed_schema`): derived from the settings
 * schema, so a new setting or widget kind is in it with no second edit. wxt.config.ts writes it into the
 * build as managed-schema.json. Chrome accepts a subset of JSON Schema and refuses a schema with unknown
 * attributes, so only type, properties, items, enum and description are kept; the values' bounds are the
 * extension's to check (lib/managed.ts marks an out-of-range policy value invalid and shows it).
 */
import { z } from 'zod';
import { settingsSchema } from './settings';

export interface PolicySchema {
  type: string;
  description?: string;
  enum?: unknown[];
  items?: PolicySchema;
  properties?: Record<string, PolicySchema>;
}

/** What the policy editor shows next to a setting that is not obvious from its name. */
const DESCRIPTIONS: Record<string, string> = {
  endpoint: 'API endpoint (https, or http on loopback).',
  announce: 'Solve events for scripts (docs/solve-events.md): off, all sites, or the listed host patterns.',
};

type JsonSchemaNode = {
  [k: string]: unknown;
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
};

function project(node: JsonSchemaNode, description?: string): PolicySchema {
  const out: PolicySchema = { type: String(node.type) };
  if (description) out.description = description;
  if (Array.isArray(node.enum)) out.enum = node.enum;
  if (node.items) out.items = project(node.items);
  if (node.properties)
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, project(v)]));
  return out;
}

/** The managed schema: the client key, then every setting as the settings schema takes it. */
export function managedSchema(): PolicySchema {
  const settings = z.toJSONSchema(settingsSchema, { io: 'input', unrepresentable: 'any' });
  const properties = Object.fromEntries(
    Object.entries(settings.properties ?? {}).map(([k, v]) => [
      k,
      project(v as JsonSchemaNode, DESCRIPTIONS[k]),
    ]),
  );
  return {
    type: 'object',
    properties: {
      clientKey: {
        type: 'string',
        description:
          'The AnySolver client key. Stored in the extension IndexedDB like a typed key; removing it ' +
          'from the policy removes it from the browser.',
      },
      ...properties,
    },
  };
}
