#!/usr/bin/env node
import { createRequire as __prCreateRequire } from 'node:module';
const require = __prCreateRequire(import.meta.url);
import {
  BUNDLED_POLICIES,
  CRITERION_SYMBOL,
  CRITERION_WORD,
  DECISION_WORD,
  InputError,
  MAX_YAML_BYTES,
  OWNER_WORD,
  RISK_TIERS,
  TOOL_VERSION,
  criteriaById,
  decodeUtf8,
  didYouMean,
  evaluate,
  formatFinding,
  formatInstant,
  formatLocation,
  headline,
  isBundledPolicy,
  loadPolicy,
  parseYaml,
  renderMarkdown,
  reviewerRoles,
  roleState,
  schemaFindings,
  sha256,
  validatorFor
} from "./chunks/chunk-I7F3CQRW.js";

// src/cli/main.ts
import { parseArgs } from "node:util";
import { writeFileSync, existsSync } from "node:fs";
import { dirname as dirname2, relative as relative2, resolve as resolve2, sep as sep2 } from "node:path";

// src/core/facts.ts
function parseFacts(text, file) {
  const parsed = parseYaml(text, file);
  const findings = schemaFindings(validatorFor("facts"), parsed, "facts");
  if (findings.length > 0) throw new InputError(findings);
  return parsed.data;
}

// src/core/report/text.ts
function renderText(report) {
  const out = [];
  const pilot = report.pilot;
  const name = pilot ? `${pilot.name}${pilot.title ? ` (${pilot.title})` : ""} · ${pilot.risk} risk` : report.manifest.path;
  out.push(`pilot-readiness · ${name}`);
  out.push(`manifest ${report.manifest.path} · policy ${report.policy.name ?? report.policy.source} (${report.policy.sha256.slice(0, 12)}) · at ${formatInstant(report.now)}`);
  out.push("");
  out.push(`Decision: ${DECISION_WORD[report.decision]} · ${headline(report)}`);
  if (report.next_change_at) out.push(`Can change by time alone at ${formatInstant(report.next_change_at)}`);
  if (report.errors.length > 0) {
    out.push("", "Invalid input:");
    for (const error of report.errors) out.push(`  ${formatLocation(error.location)}${error.location ? ": " : ""}${error.message}`);
  }
  for (const gate of report.gates) {
    out.push("", `${gate.title}${gate.stage === "pre-pilot" ? " (pre-pilot)" : ""}  ${gate.met}/${gate.required}`);
    for (const criterion of report.criteria.filter((c) => c.gate === gate.id)) {
      const title = `${CRITERION_SYMBOL[criterion.status]} ${criterion.id.padEnd(6)} ${criterion.title}`;
      if (criterion.status === "met" || criterion.status === "not_required") {
        out.push(`  ${title}`);
        continue;
      }
      out.push(`  ${title} — ${CRITERION_WORD[criterion.status]}`);
      const problems = criterion.problems.length > 0 ? criterion.problems : [{ message: criterion.reason, location: criterion.location }];
      for (const problem of problems) {
        const where = problem.location ? `${formatLocation(problem.location)}: ` : "";
        out.push(`      ${where}${problem.message}`);
      }
    }
  }
  if (report.pilot) {
    out.push("", "Decision rights");
    const owner = report.owner;
    out.push(`  accountable owner  ${owner.login ?? "(none)"} · ${OWNER_WORD[owner.status]}${owner.reason ? ` · ${owner.reason}` : ""}`);
    if (owner.base_owner) out.push(`  previous owner     ${owner.base_owner.login} · ${owner.base_owner.status} (a hand-over needs both)`);
    for (const role of report.roles) {
      const members = role.members.length > 0 ? role.members.join(", ") : "(nobody)";
      const need = role.required ? `${role.window} window, silence = ${role.on_silence === "consent" ? "consent" : "block"}` : "not required for this tier";
      out.push(`  ${role.role.padEnd(18)} ${members} · ${roleState(role)} · ${need}`);
      if (role.hint && role.status !== "approved" && role.status !== "consented") out.push(`      ${role.hint}`);
    }
    for (const override of report.overrides) out.push(`  override of ${override.role} by ${override.by}: ${override.reason}`);
  }
  if (report.warnings.length > 0) {
    out.push("", "Warnings:");
    for (const warning of report.warnings) out.push(`  ${warning.location ? `${formatLocation(warning.location)}: ` : ""}${warning.message}`);
  }
  return `${out.join("\n")}
`;
}

// src/core/replay.ts
function inputsOf(saved, file) {
  const bad = (what) => new InputError(`${file}: ${what}; replay needs a JSON report written by \`pilot-readiness check --format json\` or by the Action`);
  if (!saved || typeof saved !== "object") throw bad("not a JSON object");
  const report = saved;
  const inputs = report.inputs;
  if (typeof report.decision !== "string") throw bad("no decision");
  if (!inputs || typeof inputs.manifest?.text !== "string" || typeof inputs.manifest.path !== "string" || typeof inputs.policy?.text !== "string" || typeof inputs.policy.source !== "string" || typeof inputs.now !== "string" || typeof inputs.files !== "object" || inputs.files === null) {
    throw bad("no recorded inputs (inputs.manifest, inputs.policy, inputs.files, inputs.now)");
  }
  return { decision: report.decision, inputs, manifestSha: report.manifest?.sha256 ?? "", policySha: report.policy?.sha256 ?? "" };
}
function replay(text, file) {
  let saved;
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${error.message})`);
  }
  const { decision, inputs, manifestSha, policySha } = inputsOf(saved, file);
  const mismatches = [];
  if (sha256(inputs.manifest.text) !== manifestSha) mismatches.push("the recorded manifest text does not match the report's manifest sha256");
  if (sha256(inputs.policy.text) !== policySha) mismatches.push("the recorded policy text does not match the report's policy sha256");
  const recorded = inputs.files;
  const report = evaluate({
    manifest: inputs.manifest,
    policy: loadPolicy(inputs.policy.text, inputs.policy.source),
    // A path the original run never looked up was not part of the decision: treat it as missing.
    files: { stat: (path) => recorded[path] ?? "missing" },
    facts: inputs.facts ?? null,
    now: new Date(inputs.now)
  });
  const same = mismatches.length === 0 && report.decision === decision;
  const message = same ? `same decision: ${report.decision} (${report.score.met}/${report.score.required} criteria, evaluated at ${inputs.now})` : [`different outcome: the report says ${decision}, re-evaluation gives ${report.decision}`, ...mismatches].join("\n");
  return { same, message, report };
}

// src/core/explain.ts
function perTier(value) {
  if (value === void 0) return "";
  if (typeof value !== "object" || value === null) return String(value);
  return RISK_TIERS.filter((t) => value[t] !== void 0).map((t) => `${t} ${String(value[t])}`).join(", ");
}
function describeEvidence(criterion) {
  const e = criterion.evidence;
  const lines = [];
  if (e.file) lines.push(`file${e.file.paths ? ` under ${e.file.paths.join(" or ")}` : ""} (relative to the manifest's folder)`);
  if (e.date) lines.push(`date: no older than ${perTier(e.date.max_age)}`);
  for (const [name, rule] of Object.entries(e.metrics ?? {})) {
    const bounds = [rule.min !== void 0 ? `≥ ${perTier(rule.min)}` : "", rule.max !== void 0 ? `≤ ${perTier(rule.max)}` : ""].filter(Boolean).join(" and ");
    lines.push(`metric ${name}${bounds ? ` ${bounds}` : " (present)"}${rule.unit ? ` ${rule.unit}` : ""}${rule.description ? ` (${rule.description})` : ""}`);
  }
  if (e.link) lines.push(`link${e.link.pattern ? ` matching ${e.link.pattern}` : ""}`);
  if (e.signoff) lines.push(`sign-off: an explicit approval by the ${e.signoff} role (silence does not count)`);
  return lines;
}
function explainCriterion(policy, id) {
  const all = criteriaById(policy);
  const entry = all.get(id) ?? [...all.values()].find((c) => c.criterion.id.toLowerCase() === id.toLowerCase());
  if (!entry) throw new InputError(`no criterion "${id}" in policy ${policy.name ?? ""}.${didYouMean(id, all.keys())} Run \`pilot-readiness explain\` for the list.`);
  const { gate, criterion } = entry;
  const out = [
    `${criterion.id} · ${criterion.title}`,
    `gate: ${gate.title}${gate.stage === "pre-pilot" ? " (pre-pilot)" : ""} · required for: ${criterion.required_for.join(", ") || "no tier"} · not applicable allowed: ${criterion.allow_not_applicable ? "yes" : "no"}`,
    "",
    criterion.description,
    "",
    "Evidence:",
    ...describeEvidence(criterion).map((l) => `  - ${l}`)
  ];
  const refs = criterion.references ?? {};
  const named = [
    ["NIST AI RMF 1.0", refs.nist_ai_rmf],
    ["EU AI Act", refs.eu_ai_act],
    ["ML Test Score", refs.ml_test_score],
    ["ISO/IEC 42001", refs.iso_42001]
  ];
  const present = named.filter(([, list]) => list && list.length > 0);
  if (present.length > 0) out.push("", "References:", ...present.map(([name, list]) => `  - ${name}: ${list.join(", ")}`));
  return `${out.join("\n")}

`;
}
function listCriteria(policy) {
  const out = [];
  for (const gate of policy.gates) {
    out.push(`${gate.title}${gate.stage === "pre-pilot" ? " (pre-pilot)" : ""}`);
    for (const c of gate.criteria) out.push(`  ${c.id.padEnd(7)} ${c.title}  [${c.required_for.join(", ")}]`);
    out.push("");
  }
  return `${out.join("\n")}`;
}

// src/core/init.ts
var MANIFEST_SCHEMA_URL = "https://pilot-readiness.dev/schemas/manifest.schema.json";
function starterManifest(policy, options) {
  const out = [
    `# yaml-language-server: $schema=${MANIFEST_SCHEMA_URL}`,
    `# pilot-readiness manifest: the pilot, its ONE accountable owner, and its evidence per criterion.`,
    `# Check it with: npx pilot-readiness check pilot-readiness.yml`,
    "version: 1",
    "pilot:",
    `  name: ${options.name}`,
    `  title: ${options.name}`,
    `  risk: ${options.risk}`,
    `owner: ${options.owner}   # one GitHub login: the executive who decides`
  ];
  const open = reviewerRoles(policy).filter(([, role]) => !role.members && (!role.required_for || role.required_for.includes(options.risk)));
  if (open.length > 0) {
    out.push("reviewers:   # who gives input for each role the policy leaves open (logins or org/team)");
    for (const [name, role] of open) {
      out.push(`  # ${role.title ?? name}: ${role.window} window, silence = ${role.on_silence}`);
      out.push(`  # ${name}: [login-or-org/team]`);
    }
  }
  out.push("evidence:   # uncomment and fill in each entry; paths are relative to this file");
  for (const gate of policy.gates) {
    const required = gate.criteria.filter((c) => c.required_for.includes(options.risk));
    if (required.length === 0) continue;
    out.push(`  # ── ${gate.title}${gate.stage === "pre-pilot" ? " (before the pilot)" : ""}`);
    for (const c of required) {
      out.push(`  # ${c.id}: ${c.title}`);
      for (const line of describeEvidence(c)) out.push(`  #   needs ${line}`);
      const example = [];
      if (c.evidence.file) example.push(`file: ${c.evidence.file.paths?.[0]?.replace(/\*\*.*$/, "") ?? ""}${c.id.toLowerCase()}.md`);
      if (c.evidence.date) example.push("date: YYYY-MM-DD");
      const metrics = Object.keys(c.evidence.metrics ?? {});
      if (metrics.length > 0) example.push(`metrics: { ${metrics.map((m) => `${m}: 0`).join(", ")} }`);
      if (c.evidence.link) example.push("link: https://");
      if (example.length > 0) out.push(`  # ${c.id}: { ${example.join(", ")} }`);
    }
  }
  return `${out.join("\n")}
`;
}

// src/adapters/local/files.ts
import { lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
function findRepoRoot(start) {
  let dir = resolve(start);
  for (; ; ) {
    try {
      lstatSync(join(dir, ".git"));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return null;
      dir = parent;
    }
  }
}
function inside(root, target) {
  const rel = relative(root, target);
  return rel === "" || !rel.startsWith("..") && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
}
function localRepoFiles(root) {
  const realRoot = realpathSync(root);
  return {
    stat(repoPath) {
      const full = join(realRoot, ...repoPath.split("/"));
      if (!inside(realRoot, full)) return "outside";
      let real;
      try {
        real = realpathSync(full);
      } catch {
        return "missing";
      }
      if (!inside(realRoot, real)) return "outside";
      try {
        return statSync(real).isDirectory() ? "dir" : "file";
      } catch {
        return "missing";
      }
    }
  };
}
function readTextFile(path, shownAs = path) {
  let size;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new InputError(`${shownAs} is a folder, not a file`);
    size = stats.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error.code;
    throw new InputError(code === "ENOENT" ? `${shownAs}: no such file` : `${shownAs}: cannot read (${code ?? "error"})`);
  }
  if (size > MAX_YAML_BYTES) {
    throw new InputError(`file is ${size} bytes; the limit is ${MAX_YAML_BYTES} bytes (1 MiB)`, { file: shownAs, line: 1, column: 1 });
  }
  return decodeUtf8(readFileSync(path), shownAs);
}

// src/cli/main.ts
var USAGE = `pilot-readiness ${TOOL_VERSION}: gate ML pilot deployments on a production-readiness policy

Usage:
  pilot-readiness check [MANIFEST] [--policy default|PATH] [--pr FACTS.json] [--now ISO]
                        [--format text|json|markdown] [--output REPORT.json]
  pilot-readiness init [--risk low|medium|high] [--policy default|PATH] [--name SLUG]
                       [--owner LOGIN] [--output pilot-readiness.yml] [--force]
  pilot-readiness explain [ID] [--policy default|PATH]
  pilot-readiness replay REPORT.json
  pilot-readiness --help | --version

check    evaluates MANIFEST (default ./pilot-readiness.yml) against the policy. Evidence paths are
         checked in the git work tree that holds the manifest. With --pr, the PR facts file adds the
         sign-offs: roles, windows, silence as consent, the accountable owner's approval.
init     writes a starter manifest listing every criterion the policy sets for the risk tier.
explain  prints a criterion's text, evidence requirements and framework references (no ID: all).
replay   re-evaluates a saved JSON report from its recorded inputs; exit 0 only if the decision is the same.

Exit codes: 0 ready, 1 not ready (blocked or pending), 2 invalid input or usage, 3 internal error.`;
var UsageError = class extends Error {
};
function loadPolicyArg(spec, cwd) {
  const name = spec ?? "default";
  if (isBundledPolicy(name)) return loadPolicy(BUNDLED_POLICIES[name], name, `policies/${name}.yml`);
  const path = resolve2(cwd, name);
  if (!existsSync(path)) {
    throw new UsageError(`--policy ${name}: no such file, and not a bundled policy (bundled: ${Object.keys(BUNDLED_POLICIES).join(", ")})`);
  }
  const shown = relative2(cwd, path) || name;
  return loadPolicy(readTextFile(path, shown), shown, shown);
}
function parseNow(text, io) {
  if (text === void 0) return io.now();
  const value = new Date(text);
  if (Number.isNaN(value.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new UsageError(`--now ${text}: not an ISO date-time (for example 2026-11-20T12:00:00Z)`);
  }
  return value;
}
function exitFor(report) {
  if (report.errors.length > 0) return 2;
  return report.decision === "ready" ? 0 : 1;
}
function render(report, format) {
  if (format === "json") return `${JSON.stringify(report, null, 2)}
`;
  if (format === "markdown") return renderMarkdown(report);
  return renderText(report);
}
function check(args, io) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      policy: { type: "string" },
      pr: { type: "string" },
      now: { type: "string" },
      format: { type: "string", default: "text" },
      output: { type: "string" }
    }
  });
  if (positionals.length > 1) throw new UsageError("check takes one manifest; run it once per manifest");
  const format = values.format;
  if (!["text", "json", "markdown"].includes(format)) throw new UsageError(`--format ${format}: use text, json or markdown`);
  const manifestPath = resolve2(io.cwd, positionals[0] ?? "pilot-readiness.yml");
  const root = findRepoRoot(dirname2(manifestPath)) ?? dirname2(manifestPath);
  const repoPath = relative2(root, manifestPath).split(sep2).join("/");
  const policy = loadPolicyArg(values.policy, io.cwd);
  const manifestText = readTextFile(manifestPath, relative2(io.cwd, manifestPath) || manifestPath);
  const facts = values.pr === void 0 ? null : parseFacts(readTextFile(resolve2(io.cwd, values.pr), values.pr), values.pr);
  const report = evaluate({
    manifest: { path: repoPath, text: manifestText },
    policy,
    files: localRepoFiles(root),
    facts,
    now: parseNow(values.now, io)
  });
  if (values.output) writeFileSync(resolve2(io.cwd, values.output), `${JSON.stringify(report, null, 2)}
`);
  for (const error of report.errors) io.err(`error: ${formatFinding(error)}
`);
  if (format !== "text" || report.gates.length > 0) io.out(render(report, format));
  return exitFor(report);
}
function init(args, io) {
  const { values } = parseArgs({
    args,
    options: {
      risk: { type: "string", default: "medium" },
      policy: { type: "string" },
      name: { type: "string", default: "my-pilot" },
      owner: { type: "string", default: "your-github-login" },
      output: { type: "string", default: "pilot-readiness.yml" },
      force: { type: "boolean", default: false }
    }
  });
  const risk = values.risk;
  if (!RISK_TIERS.includes(risk)) throw new UsageError(`--risk ${values.risk}: use one of ${RISK_TIERS.join(", ")}`);
  const policy = loadPolicyArg(values.policy, io.cwd);
  const target = resolve2(io.cwd, values.output);
  if (existsSync(target) && !values.force) throw new UsageError(`${values.output} exists; pass --force to overwrite it`);
  writeFileSync(target, starterManifest(policy.policy, { risk, name: values.name, owner: values.owner }));
  io.out(`wrote ${values.output}: a ${risk}-risk starter manifest for policy ${policy.source}; fill in the evidence, then run pilot-readiness check ${values.output}
`);
  return 0;
}
function explain(args, io) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { policy: { type: "string" } } });
  const policy = loadPolicyArg(values.policy, io.cwd);
  if (positionals.length === 0) {
    io.out(listCriteria(policy.policy));
    return 0;
  }
  for (const id of positionals) io.out(explainCriterion(policy.policy, id));
  return 0;
}
function replayCommand(args, io) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("replay takes one saved JSON report");
  const path = positionals[0];
  const outcome = replay(readTextFile(resolve2(io.cwd, path), path), path);
  io.out(`${outcome.message}
`);
  return outcome.same ? 0 : 1;
}
function main(argv, io) {
  try {
    const [command, ...rest] = argv;
    if (command === void 0 || command === "--help" || command === "-h" || command === "help") {
      io.out(`${USAGE}
`);
      return command === void 0 ? 2 : 0;
    }
    if (command === "--version" || command === "-V") {
      io.out(`${TOOL_VERSION}
`);
      return 0;
    }
    switch (command) {
      case "check":
        return check(rest, io);
      case "init":
        return init(rest, io);
      case "explain":
        return explain(rest, io);
      case "replay":
        return replayCommand(rest, io);
      default:
        if (command.endsWith(".yml") || command.endsWith(".yaml")) return check(argv, io);
        throw new UsageError(`unknown command "${command}"; run pilot-readiness --help`);
    }
  } catch (error) {
    if (error instanceof InputError) {
      for (const finding of error.findings) io.err(`error: ${formatFinding(finding)}
`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}
`);
      return 2;
    }
    if (error instanceof Error && error.code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`error: ${error.message}
run pilot-readiness --help for usage
`);
      return 2;
    }
    io.err(`internal error: ${error instanceof Error ? error.message : String(error)}
This is a bug in pilot-readiness; please report it with the command you ran.
`);
    return 3;
  }
}

// src/cli.ts
process.exitCode = main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  now: () => /* @__PURE__ */ new Date()
});
