/**
 * The application the pipeline-run tests roll out: namespace `shop`, Deployment and Service `web`, and the
 * mesh objects a platform team keeps beside them (a DestinationRule with a `stable` subset and a
 * VirtualService sending all of `web`'s traffic to it). A release is the Deployment and the Service with a
 * new image tag; the simulator treats an image containing `-bad` as a bad release.
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';

export const BAD = '-bad';

export function release(tag: string, replicas = 2): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.example/shop/web:${tag}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: 8080
`;
}

export const MESH = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: web
  namespace: shop
spec:
  host: web.shop.svc.cluster.local
  subsets:
  - name: stable
    labels: {app: web}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: shop
spec:
  hosts: [web]
  http:
  - route:
    - destination: {host: web, subset: stable}
      weight: 100
`;

export const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

/** The whole first install (namespace, release, mesh), written to `dir/base.yaml`; returns its path. */
export async function writeBase(dir: string, tag: string): Promise<string> {
  const file = path.join(dir, 'base.yaml');
  await writeFile(file, `${NAMESPACE}---\n${release(tag)}---\n${MESH}`);
  return file;
}

/** A pipeline like the seed's regional one, with a manual approval on the stage named `approve`. */
export function pipelineYaml(opts: { approve?: string } = {}): string {
  const manual = (name: string) => (opts.approve === name ? '\n      approval: manual' : '');
  return `# Progressive deployment pipeline
pipeline:
  stages:
    - name: deploy-canary
      cluster: us-east-prod
      traffic: 5%${manual('deploy-canary')}
      validation:
        error_rate_threshold: 0.1%
        latency_p99_threshold: 500ms
        duration: 15m
    - name: deploy-primary-region
      cluster: us-east-prod
      traffic: 100%${manual('deploy-primary-region')}
      validation:
        error_rate_threshold: 0.1%
        duration: 30m
    - name: deploy-secondary-regions
      clusters: [eu-west-prod, ap-south-prod]
      parallel: false${manual('deploy-secondary-regions')}
      validation:
        error_rate_threshold: 0.1%
        duration: 15m
`;
}
