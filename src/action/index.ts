// Action entry. Decides from the event name alone whether there is anything to do, so that runs on
// events the gate ignores load nothing heavy; otherwise it loads and runs main.
const HANDLED_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'merge_group',
  'schedule',
  'workflow_dispatch',
]);

const event = process.env.GITHUB_EVENT_NAME ?? '';
// The deploy-time gate judges a commit, not an event: it runs in whatever job deploys (push,
// deployment, workflow_run, workflow_dispatch...).
const deploying = (process.env.INPUT_MODE ?? '').trim() === 'deployment';
if (HANDLED_EVENTS.has(event) || deploying) {
  const { run } = await import('./run.js');
  await run();
} else {
  const message = `pilot-readiness has nothing to do on the "${event || 'unknown'}" event; it runs on pull_request, pull_request_target, pull_request_review, merge_group, schedule and workflow_dispatch.`;
  process.stdout.write(`::notice title=pilot-readiness::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
}
