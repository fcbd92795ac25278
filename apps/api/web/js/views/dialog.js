import { h, uniqueId } from '../dom.js';

/**
 * Opens a modal dialog; closing it (Escape, Cancel, done) removes it and gives focus back. Dialogs
 * may stack (a conflict over a correction): each returns focus to what opened it.
 */
export function openDialog(title, content, returnFocus, { className } = {}) {
  const headingId = uniqueId('dialog-title');
  const dialog = h('dialog', { class: ['dialog', className], 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), content);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (returnFocus?.isConnected) returnFocus.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}
