// Every workflow type the worker runs. Workflow code is bundled for Temporal's deterministic
// sandbox: it imports only domain/, message definitions and the Temporal workflow API.
export { rectification } from './rectification';
