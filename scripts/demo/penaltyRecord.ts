// Demo penalty records and credit repair (信用修复): decisions entered by credit staff, dated from
// a month to more than a year back (records are loaded from other systems, so past decision dates
// are normal), which the workflow places where they stand today: not published, published,
// eligible for repair, expired; and repair applications at each stage: pending, under review,
// rejected, repaired, and a repair revoked for false materials.
import { addDays } from '../../domain';
import { PENALTY_RECORD_STATUSES, type PenaltyRecordStatus } from '../../workflows/messages';
import { PANJIN, TONGLIAO, type DemoAgency } from './cast';
import type { DemoCase, DemoProcess, DemoScenario, Scene } from './kit';

type Spec = Omit<DemoScenario, 'run' | 'leaves'> & {
  leaves: PenaltyRecordStatus;
  /** The decision's serial number in its agency's series, for the decision number. */
  serial: number;
  decidedDaysAgo: number;
  severity?: 'general' | 'serious';
  procedure?: 'simple' | 'general';
  penalties: Array<{ type: string; amount?: number }>;
  then?(record: DemoCase, scene: Scene): Promise<unknown>;
};

const SHORT_NAME: Record<DemoAgency, string> = { [PANJIN]: '盘市监', [TONGLIAO]: '通市监' };

function scenario({ serial, decidedDaysAgo, severity, procedure, penalties, then, ...spec }: Spec): DemoScenario {
  return {
    ...spec,
    async run(scene) {
      const decidedOn = addDays(scene.today, -decidedDaysAgo);
      const record = await scene.open(
        {
          enterpriseId: scene.enterpriseId,
          decisionNo: `${SHORT_NAME[spec.agency]}罚决字〔示例〕${String(serial).padStart(4, '0')}号`,
          decidedOn,
          severity: severity ?? 'general',
          procedure: procedure ?? 'general',
          penalties,
          matterCode: spec.matterCode,
          agency: spec.agency,
        },
        scene.creditStaff,
      );
      await then?.(record, scene);
    },
  };
}

const FINE = (amount: number) => [{ type: 'warning' }, { type: 'fine', amount }];

/** A complete application: the three materials the rules require, and a credit report. */
const MATERIALS = {
  commitmentLetter: '信用修复承诺书（法定代表人签字并加盖公章）',
  fulfilmentProof: '罚款缴纳凭证（电子缴款书编号 DEMO-2026-0001）',
  correctionProof: '整改情况说明及现场照片',
  creditReport: '专项信用报告（替代有无违法记录证明）',
};

/** Applies, then takes `decisions` in turn (credit staff's). */
async function apply(c: DemoCase, scene: Scene, ...decisions: Array<[string, string]>): Promise<void> {
  const applied = await c.step<{ id: string }>('repair-applications', MATERIALS, scene.business);
  if (applied.done !== 'now') return;
  for (const [decision, reasons] of decisions)
    await c.step(`repair-applications/${applied.body.id}/decision`, { decision, reasons }, scene.creditStaff);
}

const SCENARIOS: DemoScenario[] = [
  scenario({
    name: 'not-published',
    shows: 'A warning under the simple procedure: a minor record, never published',
    enterprise: 'xinyuan',
    agency: PANJIN,
    matterCode: 'MS-001',
    leaves: 'not_published',
    serial: 101,
    decidedDaysAgo: 20,
    procedure: 'simple',
    penalties: [{ type: 'warning' }],
  }),
  scenario({
    name: 'published',
    shows: 'A general record decided a month ago: published, repair possible after three months',
    enterprise: 'hongyun',
    agency: PANJIN,
    matterCode: 'MS-002',
    leaves: 'published',
    serial: 102,
    decidedDaysAgo: 30,
    penalties: FINE(50_000),
  }),
  scenario({
    name: 'serious-published',
    shows: 'A serious record: published for at least a year',
    enterprise: 'jinhe',
    agency: TONGLIAO,
    matterCode: 'MS-009',
    leaves: 'published',
    serial: 201,
    decidedDaysAgo: 200,
    severity: 'serious',
    penalties: [
      { type: 'fine', amount: 200_000 },
      { type: 'confiscation', amount: 35_000 },
    ],
  }),
  scenario({
    name: 'repair-eligible',
    shows: 'Past its minimum period: the enterprise was told it may apply for repair',
    enterprise: 'beigang',
    agency: PANJIN,
    matterCode: 'UM-001',
    leaves: 'repair_eligible',
    serial: 103,
    decidedDaysAgo: 150,
    penalties: FINE(5_000),
  }),
  scenario({
    name: 'application-pending',
    shows: 'A repair application waiting for credit staff to accept it (受理)',
    enterprise: 'manzhouli',
    agency: TONGLIAO,
    matterCode: 'MS-006',
    leaves: 'application_pending',
    serial: 202,
    decidedDaysAgo: 160,
    penalties: FINE(8_000),
    then: (c, scene) => apply(c, scene),
  }),
  scenario({
    name: 'needs-more',
    shows: 'Credit staff asked for more materials (补正): the processing clock is paused',
    enterprise: 'caoyuan',
    agency: TONGLIAO,
    matterCode: 'CT-003',
    leaves: 'application_pending',
    serial: 203,
    decidedDaysAgo: 170,
    penalties: FINE(3_000),
    then: (c, scene) => apply(c, scene, ['needs_more', '请补充罚款缴纳银行回单原件扫描件']),
  }),
  scenario({
    name: 'under-review',
    shows: 'Accepted; credit staff must decide within 10 working days of the application',
    enterprise: 'hongdao',
    agency: PANJIN,
    matterCode: 'CM-002',
    leaves: 'under_review',
    serial: 104,
    decidedDaysAgo: 180,
    penalties: FINE(10_000),
    then: (c, scene) => apply(c, scene, ['accepted', '材料齐全，予以受理']),
  }),
  scenario({
    name: 'rejected',
    shows: 'An application rejected: still published, the enterprise may apply again',
    enterprise: 'haibin',
    agency: PANJIN,
    matterCode: 'MS-003',
    leaves: 'repair_eligible',
    serial: 105,
    decidedDaysAgo: 140,
    penalties: FINE(2_000),
    then: (c, scene) =>
      apply(c, scene, ['accepted', '予以受理'], ['rejected', '整改情况说明与现场核查不符，请整改到位后重新申请']),
  }),
  scenario({
    name: 'repaired',
    shows: 'Repaired: publication ended early, each publication platform to be told',
    enterprise: 'horqin',
    agency: TONGLIAO,
    matterCode: 'TR-002',
    leaves: 'repaired',
    serial: 204,
    decidedDaysAgo: 190,
    penalties: FINE(20_000),
    then: (c, scene) => apply(c, scene, ['accepted', '予以受理'], ['approved', '符合信用修复条件，同意修复']),
  }),
  scenario({
    name: 'revoked',
    shows: 'A repair revoked for false materials: published again, no application for a year',
    enterprise: 'liaohe',
    agency: PANJIN,
    matterCode: 'MS-010',
    leaves: 'revoked',
    serial: 106,
    decidedDaysAgo: 200,
    penalties: FINE(30_000),
    async then(c, scene) {
      await apply(c, scene, ['accepted', '予以受理'], ['approved', '同意修复']);
      await c.step('revocation', { reason: '经核查，申请所附缴款凭证系伪造' }, scene.creditStaff);
    },
  }),
  scenario({
    name: 'expired',
    shows: 'Decided more than a year ago: past its maximum period, publication over',
    enterprise: 'mingren',
    agency: TONGLIAO,
    matterCode: 'UM-004',
    leaves: 'expired',
    serial: 205,
    decidedDaysAgo: 400,
    penalties: FINE(1_000),
  }),
];

export const penaltyRecordDemo: DemoProcess = {
  processType: 'penalty_record',
  resource: 'penalty-records',
  // Every status: a record's dates place it anywhere on its timeline, and each later stage is one step away.
  promises: PENALTY_RECORD_STATUSES,
  unreachable: {},
  scenarios: SCENARIOS,
};
