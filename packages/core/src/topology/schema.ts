/**
 * JSON Schema (draft-07) of the topology, pipeline and networking documents. The same object is
 * published as `packages/core/schema/topology.schema.json` (a test keeps the two identical), so editors
 * can use it for completion while the linter stays bundle-friendly (no file read at run time).
 */
const scalar = { type: ['string', 'number', 'boolean'] };
const str = { type: 'string' };
const strOrNum = { type: ['string', 'number'] };
const strList = { type: 'array', items: { type: 'string' } };

export const topologySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kubectl-mc.dev/schema/topology.schema.json',
  title: 'kubectl-mc topology, pipeline and networking documents',
  type: 'object',
  properties: {
    topology: { $ref: '#/definitions/topology' },
    pipeline: { $ref: '#/definitions/pipeline' },
    networking: { $ref: '#/definitions/networking' },
  },
  additionalProperties: false,
  definitions: {
    topology: {
      type: 'object',
      required: ['clusters'],
      properties: {
        clusters: { type: 'array', items: { $ref: '#/definitions/cluster' } },
        traffic_routing: {
          type: 'object',
          properties: { strategy: str, failover: str },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    cluster: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        context: {
          type: 'string',
          minLength: 1,
          description: 'kubeconfig context name (default: the cluster name)',
        },
        region: str,
        environment: str,
        purpose: str,
        workloads: strList,
        ingress: str,
        size: str,
        auto_scaling: scalar,
        cost_optimization: str,
        configuration_parity: str,
        high_availability: { type: ['boolean', 'string'] },
        backup_strategy: str,
        backup: { type: ['string', 'object', 'boolean'] },
        node_type: str,
        scaling: str,
        storage: { type: ['string', 'object'] },
        interruption_handling: str,
        labels: { type: 'object', additionalProperties: scalar },
        compliance: strList,
        jurisdiction: str,
        vpc: str,
        cidr: str,
        pod_cidr: str,
        service_cidr: str,
      },
      additionalProperties: false,
    },
    pipeline: {
      type: 'object',
      required: ['stages'],
      properties: { stages: { type: 'array', items: { $ref: '#/definitions/stage' } } },
      additionalProperties: false,
    },
    stage: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        cluster: str,
        clusters: { type: 'array', items: str, minItems: 1 },
        traffic: strOrNum,
        parallel: { type: 'boolean' },
        approval: { enum: ['manual', 'auto'] },
        validation: {
          type: 'object',
          properties: {
            error_rate_threshold: strOrNum,
            latency_p99_threshold: strOrNum,
            duration: strOrNum,
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    networking: {
      type: 'object',
      properties: {
        vpc_peers: {
          type: 'array',
          items: {
            type: 'object',
            required: ['source', 'destination'],
            properties: { source: str, destination: str, routing: str },
            additionalProperties: false,
          },
        },
        vpcs: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: { cidr: str, cluster: str, region: str },
            additionalProperties: false,
          },
        },
        network_policy: {
          type: 'object',
          properties: {
            podSelector: { type: 'object' },
            policyTypes: strList,
            ingress: { type: 'array', items: { type: 'object' } },
            egress: { type: 'array', items: { type: 'object' } },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  },
} as const;
