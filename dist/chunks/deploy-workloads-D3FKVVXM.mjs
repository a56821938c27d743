import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  deployWorkloads,
  readKubeconfig
} from "./chunk-ULUAZJJM.mjs";
import "./chunk-DXDCKLUL.mjs";
import {
  GRAFANA_PASSWORD_FILE,
  outputDirOf,
  writeSecretFile
} from "./chunk-S6H66CQV.mjs";
import {
  commandInventory
} from "./chunk-XT7A4R3X.mjs";
import {
  upsertMarkedComment
} from "./chunk-KWZLJNWY.mjs";
import "./chunk-T6JJEBSD.mjs";
import {
  GitHubPermissionError
} from "./chunk-VC32HTHH.mjs";
import {
  maskConfigSecrets
} from "./chunk-2M5DTWY3.mjs";
import {
  Rk1Error,
  errorText
} from "./chunk-56JNS6Q3.mjs";
import "./chunk-7BRERKNQ.mjs";
import "./chunk-TJN2CFBI.mjs";

// src/workloads/settings.ts
function defaultReplicas(inventory, distro) {
  const storage = inventory.nodes.filter(
    (n) => n.disks.data !== null && (distro === "k3s" || n.role === "worker")
  ).length;
  return Math.max(1, Math.min(3, storage));
}
function workloadSettings(inventory, overrides = {}) {
  const distro = overrides.distro ?? inventory.distro;
  return {
    distro,
    ingressController: "traefik",
    replicas: defaultReplicas(inventory, distro),
    domain: "local",
    metricsServer: false,
    timeoutS: 900,
    ...overrides
  };
}

// src/workloads/summary.ts
var RESULT_HEADER = ["component", "version", "status", "time", "checks"];
function resultRows(results) {
  return results.map((r) => [
    r.name,
    r.chartVersion,
    r.status,
    r.status === "skipped" ? "-" : `${(r.durationMs / 1e3).toFixed(1)} s`,
    r.checks.length === 0 ? r.message ?? "-" : `${r.checks.filter((c) => c.ok).length}/${r.checks.length} passed` + (r.checks.some((c) => !c.ok) ? `: ${r.checks.filter((c) => !c.ok).map((c) => c.name).join(", ")}` : "")
  ]);
}

// src/workloads/plan-comment.ts
var MAX_COMMENT_CHARS = 6e4;
function planCommentMarker(cluster) {
  return `<!-- rk1-deploy-plan:${cluster} -->`;
}
function planCommentBody(o) {
  const runUrl = `${o.run.serverUrl}/${o.run.owner}/${o.run.repo}/actions/runs/${o.run.runId}`;
  const commit = (o.run.headSha || o.run.sha).slice(0, 7);
  const head = [
    planCommentMarker(o.cluster),
    `## Deploy plan for ${o.cluster}${o.simulated ? " (SIMULATED: rk1 virtual lab)" : ""}`,
    "",
    `${commit ? `Commit \`${commit}\` \xB7 ` : ""}[run ${o.run.runId}](${runUrl})`,
    "",
    ""
  ].join("\n");
  const foot = `
_Merging redeploys ${o.cluster} after its environment's approval. This comment is updated on every push._
`;
  if (o.planMarkdown === void 0)
    return `${head}The plan failed on this commit, so what merging would change is not known: see the run's log.
${foot}`;
  let plan = o.planMarkdown.replace(/^## deploy-workloads plan\n+/, "");
  const room = MAX_COMMENT_CHARS - head.length - foot.length;
  if (plan.length > room) {
    const note = "\n\n\u2026cut here: the whole plan is in the run's job summary.\n";
    plan = plan.slice(0, plan.lastIndexOf("\n", room - note.length)) + note;
  }
  return head + plan + foot;
}

// src/commands/deploy-workloads.ts
var WorkloadsFailedError = class extends Rk1Error {
};
async function readSettings(context) {
  const { host, inputs } = context;
  const { inventory, distro } = await commandInventory({ host, inputs });
  const ingressController = inputs.choice("ingress-controller", ["traefik", "ingress-nginx"]) ?? "traefik";
  const timeoutS = inputs.integer("timeout", { min: 10, max: 24 * 3600 });
  const plan = inputs.boolean("plan") || inputs.boolean("dry-run");
  const prune = inputs.boolean("prune");
  const kubeconfig = await readKubeconfig(context);
  const grafanaAdminPassword = inputs.optional("grafana-admin-password");
  const outputDir = outputDirOf(host, inventory.name, inputs.optional("output-dir"), "workloads");
  const comment = inputs.choice("comment", ["auto", "false"], "auto") === "auto";
  const token = inputs.string("github-token");
  try {
    inputs.assertValid();
  } catch (error) {
    await commentPlanFailure(host, { plan, comment, token, inventory });
    throw error;
  }
  if (kubeconfig) maskConfigSecrets((s) => host.mask(s), kubeconfig);
  return {
    inventory,
    settings: workloadSettings(inventory, { distro, ingressController, timeoutS }),
    components: inputs.string("components"),
    plan,
    prune,
    kubeconfig: kubeconfig ?? "",
    grafanaAdminPassword,
    outputDir,
    comment,
    token
  };
}
async function planCommenter(host, s) {
  const run = host.run;
  if (!s.plan || !s.comment || !run?.pullRequest || !host.github || !s.token) return void 0;
  const api = await host.github(s.token);
  const pr = run.pullRequest;
  const cluster = s.inventory.name;
  return async (planMarkdown, simulated) => {
    const body = planCommentBody({ cluster, run, simulated, planMarkdown });
    try {
      const done = await upsertMarkedComment(api, pr, planCommentMarker(cluster), body);
      host.log.info(`${done.updated ? "Updated" : "Posted"} the plan comment: ${done.url}`);
    } catch (error) {
      if (!(error instanceof GitHubPermissionError)) throw error;
      host.log.warn(`${error.message} The plan is in the job summary only. ${error.advice ?? ""}`);
    }
  };
}
async function commentPlanFailure(host, s) {
  try {
    const comment = await planCommenter(host, s);
    await comment?.(void 0, false);
  } catch (e) {
    host.log.warn(`The plan comment was not updated: ${errorText(e).split("\n")[0]}`);
  }
}
function summarise(host, report, plan) {
  const label = report.simulated ? " (SIMULATED: rk1 virtual lab)" : "";
  if (plan) {
    host.summary.heading(`deploy-workloads plan${label}`, 2);
    host.summary.code(report.planMarkdown, "markdown");
    return;
  }
  host.summary.heading(`deploy-workloads${label}`, 2);
  const changed = report.results.filter(
    (r) => ["installed", "upgraded", "removed"].includes(r.status)
  );
  host.summary.paragraph(
    changed.length === 0 && report.results.every((r) => r.status === "unchanged") ? "Nothing changed: every release already matched its pinned chart and values; all checks ran again." : `${changed.length} of ${report.results.length} components changed.`
  );
  host.summary.table(RESULT_HEADER, resultRows(report.results));
  const failed = report.results.filter((r) => r.status === "failed" || r.status === "skipped");
  if (failed.length > 0) host.summary.list(failed.map((r) => r.message ?? `${r.name}: ${r.status}`));
}
async function runDeployWorkloads(context) {
  const { host } = context;
  const s = await readSettings(context);
  const comment = await planCommenter(host, s);
  let report;
  try {
    report = await deployWorkloads({
      inventory: s.inventory,
      settings: s.settings,
      components: s.components,
      kubeconfig: s.kubeconfig,
      plan: s.plan,
      prune: s.prune,
      grafanaAdminPassword: s.grafanaAdminPassword,
      log: host.log,
      mask: (secret) => host.mask(secret),
      env: host.env,
      tempDir: host.tempDir,
      cacheDir: host.cacheDir,
      signal: host.signal
    });
  } catch (error) {
    await commentPlanFailure(host, s);
    throw error;
  }
  for (const [name, value] of Object.entries(report.outputs)) {
    host.mask(value);
    host.setOutput(name, value);
  }
  const password = report.outputs["grafana-admin-password"];
  if (password)
    await writeSecretFile(
      host,
      s.outputDir,
      GRAFANA_PASSWORD_FILE,
      password,
      "Generated Grafana admin password (user admin)"
    );
  host.setOutput("plan", report.planMarkdown);
  host.setOutput(
    "result",
    JSON.stringify({
      simulated: report.simulated,
      plan: s.plan,
      distro: s.settings.distro,
      components: s.plan ? report.plans.map((p) => ({ name: p.name, action: p.action, version: p.toVersion })) : report.results
    })
  );
  if (s.plan)
    for (const p of report.plans) host.log.info(`${p.name}: ${p.action} (${p.toVersion || "-"})`);
  else
    for (const r of report.results)
      host.log.info(`${r.name}: ${r.status} (${r.chartVersion || "-"})`);
  summarise(host, report, s.plan);
  await host.summary.write();
  await comment?.(report.planMarkdown, report.simulated);
  const failed = report.results.filter((r) => r.status === "failed" || r.status === "skipped");
  if (failed.length > 0)
    throw new WorkloadsFailedError(
      `${failed.length} component(s) did not deploy: ` + failed.map((r) => r.message ?? `${r.name}: ${r.status}`).join("\n"),
      {
        step: "deploy-workloads",
        advice: "The summary lists each component; fix the first failure and run again (it is idempotent)."
      }
    );
}
export {
  WorkloadsFailedError,
  runDeployWorkloads
};
