import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Namespace, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/project-root.js';
import { startBridge, type TestBridge } from '../support/bridge.js';
import { kustomizeBuild, type Resource } from '../support/kustomize.js';

const KIT = join(projectRoot, 'deploy/kubernetes');

/** The official Kubernetes OpenAPI schemas, as compiled validators (kubernetes-models). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Variable names in the README's configuration table (the contract test keeps it equal to config.ts). */
function documentedVariables(): Set<string> {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  return new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!));
}

const find = (resources: Resource[], kind: string): Resource => {
  const found = resources.filter((r) => r['kind'] === kind);
  expect(found, kind).to.have.length(1);
  return found[0]!;
};

function envOf(container: Resource): Map<string, Resource> {
  return new Map((container['env'] as Resource[]).map((e) => [e['name'] as string, e]));
}

for (const [label, dir] of [
  ['base', 'base'],
  ['example overlay', 'overlays/example'],
] as const) {
  describe(`Kubernetes manifests: ${label} (deploy/kubernetes/${dir})`, () => {
    const resources = kustomizeBuild(join(KIT, dir));
    const deployment = find(resources, 'Deployment');
    const pod = deployment['spec']['template']['spec'] as Resource;
    const container = (pod['containers'] as Resource[])[0]!;
    const env = envOf(container);

    it('when built, then every resource validates against the official Kubernetes schema of its kind', () => {
      expect(resources.map((r) => r['kind'])).to.include.members([
        'Deployment',
        'Service',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
      ]);
      for (const r of resources) {
        const Model = MODELS[`${r['apiVersion']}/${r['kind']}`];
        expect(Model, `no schema for ${r['apiVersion']} ${r['kind']}`).to.not.equal(undefined);
        expect(() => new Model!(r as never).validate(), `${r['kind']} ${r['metadata']?.['name']}`).to.not.throw();
      }
    });

    it("when the pod runs, then its probes use the bridge's real /ready and /health on the port the bridge listens on", async () => {
      const port = container['ports'].find((p: Resource) => p['name'] === 'http');
      expect(port?.['containerPort']).to.equal(loadConfig({}).port);
      expect(Number(env.get('PORT')?.['value'] ?? loadConfig({}).port)).to.equal(port['containerPort']);
      expect(container['readinessProbe']['httpGet']).to.deep.equal({ path: '/ready', port: 'http' });
      expect(container['livenessProbe']['httpGet']).to.deep.equal({ path: '/health', port: 'http' });
      expect(container['startupProbe']['httpGet']['path']).to.equal('/health');
      const bridge: TestBridge = await startBridge();
      try {
        for (const path of ['/ready', '/health']) expect((await fetch(bridge.url + path)).status, path).to.equal(200);
        // And readiness is the probe that turns during shutdown (src/server.ts).
        bridge.lifecycle.accepting = false;
        expect((await fetch(bridge.url + '/ready')).status).to.equal(503);
        expect((await fetch(bridge.url + '/health')).status).to.equal(200);
      } finally {
        await bridge.close();
      }
    });

    it('when the container is configured, then every variable is one the bridge documents and reads, each with a valid value', () => {
      const documented = documentedVariables();
      for (const name of env.keys()) expect(documented.has(name), `${name} is not in the README configuration table`).to.equal(true);
      const plain = Object.fromEntries([...env.values()].filter((e) => 'value' in e).map((e) => [e['name'], String(e['value'])]));
      // The values given would start the bridge (loadConfig throws on any bad one), with a token as the Secret would give it.
      const config = loadConfig({ ...plain, BRIDGE_TOKEN: 'a-token-of-enough-length-0123' });
      expect(config.nodeEnv).to.equal('production');
      expect(config.demoCrm).to.equal(false);
    });

    it('when BRIDGE_TOKEN is set, then it comes from a Secret, never a literal value', () => {
      const token = env.get('BRIDGE_TOKEN');
      expect(token?.['valueFrom']?.['secretKeyRef']).to.deep.equal({ name: 'talkdesk-crm-bridge', key: 'bridge-token' });
      expect(token).to.not.have.property('value');
      expect(resources.map((r) => r['kind'])).to.not.include('Secret');
    });

    it('when the pod is told to stop, then the grace period covers the shutdown delay plus the drain, with a margin', () => {
      const delayMs = Number(env.get('SHUTDOWN_DELAY_MS')?.['value'] ?? 0);
      const graceMs = Number(env.get('SHUTDOWN_GRACE_MS')?.['value'] ?? loadConfig({}).shutdownGraceMs);
      expect(delayMs, 'SHUTDOWN_DELAY_MS keeps serving while endpoints update').to.be.above(0);
      expect(pod['terminationGracePeriodSeconds'] * 1000).to.be.at.least(delayMs + graceMs + 5000);
      // The delay lives in the bridge; a preStop sleep on top would eat into the same grace period.
      expect(container['lifecycle']?.['preStop']).to.equal(undefined);
      // The readiness probe notices the 503 well within the delay.
      const probe = container['readinessProbe'];
      expect(probe['periodSeconds'] * probe['failureThreshold'] * 1000).to.be.at.most(delayMs);
    });

    it('when scheduled, then it runs as non-root on a read-only root filesystem, without privileges, with requests and limits', () => {
      expect(pod['securityContext']).to.include({ runAsNonRoot: true });
      expect(pod['securityContext']['runAsUser']).to.be.above(0);
      expect(pod['automountServiceAccountToken']).to.equal(false);
      expect(container['securityContext']).to.include({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(container['securityContext']['capabilities']['drop']).to.deep.equal(['ALL']);
      for (const kind of ['requests', 'limits']) {
        expect(container['resources'][kind], kind).to.have.keys(['cpu', 'memory']);
      }
    });

    it('when the Service, the autoscaler and the disruption budget select, then they select exactly the Deployment', () => {
      const podLabels = deployment['spec']['template']['metadata']['labels'] as Record<string, string>;
      expect(podLabels).to.include(deployment['spec']['selector']['matchLabels']);
      const service = find(resources, 'Service');
      expect(service['spec']['selector']).to.deep.equal(deployment['spec']['selector']['matchLabels']);
      expect(container['ports'].map((p: Resource) => p['name'])).to.include(service['spec']['ports'][0]['targetPort']);
      const pdb = find(resources, 'PodDisruptionBudget');
      expect(pdb['spec']['selector']['matchLabels']).to.deep.equal(deployment['spec']['selector']['matchLabels']);
      const hpa = find(resources, 'HorizontalPodAutoscaler');
      expect(hpa['spec']['scaleTargetRef']).to.deep.equal({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: deployment['metadata']['name'],
      });
      expect(hpa['spec']['metrics']).to.deep.include({
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      });
      expect(hpa['spec']['minReplicas']).to.be.at.least(2);
      // A budget of one unavailable leaves the minimum of replicas serving during a drain.
      expect(pdb['spec']['maxUnavailable']).to.equal(1);
    });
  });
}

describe('Kubernetes manifests: the example overlay over the base', () => {
  const resources = kustomizeBuild(join(KIT, 'overlays/example'));

  it('when built, then every namespaced resource is in its namespace, the image is its own and its settings are added', () => {
    for (const r of resources.filter((x) => x['kind'] !== 'Namespace'))
      expect(r['metadata']['namespace'], r['kind']).to.equal('talkdesk-bridge');
    expect(find(resources, 'Namespace')['metadata']['name']).to.equal('talkdesk-bridge');
    const container = find(resources, 'Deployment')['spec']['template']['spec']['containers'][0];
    expect(container['image']).to.equal('registry.example.com/talkdesk-crm-bridge:0.1.0');
    expect(envOf(container).get('OTEL_EXPORTER_OTLP_ENDPOINT')?.['value']).to.match(/^http:\/\/.+:4318$/);
    expect(find(resources, 'HorizontalPodAutoscaler')['spec']).to.include({ minReplicas: 3, maxReplicas: 20 });
  });

  it('when a patch names a path the base does not have, then the build fails rather than skipping it', () => {
    expect(() => kustomizeBuild(join(projectRoot, 'test/fixtures/kustomize/broken-patch'))).to.throw(/does not exist|no such/);
  });
});
