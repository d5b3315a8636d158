// Demo observation periods (观察期) for new-business-model enterprises: waiting for consent, under
// way with soft measures and an incident, extended, declined, withdrawn from and terminated, and
// one in the food area that Tongliao's policy allows and Panjin's excludes. A period cannot start
// in the past, so none has ended yet: concluding one takes a month of real time at least.
import type { CalendarDate } from '../../domain';
import type { ObservationStatus } from '../../workflows/messages';
import { PANJIN, TONGLIAO } from './cast';
import type { DemoCase, DemoProcess, DemoScenario, Scene } from './kit';

type Spec = Omit<DemoScenario, 'run' | 'leaves'> & {
  leaves: ObservationStatus;
  reason: string;
  months?: number;
  then?(period: DemoCase, scene: Scene): Promise<unknown>;
};

const LEGAL_BASIS = '《优化营商环境条例》第五十五条；本机关包容审慎监管实施办法';

function scenario({ reason, months, then, ...spec }: Spec): DemoScenario {
  return {
    ...spec,
    async run(scene) {
      const body = { enterpriseId: scene.enterpriseId, matterCode: spec.matterCode, legalBasis: LEGAL_BASIS, reason };
      const period = await scene.open(months ? { ...body, months } : body, scene.officer);
      await then?.(period, scene);
    },
  };
}

const accept = (c: DemoCase, scene: Scene) => c.step('consent', { accept: true }, scene.business);

const measure = (c: DemoCase, scene: Scene, type: string, note: string, date?: CalendarDate) =>
  c.step('measures', date ? { type, note, date } : { type, note }, scene.officer);

const SCENARIOS: DemoScenario[] = [
  scenario({
    name: 'pending-consent',
    shows: 'Opened; the business has 10 working days to accept or decline flexible treatment',
    enterprise: 'zhibo',
    agency: PANJIN,
    matterCode: 'MS-002',
    leaves: 'pending_consent',
    reason: '直播带货话术中出现“全网最低”等用语，属新业态经营中的轻微问题，适用观察期',
  }),
  scenario({
    name: 'active',
    shows: 'Under way: soft measures recorded (the first check-in done) and a minor incident',
    enterprise: 'danche',
    agency: PANJIN,
    matterCode: 'UM-003',
    leaves: 'active',
    reason: '共享单车车身张贴宣传品，企业正在整改投放管理，适用观察期',
    async then(c, scene) {
      await accept(c, scene);
      await measure(c, scene, 'education_reminder', '约见运维负责人，讲解城市容貌管理规定');
      await measure(c, scene, 'administrative_guidance', '指导企业建立车身广告审核流程');
      await c.step('incidents', { description: '个别车辆仍有未清理的宣传贴纸', harm: 'minor' }, scene.officer);
    },
  }),
  scenario({
    name: 'extended',
    shows: 'Under way and extended by three months (at most 24 in all)',
    enterprise: 'wangyue',
    agency: TONGLIAO,
    matterCode: 'MS-007',
    leaves: 'active',
    months: 6,
    reason: '网约车平台推送的广告未标明“广告”，平台已启动整改，适用观察期',
    async then(c, scene) {
      await accept(c, scene);
      await measure(c, scene, 'administrative_tip', '提示平台对推送内容逐条标注“广告”');
      await c.step('extension', { months: 3, reason: '平台改版周期较长，延长观察期以跟踪效果' }, scene.officer);
    },
  }),
  scenario({
    name: 'food-area',
    shows: 'A food-area period: Tongliao’s policy allows it, Panjin’s defaults would refuse it',
    enterprise: 'lengzhi',
    agency: TONGLIAO,
    matterCode: 'FD-003',
    leaves: 'active',
    reason: '生鲜配送企业抽检发现农药残留超标，已履行进货查验义务，依本局清单适用观察期',
    then: accept,
  }),
  scenario({
    name: 'declined',
    shows: 'The business declined flexible treatment (its right: not an adverse entry)',
    enterprise: 'wenlv',
    agency: TONGLIAO,
    matterCode: 'CT-002',
    leaves: 'declined',
    reason: '线上导览讲解员未展示导游证，属新业态中的轻微问题，适用观察期',
    then: (c, scene) => c.step('consent', { accept: false }, scene.business),
  }),
  scenario({
    name: 'withdrawn',
    shows: 'Accepted, then withdrawn by the business: terminated',
    enterprise: 'yunshang',
    agency: PANJIN,
    matterCode: 'MS-008',
    leaves: 'terminated',
    reason: '团购页面引用销量数据未标明出处，适用观察期',
    async then(c, scene) {
      await accept(c, scene);
      await c.step('termination', { reason: 'withdrawn', note: '企业决定退出观察期，按一般程序处理' }, scene.business);
    },
  }),
  scenario({
    name: 'terminated-by-officer',
    shows: 'Terminated by the officer: switched to the general procedure',
    enterprise: 'zhibo',
    agency: PANJIN,
    matterCode: 'MS-009',
    leaves: 'terminated',
    reason: '直播间商品标注“注册商标”字样，经核查尚在申请中，适用观察期',
    async then(c, scene) {
      await accept(c, scene);
      await c.step(
        'termination',
        { reason: 'general_procedure', note: '发现涉案商品数量较大，转一般程序' },
        scene.officer,
      );
    },
  }),
];

const NO_REVIEW =
  "a conclusion waits for legal review only after a period has ended, which the demo cannot reach (see NOT_ENDED)";
const NOT_ENDED =
  'a period starts today at the earliest and lasts at least a month, so none has ended yet: it needs a month of real time';

export const observationPeriodDemo: DemoProcess = {
  processType: 'observation_period',
  resource: 'observation-periods',
  promises: ['pending_consent', 'active', 'declined', 'terminated'] satisfies ObservationStatus[],
  unreachable: {
    awaiting_conclusion: NOT_ENDED,
    passed: NOT_ENDED,
    escalated: NOT_ENDED,
    awaiting_legal_review: NO_REVIEW,
    legal_review_returned: NO_REVIEW,
  },
  scenarios: SCENARIOS,
};
