import { readFileSync } from 'node:fs';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';

/** cdk.json configures every feature flag that the pinned aws-cdk-lib recommends. */

const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** Deliberate differences from the recommendation. */
const DIFFERENT_BY_CHOICE: Record<string, unknown> = {
  '@aws-cdk/core:target-partitions': ['aws'], // deployed only to eu-central-1
  '@aws-cdk/core:defaultCrossStackReferences': 'strong', // the workflow stack must not outlive the data stack
};

describe('CDK feature flags', () => {
  it('sets each recommended flag to its recommended value, or to a value chosen on purpose', () => {
    // Prepare
    const expected = { ...CURRENTLY_RECOMMENDED_FLAGS, ...DIFFERENT_BY_CHOICE };
    // Act
    const configured = Object.fromEntries(Object.keys(expected).map((flag) => [flag, context[flag]]));
    // Assess
    expect(configured).toEqual(expected);
  });
});
