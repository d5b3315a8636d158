// Demo objections (异议申诉): a business disputes the entry its penalty record (a case of the
// penalty-record module, same enterprise and matter) wrote into its credit file, and credit staff
// decide: pending, upheld, corrected (the old text kept) and removed. Every status is one step away.
//
// Objections are not opened like processes (kit.ts, CaseOpening): they are filed against an entry,
// as multipart, and the enterprise's process list leaves them out; the demo finds an earlier run's
// objection in the audit trail (`objection.filed` by the enterprise's business user).
import { OBJECTION_DECISIONS } from '../../domain';
import type { ObjectionStatus } from '../../workflows/messages';
import { PANJIN, STAFF, TONGLIAO } from './cast';
import type { DemoClient, Sent } from './client';
import type { CaseOpening, DemoProcess, DemoScenario, Scene } from './kit';

type Spec = Omit<DemoScenario, 'run' | 'leaves'> & {
  leaves: ObjectionStatus;
  reasons: string;
  decision?: { reasons: string; correctedText?: string };
};

function scenario({ reasons, decision, ...spec }: Spec): DemoScenario {
  return {
    ...spec,
    async run(scene) {
      const objection = await scene.open({ reasons }, scene.business);
      if (decision) await objection.step('decision', { decision: spec.leaves, ...decision }, scene.creditStaff);
    },
  };
}

/** The kind of entry a penalty record writes when it is entered. */
const DISPUTED_KIND = 'penalty_record';
/** The penalty record's entry is written by its workflow, maybe still running in this demo run. */
const ENTRY_TIMEOUT_MS = 30_000;
const ENTRY_POLL_MS = 250;

async function disputedEntry(client: DemoClient, scene: Scene): Promise<string> {
  const deadline = Date.now() + ENTRY_TIMEOUT_MS;
  for (;;) {
    const { entries } = await client.get<{ entries: Array<{ key: string; kind: string }> }>(
      `/enterprises/${scene.enterpriseId}/credit-file`,
      STAFF.admin,
    );
    const entry = entries.find((e) => e.kind === DISPUTED_KIND);
    if (entry) return entry.key;
    if (Date.now() > deadline) throw new Error(`${scene.enterpriseId} has no ${DISPUTED_KIND} entry to object to`);
    await new Promise((resolve) => setTimeout(resolve, ENTRY_POLL_MS));
  }
}

const opening: CaseOpening = {
  async find(client, scene) {
    const { entries } = await client.get<{ entries: Array<{ action: string; entityId: string }> }>(
      `/audit?entityType=objection&actor=${encodeURIComponent(scene.business.sub)}&limit=500`,
      STAFF.admin,
    );
    // One objection scenario per enterprise (the unit test holds the module to it).
    return entries.find((e) => e.action === 'objection.filed')?.entityId;
  },
  async open(client, scene, body, as, key) {
    const entry = await disputedEntry(client, scene);
    const { reasons } = body as { reasons: string };
    return client.multipart<{ id: string }>(
      `/enterprises/${scene.enterpriseId}/credit-file/${encodeURIComponent(entry)}/objection`,
      { reasons },
      [],
      as,
      key,
    ) satisfies Promise<Sent<{ id: string }>>;
  },
};

const SCENARIOS: DemoScenario[] = [
  scenario({
    name: 'pending',
    shows: 'Filed against a published penalty record: the entry shows disputed, credit staff have 10 working days',
    enterprise: 'hongyun',
    agency: PANJIN,
    matterCode: 'MS-002',
    leaves: 'pending',
    reasons: '处罚决定已全额履行，公示内容未体现我公司已缴纳罚款，请予核实',
  }),
  scenario({
    name: 'upheld',
    shows: 'Upheld: the entry stands as it was',
    enterprise: 'jinhe',
    agency: TONGLIAO,
    matterCode: 'MS-009',
    leaves: 'upheld',
    reasons: '认为违法情节不属严重，申请撤销严重失信记录',
    decision: { reasons: '经核查，处罚决定认定为情节严重，记录准确，维持原记录' },
  }),
  scenario({
    name: 'corrected',
    shows: 'Corrected: the entry’s text replaced, the old text kept with the objection',
    enterprise: 'xinyuan',
    agency: PANJIN,
    matterCode: 'MS-001',
    leaves: 'corrected',
    reasons: '记录中的处罚种类有误，我公司仅受到警告处理',
    decision: {
      reasons: '经核对处罚决定书，记录表述不准确，予以更正',
      correctedText: '警告（简易程序），不予公示',
    },
  }),
  scenario({
    name: 'removed',
    shows: 'Removed: the entry leaves the credit file (kept with the objection) and the enterprise is rated again',
    enterprise: 'mingren',
    agency: TONGLIAO,
    matterCode: 'UM-004',
    leaves: 'removed',
    reasons: '该处罚公示期已届满，不应继续在信用档案中显示',
    decision: { reasons: '经核查，公示期届满，该记录不应继续记入，予以删除' },
  }),
];

export const objectionDemo: DemoProcess = {
  processType: 'objection',
  resource: 'objections',
  opening,
  promises: ['pending', ...OBJECTION_DECISIONS] satisfies ObjectionStatus[],
  unreachable: {},
  scenarios: SCENARIOS,
};
