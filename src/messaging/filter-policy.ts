import { Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SNS_FILTER_POLICY_MAX_BYTES, SNS_FILTER_POLICY_MAX_COMBINATIONS, SNS_FILTER_POLICY_MAX_KEYS } from '../core/limits';
import { PropsValidator } from '../core/validation';

/** The subscription filter of a fan-out subscriber, as its options give it. */
export interface FilterPolicies {
  readonly filterPolicy?: { [attribute: string]: sns.SubscriptionFilter };
  readonly filterPolicyWithMessageBody?: { [attribute: string]: sns.FilterOrPolicy };
}

/** A filter policy as SNS reads it: its leaf keys (dotted paths) and the values each one matches. */
type Leaves = Array<{ key: string; values: unknown[] }>;

/**
 * MSG3: the rules SNS applies to a literal filter policy, before SNS (or aws-cdk-lib) rejects it:
 * at most 5 keys (leaf keys of a message body policy), at most 150 combinations of values (the
 * product of the numbers of values of the keys), at most 256 KB of JSON. A policy with a token
 * skips the checks that need its values.
 */
export function validateFilterPolicies(validator: PropsValidator, prefix: string, policies: FilterPolicies): void {
  validator.atMostOne({ [`${prefix}filterPolicy`]: policies.filterPolicy, [`${prefix}filterPolicyWithMessageBody`]: policies.filterPolicyWithMessageBody },
    'a filter on message attributes or one on the message body', 'MSG3');
  if (policies.filterPolicy) {
    const leaves = Object.entries(policies.filterPolicy).map(([key, filter]) => ({ key, values: filter.conditions }));
    const json = Object.fromEntries(leaves.map(({ key, values }) => [key, values]));
    validateLeaves(validator, `${prefix}filterPolicy`, leaves, json);
  }
  if (policies.filterPolicyWithMessageBody) {
    validateLeaves(validator, `${prefix}filterPolicyWithMessageBody`, bodyLeaves(policies.filterPolicyWithMessageBody, ''),
      renderBodyPolicy(policies.filterPolicyWithMessageBody));
  }
}

function validateLeaves(validator: PropsValidator, prop: string, leaves: Leaves, json: unknown): void {
  const keys = leaves.map((leaf) => leaf.key);
  validator.check(keys.length > SNS_FILTER_POLICY_MAX_KEYS, prop, `must have at most ${SNS_FILTER_POLICY_MAX_KEYS} keys (counted at the leaves)`,
    keys.join(', '), 'MSG3');
  const combinations = leaves.reduce((product, leaf) => product * Math.max(1, leaf.values.length), 1);
  validator.check(combinations > SNS_FILTER_POLICY_MAX_COMBINATIONS, prop,
    `must have at most ${SNS_FILTER_POLICY_MAX_COMBINATIONS} combinations of values (the product of the numbers of values of its keys)`,
    `${combinations} combinations`, 'MSG3');
  const text = JSON.stringify(json);
  if (Token.isUnresolved(text)) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  validator.check(bytes > SNS_FILTER_POLICY_MAX_BYTES, prop, `must be at most ${SNS_FILTER_POLICY_MAX_BYTES} bytes of JSON (256 KB)`, `${bytes} bytes`, 'MSG3');
}

function bodyLeaves(policy: { [key: string]: sns.FilterOrPolicy }, path: string): Leaves {
  return Object.entries(policy).flatMap(([key, value]) => {
    const dotted = path ? `${path}.${key}` : key;
    if (value.isPolicy()) return bodyLeaves(value.policyDoc, dotted);
    return value.isFilter() ? [{ key: dotted, values: value.filterDoc.conditions }] : [];
  });
}

function renderBodyPolicy(policy: { [key: string]: sns.FilterOrPolicy }): unknown {
  return Object.fromEntries(Object.entries(policy).map(([key, value]) => [key,
    value.isPolicy() ? renderBodyPolicy(value.policyDoc) : value.isFilter() ? value.filterDoc.conditions : undefined]));
}
