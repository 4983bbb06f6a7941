// What `check` runs once its inputs are read: the engine and the text renderer, one import() so that
// they load as few chunks as they can, while git lists HEAD's files (see check.ts).
export { baseFromFacts, evaluate } from '../../core/evaluate.js';
export { pairPilots, UNREAD_COMMIT } from '../../core/governance.js';
export { renderText } from '../../report/text.js';
