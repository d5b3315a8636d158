// Two example agencies, seeded on every install so that a fresh service shows how localities'
// rules differ: one follows Panjin's exclusions (the defaults), the other Tongliao's, which decided
// a food-safety case with no penalty (pesticide residue on bananas, supplier checks done). Declared
// data; ids and names say they are examples, so nobody mistakes them for a real agency's lists.
import { DEFAULT_POLICY, type PolicySettings } from './policies';
import type { AgencyListEntry } from './lists';

export interface ExampleAgency {
  agency: { id: string; name: string; shortName: string; region: string };
  policy: { effectiveFrom: string; reason: string; settings: Partial<PolicySettings> };
  listEntries: ReadonlyArray<Omit<AgencyListEntry, 'agency' | 'revision'>>;
}

export const EXAMPLE_AGENCIES: readonly ExampleAgency[] = Object.freeze([
  {
    agency: {
      id: 'EXAMPLE-PANJIN',
      name: '盘锦市市场监督管理局（示例）',
      shortName: '盘市监',
      region: '辽宁省盘锦市',
    },
    policy: {
      effectiveFrom: '2022-01-01',
      reason:
        '示例，依《盘锦市柔性执法事项清单》：食品药品、公共卫生、生态环境、安全生产、劳动保障、城乡规划、野生动物保护等重点领域，' +
        '以及风险较大、损害难以挽回、利用突发事件实施的违法行为，不适用柔性执法（panjin-flexible-enforcement.txt 二（四））',
      settings: {},
    },
    listEntries: [],
  },
  {
    agency: {
      id: 'EXAMPLE-TONGLIAO',
      name: '通辽市市场监督管理局（示例）',
      shortName: '通市监',
      region: '内蒙古自治区通辽市',
    },
    policy: {
      effectiveFrom: '2022-12-01',
      reason:
        '示例，依《通辽市包容审慎监管“一个基准、三张清单”》：食品安全领域的轻微违法行为可依法适用不予处罚' +
        '（tongliao-one-benchmark-three-lists.txt，香蕉农药残留案）',
      settings: { excludedAreas: DEFAULT_POLICY.excludedAreas.filter((area) => area !== 'food_drugs') },
    },
    listEntries: [
      {
        matterCode: 'FD-003',
        lists: ['no_penalty', 'lighter_penalty', 'mitigated_penalty'],
        excluded: false,
        effectiveFrom: '2022-12-01',
        reason:
          '示例：违法行为轻微，积极配合调查，及时采取纠正措施，并履行了进货查验义务的，不予行政处罚' +
          '（《食品安全法》第一百三十六条；通辽市香蕉农药残留案）',
      },
    ],
  },
]);
