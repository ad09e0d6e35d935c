/**
 * The rule registry: an explicit array. Add a rule by adding its import line and its array entry
 * (keep one rule per file in this folder, with docs/rules/<id>.md, good/bad fixtures and
 * test/topology/rules/<id>.test.ts; docs/rules/README.md says what each needs).
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
import { rule as invalidDuration } from './invalid-duration.js';
import { rule as invalidPercentage } from './invalid-percentage.js';
import { rule as duplicateStage } from './duplicate-stage.js';
import { rule as rolloutBlastRadius } from './rollout-blast-radius.js';
import { rule as stageWithoutValidation } from './stage-without-validation.js';
import { rule as parallelProduction } from './parallel-production.js';
import { rule as uncoveredCluster } from './uncovered-cluster.js';
import { rule as kubefedApiGroup } from './kubefed-api-group.js';
import { rule as overridePath } from './override-path.js';
import { rule as overrideNotPlaced } from './override-not-placed.js';
import { rule as imageVersionMismatch } from './image-version-mismatch.js';
import { rule as trustDomainMismatch } from './trust-domain-mismatch.js';
import { rule as meshNetworkMissing } from './mesh-network-missing.js';
import { rule as gatewayTls } from './gateway-tls.js';
import { rule as serviceEntry } from './service-entry.js';
import { rule as cidrOverlap } from './cidr-overlap.js';
import { rule as peerSelf } from './peer-self.js';
import { rule as unknownVpc } from './unknown-vpc.js';
import { rule as corefileSyntax } from './corefile-syntax.js';
import { rule as dnsForward } from './dns-forward.js';
import { rule as dnsCacheTtl } from './dns-cache-ttl.js';
import { rule as federateMatch } from './federate-match.js';
import { rule as federateHonorLabels } from './federate-honor-labels.js';
import { rule as federateClusterLabel } from './federate-cluster-label.js';
import { rule as unmonitoredCluster } from './unmonitored-cluster.js';
import { rule as duplicateJob } from './duplicate-job.js';

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
  // pipeline, KubeFed, Istio, networking, CoreDNS and Prometheus rules
  invalidDuration,
  invalidPercentage,
  duplicateStage,
  rolloutBlastRadius,
  stageWithoutValidation,
  parallelProduction,
  uncoveredCluster,
  kubefedApiGroup,
  overridePath,
  overrideNotPlaced,
  imageVersionMismatch,
  trustDomainMismatch,
  meshNetworkMissing,
  gatewayTls,
  serviceEntry,
  cidrOverlap,
  peerSelf,
  unknownVpc,
  corefileSyntax,
  dnsForward,
  dnsCacheTtl,
  federateMatch,
  federateHonorLabels,
  federateClusterLabel,
  unmonitoredCluster,
  duplicateJob,
];
