// Demo rectifications (整改): one case per status, with commitments, evidence rounds (a PDF report
// and a photo), reviews that accept and reject, extensions asked for, granted and given to an
// overdue case, follow-up visits, and escalations by the officer and by the workflow itself.
// Overdue and automatically escalated cases are orders recorded after the fact (`orderedOn` in the
// past, as the contract allows), whose missed deadlines the workflow acts on at once.
import { addDays, subtractWorkingDays, type CalendarDate } from '../../domain';
import { RECTIFICATION_STATUSES, type RectificationStatus } from '../../workflows/messages';
import { PANJIN, TONGLIAO } from './cast';
import { evidenceRound } from './files';
import type { DemoCase, DemoProcess, DemoScenario, Scene } from './kit';

interface Order {
  disposition: string;
  findings: string;
  requiredActions: string[];
  deadline?: { date: CalendarDate } | { workingDays: number };
  orderedOn?: CalendarDate;
  /** The fine a no-penalty order waives, in yuan, for the statistics. */
  waivedFine?: number;
}

type Spec = Omit<DemoScenario, 'run' | 'leaves'> & {
  leaves: RectificationStatus;
  order(today: CalendarDate): Order;
  then?(rectification: DemoCase, scene: Scene): Promise<unknown>;
};

function scenario({ order, then, ...spec }: Spec): DemoScenario {
  return {
    ...spec,
    async run(scene) {
      const body = { enterpriseId: scene.enterpriseId, matterCode: spec.matterCode, ...order(scene.today) };
      const rectification = await scene.open(body, scene.officer);
      await then?.(rectification, scene);
    },
  };
}

const daysAgo = (today: CalendarDate, days: number) => addDays(today, -days);

const commit = (c: DemoCase, scene: Scene) =>
  c.step(
    'commitment',
    { signatory: '法定代表人', statement: '本单位承诺在期限内改正违法行为，如实提交整改材料，不再违反。' },
    scene.business,
  );

const submit = (c: DemoCase, scene: Scene, name: string, round = 1) =>
  c.upload(
    'evidence',
    round === 1 ? '已按要求整改，附整改报告和现场照片。' : '已补充整改，附新的报告和照片。',
    evidenceRound(name, round),
    scene.business,
  );

const review = (c: DemoCase, scene: Scene, decision: 'accepted' | 'rejected', reasons: string) =>
  c.step('review', { decision, reasons }, scene.officer);

const followUp = (c: DemoCase, scene: Scene, outcome: 'compliant' | 'recurred', note: string) =>
  c.step('follow-up', { visitedOn: scene.today, outcome, note }, scene.officer);

const SCENARIOS: DemoScenario[] = [
  scenario({
    name: 'awaiting-commitment',
    shows: 'A no-penalty order waiting for the business to sign its commitment letter',
    enterprise: 'xinyuan',
    agency: PANJIN,
    matterCode: 'MS-001',
    leaves: 'awaiting_commitment',
    order: () => ({
      disposition: 'no_penalty',
      findings: '营业执照未置于经营场所醒目位置',
      requiredActions: ['将营业执照正本悬挂于店内醒目位置'],
      waivedFine: 3_000,
      deadline: { workingDays: 5 },
    }),
  }),
  scenario({
    name: 'commitment-overdue',
    shows: 'A no-penalty order recorded two weeks late: the commitment letter is overdue',
    enterprise: 'haibin',
    agency: PANJIN,
    matterCode: 'MS-003',
    leaves: 'awaiting_commitment',
    order: (today) => ({
      disposition: 'no_penalty',
      findings: '未按规定期限报送上一年度年度报告',
      requiredActions: ['通过国家企业信用信息公示系统补报年度报告'],
      waivedFine: 5_000,
      orderedOn: daysAgo(today, 14),
      deadline: { workingDays: 20 },
    }),
  }),
  scenario({
    name: 'extension-requested',
    shows: 'Waiting for evidence; the business asked for more time and the officer must decide',
    enterprise: 'hongyun',
    agency: PANJIN,
    matterCode: 'MS-002',
    leaves: 'awaiting_evidence',
    order: () => ({
      disposition: 'order_only',
      findings: '门店海报使用“全市最佳”等绝对化用语',
      requiredActions: ['撤下含绝对化用语的海报', '对宣传物料进行自查'],
      deadline: { workingDays: 10 },
    }),
    then: (c, scene) =>
      c.step('extension-request', { days: 5, reason: '宣传物料需重新印制，印刷厂排期较长' }, scene.business),
  }),
  scenario({
    name: 'under-review',
    shows: 'Evidence submitted (a PDF report and a photo), waiting for the officer’s review',
    enterprise: 'beigang',
    agency: PANJIN,
    matterCode: 'UM-001',
    leaves: 'under_review',
    order: () => ({
      disposition: 'lighter_penalty',
      findings: '未经批准擅自设置户外招牌',
      requiredActions: ['拆除擅自设置的户外招牌或依法补办设置手续'],
      deadline: { workingDays: 10 },
    }),
    then: (c, scene) => submit(c, scene, 'under-review'),
  }),
  scenario({
    name: 'second-round',
    shows: 'The first round of evidence was rejected; the second one is under review',
    enterprise: 'caoyuan',
    agency: TONGLIAO,
    matterCode: 'CT-001',
    leaves: 'under_review',
    order: () => ({
      disposition: 'order_only',
      findings: '分社经营场所未悬挂旅行社业务经营许可证',
      requiredActions: ['在经营场所显著位置悬挂许可证'],
      deadline: { workingDays: 15 },
    }),
    async then(c, scene) {
      await submit(c, scene, 'second-round', 1);
      await review(c, scene, 'rejected', '照片未能显示许可证悬挂位置，请补充全景照片');
      await submit(c, scene, 'second-round', 2);
    },
  }),
  scenario({
    name: 'overdue',
    shows: 'An order recorded after the fact whose deadline passed without evidence: overdue',
    enterprise: 'liaohe',
    agency: PANJIN,
    matterCode: 'MS-004',
    leaves: 'overdue',
    order: (today) => ({
      disposition: 'order_only',
      findings: '变更联络员后未按规定办理备案',
      requiredActions: ['办理联络员变更备案'],
      orderedOn: daysAgo(today, 20),
      deadline: { date: daysAgo(today, 2) },
    }),
    then: (c) => c.reach('overdue'),
  }),
  scenario({
    name: 'overdue-decision-due',
    shows: 'Overdue for nine working days: the officer must escalate or grant time by tomorrow, or it escalates itself',
    enterprise: 'xinyuan',
    agency: PANJIN,
    matterCode: 'MS-006',
    leaves: 'overdue',
    // The officer's decision is due 10 working days after the missed deadline.
    order: (today) => {
      const deadline = subtractWorkingDays(today, 9).date;
      return {
        disposition: 'order_only',
        findings: '促销商品未标示原价和折扣价',
        requiredActions: ['对促销商品规范标示价格'],
        orderedOn: addDays(deadline, -14),
        deadline: { date: deadline },
      };
    },
    then: (c) => c.reach('overdue'),
  }),
  scenario({
    name: 'overdue-extended',
    shows: 'Overdue, then given more time by the officer: waiting for evidence again',
    enterprise: 'shuangtaizi',
    agency: PANJIN,
    matterCode: 'MS-006',
    leaves: 'awaiting_evidence',
    order: (today) => ({
      disposition: 'order_only',
      findings: '部分商品未明码标价',
      requiredActions: ['对全部在售商品明码标价'],
      orderedOn: daysAgo(today, 21),
      deadline: { date: daysAgo(today, 3) },
    }),
    async then(c, scene) {
      await c.reach('overdue');
      await c.step(
        'extension-decision',
        { approve: true, reason: '经营者因病住院，酌情给予宽限', days: 10 },
        scene.officer,
      );
    },
  }),
  scenario({
    name: 'escalated-automatically',
    shows: 'Overdue and left undecided past the grace period: escalated by the workflow',
    enterprise: 'horqin',
    agency: TONGLIAO,
    matterCode: 'TR-001',
    leaves: 'escalated',
    order: (today) => ({
      disposition: 'order_only',
      findings: '营运车辆未随车携带道路运输证',
      requiredActions: ['随车携带有效的道路运输证'],
      orderedOn: daysAgo(today, 60),
      deadline: { date: daysAgo(today, 40) },
    }),
    then: (c) => c.reach('escalated'),
  }),
  scenario({
    name: 'follow-up-due',
    shows: 'Tongliao’s no-penalty food case (bananas, supplier checks done): corrected, follow-up visit due',
    enterprise: 'guoyuan',
    agency: TONGLIAO,
    matterCode: 'FD-003',
    leaves: 'follow_up',
    order: () => ({
      disposition: 'no_penalty',
      findings: '销售的香蕉农药残留超标；经营者已履行进货查验义务，能说明进货来源',
      requiredActions: ['下架并销毁同批次香蕉', '完善进货查验记录'],
      waivedFine: 50_000,
      deadline: { workingDays: 10 },
    }),
    async then(c, scene) {
      await commit(c, scene);
      await submit(c, scene, 'follow-up-due');
      await review(c, scene, 'accepted', '已下架销毁，进货查验记录完整');
    },
  }),
  scenario({
    name: 'follow-up-visit',
    shows: 'Evidence accepted at the first round: the follow-up visit is due in 30 days',
    enterprise: 'haibin',
    agency: PANJIN,
    matterCode: 'UM-003',
    leaves: 'follow_up',
    order: () => ({
      disposition: 'order_only',
      findings: '未经批准在临街建筑外墙张贴演出宣传海报',
      requiredActions: ['清除擅自张贴的宣传海报'],
      deadline: { workingDays: 3 },
    }),
    async then(c, scene) {
      await submit(c, scene, 'follow-up-visit');
      await review(c, scene, 'accepted', '海报已全部清除，墙面已恢复');
    },
  }),
  scenario({
    name: 'closed',
    shows: 'First violation not penalised: committed, given an extension, corrected, visited, closed',
    enterprise: 'dawa',
    agency: PANJIN,
    matterCode: 'MS-005',
    leaves: 'closed',
    order: () => ({
      disposition: 'first_violation_no_penalty',
      findings: '网店首页未持续公示营业执照信息',
      requiredActions: ['在网店首页显著位置持续公示营业执照信息'],
      waivedFine: 10_000,
      deadline: { workingDays: 5 },
    }),
    async then(c, scene) {
      await commit(c, scene);
      await c.step('extension-request', { days: 3, reason: '平台店铺装修审核需要时间' }, scene.business);
      await c.step('extension-decision', { approve: true, reason: '理由属实，同意延期' }, scene.officer);
      await submit(c, scene, 'closed');
      await review(c, scene, 'accepted', '首页已公示营业执照信息');
      await followUp(c, scene, 'compliant', '回访时店铺首页公示正常，经营者对处理方式表示满意');
    },
  }),
  scenario({
    name: 'recurred',
    shows: 'Corrected, but the violation recurred at the follow-up visit: escalated',
    enterprise: 'mingren',
    agency: TONGLIAO,
    matterCode: 'UM-002',
    leaves: 'escalated',
    order: () => ({
      disposition: 'order_only',
      findings: '在店外人行道摆放家具经营',
      requiredActions: ['清理店外摆放的商品'],
      deadline: { workingDays: 3 },
    }),
    async then(c, scene) {
      await submit(c, scene, 'recurred');
      await review(c, scene, 'accepted', '店外商品已清理');
      await followUp(c, scene, 'recurred', '回访时店外再次摆放商品');
    },
  }),
  scenario({
    name: 'escalated-by-officer',
    shows: 'Escalated to the general procedure by the officer',
    enterprise: 'hongdao',
    agency: PANJIN,
    matterCode: 'CM-001',
    leaves: 'escalated',
    order: () => ({
      disposition: 'order_only',
      findings: '发行单用途商业预付卡未按规定备案',
      requiredActions: ['向商务主管部门办理备案'],
      deadline: { workingDays: 10 },
    }),
    then: (c, scene) => c.step('escalation', { reason: '涉及预付卡资金风险，转一般程序处理' }, scene.officer),
  }),
];

/** Neither example agency's policy sends an order to legal review (docs/after-decision.md turns it on). */
const NOT_REVIEWED = "the example agencies' policies name no decision for legal review, so no order waits for one";
const NO_LEGAL_REVIEW: Readonly<Record<string, string>> = {
  awaiting_legal_review: NOT_REVIEWED,
  legal_review_returned: NOT_REVIEWED,
};

export const rectificationDemo: DemoProcess = {
  processType: 'rectification',
  resource: 'rectifications',
  // Every status: back-dated orders reach the overdue and automatically escalated ones at once.
  promises: RECTIFICATION_STATUSES.filter((status) => !(status in NO_LEGAL_REVIEW)),
  unreachable: NO_LEGAL_REVIEW,
  scenarios: SCENARIOS,
};
