// The console's typed client (web/src/api/schema.d.ts) must describe the API the service serves:
// regenerated from the served /openapi.json, it must equal the committed file. After changing a
// route, run `npm run console:api-types` and commit the result.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONSOLE_DIR } from '../../api/start';
import { API_TYPES_FILE, apiTypesOf } from '../../scripts/consoleApiTypes';
import { useApi } from '../support/context';

const ctx = useApi({ consoleDir: CONSOLE_DIR });

describe("the console's generated API types", () => {
  it('match the OpenAPI document the service serves', async () => {
    const served = await (await fetch(`${ctx.api.url}/openapi.json`)).json();
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    expect(await apiTypesOf(served), 'run `npm run console:api-types` and commit web/src/api/schema.d.ts').toBe(
      committed,
    );
  });
});
