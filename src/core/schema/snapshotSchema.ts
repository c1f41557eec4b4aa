// JSON Schema of the incident snapshot (shared/spec/snapshot.md). schemas/snapshot.schema.json is generated from
// this object (scripts/schema-gen is the test that keeps them equal), so the core needs no file I/O to validate.
// Unknown fields are allowed everywhere: the format is open and must round-trip what newer writers add.

const time = { type: 'string', format: 'date-time' } as const;
const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;

export const snapshotJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://incident-lens.dev/schemas/snapshot@1.json',
  title: 'Incident Lens snapshot',
  type: 'object',
  required: ['schema', 'incident'],
  properties: {
    schema: { type: 'string', pattern: '^incident-lens/snapshot@1(\\.\\d+)*$' },
    incident: {
      type: 'object',
      required: ['id', 'title', 'startedAt'],
      properties: {
        id: nonEmpty, title: str, service: str, startedAt: time, detectedAt: time, resolvedAt: time,
        severity: { enum: ['critical', 'high', 'medium', 'low'] },
      },
    },
    alarms: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'state', 'at'],
        properties: {
          id: nonEmpty, name: str, state: { enum: ['ALARM', 'OK', 'INSUFFICIENT_DATA'] }, at: time,
          reason: str, metricId: str, threshold: { type: 'number' }, comparison: str, region: str,
        },
      },
    },
    metrics: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'namespace', 'name', 'points'],
        properties: {
          id: nonEmpty, namespace: str, name: str, stat: str, unit: str,
          dimensions: { type: 'object', additionalProperties: str },
          points: {
            type: 'array',
            // A missing datapoint may be written as null: it is a gap, not a zero.
            items: { type: 'array', minItems: 2, maxItems: 2, items: [time, { type: ['number', 'null'] }] },
          },
        },
      },
    },
    logs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'group', 'message'],
        properties: { at: time, group: str, stream: str, message: str },
      },
    },
    deploys: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'at'],
        properties: {
          id: nonEmpty, at: time, ref: str, previousRef: str, environment: str, service: str, region: str,
          commits: {
            type: 'array',
            items: {
              type: 'object',
              required: ['sha'],
              properties: {
                sha: nonEmpty, author: str, message: str, at: time,
                files: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['path', 'status'],
                    properties: {
                      path: nonEmpty, status: { enum: ['added', 'modified', 'deleted', 'renamed'] },
                      previousPath: str, patch: str,
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    tickets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title'],
        properties: {
          id: nonEmpty, source: str, title: str, body: str, openedAt: time, resolvedAt: time, resolution: str,
          labels: { type: 'array', items: str }, service: str,
        },
      },
    },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'at', 'kind'],
        properties: { id: nonEmpty, at: time, kind: str, description: str, service: str, region: str },
      },
    },
    slos: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'objective'],
        properties: {
          name: str, objective: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
          windowDays: { type: 'number', exclusiveMinimum: 0 }, badMetricId: str, totalMetricId: str, ratioMetricId: str,
        },
      },
    },
    logInsights: {
      type: 'array',
      items: {
        type: 'object',
        required: ['group', 'binSeconds', 'errorRegex', 'bins', 'patterns'],
        properties: {
          group: nonEmpty, region: str, binSeconds: { type: 'number', exclusiveMinimum: 0 }, errorRegex: str,
          bins: {
            type: 'array',
            items: {
              type: 'object',
              required: ['at', 'total', 'errors'],
              properties: { at: time, total: { type: 'number', minimum: 0 }, errors: { type: 'number', minimum: 0 } },
            },
          },
          patterns: {
            type: 'array',
            items: {
              type: 'object',
              required: ['pattern', 'count'],
              properties: {
                pattern: str, count: { type: 'number', minimum: 0 }, ratio: { type: 'number', minimum: 0, maximum: 1 },
                severity: str, sample: str, firstSeen: time,
              },
            },
          },
        },
      },
    },
    logSamples: {
      type: 'array',
      items: {
        type: 'object',
        required: ['group', 'events', 'cap', 'capped'],
        properties: { group: nonEmpty, events: { type: 'integer', minimum: 0 }, cap: { type: 'integer', minimum: 0 }, capped: { type: 'boolean' } },
      },
    },
    gaps: { type: 'array', items: str },
  },
} as const;
