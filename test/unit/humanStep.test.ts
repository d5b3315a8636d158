import { describe, expect, it } from 'vitest';
import { startOfDayInShanghai } from '../../domain';
import { isPlanned, newAgenda, nextMilestone, openStep } from '../../workflows/humanStep';

const due = (date: string) => ({ date, provisional: false });

describe('planned human steps', () => {
  it('wait for their opening day before any reminder or due date counts', () => {
    // Given a step planned to open on 2026-12-01, due 2026-12-31
    const agenda = newAgenda();
    const planned = openStep(agenda, {
      step: 'check_in',
      assignee: 'officer',
      due: due('2026-12-31'),
      opensOn: '2026-12-01',
    });

    // When the agenda looks for its next milestone
    const next = nextMilestone(agenda);

    // Then it is the opening, at the start of that day in Shanghai
    expect(isPlanned(planned)).toBe(true);
    expect(next).toMatchObject({
      kind: 'open',
      step: { key: planned.key },
      at: startOfDayInShanghai('2026-12-01').getTime(),
    });
  });

  it('fall due like any other step once opened', () => {
    const agenda = newAgenda();
    const step = openStep(agenda, {
      step: 'check_in',
      assignee: 'officer',
      due: due('2026-12-31'),
      opensOn: '2026-12-01',
    });

    delete step.opensOn;

    expect(isPlanned(step)).toBe(false);
    expect(nextMilestone(agenda)).toMatchObject({ kind: 'overdue', at: startOfDayInShanghai('2027-01-01').getTime() });
  });
});
