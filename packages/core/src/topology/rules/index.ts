/**
 * The rule registry: an explicit array. Add a rule by adding its import line and its array entry
 * (keep one rule per file in this folder, with docs/rules/<id>.md and good/bad fixtures).
 */
import type { Rule } from '../types.js';
import { rule as yamlSyntax } from './yaml-syntax.js';
import { rule as duplicateCluster } from './duplicate-cluster.js';
import { rule as duplicateKey } from './duplicate-key.js';
import { rule as schema } from './schema.js';
import { rule as unknownCluster } from './unknown-cluster.js';
import { rule as failoverNeedsRegions } from './failover-needs-regions.js';
import { rule as workloadParity } from './workload-parity.js';
import { rule as invalidHostname } from './invalid-hostname.js';
import { rule as productionHa } from './production-ha.js';
import { rule as spotInterruption } from './spot-interruption.js';
import { rule as statefulBackup } from './stateful-backup.js';
import { rule as dataResidency } from './data-residency.js';
import { rule as missingContext } from './missing-context.js';

export const rules: Rule[] = [
  yamlSyntax,
  duplicateKey,
  schema,
  duplicateCluster,
  unknownCluster,
  failoverNeedsRegions,
  workloadParity,
  invalidHostname,
  productionHa,
  spotInterruption,
  statefulBackup,
  dataResidency,
  missingContext,
];
