#!/usr/bin/env bash
# Renders the Helm chart with its defaults and with every option on, then checks each manifest: parseable YAML,
# known kind/apiVersion, valid names, selectors that match, probes, non-root read-only containers, hook Job.
# Uses `helm lint` + `helm template` when Helm is installed, otherwise deploy/helm/render.mjs (a renderer for the
# template subset the chart uses). Prints one line per rendering; exits non-zero on the first problem.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CHART="$HERE/targetvision"
PKG="$REPO/tests/containers"
if [ ! -d "$PKG/node_modules/yaml" ]; then (cd "$PKG" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); fi
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

render() {  # render NAME [values files...]
  local name=$1; shift
  if command -v helm >/dev/null 2>&1; then
    local args=(); for f in "$@"; do args+=(-f "$f"); done
    helm lint "$CHART" "${args[@]}" >/dev/null
    helm template tv "$CHART" --namespace targetvision "${args[@]}" >"$out/$name.yaml"
  else
    TV_PACKAGE_DIR="$PKG" node "$HERE/render.mjs" "$CHART" "$@" >"$out/$name.yaml"
  fi
}

render defaults
render full "$HERE/test-values-full.yaml"
# One ConfigMap value and one Secret value changed: each must change its own checksum annotation (and only it).
printf 'app:\n  publicBaseUrl: https://changed.example.com\n' >"$out/config.values.yaml"
printf 'secrets:\n  adminPassword: a-changed-password\n' >"$out/secret.values.yaml"
render config-changed "$out/config.values.yaml"
render secret-changed "$out/secret.values.yaml"

TV_PACKAGE_DIR="$PKG" node --input-type=module - "$out/defaults.yaml" "$out/full.yaml" <<'JS'
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
const YAML = createRequire(join(resolve(process.env.TV_PACKAGE_DIR), 'x.js'))('yaml');
const apiVersions = {
  ConfigMap: 'v1', Secret: 'v1', Service: 'v1', ServiceAccount: 'v1', Deployment: 'apps/v1', Job: 'batch/v1',
  Ingress: 'networking.k8s.io/v1', NetworkPolicy: 'networking.k8s.io/v1', PodDisruptionBudget: 'policy/v1', HorizontalPodAutoscaler: 'autoscaling/v2',
};
const expected = {
  // One backend replica by default (the AI rate limit is per replica): no backend PDB, which would block drains.
  defaults: ['ConfigMap', 'Deployment', 'Deployment', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'PodDisruptionBudget', 'Secret', 'Service', 'Service', 'ServiceAccount'],
  full: ['ConfigMap', 'Deployment', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'PodDisruptionBudget', 'Service', 'Service', 'ServiceAccount'],
};
const dns1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const fail = (msg) => { console.error(`helm render: ${msg}`); process.exit(1); };
const matches = (selector, labels) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);

for (const file of process.argv.slice(2)) {
  const name = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8'));
  const objs = [];
  for (const d of docs) {
    if (d.errors.length) fail(`${name}: YAML error ${d.errors[0].message}`);
    const o = d.toJS();
    if (o) objs.push(o);
  }
  const kinds = objs.map((o) => o.kind).sort();
  if (JSON.stringify(kinds) !== JSON.stringify(expected[name])) fail(`${name}: kinds ${kinds} != ${expected[name]}`);
  const byKind = (k) => objs.filter((o) => o.kind === k);
  for (const o of objs) {
    if (apiVersions[o.kind] !== o.apiVersion) fail(`${name}: ${o.kind} has apiVersion ${o.apiVersion}`);
    const n = o.metadata?.name;
    if (!n || n.length > 63 || !dns1123.test(n)) fail(`${name}: bad name ${n} on ${o.kind}`);
    if (!o.metadata.labels?.['app.kubernetes.io/instance']) fail(`${name}: ${o.kind}/${n} lacks standard labels`);
  }
  for (const o of [...byKind('Deployment'), ...byKind('Job')]) {
    const pod = o.spec.template.spec;
    if (o.kind === 'Deployment' && !matches(o.spec.selector.matchLabels, o.spec.template.metadata.labels)) fail(`${name}: ${o.metadata.name} selector does not match its pods`);
    if (pod.securityContext?.runAsNonRoot !== true) fail(`${name}: ${o.metadata.name} pods may run as root`);
    const vols = new Set((pod.volumes ?? []).map((v) => v.name));
    for (const c of pod.containers) {
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true || sc.allowPrivilegeEscalation !== false || !sc.capabilities?.drop?.includes('ALL')) fail(`${name}: ${c.name} is not locked down`);
      if (!c.image || !/:[^:/]+$/.test(c.image)) fail(`${name}: ${c.name} image ${c.image} has no tag`);
      if (!c.resources?.limits?.memory || !c.resources?.requests?.cpu) fail(`${name}: ${c.name} lacks resources`);
      if (o.kind === 'Deployment' && (!c.livenessProbe || !c.readinessProbe)) fail(`${name}: ${c.name} lacks probes`);
      for (const m of c.volumeMounts ?? []) if (!vols.has(m.name)) fail(`${name}: ${c.name} mounts unknown volume ${m.name}`);
      if (!(c.volumeMounts ?? []).some((m) => m.mountPath === '/tmp')) fail(`${name}: ${c.name} has no writable /tmp`);
    }
  }
  const backend = byKind('Deployment').find((d) => d.metadata.name.endsWith('-backend'));
  if (backend.spec.template.spec.containers[0].readinessProbe.httpGet.path !== '/health/ready') fail(`${name}: backend readiness is not /health/ready`);
  if (name === 'defaults' && backend.spec.replicas !== 2) fail(`${name}: backend should default to two replicas (the AI rate limit is shared in PostgreSQL)`);
  if (name === 'defaults' && !byKind('PodDisruptionBudget').some((p) => p.metadata.name.endsWith('-backend'))) fail(`${name}: two replicas need the backend PodDisruptionBudget`);
  const podAnnotations = backend.spec.template.metadata.annotations ?? {};
  if (!/^[0-9a-f]{64}$/.test(podAnnotations['checksum/config'] ?? '')) fail(`${name}: backend pods lack checksum/config`);
  if (name === 'defaults' && !/^[0-9a-f]{64}$/.test(podAnnotations['checksum/secret'] ?? '')) fail(`${name}: backend pods lack checksum/secret`);
  if (name === 'full' && 'checksum/secret' in podAnnotations) fail(`${name}: an existing Secret cannot be hashed by the chart`);
  if (name === 'full' && podAnnotations['example.com/team'] !== 'photos') fail(`${name}: podAnnotations lost next to the checksums`);
  if (name === 'full' && 'replicas' in backend.spec) fail(`${name}: replicas must be left to the HPA`);
  const job = byKind('Job')[0];
  if (!/pre-upgrade/.test(job.metadata.annotations?.['helm.sh/hook'] ?? '')) fail(`${name}: migration Job is not a pre-upgrade hook`);
  if (JSON.stringify(job.spec.template.spec.containers[0].args) !== '["migrate"]') fail(`${name}: Job does not run migrate`);
  for (const s of byKind('Service')) {
    if (!byKind('Deployment').some((d) => matches(s.spec.selector, d.spec.template.metadata.labels))) fail(`${name}: Service ${s.metadata.name} selects no pods`);
  }
  for (const p of byKind('PodDisruptionBudget')) {
    if (!byKind('Deployment').some((d) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels))) fail(`${name}: PDB ${p.metadata.name} selects no pods`);
  }
  const services = new Set(byKind('Service').map((s) => s.metadata.name));
  for (const ing of byKind('Ingress')) for (const r of ing.spec.rules) for (const p of r.http.paths) {
    if (!services.has(p.backend.service.name)) fail(`${name}: Ingress points at unknown Service ${p.backend.service.name}`);
  }
  const cm = byKind('ConfigMap')[0];
  if (Object.values(cm.data).some((v) => typeof v !== 'string')) fail(`${name}: ConfigMap values must be strings`);
  const secretName = backend.spec.template.spec.volumes.find((v) => v.name === 'secrets').secret.secretName;
  if (name === 'full' && secretName !== 'targetvision-secrets') fail(`${name}: existingSecret not used`);
  // NetworkPolicy: every Deployment and the Job are selected; the backend's app port admits only the web pods, its
  // metrics port only the configured scrapers; web may reach only DNS and the backend.
  const policies = byKind('NetworkPolicy');
  for (const o of [...byKind('Deployment'), ...byKind('Job')]) {
    if (!policies.some((p) => matches(p.spec.podSelector.matchLabels, o.spec.template.metadata.labels))) fail(`${name}: no NetworkPolicy selects ${o.metadata.name}`);
  }
  const web = byKind('Deployment').find((d) => d.metadata.name.endsWith('-web'));
  const backendPolicy = policies.find((p) => matches(p.spec.podSelector.matchLabels, backend.spec.template.metadata.labels));
  const appRules = backendPolicy.spec.ingress.filter((r) => r.ports.some((p) => p.port === 8080));
  if (appRules.length !== 1 || appRules[0].from.length !== 1 || !matches(appRules[0].from[0].podSelector.matchLabels, web.spec.template.metadata.labels)
    || Object.keys(appRules[0].from[0]).length !== 1) fail(`${name}: backend port 8080 must admit only the web pods`);
  const metricsRules = backendPolicy.spec.ingress.filter((r) => r.ports.some((p) => p.port === 9090));
  if (name === 'defaults' && metricsRules.length !== 0) fail(`${name}: metrics port open without networkPolicy.metricsFrom`);
  if (name === 'full' && (metricsRules.length !== 1 || !metricsRules[0].from?.length)) fail(`${name}: metricsFrom not applied`);
  const webPolicy = policies.find((p) => matches(p.spec.podSelector.matchLabels, web.spec.template.metadata.labels));
  const webTargets = webPolicy.spec.egress.filter((r) => r.to);
  if (webTargets.length !== 1 || !matches(webTargets[0].to[0].podSelector.matchLabels, backend.spec.template.metadata.labels)) fail(`${name}: web egress must be limited to the backend`);
  if (webPolicy.spec.egress.some((r) => !r.to && r.ports.some((p) => p.port !== 53))) fail(`${name}: web egress open beyond DNS`);
  if (Object.values(cm.data).includes('10.0.0.0/8')) fail(`${name}: 10.0.0.0/8 trusted for forwarded headers`);
  if (cm.data.ASPNETCORE_HTTP_PORTS !== '8080;9090' || cm.data.Metrics__ManagementPort !== '9090') fail(`${name}: metrics not on the management port`);
  const keyringMounted = backend.spec.template.spec.containers[0].volumeMounts.some((m) => m.name === 'keyring');
  if (name === 'full' && (!keyringMounted || cm.data.DataProtection__CertificatePath !== '/run/secrets/targetvision-keyring/keyring.pfx')) fail(`${name}: key-ring secret not mounted`);
  if (name === 'defaults' && keyringMounted) fail(`${name}: key-ring mounted without a secret`);
  if (name === 'full' && web.spec.template.spec.containers[0].env.find((e) => e.name === 'TRUSTED_PROXY_CIDRS')?.value !== '10.42.0.0/16') fail(`${name}: web.trustedProxyCidrs not passed to nginx`);
  console.log(`helm render ${name}: ${objs.length} manifests (${[...new Set(kinds)].join(', ')}) ok`);
}
JS

TV_PACKAGE_DIR="$PKG" node --input-type=module - "$out" <<'JS'
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
const YAML = createRequire(join(resolve(process.env.TV_PACKAGE_DIR), 'x.js'))('yaml');
const dir = process.argv[2];
const sums = (name) => {
  const backend = YAML.parseAllDocuments(readFileSync(join(dir, `${name}.yaml`), 'utf8')).map((d) => d.toJS())
    .find((o) => o?.kind === 'Deployment' && o.metadata.name.endsWith('-backend'));
  const a = backend.spec.template.metadata.annotations;
  return { config: a['checksum/config'], secret: a['checksum/secret'] };
};
const base = sums('defaults'), config = sums('config-changed'), secret = sums('secret-changed');
const fail = (msg) => { console.error(`helm render: ${msg}`); process.exit(1); };
if (config.config === base.config || config.secret !== base.secret) fail('a ConfigMap change must change checksum/config only');
if (secret.secret === base.secret || secret.config !== base.config) fail('a Secret change must change checksum/secret only');
console.log('helm render checksums: a ConfigMap change and a Secret change each roll the backend pods');
JS
