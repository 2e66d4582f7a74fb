export { createCore, type Core, type CoreOptions, type RuntimeEndpoint } from './create-core';
export { CoreError } from './core-error';
export { consoleLogger, silentLogger, type Logger } from './logger';
export { openCore } from './open-core';
export { installProcessGuard } from './lib/process-guard';
export { CallBudget, type CallBudgetLimits, DEFAULT_CALL_BUDGET } from './lib/call-budget';
