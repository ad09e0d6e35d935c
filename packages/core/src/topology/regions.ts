/** Cloud region → geography (AWS, GCP and Azure naming), for residency checks. */
export type Geo = 'eu' | 'us' | 'apac' | 'other';

const AZURE: Record<string, Geo> = {};
for (const r of [
  'westeurope',
  'northeurope',
  'francecentral',
  'francesouth',
  'germanywestcentral',
  'germanynorth',
  'swedencentral',
  'swedensouth',
  'italynorth',
  'polandcentral',
  'spaincentral',
  'belgiumcentral',
  'austriaeast',
  'denmarkeast',
  'norwayeast',
  'norwaywest',
  'switzerlandnorth',
  'switzerlandwest',
  'uksouth',
  'ukwest',
])
  AZURE[r] = 'eu';
for (const r of [
  'eastus',
  'eastus2',
  'westus',
  'westus2',
  'westus3',
  'centralus',
  'northcentralus',
  'southcentralus',
  'westcentralus',
  'usgovvirginia',
  'usgovarizona',
  'usgovtexas',
])
  AZURE[r] = 'us';
for (const r of [
  'eastasia',
  'southeastasia',
  'japaneast',
  'japanwest',
  'koreacentral',
  'koreasouth',
  'centralindia',
  'southindia',
  'westindia',
  'jioindiawest',
  'jioindiacentral',
  'australiaeast',
  'australiasoutheast',
  'australiacentral',
  'australiacentral2',
  'newzealandnorth',
  'indonesiacentral',
  'malaysiawest',
  'taiwannorth',
])
  AZURE[r] = 'apac';

/** AWS/GCP prefixes, longest first. */
const PREFIXES: [string, Geo][] = [
  ['us-gov-', 'us'],
  ['northamerica-', 'other'],
  ['southamerica-', 'other'],
  ['australia-', 'apac'],
  ['europe-', 'eu'],
  ['africa-', 'other'],
  ['asia-', 'apac'],
  ['eu-', 'eu'],
  ['us-', 'us'],
  ['ap-', 'apac'],
  ['ca-', 'other'],
  ['sa-', 'other'],
  ['me-', 'other'],
  ['af-', 'other'],
  ['il-', 'other'],
  ['mx-', 'other'],
  ['cn-', 'other'],
];

/** The geography of a region name, or undefined when the name is not recognised. */
export function regionGeo(region: string): Geo | undefined {
  const r = region.trim().toLowerCase();
  if (r in AZURE) return AZURE[r];
  if (/^(canada|brazil|southafrica|uae|qatar|israel|mexico|chile)/.test(r)) return 'other';
  for (const [p, g] of PREFIXES) if (r.startsWith(p)) return g;
  return undefined;
}

/** A jurisdiction value → the geography it requires, when it is one we know. */
export function jurisdictionGeo(j: string): Exclude<Geo, 'other'> | undefined {
  const v = j.trim().toLowerCase();
  if (v === 'eu' || v === 'eea' || v === 'europe') return 'eu';
  if (v === 'us' || v === 'usa' || v === 'united-states') return 'us';
  if (v === 'apac' || v === 'ap' || v === 'asia-pacific') return 'apac';
  return undefined;
}
