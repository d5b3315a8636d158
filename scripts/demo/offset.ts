// Demo public-interest service in lieu of a fine (公益抵罚), on transport matters (the default policy
// allows the transport and public-security areas, at 50 yuan an hour): an offer waiting for an
// answer, one declined, service under way (a session confirmed, another awaiting the officer) and
// service completed, the fine offset in full. Offers are made today, so none has lapsed yet.
import type { OffsetStatus, OffsetView } from '../../workflows/messages';
import { PANJIN, TONGLIAO } from './cast';
import type { DemoCase, DemoProcess, DemoScenario, Scene } from './kit';

type Spec = Omit<DemoScenario, 'run' | 'leaves'> & {
  leaves: OffsetStatus;
  /** Whole yuan; at 50 yuan an hour, the hours owed are fine / 50. */
  fine: number;
  reason: string;
  then?(offset: DemoCase, scene: Scene): Promise<unknown>;
};

function scenario({ fine, reason, then, ...spec }: Spec): DemoScenario {
  return {
    ...spec,
    async run(scene) {
      const offer = { enterpriseId: scene.enterpriseId, matterCode: spec.matterCode, fine, reason };
      const offset = await scene.open(offer, scene.officer);
      await then?.(offset, scene);
    },
  };
}

const accept = (c: DemoCase, scene: Scene) => c.step('acceptance', { accept: true }, scene.business);

/** Logs a session done today; the officer confirms it when `confirm` says so. */
async function serve(c: DemoCase, scene: Scene, hours: number, organisation: string, confirm?: string): Promise<void> {
  const description = `在${organisation}参加公益服务 ${hours} 小时`;
  const logged = await c.step<OffsetView>(
    'sessions',
    { organisation, date: scene.today, hours, description },
    scene.business,
  );
  // Logged on an earlier day (this run's date differs): that run confirmed it.
  if (logged.done !== 'now' || !confirm) return;
  const session = logged.body.sessions.at(-1)!;
  await c.step(`sessions/${session.id}/confirmation`, { confirmed: true, note: confirm }, scene.officer);
}

const SCENARIOS: DemoScenario[] = [
  scenario({
    name: 'offered',
    shows: 'Offered: the business has 5 working days to accept service in lieu of a 200 yuan fine',
    enterprise: 'horqin',
    agency: TONGLIAO,
    matterCode: 'TR-001',
    leaves: 'offered',
    fine: 200,
    reason: '货运车辆未随车携带营运证，情节轻微，当事人申请以公益服务抵扣罚款',
  }),
  scenario({
    name: 'declined',
    shows: 'Declined: the fine is due in full',
    enterprise: 'manzhouli',
    agency: TONGLIAO,
    matterCode: 'TR-003',
    leaves: 'declined',
    fine: 300,
    reason: '在公路用地范围内堆放货物，已当场清理，可以公益服务抵扣罚款',
    then: (c, scene) => c.step('acceptance', { accept: false }, scene.business),
  }),
  scenario({
    name: 'in-service',
    shows: 'Under way: 2 of 4 hours confirmed, another session waiting for the officer’s confirmation',
    enterprise: 'xinyuan',
    agency: PANJIN,
    matterCode: 'TR-003',
    leaves: 'in_service',
    fine: 200,
    reason: '门店在公路用地范围内摆放促销展架，已自行撤除，适用公益抵罚',
    async then(c, scene) {
      await accept(c, scene);
      await serve(c, scene, 2, '盘锦市兴隆台区交通劝导站', '劝导站负责人确认服务时长');
      await serve(c, scene, 1, '盘锦市兴隆台区交通劝导站');
    },
  }),
  scenario({
    name: 'completed',
    shows: 'Completed: every hour done and confirmed, the 150 yuan fine offset in full',
    enterprise: 'liaohe',
    agency: PANJIN,
    matterCode: 'TR-004',
    leaves: 'completed',
    fine: 150,
    reason: '自有货车轻微超限运输，已卸载整改，当事人申请公益抵罚',
    async then(c, scene) {
      await accept(c, scene);
      await serve(c, scene, 3, '盘锦市大洼区文明交通志愿服务队', '志愿服务队出具服务证明，时长属实');
    },
  }),
];

export const offsetDemo: DemoProcess = {
  processType: 'offset',
  resource: 'offsets',
  promises: ['offered', 'declined', 'in_service', 'completed'] satisfies OffsetStatus[],
  unreachable: {
    lapsed:
      'an offer lapses when 5 working days pass unanswered, or service when its deadline (30 days by default) passes short of the hours: offers are made today, so it takes a week of real time at least',
  },
  scenarios: SCENARIOS,
};
