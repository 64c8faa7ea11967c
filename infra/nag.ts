import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type IApplyRule } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * AwsSolutions checks, plus one deliberate extension: acknowledging `<RuleId>[*]` on a construct
 * acknowledges every finding of that rule below it. cdk-nag 3 only matches single findings, and the
 * wildcard findings of CDK's own grant helpers carry generated logical ids that change with the code.
 * Each use names its reason (see InvoiceFunction and the workflow stack).
 */
export class InvoiceAgentChecks extends AwsSolutionsChecks {
  protected override applyRule(params: IApplyRule): void {
    const ruleId = `${this.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`;
    if (acknowledgedRuleWide(params.node, ruleId)) return;
    super.applyRule(params);
  }
}

function acknowledgedRuleWide(resource: IConstruct, ruleId: string): boolean {
  const wanted = `${ruleId}[*]`;
  for (let current: IConstruct | undefined = resource; current; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      const ids = Object.keys(entry.data as object).map((k) => k.replace(/^annotation::/i, ''));
      if (ids.includes(wanted)) return true;
    }
  }
  return false;
}

/** Acknowledges all findings of a rule on a construct and its children, with the reason. */
export function acknowledgeRule(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `${ruleId}[*]`, reason });
}
