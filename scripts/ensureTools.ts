// `npm run tools:ensure`: find (or install into .tools/) every external tool the tests run: the
// Temporal dev server and time-skipping test server, and schemathesis for the API fuzz test. Says
// where each comes from; exits 1 with an actionable message when one cannot be had.
import { resolveSchemathesis, describeSchemathesis } from './schemathesis';
import { describeBinary, resolveTemporalBinaries } from './temporalBinaries';

try {
  const { devServer, testServer } = await resolveTemporalBinaries();
  console.log(`dev server: ${describeBinary(devServer)}`);
  console.log(`test server: ${describeBinary(testServer)}`);
  console.log(`schemathesis: ${describeSchemathesis(await resolveSchemathesis())}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
