import { h } from '../dom.js';
import { followLive } from '../sse.js';

const STATUS_TEXT = {
  connecting: 'Connecting to live updates…',
  open: 'Live: new developments appear here as they are recorded',
  reconnecting: 'Live updates interrupted; reconnecting…',
  refused: 'Live updates are not available',
  closed: 'Live updates stopped',
};

/**
 * A live stream with a visible status line. `onReady` runs each time the stream (re)opens, so the
 * caller can reload what it shows (the stream only carries what comes after it opened), and once if
 * the server refuses the stream, so the page still loads without it.
 */
export function liveFeed(url, { session, onMessage, onReady = () => {} }) {
  const dot = h('span', { class: 'live__dot', 'aria-hidden': 'true' });
  const text = h('span', {}, STATUS_TEXT.connecting);
  const element = h('p', { class: 'live live--connecting', role: 'status' }, dot, text);
  const stream = followLive(url, {
    getToken: () => session.token,
    onMessage: (message) => {
      let data;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      onMessage(data, message.id);
    },
    onStatus: (status) => {
      element.className = `live live--${status}`;
      text.textContent = STATUS_TEXT[status] ?? status;
      if (status === 'open' || status === 'refused') onReady();
    },
  });
  return { element, close: () => stream.close() };
}
