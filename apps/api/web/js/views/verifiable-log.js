import { withQuery } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { formatNumber, formatTime } from '../format.js';
import { keepCheckpoint, readKeptCheckpoint } from '../kept-checkpoint.js';
import { checkConsistency, checkSignature, parseCheckpoint, shortHash } from '../log-checkpoint.js';

/** A server's message as a sentence of its own. */
const sentence = (text) => (/[.!?]$/.test(text) ? text : `${text}.`);

const events = (count) => `${formatNumber(count)} ${count === 1 ? 'event' : 'events'}`;

/**
 * The "Verifiable log" panel: the log's size, root, name and key from its signed checkpoint (the
 * signature checked in this browser when it can), and whether today's log extends the checkpoint this
 * browser kept at the last visit. The server proves that from every event it holds (POST /log/verify);
 * the browser checks the consistency proof itself before it keeps today's checkpoint instead.
 */
export function verifiableLogPanel({ api, session, toast }) {
  const controller = new AbortController();
  const signal = controller.signal;
  const objectUrls = [];

  const size = h('p', { class: 'log-panel__size' }, 'Reading the log…');
  const facts = h('dl', { class: 'log-panel__facts', hidden: true });
  const signature = h('p', { class: 'log-panel__signature', role: 'status' });
  // The outcome of the comparison: polite for good news, an alert inside it for a warning.
  const outcome = h('div', { class: 'log-panel__outcome', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Comparing with your last visit…'));
  const how = h('p', { class: 'section-hint', hidden: true });
  const checkpointText = h('pre', { class: 'log-panel__checkpoint' });
  const details = h('details', { class: 'log-panel__details', hidden: true }, h('summary', {}, 'Today’s signed checkpoint'), checkpointText);
  const element = h(
    'section',
    { class: 'card log-panel', 'aria-labelledby': 'log-panel-title', 'aria-busy': 'true' },
    h('h2', { id: 'log-panel-title' }, 'Verifiable log'),
    h('p', { class: 'section-hint' },
      'Every event the newsroom records is added to one log that can only grow. Its signed summary, the checkpoint, lets this browser prove on a later visit that nothing recorded before it was changed or removed.'),
    size,
    facts,
    signature,
    outcome,
    how,
    details,
  );

  function say(...children) {
    replaceChildren(outcome, h('p', { class: 'notice notice--info' }, children));
  }
  function warn(...children) {
    replaceChildren(outcome, h('div', { class: 'notice notice--error log-panel__warning', role: 'alert' }, children));
  }
  /** A link that saves the kept checkpoint as a file, for `cli log verify --checkpoint FILE` or whoever runs the log. */
  function saveLink(text, name) {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    objectUrls.push(url);
    return h('a', { class: 'button button--small button--quiet', href: url, download: name }, 'Save the kept checkpoint as a file');
  }

  function showHead(today, logKey, text) {
    size.textContent = `${events(today.treeSize)} recorded in the log`;
    const root = h('code', { class: 'log-panel__root', title: today.rootBase64 }, shortHash(today.rootBase64));
    const copy = navigator.clipboard
      ? h('button', {
          type: 'button',
          class: 'button button--small button--quiet',
          'aria-label': 'Copy the full root hash',
          onclick: () => navigator.clipboard.writeText(today.rootBase64).then(() => toast('Root hash copied'), () => toast('The root hash could not be copied', 'error')),
        }, 'Copy')
      : null;
    replaceChildren(
      facts,
      h('div', {}, h('dt', {}, 'Root hash'), h('dd', {}, root, ' ', copy)),
      h('div', {}, h('dt', {}, 'Log'), h('dd', {}, h('code', { class: 'log-panel__origin' }, today.origin))),
      h('div', {}, h('dt', {}, 'Signing key'), h('dd', {}, h('code', { class: 'log-panel__key' }, logKey.keyId))),
    );
    facts.hidden = false;
    checkpointText.textContent = text;
    details.hidden = false;
  }

  function showSignature(check) {
    signature.className = `log-panel__signature log-panel__signature--${check.result}`;
    if (check.result === 'valid') signature.textContent = '✓ Signature checked in your browser with the log’s public key.';
    else if (check.result === 'unavailable') signature.textContent = `The signature was not checked in your browser: ${check.reason}. The server checks it when it compares checkpoints.`;
    else signature.textContent = `Warning: today’s checkpoint failed the signature check in your browser: ${check.reason}.`;
  }

  async function compare(today, logKey, signatureOk) {
    const kept = readKeptCheckpoint(today.origin);
    if (kept.state === 'unavailable') {
      say('This browser does not let the page keep anything, so it cannot compare today’s log with your last visit.');
      return;
    }
    if (kept.state === 'unreadable') {
      warn('The checkpoint this browser kept for this log cannot be read, so today’s log was not compared with it. It was left as it was.');
      return;
    }
    if (kept.state === 'none') {
      if (!signatureOk) warn('Today’s checkpoint is not correctly signed, so this browser did not keep it.');
      else if (keepCheckpoint(today.origin, today.text)) say('This browser now keeps today’s checkpoint; next time it will check that nothing before it changed.');
      else say('This browser does not let the page keep anything, so it cannot compare today’s log with your last visit.');
      return;
    }

    let earlier;
    try {
      earlier = parseCheckpoint(kept.checkpoint);
    } catch {
      earlier = undefined; // the server says what is wrong with it (400)
    }
    const lastVisit = earlier ? `${events(earlier.treeSize)}, ${formatTime(kept.keptAt)}` : formatTime(kept.keptAt);
    const evidence = () => saveLink(kept.checkpoint, `kept-checkpoint-${earlier?.treeSize ?? 'unknown'}.txt`);
    let answer;
    try {
      answer = await api.postText('/log/verify', kept.checkpoint, { signal });
    } catch (problem) {
      if (problem.name === 'AbortError') throw problem;
      if (problem.status === 422) {
        warn(
          h('p', {}, `The checkpoint this browser kept was not signed by this server’s key (key ${logKey.keyId}): either the log’s key has changed since your last visit (${lastVisit}), or the kept checkpoint was altered. This browser still keeps it as it was.`),
          h('p', {}, evidence()),
        );
      } else if (problem.status === 400) {
        warn(h('p', {}, `The checkpoint this browser kept is not one the server can read (${problem.message}). This browser still keeps it as it was.`), h('p', {}, evidence()));
      } else {
        say(`Today’s log could not be compared with your last visit: ${sentence(problem.message)} The checkpoint this browser kept is unchanged; try again later.`);
      }
      return;
    }

    if (!answer.consistent) {
      warn(
        h('p', {}, h('strong', {}, `Warning: the log no longer contains what it contained when you last checked (${lastVisit}).`), answer.problem ? ` ${sentence(answer.problem)}` : ''),
        h('p', {}, 'This browser still keeps the checkpoint from your last visit as evidence. Save it and give it to whoever runs the log; they can check it with ', h('code', {}, 'cli log verify --checkpoint FILE'), '.'),
        h('p', {}, evidence()),
      );
      return;
    }

    const unchanged = `Nothing recorded before your last visit (${lastVisit}) has been changed or removed since.`;
    if (!earlier) {
      // Read by the server though not by this page: its word stands, and the next visit starts from today.
      if (signatureOk) keepCheckpoint(today.origin, today.text);
      say(unchanged);
      return;
    }
    const added = today.treeSize - earlier.treeSize;
    if (added < 0) {
      // This server's tree is still being built (just after a start): it has nothing newer to keep yet.
      say(unchanged, ' This server’s newest checkpoint is still behind the one this browser kept, so it keeps that one.');
      return;
    }
    const proof = await consistencyProof(earlier.treeSize, today.treeSize);
    const provenHere = proof && (await checkConsistency(earlier.treeSize, today.treeSize, proof.hashes, earlier.rootHash, today.rootHash));
    if (provenHere === false) {
      warn(
        h('p', {}, h('strong', {}, 'Warning: the server says today’s log extends the one of your last visit, but the proof it sent does not hold when your browser checks it.'), ` Last visit: ${lastVisit}.`),
        h('p', {}, 'This browser still keeps the checkpoint from your last visit as evidence.'),
        h('p', {}, evidence()),
      );
      return;
    }
    const since = added === 0 ? 'Nothing new has been recorded since.' : `${events(added)} ${added === 1 ? 'has' : 'have'} been recorded since.`;
    if (!signatureOk) {
      say(unchanged, ' ', since, ' Today’s checkpoint is not correctly signed, so this browser keeps the one from your last visit.');
      return;
    }
    keepCheckpoint(today.origin, today.text);
    say(unchanged, ' ', since);
    how.textContent = provenHere
      ? 'Checked by the server, which recomputed the log from every event it holds, and in your browser with the proof that today’s log extends the one you kept. This browser now keeps today’s checkpoint.'
      : 'Checked by the server, which recomputed the log from every event it holds. This browser now keeps today’s checkpoint.';
    how.hidden = false;
  }

  /** The proof between two sizes, or undefined when the server does not give it (the server's own check stands). */
  async function consistencyProof(from, to) {
    try {
      return await api.get(withQuery('/log/proofs/consistency', { from, to }), { signal });
    } catch (problem) {
      if (problem.name === 'AbortError') throw problem;
      return undefined;
    }
  }

  async function load() {
    try {
      const [logKey, head] = await Promise.all([api.get('/log/key', { signal }), api.get('/log/checkpoint', { signal })]);
      let today;
      try {
        today = { ...parseCheckpoint(head.checkpoint), text: head.checkpoint };
      } catch (error) {
        size.textContent = `The server’s checkpoint cannot be read: ${error.message}.`;
        replaceChildren(outcome);
        return;
      }
      showHead(today, logKey, head.checkpoint);
      const check = await checkSignature(today, logKey);
      showSignature(check);
      if (!session.isAuditor) {
        say('Only an auditor can have the server compare today’s log with the checkpoint this browser kept.');
        return;
      }
      await compare(today, logKey, check.result !== 'invalid');
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      size.textContent = `The log could not be read: ${problem.message}`;
      replaceChildren(outcome);
    } finally {
      element.setAttribute('aria-busy', 'false');
    }
  }

  load();
  return {
    element,
    dispose() {
      controller.abort();
      for (const url of objectUrls) URL.revokeObjectURL(url);
    },
  };
}
