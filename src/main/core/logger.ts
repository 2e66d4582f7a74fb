/** Where the core reports what an operator or developer may need to read later. Stacks go here, never over IPC. */
export interface Logger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(`[core] ${message}`),
  warn: (message, error) => console.warn(`[core] ${message}`, error ?? ''),
  error: (message, error) => console.error(`[core] ${message}`, error ?? ''),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
