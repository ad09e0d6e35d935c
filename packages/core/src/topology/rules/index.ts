/**
 * The rule registry: an explicit array. Add a rule by adding its import line and its array entry
 * (keep one rule per file in this folder, with docs/rules/<id>.md and good/bad fixtures).
 */
import type { Rule } from '../types.js';
import { rule as yamlSyntax } from './yaml-syntax.js';
import { rule as duplicateCluster } from './duplicate-cluster.js';

export const rules: Rule[] = [yamlSyntax, duplicateCluster];
