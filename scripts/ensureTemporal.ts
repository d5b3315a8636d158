// `npm run temporal:ensure`: find (or install) the Temporal dev server and time-skipping test server
// and say where they come from. Exits 1 with an actionable message when either cannot be had.
import { describeBinary, resolveTemporalBinaries } from './temporalBinaries';

try {
  const { devServer, testServer } = await resolveTemporalBinaries();
  console.log(`dev server: ${describeBinary(devServer)}`);
  console.log(`test server: ${describeBinary(testServer)}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
