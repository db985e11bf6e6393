'use strict';

// Jest's per-file progress reporter, listed by path in jest.config.js because the
// package's exports hide its build folder.
module.exports = require('@jest/reporters').DefaultReporter;
