// What the cases stand on: the two example agencies with their different policies, and the demo's
// enterprises. Check before create: what exists is left as it is.
import { EXAMPLE_AGENCIES } from '../../domain/exampleAgencies';
import type { CalendarDate } from '../../domain';
import { ENTERPRISES, STAFF } from './cast';
import type { DemoClient } from './client';

export interface AgencyPolicy {
  agency: string;
  name: string;
  version: string;
  excludedAreas: string[];
}

/**
 * The example agencies (registered on install by the migrations; registered here with their policy
 * if missing), and each one's policy in force today.
 */
export async function ensureAgencies(client: DemoClient, today: CalendarDate): Promise<AgencyPolicy[]> {
  const { agencies } = await client.get<{ agencies: Array<{ id: string }> }>('/agencies', STAFF.admin);
  const known = new Set(agencies.map((a) => a.id));
  const policies: AgencyPolicy[] = [];
  for (const { agency, policy } of EXAMPLE_AGENCIES) {
    if (!known.has(agency.id)) {
      await client.post('/agencies', agency, STAFF.admin, `demo/agency/${agency.id}`);
      const change = { effectiveFrom: today, reason: policy.reason, ...policy.settings };
      await client.put(`/policies/${agency.id}`, change, STAFF.admin);
    }
    const inForce = await client.get<{ version: string; excludedAreas: string[] }>(
      `/policies/${agency.id}`,
      STAFF.admin,
    );
    policies.push({
      agency: agency.id,
      name: agency.name,
      version: inForce.version,
      excludedAreas: inForce.excludedAreas,
    });
  }
  return policies;
}

/** Registers the demo's enterprises that are not registered yet, each by its region's officer. */
export async function registerEnterprises(client: DemoClient): Promise<{ registered: number; total: number }> {
  let registered = 0;
  for (const [handle, { agency, ...enterprise }] of Object.entries(ENTERPRISES)) {
    if (await client.find(`/enterprises/${enterprise.id}`, STAFF.admin)) continue;
    await client.post('/enterprises', enterprise, STAFF.officers[agency], `demo/enterprise/${handle}`);
    registered++;
  }
  return { registered, total: Object.keys(ENTERPRISES).length };
}
