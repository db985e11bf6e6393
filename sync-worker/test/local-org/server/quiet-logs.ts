/**
 * Silences the project logger for the local-org tests. Import it before any module that
 * creates a logger at load time, because those loggers keep the root they were made from.
 */
import winston from 'winston';
import { setRootLogger } from '../../../src/logging';

setRootLogger(winston.createLogger({ silent: true }));
