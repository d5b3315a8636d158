// A policy with some settings changed from the defaults, for unit tests of the rules it feeds.
import { policyFor, type Policy, type PolicySettings } from '../../domain/policies';

export function policyWith(settings: Partial<PolicySettings>): Policy {
  const made = policyFor({ agency: 'TEST', revision: 1, settings });
  if (!made.ok) throw new Error(made.refusal.message);
  return made.value;
}
