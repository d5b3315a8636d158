// Who the demo is about: the two example agencies' officers, the other staff roles, and about twenty
// enterprises, half in each agency's region, with a business user each. Declared data: every run
// names the same people and the same credit codes, which is what makes a second run find the first
// one's work. The codes carry each region's administrative division code (盘锦 211100, 通辽 150500)
// and a valid check character; 91 is a company, 92 an individual business (个体工商户).
import { usccCheckCharacter } from '../../domain';
import type { Person } from './client';

export const PANJIN = 'EXAMPLE-PANJIN';
export const TONGLIAO = 'EXAMPLE-TONGLIAO';
export type DemoAgency = typeof PANJIN | typeof TONGLIAO;

export interface DemoEnterprise {
  id: string;
  name: string;
  kind: 'legal_person' | 'individual';
  /** Eligible for an observation period (新业态新模式). */
  newBusinessModel: boolean;
  industry: string;
  agency: DemoAgency;
}

const REGION: Record<DemoAgency, string> = { [PANJIN]: '211100', [TONGLIAO]: '150500' };

function enterprise(
  serial: number,
  agency: DemoAgency,
  name: string,
  industry: string,
  options: { individual?: boolean; newBusinessModel?: boolean } = {},
): DemoEnterprise {
  const body = `${options.individual ? '92' : '91'}${REGION[agency]}MA${String(serial).padStart(7, '0')}`;
  return {
    id: body + usccCheckCharacter(body),
    name,
    kind: options.individual ? 'individual' : 'legal_person',
    newBusinessModel: options.newBusinessModel ?? false,
    industry,
    agency,
  };
}

/** The demo's enterprises by a short handle the scenarios use. */
export const ENTERPRISES = {
  xinyuan: enterprise(1, PANJIN, '盘锦鑫源商贸有限公司', '批发和零售业'),
  haibin: enterprise(2, PANJIN, '盘锦海滨文化传媒有限公司', '文化传媒'),
  hongyun: enterprise(3, PANJIN, '盘锦鸿运广告有限公司', '广告业'),
  beigang: enterprise(4, PANJIN, '盘锦北港餐饮管理有限公司', '住宿和餐饮业'),
  liaohe: enterprise(5, PANJIN, '辽河口实业有限公司', '制造业'),
  dawa: enterprise(6, PANJIN, '大洼区晨光网店', '互联网零售', { individual: true }),
  shuangtaizi: enterprise(7, PANJIN, '双台子区惠民超市', '批发和零售业', { individual: true }),
  hongdao: enterprise(8, PANJIN, '盘锦红岛预付卡服务有限公司', '商务服务业'),
  zhibo: enterprise(9, PANJIN, '盘锦云播直播电商有限公司', '直播电商', { newBusinessModel: true }),
  danche: enterprise(10, PANJIN, '盘锦青骑共享出行科技有限公司', '共享出行', { newBusinessModel: true }),
  yunshang: enterprise(11, PANJIN, '盘锦云上社区团购有限公司', '社区团购', { newBusinessModel: true }),
  caoyuan: enterprise(21, TONGLIAO, '通辽草原之旅旅行社有限公司', '旅游业'),
  horqin: enterprise(22, TONGLIAO, '科尔沁货运有限公司', '道路运输业'),
  guoyuan: enterprise(23, TONGLIAO, '通辽鲜果园水果店', '食品零售', { individual: true }),
  mingren: enterprise(24, TONGLIAO, '通辽明仁家居商行', '批发和零售业', { individual: true }),
  wangyue: enterprise(25, TONGLIAO, '通辽畅行网约车服务有限公司', '网约车', { newBusinessModel: true }),
  wenlv: enterprise(26, TONGLIAO, '通辽数字文旅科技有限公司', '数字文旅', { newBusinessModel: true }),
  lengzhi: enterprise(27, TONGLIAO, '通辽鲜链冷链配送有限公司', '生鲜配送', { newBusinessModel: true }),
  jinhe: enterprise(28, TONGLIAO, '通辽金禾农资有限公司', '农业服务'),
  manzhouli: enterprise(29, TONGLIAO, '通辽北疆商贸有限公司', '批发和零售业'),
} as const satisfies Record<string, DemoEnterprise>;

export type EnterpriseHandle = keyof typeof ENTERPRISES;

/** The staff the demo acts as; each signs in to the console with the same role, user and agency. */
export const STAFF = {
  officers: {
    [PANJIN]: { role: 'officer', sub: 'demo-officer-panjin', agency: PANJIN },
    [TONGLIAO]: { role: 'officer', sub: 'demo-officer-tongliao', agency: TONGLIAO },
  },
  creditStaff: { role: 'credit_staff', sub: 'demo-credit-staff' },
  auditor: { role: 'auditor', sub: 'demo-auditor' },
  admin: { role: 'admin', sub: 'demo-admin' },
  legalReviewers: {
    [PANJIN]: { role: 'legal_reviewer', sub: 'demo-legal-reviewer-panjin', agency: PANJIN },
    [TONGLIAO]: { role: 'legal_reviewer', sub: 'demo-legal-reviewer-tongliao', agency: TONGLIAO },
  },
} as const satisfies {
  officers: Record<DemoAgency, Person>;
  creditStaff: Person;
  auditor: Person;
  admin: Person;
  legalReviewers: Record<DemoAgency, Person>;
};

/** The business user of an enterprise. */
export const businessOf = (handle: EnterpriseHandle): Person => ({
  role: 'business',
  sub: `demo-business-${handle}`,
  enterpriseId: ENTERPRISES[handle].id,
});
