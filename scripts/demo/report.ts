// What the demo prints when it is done: the cases by process and status, anything that went wrong,
// and how to sign in as one user of each role (console and command line).
import { STAFF, businessOf } from './cast';
import type { Person } from './client';
import type { DemoReport } from './index';

/** The console's names of the roles (docs/console.md); printed last, as their width differs from their length. */
const ROLE_NAMES: Record<Person['role'], string> = {
  officer: '执法人员',
  business: '企业',
  credit_staff: '信用修复工作人员',
  auditor: '监督人员',
  admin: '系统管理员',
  legal_reviewer: '法制审核人员',
};

/**
 * One user of each role (both officers), as the console's development sign-in asks for them. The
 * business is one with an overdue commitment letter and a rejected repair application.
 */
export const DEMO_SIGN_INS: readonly Person[] = [
  STAFF.officers['EXAMPLE-PANJIN'],
  STAFF.officers['EXAMPLE-TONGLIAO'],
  businessOf('haibin'),
  STAFF.creditStaff,
  STAFF.auditor,
  STAFF.admin,
  STAFF.legalReviewers['EXAMPLE-PANJIN'],
];

export function signInLines(consoleUrl: string): string[] {
  const width = Math.max(...DEMO_SIGN_INS.map((p) => p.sub.length));
  return [
    `Sign in at ${consoleUrl}sign-in (development sign-in: pick the role, type the user and the agency or credit code):`,
    ...DEMO_SIGN_INS.map((p) => {
      const scope = p.agency ? `agency ${p.agency}` : p.enterpriseId ? `credit code ${p.enterpriseId}` : '';
      return `  ${p.role.padEnd(14)} ${p.sub.padEnd(width)}  ${scope.padEnd(30)} ${ROLE_NAMES[p.role]}`;
    }),
    'A token for curl: npm run --silent token -- --role officer --sub demo-officer-panjin --agency EXAMPLE-PANJIN',
  ];
}

export function formatDemoReport(report: DemoReport): string {
  const byProcess = new Map<string, Map<string, number>>();
  for (const c of report.cases) {
    const counts = byProcess.get(c.processType) ?? new Map<string, number>();
    const status = c.status ?? 'unknown';
    counts.set(status, (counts.get(status) ?? 0) + 1);
    byProcess.set(c.processType, counts);
  }
  const opened = report.cases.filter((c) => c.id && !c.existed).length;
  const lines = [
    `Demo data at ${report.baseUrl}: ${report.agencies.length} agencies, ` +
      `${report.enterprises.total} enterprises (${report.enterprises.registered} registered now), ` +
      `${report.cases.length} cases (${opened} opened now, ${report.cases.length - opened} from an earlier run)`,
    ...report.agencies.map((a) => {
      const elsewhere = report.agencies.filter((b) => b !== a).flatMap((b) => b.excludedAreas);
      const allowed = [...new Set(elsewhere)].filter((area) => !a.excludedAreas.includes(area));
      const difference = allowed.length > 0 ? `; unlike the other, allows ${allowed.join(', ')}` : '';
      return `  ${a.agency} ${a.name}: ${a.excludedAreas.length} areas excluded from leniency${difference}`;
    }),
    ...[...byProcess].map(
      ([process, counts]) =>
        `  ${process}: ${[...counts].map(([status, n]) => (n > 1 ? `${status} ×${n}` : status)).join(', ')}`,
    ),
  ];
  if (report.problems.length > 0) lines.push('Problems:', ...report.problems.map((p) => `  ${p}`));
  return lines.join('\n');
}
