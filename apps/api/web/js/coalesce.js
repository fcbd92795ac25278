/**
 * `work` run one at a time: a call while it runs makes exactly one more run afterwards (however many
 * calls came meanwhile), unless `stopped()` says the view is gone. Every call gets the running promise.
 */
export function coalesced(work, stopped) {
  let running;
  let again = false;
  return function run() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await work();
      } while (again && !stopped());
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
}
