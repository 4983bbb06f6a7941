import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);

// src/index.ts
var HANDLED_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target", "pull_request_review", "schedule", "workflow_dispatch"]);
var event = process.env.GITHUB_EVENT_NAME ?? "";
if (HANDLED_EVENTS.has(event)) {
  const { run } = await import("./chunks/main-EKZQPXCY.js");
  await run();
} else {
  const message = `pilot-readiness has nothing to do on the "${event || "unknown"}" event; it runs on pull_request, pull_request_review, schedule and workflow_dispatch.`;
  process.stdout.write(`::notice title=pilot-readiness::${message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}
`);
}
