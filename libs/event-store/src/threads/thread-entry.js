// The first file of every worker thread started by start-thread.ts. Plain JavaScript, so that it runs
// as it is from the build and from the TypeScript sources: from the sources (the tests) it first
// teaches `require` to compile TypeScript with @swc/core, a development dependency, since jest's
// transform does not reach into threads. Then it loads the thread's module and calls its `run`.
'use strict';
const { workerData } = require('node:worker_threads');

if (workerData.swcCore) {
  const { readFileSync } = require('node:fs');
  const swc = require(workerData.swcCore);
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      swcrc: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

require(workerData.module).run(workerData.data);
