// The commented starting point for .incident-lens.yaml. Pure text; a unit test loads it with loadConfig.

export function configTemplate(opts: { service?: string; awsProfile?: string; region?: string; owner?: string; repo?: string } = {}): string {
  const service = (opts.service ?? 'my-service').replace(/[^\w.-]/g, '-') || 'my-service';
  return `# Incident Lens team configuration. Commit it so everyone on call reads the same sources.
# Every section but "service" is optional: what is missing is reported as a gap, never guessed.
version: 1
service: ${service}

# observe: read-only. advise: every write (PR, rollback) is shown and confirmed first.
mode: advise

aws:
  # A profile from ~/.aws/config; remove the line to use the default credential chain.
  profile: ${opts.awsProfile ?? 'default'}
  regions: [${opts.region ?? 'us-east-1'}]
  # Alarms whose names start with these prefixes belong to this service.
  alarms:
    prefixes: [${service}]
  logGroups:
    - /aws/lambda/${service}

github:
  # The service repository; deploys are read from it.
  owner: ${opts.owner ?? 'my-org'}
  repo: ${opts.repo ?? service}

deploys:
  # github-deployments, tags or merges.
  from: tags
  tagPattern: "v*"

# Where stack-trace paths live in this repository (deployed path prefix → repository path).
pathMappings:
  - from: /var/task/
    to: ""
`;
}
