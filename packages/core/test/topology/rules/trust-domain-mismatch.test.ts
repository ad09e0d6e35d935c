import { fixture, ruleTester } from './_harness.js';

const op = (cluster: string, trustDomain: string, alias?: string) =>
  `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    global:\n      multiCluster:\n        clusterName: ${cluster}\n      network: ${cluster}-net\n  meshConfig:\n    trustDomain: ${trustDomain}\n${alias ? `    trustDomainAliases: [${alias}]\n` : ''}`;

/** An operator of a mesh (values.global.meshID). */
const meshOp = (mesh: string, cluster: string, trustDomain: string) =>
  `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  meshConfig:\n    trustDomain: ${trustDomain}\n  values:\n    global:\n      meshID: ${mesh}\n      multiCluster:\n        clusterName: ${cluster}\n`;

describe('rule trust-domain-mismatch', () => {
  ruleTester('trust-domain-mismatch', {
    valid: [
      { name: 'good fixture: one trust domain across clusters', ...fixture('trust-domain-mismatch', 'good') },
      {
        name: 'different domains that alias each other (a migration)',
        files: [
          { path: 'a.yaml', text: op('c1', 'old.example.com', 'new.example.com') },
          { path: 'b.yaml', text: op('c2', 'new.example.com', 'old.example.com') },
        ],
      },
      {
        name: 'two operators of the same cluster are not compared',
        files: [
          { path: 'a.yaml', text: op('c1', 'a.com') },
          { path: 'b.yaml', text: op('c1', 'b.com') },
        ],
      },
    ],
    invalid: [
      {
        name: 'two clusters of one meshID with different trust domains (other meshes aside)',
        files: [
          { path: 'a.yaml', text: meshOp('m1', 'c1', 'one.example.com') },
          { path: 'b.yaml', text: meshOp('m1', 'c2', 'two.example.com') },
          { path: 'c.yaml', text: meshOp('m2', 'c3', 'three.example.com') },
        ],
        errors: [
          {
            file: 'b.yaml',
            message:
              'trust domain "two.example.com" of cluster "c2" differs from "one.example.com" of cluster "c1" (a.yaml:5), so mTLS between them fails; use one trust domain for the whole mesh.',
            line: 5,
            column: 18,
          },
        ],
      },
      {
        name: 'bad fixture: operators of other clusters with another trust domain, pointing at the first',
        ...fixture('trust-domain-mismatch', 'bad'),
        errors: [
          {
            message:
              'trust domain "cluster.local" (Istio\'s default: no meshConfig.trustDomain) of cluster "ap-south-prod" differs from "example.com" of cluster "us-east-prod" (operators.yaml:10), so mTLS between them fails; use one trust domain for the whole mesh.',
            line: 14,
            column: 1,
            endColumn: 5,
            related: [
              { line: 10, column: 18, message: 'trust domain "example.com" of cluster "us-east-prod"' },
            ],
          },
          {
            message:
              'trust domain "eu.example.com" of cluster "eu-west-prod" differs from "example.com" of cluster "us-east-prod" (operators.yaml:10), so mTLS between them fails; use one trust domain for the whole mesh.',
            line: 30,
            column: 18,
            endColumn: 32,
            related: [
              { line: 10, column: 18, message: 'trust domain "example.com" of cluster "us-east-prod"' },
            ],
          },
        ],
      },
      {
        name: 'an alias on one side only',
        files: [
          { path: 'a.yaml', text: op('c1', 'old.example.com', 'new.example.com') },
          { path: 'b.yaml', text: op('c2', 'new.example.com', 'x.example.com') },
        ],
        errors: [
          {
            message:
              'trust domain "new.example.com" of cluster "c2" differs from "old.example.com" of cluster "c1" (a.yaml:10), so mTLS between them fails; use one trust domain for the whole mesh.',
            file: 'b.yaml',
            line: 10,
            column: 18,
            endColumn: 33,
            related: [{ file: 'a.yaml', line: 10, column: 18 }],
          },
        ],
      },
    ],
  });
});
