// A notification's link as the console reads it: the case's path, which the console follows and
// names by its kind of case; anything else (another site, another page, nothing) is not followed.
import { describe, expect, it } from 'vitest';
import { caseOf } from '../../web/src/pages/notifications/caseLink';

describe('the case a notification links to', () => {
  it('is the console page of each kind of case the service links', () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(caseOf(`/rectifications/${id}`)).toEqual({ path: `/rectifications/${id}`, subject: 'rectification' });
    expect(caseOf(`/observation-periods/${id}`)?.subject).toBe('observation_period');
    expect(caseOf(`/penalty-records/${id}`)?.subject).toBe('penalty_record');
    expect(caseOf(`/offsets/${id}`)?.subject).toBe('offset');
    expect(caseOf(`/objections/${id}`)?.subject).toBe('objection');
  });

  it('is nothing for a missing link, another site or a page that is not a case', () => {
    for (const link of [null, undefined, '', 'https://example.test/rectifications/1', '//evil.test/x', '/audit'])
      expect(caseOf(link)).toBeUndefined();
    expect(caseOf('/rectifications/1/evidence')).toBeUndefined();
    expect(caseOf('/unknown/1')).toBeUndefined();
  });
});
