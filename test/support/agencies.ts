// Driving agencies, their policies and lists through the HTTP API in tests, as an admin.
import type { ApiContext } from './context';

export function agencyAdmin(ctx: ApiContext, admin: () => string) {
  const call = (method: string, path: string, token: string, body?: unknown) =>
    ctx.api.call(method, `/api/v1${path}`, { token, body });
  return {
    call,
    register: (id: string) =>
      call('POST', '/agencies', admin(), { id, name: `${id}市场监督管理局`, shortName: id.slice(0, 3) }),
    storePolicy: (agency: string, body: Record<string, unknown>) => call('PUT', `/policies/${agency}`, admin(), body),
    storeListEntry: (agency: string, code: string, body: Record<string, unknown>) =>
      call('PUT', `/agencies/${agency}/lists/${code}`, admin(), body),
  };
}
