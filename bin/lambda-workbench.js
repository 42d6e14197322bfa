#!/usr/bin/env node
// The CLI's entry: the bundled dist/cli.js (run `npm run build` first in a source checkout).
'use strict';
const path = require('node:path');
const { main } = require(path.join(__dirname, '..', 'dist', 'cli.js'));
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`Error [INTERNAL]: ${e && e.stack ? e.stack : e}\n`);
    process.exit(2);
  },
);
