import { h, replaceChildren } from '../dom.js';
import { describeWatch } from '../watch-kinds.js';
import { openWatchDialog } from './watch-dialog.js';

/**
 * The caller's watch on a story: "Watch this story" when there is none, else "Watching (…)" with
 * "Stop watching" (each, if the API was used to make several). Read from GET /watches, the caller's
 * own; `getHeadline()` names the story in the dialog.
 */
export function watchControl({ api, storyId, toast, signal, getHeadline }) {
  const element = h('div', { class: 'watch' });
  let watches;
  let failed;

  async function load() {
    try {
      const { items } = await api.get('/watches', { signal });
      watches = items.filter((watch) => watch.storyId === storyId);
      failed = undefined;
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      watches = [];
      failed = problem.message;
    }
    render();
  }

  function render() {
    if (!watches) return;
    if (watches.length === 0) {
      const button = h('button', { type: 'button', class: 'button button--small', 'aria-haspopup': 'dialog', dataset: { focusKey: 'watch' } }, 'Watch this story');
      button.addEventListener('click', () => openWatchDialog({
        api,
        storyId,
        headline: getHeadline(),
        returnFocus: button,
        onWatching: (watch) => {
          watches = [...watches, watch];
          toast('Watching this story: its alerts appear under “Alerts” at the top of the page');
        },
        // The button the dialog came from has made way for "Stop watching".
        onClosed: () => {
          render();
          element.querySelector('button')?.focus();
        },
      }));
      replaceChildren(element, button, failed ? h('span', { class: 'watch__failed' }, ` Your watches could not be read: ${failed}`) : null);
      return;
    }
    replaceChildren(element, watches.map((watch) => {
      const stop = h('button', { type: 'button', class: 'button button--quiet button--small', dataset: { focusKey: `watch-stop-${watch.id}` } }, 'Stop watching');
      stop.addEventListener('click', () => stopWatching(watch, stop));
      return h('p', { class: 'watch__status', dataset: { watchId: watch.id } },
        h('span', { class: 'watch__eye', 'aria-hidden': 'true' }, '◉'), ' ',
        h('span', { class: 'watch__what' }, `Watching (${describeWatch(watch)})`), ' ', stop);
    }));
  }

  async function stopWatching(watch, button) {
    button.disabled = true;
    button.textContent = 'Stopping…';
    try {
      await api.delete(`/watches/${encodeURIComponent(watch.id)}`, { signal });
      toast('Stopped watching: no more alerts for this story (the past ones stay)');
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      // 404: stopped already (in another tab); the page catches up below.
      if (problem.status !== 404) {
        toast(`Still watching: ${problem.message}`, 'error');
        button.disabled = false;
        button.textContent = 'Stop watching';
        return;
      }
    }
    watches = watches.filter((candidate) => candidate.id !== watch.id);
    render();
    element.querySelector('button')?.focus();
  }

  load();
  return { element };
}
