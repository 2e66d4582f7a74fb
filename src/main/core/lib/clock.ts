/**
 * The one clock: epoch milliseconds. Every module gets it injected (CoreOptions.now, default Date.now) and never
 * reads Date.now() itself, so a test that moves time moves it for everything at once.
 */
export type Clock = () => number;
