// JSON Schema of .incident-lens.yaml. schemas/incident-lens.schema.json is this object, written out for editors
// (a unit test keeps the two equal).

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const url = { type: 'string', pattern: '^https?://' } as const;

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://incident-lens.dev/schemas/incident-lens.schema.json',
  title: 'Incident Lens repository configuration (.incident-lens.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['service'],
  properties: {
    version: { type: 'integer', enum: [1] },
    service: { type: 'string', minLength: 1, description: 'Service name, as in deploys and tickets.' },
    mode: { enum: ['observe', 'advise'], description: 'observe: read-only. advise: writes are shown and confirmed first.' },
    aws: {
      type: 'object',
      additionalProperties: false,
      properties: {
        regions: { type: 'array', items: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$' }, minItems: 1 },
        profile: { type: 'string' },
        alarms: {
          type: 'object',
          additionalProperties: false,
          properties: { names: stringList, prefixes: stringList },
        },
        logGroups: stringList,
        logFilter: { type: 'string' },
        logCap: { type: 'integer', minimum: 1, maximum: 100000 },
        metrics: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['namespace', 'name'],
            properties: {
              id: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_-]*$' },
              namespace: { type: 'string', minLength: 1 },
              name: { type: 'string', minLength: 1 },
              stat: { type: 'string', pattern: '^(Average|Sum|Minimum|Maximum|SampleCount|p\\d{1,2}(\\.\\d+)?|tm\\d{1,2}|IQM)$' },
              dimensions: { type: 'object', additionalProperties: { type: 'string' } },
            },
          },
        },
      },
    },
    slos: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'objective'],
        properties: {
          name: { type: 'string', minLength: 1 },
          objective: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
          windowDays: { type: 'integer', minimum: 1, maximum: 365 },
          badMetricId: { type: 'string' },
          totalMetricId: { type: 'string' },
          ratioMetricId: { type: 'string' },
        },
      },
    },
    github: {
      type: 'object',
      additionalProperties: false,
      properties: {
        owner: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
        repo: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
        apiUrl: url,
        defaultBranch: { type: 'string' },
      },
    },
    deploys: {
      type: 'object',
      additionalProperties: false,
      required: ['from'],
      properties: {
        from: { enum: ['github-deployments', 'tags', 'merges'], description: 'Where deploys come from.' },
        environment: { type: 'string', description: 'GitHub Deployments environment (github-deployments).' },
        tagPattern: { type: 'string', description: 'Glob of release tags, e.g. v* (tags).' },
        branch: { type: 'string', description: 'Branch whose merges are deploys (merges; default: the default branch).' },
        source: { enum: ['github', 'git'], description: 'Read tags/merges through the GitHub API or the local git CLI.' },
      },
    },
    tickets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: { type: { enum: ['github', 'jira', 'servicenow', 'pir'] } },
        allOf: [
          { if: { properties: { type: { const: 'github' } } }, then: { additionalProperties: false, properties: { type: {}, labels: stringList } } },
          {
            if: { properties: { type: { const: 'jira' } } },
            then: { additionalProperties: false, required: ['url'], properties: { type: {}, url, jql: { type: 'string' }, project: { type: 'string' } } },
          },
          {
            if: { properties: { type: { const: 'servicenow' } } },
            then: { additionalProperties: false, required: ['url'], properties: { type: {}, url, query: { type: 'string' }, table: { type: 'string', pattern: '^[a-z_]+$' } } },
          },
          { if: { properties: { type: { const: 'pir' } } }, then: { additionalProperties: false, properties: { type: {}, path: { type: 'string' } } } },
        ],
      },
    },
    pathMappings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: { from: { type: 'string', minLength: 1 }, to: { type: 'string' } },
      },
    },
    endpoints: {
      type: 'object',
      additionalProperties: false,
      description: 'Override service URLs (the simulator, GitHub Enterprise, VPC endpoints).',
      properties: { cloudwatch: url, logs: url, github: url, jira: url, servicenow: url },
    },
  },
} as const;
