/**
 * Keeps store logs out of test output. Imported before any module that creates a
 * logger, because the root logger reads LOG_LEVEL when it is first created.
 */
process.env.LOG_LEVEL ??= 'error';
