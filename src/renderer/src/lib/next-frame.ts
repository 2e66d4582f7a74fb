import type { FrameScheduler } from './event-hub';

/** At the next animation frame, or after 100 ms where frames stop (a hidden window), whichever comes first. */
export const nextFrame: FrameScheduler = (flush) => {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, 100);
};
