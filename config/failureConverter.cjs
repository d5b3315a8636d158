// Failure converter of every client, worker and workflow bundle of the service (DataConverter
// `failureConverterPath`; the SDK `require`s it in Node and bundles it into the workflow sandbox,
// hence plain CommonJS). It moves failure messages and stack traces, which can quote what a user
// wrote, into an encoded attribute that the payload codec encrypts like any other payload.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
