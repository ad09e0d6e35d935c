// KubeFed's FederatedDeployment CRD, printed as a CRD without printer columns is.
import { age } from './cells.js';
import { col, CREATED_DOC, NAME_DOC } from './columns.js';
import type { ResourceDef } from './types.js';

export const FEDERATED_DEPLOYMENTS: ResourceDef = {
  group: 'types.kubefed.io',
  version: 'v1beta1',
  plural: 'federateddeployments',
  singular: 'federateddeployment',
  kind: 'FederatedDeployment',
  namespaced: true,
  shortNames: ['fdeploy'],
  categories: ['federated'],
  verbs: ['get', 'list', 'watch'],
  // The CRD default printer: Name plus an Age column of type date, converted to a human duration.
  columns: [col('Name', 'string', NAME_DOC, 0, 'name'), col('Age', 'date', CREATED_DOC)],
  cells: (o, now) => [o.metadata.name, age(o, now)],
};
