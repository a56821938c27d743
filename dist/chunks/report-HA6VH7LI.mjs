import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  upsertMarkedComment
} from "./chunk-KWZLJNWY.mjs";
import {
  ALERT_FLOORS,
  checkRecord,
  distroOf,
  fingerprint,
  fingerprintChange,
  formatNumber,
  formatPercent,
  headlinesOf,
  isSimulated,
  kindOf,
  knownReference,
  lowerIsBetter,
  mad,
  median,
  percentChange,
  statValue
} from "./chunk-KEY3LHKL.mjs";
import {
  escapeHtml
} from "./chunk-752RP7TM.mjs";
import {
  GitHubPermissionError
} from "./chunk-VC32HTHH.mjs";
import {
  errorText
} from "./chunk-56JNS6Q3.mjs";
import "./chunk-TJN2CFBI.mjs";

// src/commands/report.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join as join3, resolve } from "node:path";

// src/report/claims.ts
var DOC = "COMPARISON.md";
var TOLERANCE = 15;
var ZOO = "airockchip/rknn_model_zoo README (single core, rknn_run only, max clocks)";
var CLAIMS = [
  {
    id: "resnet50-npu",
    text: "ResNet-50 on the NPU ~8 ms",
    claimed: 8,
    unit: "ms",
    headline: "latency_ms p50",
    workload: /resnet-?50/,
    variant: /^npu/,
    prefer: /core0$|core1$|single/,
    distros: ["k3s"],
    reference: { value: 9.1, source: ZOO }
  },
  {
    id: "yolov5-npu",
    text: "YOLOv5 on the NPU ~25 ms",
    claimed: 25,
    unit: "ms",
    headline: "latency_ms p50",
    workload: /yolov5/,
    variant: /^npu/,
    prefer: /core0$|core1$|single/,
    distros: ["k3s"],
    reference: { value: 20.7, source: `${ZOO}, yolov5s (SiLU)` }
  },
  {
    id: "resnet50-cpu",
    text: "ResNet-50 on the CPU ~50 ms",
    claimed: 50,
    unit: "ms",
    headline: "latency_ms p50",
    workload: /resnet-?50/,
    variant: /^cpu/,
    prefer: /4t/,
    distros: ["talos", "k3s"]
  },
  {
    id: "yolov5-cpu",
    text: "YOLOv5 on the CPU ~200 ms",
    claimed: 200,
    unit: "ms",
    headline: "latency_ms p50",
    workload: /yolov5/,
    variant: /^cpu/,
    prefer: /4t/,
    distros: ["talos", "k3s"]
  },
  {
    id: "llm-1b",
    text: 'LLM 1B "NPU accelerated" (no figure given)',
    unit: "tok/s",
    headline: "decode_tok_s",
    workload: /llm|llama|qwen/i,
    // The NPU row; the CPU row of the same model (llama.cpp) gives the ratio.
    variant: /^(?!cpu)/,
    baseline: /^cpu/,
    distros: ["k3s"],
    reference: {
      value: 24.43,
      source: "airockchip/rknn-llm benchmark.md v1.3.0, TinyLLaMA 1.1B w8a8"
    }
  },
  {
    id: "nvme-seq-read",
    text: "NVMe sequential read ~3000 MB/s",
    claimed: 3e3,
    unit: "MB/s",
    headline: "bw_mb_s",
    workload: /fio|storage|nvme/,
    variant: /seq-?read|read-?seq|(^|-)read(-|$)/,
    distros: ["talos", "k3s"]
  },
  {
    id: "nvme-seq-write",
    text: "NVMe sequential write ~2000 MB/s",
    claimed: 2e3,
    unit: "MB/s",
    headline: "bw_mb_s",
    workload: /fio|storage|nvme/,
    variant: /seq-?write|write-?seq|(^|-)write(-|$)/,
    distros: ["talos", "k3s"]
  },
  {
    id: "nvme-4k-iops",
    text: "NVMe 4K random ~300K IOPS",
    claimed: 3e5,
    unit: "IOPS",
    headline: "iops",
    workload: /fio|storage|nvme/,
    variant: /randread/,
    prefer: /qd64|j4/,
    distros: ["talos", "k3s"]
  },
  {
    id: "storage-equivalent",
    text: 'Storage performance "equivalent" on both distros',
    unit: "",
    headline: "",
    workload: /fio|storage|nvme/,
    variant: /.*/,
    distros: [],
    equivalence: true
  },
  {
    id: "cpu-equivalent",
    text: 'CPU inference "equivalent" on both distros',
    unit: "",
    headline: "",
    workload: /.*/,
    variant: /^cpu/,
    distros: [],
    equivalence: true
  }
];
function matching(rows, c) {
  return rows.filter(
    (r) => c.workload.test(r.workload) && c.variant.test(r.variant) && (c.equivalence ? r.kind === (c.id.startsWith("storage") ? "storage" : "cpu") : (
      // A single-valued latency (no distribution) stands for its p50.
      r.headline.label === c.headline || `${r.headline.label} p50` === c.headline
    ))
  );
}
function verdict(measured, target, what) {
  const off = percentChange(measured, target);
  if (Math.abs(off) <= TOLERANCE) return { text: `\u2714 within \xB1${TOLERANCE} % of ${what}`, ok: true };
  const ratio = measured / target;
  const by = ratio >= 2 || ratio <= 0.5 ? `\xD7${formatNumber(ratio)}` : `${off > 0 ? "+" : ""}${off.toFixed(0)} %`;
  return { text: `\u2716 off by ${by} vs ${what}`, ok: false };
}
function numberClaim(c, rows) {
  const preferred = rows.filter((r) => c.prefer?.test(r.variant));
  const row = (preferred.length ? preferred : rows)[0];
  return c.distros.map((d) => {
    const base = { id: c.id, claim: `${c.text} (${DOC})`, distro: d };
    const ref = c.reference ? `${formatNumber(c.reference.value)} ${c.unit} (${c.reference.source})` : "no published RK3588 figure";
    if (!row)
      return {
        ...base,
        reference: ref,
        verdict: "not measured: no record of this workload in this run"
      };
    const s = d === "talos" ? row.talos : row.k3s;
    if (s.median === void 0)
      return { ...base, reference: ref, verdict: `not measured: ${s.missing ?? "no value"}` };
    const measured = `${formatNumber(s.median)} ${c.unit} (${row.variant}, median of ${s.nodes} node${s.nodes === 1 ? "" : "s"})`;
    const target = c.claimed ?? c.reference?.value;
    if (target === void 0)
      return { ...base, measured, reference: ref, verdict: "measured; nothing to check against" };
    const v = verdict(s.median, target, c.claimed !== void 0 ? "the claim" : "the reference");
    return { ...base, measured, reference: ref, verdict: v.text, ok: v.ok };
  });
}
function speedupClaim(c, rows, all) {
  const fallback = numberClaim(c, rows);
  const row = rows[0];
  if (!row || !c.baseline) return fallback;
  const cpu = all.find(
    (r) => r.workload === row.workload && c.baseline.test(r.variant) && r.headline.label === row.headline.label
  );
  if (!cpu) return fallback;
  return c.distros.map((d, i) => {
    const npu = d === "talos" ? row.talos : row.k3s;
    const base = d === "talos" ? cpu.talos : cpu.k3s;
    const other = d === "talos" ? cpu.k3s : cpu.talos;
    const ref = base.median !== void 0 ? base : other;
    if (npu.median === void 0 || ref.median === void 0 || ref.median <= 0) return fallback[i];
    const ratio = npu.median / ref.median;
    const where = ref === base ? "" : ` on ${d === "talos" ? "K3s" : "Talos"}`;
    const ok = ratio > 1;
    return {
      ...fallback[i],
      measured: `${formatNumber(npu.median)} ${c.unit} (${row.variant}) vs ${formatNumber(ref.median)} ${c.unit} (${cpu.variant}${where}), medians across nodes`,
      verdict: ok ? `\u2714 NPU accelerated: \xD7${formatNumber(ratio)} ${c.headline} vs the CPU row` : `\u2716 not accelerated: \xD7${formatNumber(ratio)} ${c.headline} vs the CPU row`,
      ok
    };
  });
}
function equivalenceClaim(c, rows) {
  const base = { id: c.id, claim: `${c.text} (${DOC})` };
  const compared = rows.filter((r) => r.delta !== void 0);
  if (compared.length === 0)
    return {
      ...base,
      verdict: "not measured: no workload of this kind has results from both distros"
    };
  const worst = compared.reduce((a, b) => Math.abs(b.delta) > Math.abs(a.delta) ? b : a);
  const within = compared.filter((r) => Math.abs(r.delta) <= TOLERANCE).length;
  const ok = within === compared.length;
  return {
    ...base,
    measured: `${within} of ${compared.length} rows within \xB1${TOLERANCE} %; largest \u0394 ${worst.delta.toFixed(1)} % (${worst.variant} ${worst.headline.label})`,
    verdict: ok ? `\u2714 equivalent within \xB1${TOLERANCE} %` : `\u2716 not equivalent: off by up to ${Math.abs(worst.delta).toFixed(0)} %`,
    ok
  };
}
function checkClaims(rows) {
  return CLAIMS.flatMap((c) => {
    const m = matching(rows, c);
    if (c.equivalence) return [equivalenceClaim(c, m)];
    return c.baseline ? speedupClaim(c, m, rows) : numberClaim(c, m);
  });
}

// src/report/matrix.ts
function latestRecords(records) {
  const latest = /* @__PURE__ */ new Map();
  for (const r of records) {
    const key = `${r.cluster.distro}/${r.node.name}/${r.workload.id}/${r.workload.variant}`;
    const seen = latest.get(key);
    if (!seen || Date.parse(r.started_at) > Date.parse(seen.started_at)) latest.set(key, r);
  }
  return [...latest.values()];
}
function flagsOf(r) {
  const flags = [];
  if (r.telemetry?.throttled) flags.push(`\u26A0 throttled (${r.node.name})`);
  if (r.status === "failed")
    flags.push(`\u2716 failed (${r.node.name})${r.reason ? `: ${r.reason}` : ""}`);
  if (r.status === "degraded")
    flags.push(`\u26A0 degraded (${r.node.name})${r.reason ? `: ${r.reason}` : ""}`);
  return flags;
}
function npuStack(r) {
  const npu = r.node.npu;
  if (!npu?.driver || npu.driver === "rknpu" || npu.driver === "none") return void 0;
  if (npu.driver === "rocket")
    return `Teflon/Rocket${npu.mesa_version ? ` (Mesa ${npu.mesa_version})` : ""}`;
  return npu.driver;
}
function side(records, headline, distro, kind) {
  const ok = records.filter((r) => r.status === "ok" || r.status === "degraded");
  const values = ok.map((r) => statValue(r.metrics[headline.metric], headline.stat)).filter((v) => v !== void 0);
  const flags = [...new Set(records.flatMap(flagsOf))];
  const times = records.map((r) => r.started_at).sort();
  const s = { nodes: values.length, flags, measuredAt: times[times.length - 1] };
  if (distro === "talos" && kind === "npu") s.stack = records.map(npuStack).find(Boolean);
  if (values.length) {
    s.median = median(values);
    s.min = Math.min(...values);
    s.max = Math.max(...values);
  } else {
    const skipped = records.find((r) => r.status === "skipped");
    if (records.length === 0)
      s.missing = distro === "talos" && (kind === "npu" || kind === "llm") ? "\u2014 (no rknpu)" : "not measured";
    else if (skipped) s.missing = `\u2014 skipped: ${skipped.reason ?? "no reason given"}`;
    else s.missing = "\u2716 failed";
  }
  return s;
}
function referenceFor(records, headline) {
  for (const r of records) {
    const ref = r.references?.find(
      (x) => x.metric === headline.metric || x.metric === headline.label
    );
    if (ref) return ref;
  }
  return void 0;
}
function buildMatrix(allRecords) {
  const records = latestRecords(allRecords);
  const groups = /* @__PURE__ */ new Map();
  for (const r of records) {
    for (const h of headlinesOf(r)) {
      const key = `${r.workload.id}/${r.workload.variant}/${h.label}`;
      const g = groups.get(key) ?? { headline: h, records: [] };
      groups.set(key, g);
    }
  }
  const byWorkload = /* @__PURE__ */ new Map();
  for (const r of records) {
    const w = `${r.workload.id}/${r.workload.variant}/`;
    byWorkload.set(w, [...byWorkload.get(w) ?? [], r]);
  }
  for (const [key, g] of groups) {
    const w = key.slice(0, key.length - g.headline.label.length);
    g.records.push(...byWorkload.get(w) ?? []);
  }
  const rows = [];
  for (const [key, { headline, records: rs }] of groups) {
    const first = rs[0];
    const kind = kindOf(first);
    const byDistro = (d) => rs.filter((r) => distroOf(r) === d);
    const talos = side(byDistro("talos"), headline, "talos", kind);
    const k3s = side(byDistro("k3s"), headline, "k3s", kind);
    const reference = referenceFor(rs, headline) ?? knownReference(first.workload.id, first.workload.variant, headline);
    const notes = [];
    const modes = new Set(
      rs.filter((r) => r.status === "ok").map((r) => r.method?.clock_mode ?? "-")
    );
    if (modes.size > 1)
      notes.push(`clock modes differ (${[...modes].join(", ")}): not a like-for-like comparison`);
    for (const d of ["talos", "k3s"]) {
      const prints = [...new Set(byDistro(d).map(fingerprint))];
      if (prints.length > 1)
        notes.push(
          `${d} nodes run different environments (${fingerprintChange(prints[0], prints[1])})`
        );
    }
    const row = {
      key,
      workload: first.workload.id,
      variant: first.workload.variant,
      headline,
      unit: first.metrics[headline.metric]?.unit ?? "",
      kind,
      lowerIsBetter: lowerIsBetter(first, headline.metric),
      talos,
      k3s,
      reference,
      notes
    };
    if (talos.median !== void 0 && k3s.median !== void 0)
      row.delta = percentChange(k3s.median, talos.median);
    const measured = k3s.median ?? talos.median;
    if (reference && measured !== void 0 && reference.value)
      row.referenceRatio = measured / reference.value;
    if (talos.measuredAt && k3s.measuredAt) {
      const days = Math.abs(Date.parse(k3s.measuredAt) - Date.parse(talos.measuredAt)) / 864e5;
      if (days >= 1) row.ageGapDays = Math.round(days);
    }
    rows.push(row);
  }
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}

// src/report/environment.ts
function environments(records) {
  const byNode = /* @__PURE__ */ new Map();
  for (const r of latestRecords(records)) {
    const key = `${distroOf(r)}/${r.node.name}`;
    if (byNode.has(key)) continue;
    const n = r.node;
    const s = n.storage;
    const link = s?.pcie_speed ? `${s.pcie_speed}${s.pcie_width ? ` x${s.pcie_width}` : ""}` : void 0;
    byNode.set(key, {
      distro: distroOf(r) ?? r.cluster.distro,
      node: n.name,
      distroVersion: r.cluster.distro_version,
      kernel: n.kernel,
      kubernetes: r.cluster.kubernetes_version,
      runtime: r.cluster.container_runtime,
      npu: n.npu?.driver ? `${n.npu.driver} ${n.npu.driver_version ?? ""}`.trim() : void 0,
      clockMode: r.method?.clock_mode,
      governors: [...new Set((n.cpu?.policies ?? []).map((p) => p.governor).filter(Boolean))].join(", ") || void 0,
      storage: [s?.model, s?.firmware && `fw ${s.firmware}`, s?.fs_type, link].filter(Boolean).join(" \xB7 ") || void 0
    });
  }
  return [...byNode.values()].sort(
    (a, b) => `${a.distro}/${a.node}`.localeCompare(`${b.distro}/${b.node}`)
  );
}

// src/report/nodes.ts
var NODE_OUTLIER_PERCENT = 10;
function nodeDeviations(records) {
  const groups = /* @__PURE__ */ new Map();
  for (const r of latestRecords(records)) {
    if (r.status !== "ok") continue;
    for (const h of headlinesOf(r)) {
      const value = statValue(r.metrics[h.metric], h.stat);
      if (value === void 0) continue;
      const key = `${distroOf(r)}/${r.workload.id}/${r.workload.variant}/${h.label}`;
      groups.set(key, [...groups.get(key) ?? [], { r, value, label: h.label }]);
    }
  }
  const out = [];
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    const m = median(members.map((x) => x.value));
    for (const { r, value, label } of members) {
      const change = percentChange(value, m);
      const metric = label.split(" ")[0];
      out.push({
        distro: key.split("/")[0],
        node: r.node.name,
        workload: r.workload.id,
        variant: r.workload.variant,
        headline: label,
        value,
        clusterMedian: m,
        worseBy: lowerIsBetter(r, metric) ? change : -change,
        kernel: r.node.kernel,
        driver: r.node.npu?.driver ? `${r.node.npu.driver} ${r.node.npu.driver_version ?? ""}`.trim() : void 0
      });
    }
  }
  return out.sort((a, b) => b.worseBy - a.worseBy);
}

// src/report/alert-rule.ts
var BASELINE_NIGHTS = 7;
var MIN_BASELINE_NIGHTS = 3;
var MAD_FACTOR = 3;
var SPREAD_NIGHTS = 14;
function judge(values, start, t, floor, lowerIsBetter2, end = t) {
  const window = values.slice(Math.max(start, end - BASELINE_NIGHTS), end);
  if (window.length < MIN_BASELINE_NIGHTS) return { exceed: 0 };
  const baseline = median(window);
  const spread = values.slice(Math.max(start, end - SPREAD_NIGHTS), end);
  const threshold = Math.max(floor * Math.abs(baseline), MAD_FACTOR * mad(spread));
  const d = values[t] - baseline;
  if (Math.abs(d) <= threshold) return { baseline, threshold, exceed: 0 };
  const worse = lowerIsBetter2 ? d > 0 : d < 0;
  return { baseline, threshold, exceed: worse ? 1 : -1 };
}
function evaluateSeries(points, floor, lowerIsBetter2) {
  const values = points.map((p) => p.value);
  const verdicts = [];
  const events = [];
  let start = 0;
  let open;
  let backNights = 0;
  for (let t = 0; t < points.length; t++) {
    if (t > 0 && points[t].fingerprint !== points[t - 1].fingerprint) {
      events.push({ type: "environment-changed", index: t });
      start = t;
      open = void 0;
      backNights = 0;
      verdicts.push({ exceed: 0 });
      continue;
    }
    const suspect = verdicts[t - 1]?.exceed ? t - 1 : t;
    const v = judge(values, start, t, floor, lowerIsBetter2, Math.max(start, suspect));
    verdicts.push(v);
    if (open) {
      backNights = Math.abs(values[t] - open.before) <= open.threshold ? backNights + 1 : 0;
      if (backNights >= 2) {
        events.push({
          type: "recovered",
          index: t,
          since: t - 1,
          before: open.after,
          after: median(values.slice(t - 1, t + 1))
        });
        open = void 0;
        backNights = 0;
        start = t - 1;
        verdicts[t] = { ...v, exceed: 0 };
        continue;
      }
    }
    const prev = verdicts[t - 1];
    if (v.exceed !== 0 && t - 1 >= start && prev?.exceed === v.exceed && prev.baseline !== void 0) {
      const after = median(values.slice(t - 1, t + 1));
      const step = { index: t, since: t - 1, before: prev.baseline, after };
      if (v.exceed === 1) {
        events.push({ type: "regression", ...step });
        open = {
          since: t - 1,
          before: prev.baseline,
          after,
          threshold: prev.threshold,
          confirmedAt: t
        };
        backNights = 0;
      } else if (open) {
        events.push({ type: "recovered", ...step, before: open.after });
        open = void 0;
      } else {
        events.push({ type: "improvement", ...step });
      }
      start = t - 1;
      verdicts[t] = { ...v, exceed: 0 };
    }
  }
  return {
    points: verdicts,
    events,
    open: open ? { since: open.since, before: open.before, after: open.after, confirmedAt: open.confirmedAt } : void 0
  };
}

// src/report/trends.ts
function nightOf(r) {
  return r.suite_id ?? r.run_id;
}
function collectSeries(records) {
  const series = /* @__PURE__ */ new Map();
  for (const r of records) {
    if (r.status !== "ok") continue;
    for (const h of headlinesOf(r)) {
      const value = statValue(r.metrics[h.metric], h.stat);
      if (value === void 0) continue;
      const key = `${distroOf(r)}/${r.node.name}/${r.workload.id}/${r.workload.variant}/${h.label}`;
      series.set(key, [...series.get(key) ?? [], { r, value, label: h.label }]);
    }
  }
  return series;
}
function perNight(members) {
  const byNight = /* @__PURE__ */ new Map();
  for (const m of members) {
    const seen = byNight.get(nightOf(m.r));
    if (!seen || m.r.started_at > seen.r.started_at) byNight.set(nightOf(m.r), m);
  }
  return [...byNight.values()].sort((a, b) => a.r.started_at.localeCompare(b.r.started_at));
}
function trendOf(key, ordered) {
  const points = ordered.map((m) => ({
    value: m.value,
    fingerprint: fingerprint(m.r),
    at: m.r.started_at,
    runId: nightOf(m.r)
  }));
  const first = ordered[0].r;
  const metric = ordered[0].label.split(" ")[0];
  const evaluation = evaluateSeries(
    points,
    ALERT_FLOORS[kindOf(first)],
    lowerIsBetter(first, metric)
  );
  const last = points.length - 1;
  const lastEvent = evaluation.events.filter((e) => e.index === last).pop();
  const trend = {
    key,
    distro: distroOf(first) ?? first.cluster.distro,
    node: first.node.name,
    workload: first.workload.id,
    variant: first.workload.variant,
    headline: ordered[0].label,
    unit: first.metrics[metric]?.unit ?? "",
    points,
    status: "ok"
  };
  const previous = points.slice(Math.max(0, last - 7), last).filter((p) => p.fingerprint === points[last].fingerprint);
  if (previous.length) {
    trend.baseline = median(previous.map((p) => p.value));
    trend.delta = percentChange(points[last].value, trend.baseline);
  }
  if (lastEvent?.type === "environment-changed") {
    trend.status = "environment changed";
    trend.note = fingerprintChange(points[last - 1].fingerprint, points[last].fingerprint);
    trend.delta = void 0;
    trend.baseline = void 0;
  } else if (lastEvent) trend.status = lastEvent.type;
  else if (evaluation.open) trend.status = "regression";
  else if (evaluation.points[last].baseline === void 0) trend.status = "building baseline";
  return { trend, evaluation };
}
function alertOf(trend, evaluation) {
  const last = trend.points.length - 1;
  const step = evaluation.events.filter((e) => e.index === last).pop();
  const make = (state, e) => ({
    key: trend.key,
    state,
    distro: trend.distro,
    node: trend.node,
    workload: trend.workload,
    variant: trend.variant,
    metric: trend.headline,
    unit: trend.unit,
    before: e.before,
    after: e.after,
    changePercent: percentChange(e.after, e.before),
    since: trend.points[e.since].at
  });
  if (step?.type === "regression") return make("new", step);
  if (step?.type === "recovered") return make("recovered", step);
  if (evaluation.open) return make("ongoing", evaluation.open);
  return void 0;
}
function buildTrends(records, currentNight) {
  const trends = [];
  const alerts = [];
  for (const [key, members] of collectSeries(records)) {
    const { trend, evaluation } = trendOf(key, perNight(members));
    trends.push(trend);
    const lastNight = trend.points[trend.points.length - 1].runId;
    if (currentNight !== void 0 && lastNight !== currentNight) continue;
    const alert = alertOf(trend, evaluation);
    if (alert) alerts.push(alert);
  }
  return { trends: trends.sort((a, b) => a.key.localeCompare(b.key)), alerts };
}

// src/report/build.ts
function buildReport(input) {
  const leftOut = [];
  const bad = [...input.bad];
  const simulated = input.current.length > 0 && input.current.every(isSimulated);
  const sameSide = (r) => isSimulated(r) === simulated;
  const otherSide = simulated ? "real" : "SIMULATED";
  const clusterId = input.clusterId ?? mostCommon(input.current.filter(sameSide).map((r) => r.cluster.cluster_id));
  const inCluster = (r, where) => {
    if (!clusterId || r.cluster.cluster_id === clusterId) return true;
    bad.push({
      file: `${where} ${r.node.name}/${r.workload.id}/${r.workload.variant}`,
      problem: `from cluster "${r.cluster.cluster_id}", not "${clusterId}"`
    });
    return false;
  };
  const current = input.current.filter(sameSide);
  if (current.length < input.current.length)
    leftOut.push(
      `${input.current.length - current.length} ${otherSide} record(s) of this run left out: simulated and real results are never mixed.`
    );
  const history = input.history.filter(sameSide);
  if (history.length < input.history.length)
    leftOut.push(
      `${input.history.length - history.length} ${otherSide} record(s) of the history left out.`
    );
  const currentOk = current.filter((r) => inCluster(r, "this run:"));
  const historyOk = history.filter((r) => inCluster(r, "history:"));
  const currentNights = new Set(currentOk.map((r) => r.suite_id ?? r.run_id));
  const currentNight = currentNights.size === 1 ? [...currentNights][0] : void 0;
  const ids = new Set(currentOk.map((r) => r.run_id));
  const all = [...historyOk.filter((r) => !ids.has(r.run_id)), ...currentOk];
  const historyNights = new Set(
    historyOk.map((r) => r.suite_id ?? r.run_id).filter((n) => !currentNights.has(n))
  );
  const matrix = buildMatrix(currentOk);
  const { trends, alerts } = buildTrends(all, currentNight);
  return {
    generatedAt: (input.now ?? /* @__PURE__ */ new Date()).toISOString(),
    simulated,
    clusterId,
    recordCount: currentOk.length,
    distros: [
      ...new Set(currentOk.map((r) => distroOf(r)).filter((d) => !!d))
    ].sort(),
    bad,
    leftOut,
    history: { nights: historyNights.size, notes: input.historyNotes },
    matrix,
    claims: checkClaims(matrix),
    nodes: nodeDeviations(currentOk),
    environment: environments(currentOk),
    trends,
    alerts
  };
}
function mostCommon(values) {
  const counts = /* @__PURE__ */ new Map();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

// src/report/history.ts
import { join as join2 } from "node:path";

// src/report/load.ts
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
async function jsonFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) files.push(...await jsonFiles(path));
    else if (e.name.endsWith(".json")) files.push(path);
  }
  return files.sort();
}
function documents(parsed) {
  return Array.isArray(parsed) ? parsed : [parsed];
}
async function loadRecords(dirs, options = {}) {
  const records = [];
  const bad = [];
  for (const dir of dirs) {
    for (const path of await jsonFiles(dir)) {
      const file = `${options.label ?? ""}${relative(dir, path) || path}`;
      const text = await readFile(path, "utf8");
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        bad.push({ file, problem: `truncated or not JSON (${error.message})` });
        continue;
      }
      documents(parsed).forEach((doc, i) => {
        const at = Array.isArray(parsed) ? `${file}[${i}]` : file;
        if (typeof doc !== "object" || doc === null || !("schema" in doc)) return;
        const problems = checkRecord(doc);
        if (problems.length) return bad.push({ file: at, problem: problems.join("; ") });
        const record = doc;
        if (options.clusterId && record.cluster.cluster_id !== options.clusterId)
          return bad.push({
            file: at,
            problem: `from cluster "${record.cluster.cluster_id}", not "${options.clusterId}"`
          });
        records.push(record);
      });
    }
  }
  return { records, bad };
}

// src/report/history.ts
async function historyFromArtifacts(options) {
  const { api, store, run, token } = options;
  const branch = await api.defaultBranch();
  const runs = (await api.workflowRuns(options.workflowFile, { branch, limit: options.nights + 1 })).filter((r) => r.id !== run.runId).slice(0, options.nights);
  const history = { records: [], bad: [], notes: [] };
  let missing = 0;
  for (const r of runs) {
    try {
      const from = { runId: r.id, token };
      const artifacts = (await store.list(from)).filter((a) => a.name.startsWith(options.prefix));
      if (artifacts.length === 0) missing++;
      for (const a of artifacts) {
        const dir = join2(options.tempDir, "history", String(r.id), a.name);
        await store.download(a, dir, from);
        const loaded = await loadRecords([dir], { label: `run ${r.id}/${a.name}/` });
        history.records.push(...loaded.records);
        history.bad.push(...loaded.bad);
      }
    } catch (error) {
      history.notes.push(
        `Run ${r.id}: its records could not be read (${errorText(error).split("\n")[0]}).`
      );
    }
  }
  if (missing)
    history.notes.push(
      `${missing} earlier run(s) had no ${options.prefix}* artifact (expired after the retention period, or no benchmark ran).`
    );
  return history;
}
function compactRecord(r) {
  const metrics = {};
  const heads = new Set(headlinesOf(r).map((h) => h.metric));
  for (const [name, m] of Object.entries(r.metrics)) {
    if (!heads.has(name)) continue;
    metrics[name] = Object.fromEntries(
      Object.entries(m).filter(
        ([k]) => ["unit", "direction", "n", "p50", "p90", "value", "mean"].includes(k)
      )
    );
  }
  return {
    schema: r.schema,
    schema_version: r.schema_version,
    run_id: r.run_id,
    suite_id: r.suite_id,
    started_at: r.started_at,
    simulated: r.simulated || r.cluster.simulated || void 0,
    cluster: {
      distro: r.cluster.distro,
      distro_version: r.cluster.distro_version,
      cluster_id: r.cluster.cluster_id
    },
    node: {
      name: r.node.name,
      kernel: r.node.kernel,
      npu: r.node.npu ? { driver: r.node.npu.driver, driver_version: r.node.npu.driver_version } : void 0,
      storage: r.node.storage ? { firmware: r.node.storage.firmware, fs_type: r.node.storage.fs_type } : void 0
    },
    workload: r.workload,
    method: r.method?.clock_mode ? { clock_mode: r.method.clock_mode } : void 0,
    status: r.status,
    reason: r.reason,
    metrics
  };
}
var RUNS_DIR = "runs/";
async function readHistoryBranch(api, branch) {
  const history = { records: [], bad: [], notes: [] };
  const head = await api.branchHead(branch);
  if (!head) {
    history.notes.push(`History branch ${branch} does not exist yet; this run creates it.`);
    return history;
  }
  for (const f of (await api.commitFiles(head)).filter((x) => x.path.startsWith(RUNS_DIR))) {
    const file = `${branch}:${f.path}`;
    try {
      const docs = JSON.parse(await api.blob(f.sha));
      for (const [i, doc] of docs.entries()) {
        const problems = checkRecord(doc);
        if (problems.length)
          history.bad.push({ file: `${file}[${i}]`, problem: problems.join("; ") });
        else history.records.push(doc);
      }
    } catch (error) {
      history.bad.push({ file, problem: `truncated or not JSON (${error.message})` });
    }
  }
  return history;
}
async function appendHistoryBranch(api, branch, fileName, records, maxRuns, attempts = 5) {
  const content = `${JSON.stringify(records.map(compactRecord))}
`;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const head = await api.branchHead(branch);
    const existing = head ? (await api.commitFiles(head)).map((f) => f.path).filter((p) => p.startsWith(RUNS_DIR)) : [];
    const path = `${RUNS_DIR}${fileName}`;
    const kept = [.../* @__PURE__ */ new Set([...existing, path])].sort();
    const drop = kept.slice(0, Math.max(0, kept.length - maxRuns)).filter((p) => p !== path);
    const changes = [{ path, content }, ...drop.map((p) => ({ path: p, content: null }))];
    const commit = await api.commit(
      head,
      changes,
      `rk1 history: ${fileName}${drop.length ? ` (drop ${drop.length} oldest)` : ""}`
    );
    if (await api.advanceBranch(branch, commit, !head))
      return { commit, pruned: drop.length, attempts: attempt };
  }
  throw new Error(`history branch ${branch} kept moving: gave up after ${attempts} attempts`);
}

// src/report/charts-svg.ts
var TALOS = "#3b6fd8";
var K3S = "#e0792b";
function comparisonBars(rows) {
  const pairs = rows.filter((r) => r.talos.median !== void 0 || r.k3s.median !== void 0);
  if (pairs.length === 0) return "";
  const rowH = 34;
  const labelW = 300;
  const barW = 420;
  const h = pairs.length * rowH + 30;
  const parts = [
    `<svg class="chart bars" role="img" aria-label="Talos vs K3s per workload" viewBox="0 0 ${labelW + barW + 90} ${h}" width="${labelW + barW + 90}" height="${h}" xmlns="http://www.w3.org/2000/svg">`,
    `<rect x="${labelW}" y="4" width="10" height="10" fill="${TALOS}"/><text x="${labelW + 14}" y="13" font-size="11">Talos</text>`,
    `<rect x="${labelW + 70}" y="4" width="10" height="10" fill="${K3S}"/><text x="${labelW + 84}" y="13" font-size="11">K3s</text>`
  ];
  pairs.forEach((r, i) => {
    const y = 24 + i * rowH;
    const top = Math.max(r.talos.median ?? 0, r.k3s.median ?? 0) || 1;
    const label = `${r.workload} ${r.variant} ${r.headline.label}${r.lowerIsBetter ? " \u2193" : " \u2191"}`;
    parts.push(
      `<text x="${labelW - 6}" y="${y + 15}" font-size="11" text-anchor="end">${escapeHtml(label)}</text>`
    );
    for (const [j, side2, color, name] of [
      [0, r.talos, TALOS, "Talos"],
      [1, r.k3s, K3S, "K3s"]
    ]) {
      const v = side2.median;
      const yy = y + j * 13;
      if (v === void 0) {
        parts.push(
          `<text x="${labelW + 4}" y="${yy + 10}" font-size="10" fill="#777">${escapeHtml(side2.missing ?? "\u2014")}</text>`
        );
        continue;
      }
      const w = Math.max(1, v / top * barW);
      parts.push(
        `<rect class="bar" x="${labelW}" y="${yy}" width="${w.toFixed(1)}" height="11" fill="${color}"><title>${name}: ${formatNumber(v)} ${escapeHtml(r.unit)}</title></rect>`,
        `<text x="${(labelW + w + 4).toFixed(1)}" y="${yy + 10}" font-size="10">${formatNumber(v)}</text>`
      );
    }
  });
  parts.push("</svg>");
  return parts.join("");
}
function trendLine(t) {
  const w = 320;
  const h = 90;
  const pad = 8;
  const values = t.points.map((p) => p.value);
  if (values.length < 2) return "";
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo;
  const x = (i) => pad + i / (values.length - 1) * (w - 2 * pad);
  const y = (v) => span ? h - 20 - (v - lo) / span * (h - 20 - pad) : (h - 20 + pad) / 2;
  const path = values.map((v, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join("");
  const color = t.status === "regression" ? "#c62828" : TALOS;
  const base = t.baseline !== void 0 && span ? `<line class="baseline" x1="${pad}" x2="${w - pad}" y1="${y(t.baseline).toFixed(1)}" y2="${y(t.baseline).toFixed(1)}" stroke="#888" stroke-dasharray="3 3"><title>baseline (median of the last 7 comparable nights): ${formatNumber(t.baseline)} ${escapeHtml(t.unit)}</title></line>` : "";
  const dots = t.points.map(
    (p, i) => `<circle class="point" cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.5" fill="${color}"><title>${escapeHtml(p.at.slice(0, 10))}: ${formatNumber(p.value)} ${escapeHtml(t.unit)}</title></circle>`
  ).join("");
  return [
    `<figure class="trend"><svg class="chart line" role="img" aria-label="${escapeHtml(t.key)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">`,
    `${base}<path d="${path}" fill="none" stroke="${color}" stroke-width="1.5"/>${dots}`,
    `<text x="${pad}" y="${h - 5}" font-size="10" fill="#555">${formatNumber(lo)}\u2013${formatNumber(hi)} ${escapeHtml(t.unit)} \xB7 ${values.length} nights</text>`,
    `</svg><figcaption>${escapeHtml(t.key)} <b>${escapeHtml(t.status)}</b></figcaption></figure>`
  ].join("");
}

// src/report/model.ts
function sideText(s) {
  if (s.median === void 0) return s.missing ?? "\u2014";
  const range = s.nodes > 1 ? ` (${formatNumber(s.min)}\u2013${formatNumber(s.max)})` : "";
  const stack = s.stack ? ` [${s.stack}]` : "";
  return `${formatNumber(s.median)}${range}${stack}`;
}
function age(at, now) {
  if (!at) return "";
  const days = Math.floor((Date.parse(now) - Date.parse(at)) / 864e5);
  return days >= 1 ? ` \xB7 ${days} d old` : "";
}
function matrixTable(m) {
  return {
    title: "Talos vs K3s",
    header: [
      "workload",
      "variant",
      "metric",
      "Talos",
      "K3s",
      "\u0394 K3s vs Talos",
      "reference",
      "ratio",
      "flags"
    ],
    rows: m.matrix.map((r) => {
      const ages = r.ageGapDays ? [age(r.talos.measuredAt, m.generatedAt), age(r.k3s.measuredAt, m.generatedAt)] : ["", ""];
      return [
        r.workload,
        r.variant,
        `${r.headline.label}${r.unit ? ` (${r.unit})` : ""}${r.lowerIsBetter ? " \u2193" : " \u2191"}`,
        sideText(r.talos) + ages[0],
        sideText(r.k3s) + ages[1],
        formatPercent(r.delta),
        r.reference ? `${formatNumber(r.reference.value)} ${r.reference.unit ?? ""} (${r.reference.source})`.replace(
          "  ",
          " "
        ) : "\u2014",
        r.referenceRatio !== void 0 ? `\xD7${r.referenceRatio.toFixed(2)}` : "\u2014",
        [
          ...r.talos.flags.map((f) => `Talos ${f}`),
          ...r.k3s.flags.map((f) => `K3s ${f}`),
          ...r.notes
        ].join("; ") || ""
      ];
    })
  };
}
function claimsTable(m) {
  return {
    title: "Claims check",
    header: ["claim", "distro", "measured", "reference", "verdict"],
    rows: m.claims.map((c) => [
      c.claim,
      c.distro ?? "both",
      c.measured ?? "\u2014",
      c.reference ?? "\u2014",
      c.verdict
    ])
  };
}
function nodesTable(m) {
  return {
    title: "Per node: deviation from the cluster median",
    header: [
      "distro",
      "node",
      "workload",
      "variant",
      "metric",
      "value",
      "cluster median",
      "worse by",
      "kernel / driver"
    ],
    rows: m.nodes.map((d) => [
      d.distro,
      d.node,
      d.workload,
      d.variant,
      d.headline,
      formatNumber(d.value),
      formatNumber(d.clusterMedian),
      `${formatPercent(d.worseBy)}${d.worseBy > NODE_OUTLIER_PERCENT ? " \u26A0" : ""}`,
      [d.kernel, d.driver].filter(Boolean).join(" / ")
    ])
  };
}
function nodeOutliersTable(m) {
  const all = nodesTable(m);
  return {
    title: `Nodes more than ${NODE_OUTLIER_PERCENT} % worse than their cluster's median`,
    header: all.header,
    rows: all.rows.filter((_, i) => m.nodes[i].worseBy > NODE_OUTLIER_PERCENT)
  };
}
function environmentTable(m) {
  return {
    title: "Environment",
    header: [
      "distro",
      "node",
      "version",
      "kernel",
      "kubernetes",
      "runtime",
      "NPU driver",
      "clock mode",
      "governor",
      "storage"
    ],
    rows: m.environment.map((e) => [
      e.distro,
      e.node,
      e.distroVersion ?? "\u2014",
      e.kernel ?? "\u2014",
      e.kubernetes ?? "\u2014",
      e.runtime ?? "\u2014",
      e.npu ?? "\u2014",
      e.clockMode ?? "\u2014",
      e.governors ?? "\u2014",
      e.storage ?? "\u2014"
    ])
  };
}
function trendsTable(m) {
  return {
    title: "Trends (\u0394 against the median of the last 7 comparable nights)",
    header: ["series", "nights", "last", "\u0394 vs baseline", "status"],
    rows: m.trends.map((t) => [
      t.key,
      String(t.points.length),
      `${formatNumber(t.points[t.points.length - 1]?.value)} ${t.unit}`.trim(),
      formatPercent(t.delta),
      t.status + (t.note ? `: ${t.note}` : "")
    ])
  };
}
function alertsTable(m) {
  return {
    title: "Alerts",
    header: ["state", "series", "before", "after", "change", "since"],
    rows: m.alerts.map((a) => [
      a.state,
      a.key,
      `${formatNumber(a.before)} ${a.unit}`.trim(),
      `${formatNumber(a.after)} ${a.unit}`.trim(),
      formatPercent(a.changePercent),
      a.since.slice(0, 10)
    ])
  };
}
function badTable(m) {
  return {
    title: "Records left out",
    header: ["file", "problem"],
    rows: m.bad.map((b) => [b.file, b.problem])
  };
}
function preamble(m) {
  const lines = [];
  if (m.simulated)
    lines.push(
      "**SIMULATED**: these results come from the virtual lab, not from hardware. They are never compared with real runs."
    );
  lines.push(
    `${m.recordCount} record(s) from ${m.distros.length ? m.distros.join(" and ") : "no distro"}${m.clusterId ? ` of cluster ${m.clusterId}` : ""}; history: ${m.history.nights ? `${m.history.nights} earlier night(s)` : "none yet (first night)"}.`
  );
  lines.push(...m.history.notes, ...m.leftOut);
  if (m.bad.length)
    lines.push(
      `${m.bad.length} record(s) could not be used; they are listed under "Records left out".`
    );
  if (!m.distros.includes("talos") || !m.distros.includes("k3s"))
    lines.push(
      `Only ${m.distros.join(", ") || "no distro"} sent results this run: the other side of the comparison is missing.`
    );
  return lines;
}

// src/report/html.ts
var MAX_TREND_CHARTS = 48;
var CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0;font-size:12.5px}th,td{border:1px solid #d0d0d0;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f3f4f6}.sim{background:#fff3cd;border:1px solid #e0b84c;padding:8px 12px;font-weight:600}
.trends{display:flex;flex-wrap:wrap;gap:12px}.trend{margin:0;font-size:11px}.chart text{font-family:system-ui,sans-serif}
.bad{color:#a00}`;
function htmlTable(t, cls = "") {
  const head = `<tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n");
  const content = t.rows.length ? `<table class="${cls}">${head}
${body}</table>` : "<p>Nothing to show.</p>";
  return `<section><h2>${escapeHtml(t.title)}</h2>${content}</section>`;
}
function dataBlock(m) {
  return `<script type="application/json" id="rk1-report-data">${JSON.stringify(m).replace(/</g, "\\u003c")}</script>`;
}
function renderHtml(m) {
  const trends = m.trends.filter((t) => t.points.length >= 2).sort((a, b) => Number(b.status === "regression") - Number(a.status === "regression")).slice(0, MAX_TREND_CHARTS);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rk1 benchmark report${m.simulated ? " (SIMULATED)" : ""}</title>
<style>${CSS}</style></head><body>
<h1>rk1 benchmark report${m.simulated ? " (SIMULATED)" : ""}</h1>
${m.simulated ? '<p class="sim">SIMULATED: results of the virtual lab, not of hardware.</p>' : ""}
${preamble(m).map((l) => `<p>${escapeHtml(l.replace(/\*\*/g, ""))}</p>`).join("\n")}
${m.alerts.length ? htmlTable(alertsTable(m)) : ""}
<section><h2>Talos vs K3s, chart</h2>${comparisonBars(m.matrix) || "<p>No measured values.</p>"}</section>
${htmlTable(matrixTable(m))}
${htmlTable(claimsTable(m))}
${htmlTable(nodesTable(m))}
${htmlTable(environmentTable(m))}
<section><h2>Trend charts</h2>${trends.length ? `<div class="trends">${trends.map(trendLine).join("\n")}</div>` : "<p>Not enough nights yet for trend lines.</p>"}</section>
${htmlTable(trendsTable(m))}
${m.bad.length ? htmlTable(badTable(m), "bad") : ""}
<p><small>Generated ${escapeHtml(m.generatedAt)}${m.artifactLink ? ` \xB7 artifact: ${escapeHtml(m.artifactLink)}` : ""}</small></p>
${dataBlock(m)}
</body></html>
`;
}

// src/report/markdown.ts
var COMMENT_MARKER = "<!-- rk1-actions report -->";
var COMMENT_LIMIT = 6e4;
function prose(text) {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "@\u200B");
}
function cell(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "@\u200B").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function markdownTable(t, maxRows = Infinity) {
  if (t.rows.length === 0) return `### ${t.title}

Nothing to show.
`;
  const rows = t.rows.slice(0, maxRows);
  const lines = [
    `### ${t.title}`,
    "",
    `| ${t.header.map(cell).join(" | ")} |`,
    `| ${t.header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)
  ];
  if (rows.length < t.rows.length)
    lines.push("", `\u2026 ${t.rows.length - rows.length} more row(s) in the report artifact.`);
  return `${lines.join("\n")}
`;
}
function renderMarkdown(m) {
  const parts = [
    `# rk1 benchmark report${m.simulated ? " (SIMULATED)" : ""}`,
    "",
    ...preamble(m).map((l) => `${prose(l)}
`),
    markdownTable(alertsTable(m)),
    markdownTable(matrixTable(m)),
    markdownTable(claimsTable(m)),
    markdownTable(nodesTable(m)),
    markdownTable(environmentTable(m)),
    markdownTable(trendsTable(m)),
    m.bad.length ? markdownTable(badTable(m)) : "",
    `_Generated ${m.generatedAt}._
`
  ];
  return parts.filter(Boolean).join("\n");
}
function renderComment(m, artifactLink, htmlLink) {
  const link = [
    artifactLink ? `Full report (HTML, Markdown, JSON): ${artifactLink}` : "",
    htmlLink ? `HTML report in the browser: ${htmlLink}` : ""
  ].filter(Boolean).map((l) => `${l}
`).join("\n");
  const head = [
    COMMENT_MARKER,
    `## rk1 benchmark report${m.simulated ? " (SIMULATED)" : ""}`,
    "",
    ...preamble(m).map(prose),
    "",
    link
  ].join("\n");
  for (const maxRows of [Infinity, 40, 15, 5, 0]) {
    const body = [
      head,
      markdownTable(alertsTable(m), maxRows),
      markdownTable(matrixTable(m), maxRows),
      markdownTable(claimsTable(m), maxRows),
      markdownTable(nodeOutliersTable(m), maxRows)
    ].join("\n");
    if (body.length <= COMMENT_LIMIT) return body;
  }
  return `${head.slice(0, COMMENT_LIMIT - 200)}

\u2026 cut to stay under GitHub's comment limit.`;
}

// src/report/publish.ts
async function upsertComment(api, pr, body, log) {
  try {
    const { url, updated } = await upsertMarkedComment(api, pr, COMMENT_MARKER, body);
    return { url, updated };
  } catch (error) {
    if (!(error instanceof GitHubPermissionError)) throw error;
    log.warn(`${error.message} The report is in the job summary instead. ${error.advice ?? ""}`);
    return false;
  }
}
var ALERT_LABEL = "rk1-regression";
function alertMarker(key) {
  return `<!-- rk1-alert:${key} -->`;
}
function regressionKey(a) {
  return `${a.distro}/${a.node}/${a.workload}/${a.variant}`;
}
function issueBody(group, link) {
  const a = group[0];
  const lines = group.filter((x) => x.state !== "recovered").map(
    (x) => `- **${x.metric}**: ${formatNumber(x.before)} \u2192 ${formatNumber(x.after)} ${x.unit} (${formatPercent(x.changePercent)}), since ${x.since}`
  );
  return [
    alertMarker(regressionKey(a)),
    `\`${a.workload}/${a.variant}\` on ${a.distro} node ${a.node} got worse:`,
    "",
    ...lines,
    "",
    "Each confirmed on 2 nights running against the median of the last 7 comparable nights. This issue is updated when the regression changes and closed when it recovers.",
    link ? `
Report: ${link}` : ""
  ].join("\n");
}
async function syncAlertIssues(api, alerts, link, log) {
  const counts = { opened: 0, updated: 0, closed: 0 };
  const open = await api.listIssues([ALERT_LABEL], "open");
  const groups = /* @__PURE__ */ new Map();
  for (const a of alerts) groups.set(regressionKey(a), [...groups.get(regressionKey(a)) ?? [], a]);
  for (const [key, group] of groups) {
    const existing = open.find((i) => i.body.includes(alertMarker(key)));
    const a = group[0];
    if (group.some((x) => x.state === "new")) {
      if (existing) {
        await api.updateIssue(existing.number, { body: issueBody(group, link) });
        counts.updated++;
      } else {
        const worst = group.reduce(
          (x, y) => Math.abs(y.changePercent) > Math.abs(x.changePercent) ? y : x
        );
        await api.createIssue(
          `Regression: ${a.distro} ${a.node} ${a.workload}/${a.variant} ${worst.metric} ${formatPercent(worst.changePercent)}`,
          issueBody(group, link),
          [ALERT_LABEL]
        );
        counts.opened++;
      }
    } else if (group.every((x) => x.state === "recovered") && existing) {
      await api.createComment(
        existing.number,
        `Recovered: ${group.map((x) => `${x.metric} back to ${formatNumber(x.after)} ${x.unit}`).join("; ")}.${link ? ` Report: ${link}` : ""}`
      );
      await api.updateIssue(existing.number, { state: "closed" });
      counts.closed++;
    } else if (!existing) {
      log.info(`Regression ${key} is still open; its issue was closed by hand, not reopened.`);
    }
  }
  return counts;
}

// src/report/summary.ts
var SUMMARY_LIMIT_BYTES = 1024 * 1024;
var BUDGET_BYTES = 300 * 1024;
function size(t) {
  return t.rows.reduce((n, r) => n + r.reduce((m, c) => m + Buffer.byteLength(c) + 20, 0), 0);
}
function fit(t, budget) {
  let rows = t.rows;
  while (rows.length > 0 && size({ ...t, rows }) > budget)
    rows = rows.slice(0, Math.floor(rows.length / 2));
  return { table: { ...t, rows }, cut: t.rows.length - rows.length };
}
function writeSummary(summary, m, artifactLink) {
  summary.heading(`rk1 benchmark report${m.simulated ? " (SIMULATED)" : ""}`, 2);
  for (const line of preamble(m)) summary.paragraph(line.replace(/\*\*/g, ""));
  if (artifactLink) summary.paragraph(`Full report (HTML, Markdown, JSON): ${artifactLink}`);
  const tables = [
    m.alerts.length ? alertsTable(m) : void 0,
    matrixTable(m),
    claimsTable(m),
    nodeOutliersTable(m),
    m.bad.length ? badTable(m) : void 0
  ].filter((t) => !!t);
  for (const t of tables) {
    const { table, cut } = fit(t, BUDGET_BYTES / tables.length);
    summary.heading(table.title, 3);
    if (table.rows.length) summary.table(table.header, table.rows);
    else if (!cut) summary.paragraph("Nothing to show.");
    if (cut)
      summary.paragraph(
        `${cut} more row(s) in the report artifact (the job summary is limited to 1 MiB).`
      );
  }
}

// src/commands/report.ts
var list = (v) => v.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
function readOptions({ host, inputs }) {
  const options = {
    results: list(inputs.string("results")).map((d) => resolve(d)),
    prefix: inputs.string("artifact-prefix"),
    historyNights: inputs.integer("history-nights", { min: 0, max: 400 }),
    historyDirs: list(inputs.string("history-dirs")).map((d) => resolve(d)),
    historyBranch: inputs.optional("history-branch"),
    historyMaxRuns: inputs.integer("history-max-runs", { min: 1, max: 1e5 }),
    workflow: inputs.optional("workflow"),
    clusterId: inputs.optional("cluster-id"),
    reportDir: resolve(inputs.optional("report-dir") ?? join3(host.tempDir, "report")),
    artifactName: inputs.optional("report-artifact"),
    comment: inputs.choice("comment", ["auto", "false"], "auto") === "auto",
    alertIssues: inputs.choice("alert-issues", ["auto", "true", "false"], "auto") ?? "auto",
    token: inputs.string("github-token")
  };
  if (options.results.length === 0 && !host.run)
    inputs.problem(
      "results",
      "give the folders with the benchmark records (outside GitHub Actions there are no run artifacts)"
    );
  inputs.assertValid();
  return options;
}
async function currentRecords(host, o) {
  if (o.results.length) return loadRecords(o.results);
  const dirs = [];
  for (const a of (await host.artifacts.list()).filter((x) => x.name.startsWith(o.prefix))) {
    dirs.push(await host.artifacts.download(a, join3(host.tempDir, "current", a.name)));
  }
  if (dirs.length === 0)
    host.log.warn(`No artifact of this run starts with "${o.prefix}": nothing to compare.`);
  return loadRecords(dirs);
}
async function gatherHistory(host, o, api) {
  const all = { records: [], bad: [], notes: [] };
  const add = (h) => {
    all.records.push(...h.records);
    all.bad.push(...h.bad);
    all.notes.push(...h.notes);
  };
  if (o.historyDirs.length) {
    const loaded = await loadRecords(o.historyDirs, { label: "history/" });
    add({ ...loaded, notes: [] });
  }
  const workflowFile = o.workflow ?? host.run?.workflowFile;
  if (api && host.run && o.historyNights > 0) {
    if (!workflowFile)
      all.notes.push(
        "History from artifacts skipped: the workflow file of this run is unknown (set the workflow input)."
      );
    else
      add(
        await historyFromArtifacts({
          api,
          store: host.artifacts,
          run: host.run,
          token: o.token,
          workflowFile,
          nights: o.historyNights,
          prefix: o.prefix,
          tempDir: host.tempDir
        })
      );
  }
  if (api && o.historyBranch) add(await readHistoryBranch(api, o.historyBranch));
  return all;
}
async function writeFiles(dir, model) {
  await mkdir(dir, { recursive: true });
  const files = [
    ["report.md", renderMarkdown(model)],
    ["report.json", `${JSON.stringify(model, null, 2)}
`],
    ["report.html", renderHtml(model)],
    ["alerts.json", `${JSON.stringify(model.alerts, null, 2)}
`]
  ];
  for (const [name, text] of files) await writeFile(join3(dir, name), text);
  return files.map(([name]) => join3(dir, name));
}
async function uploadHtmlPreview(host, dir) {
  try {
    const html = await host.artifacts.upload("report.html", dir, [join3(dir, "report.html")], {
      retentionDays: 90,
      single: true
    });
    return host.artifacts.link(html);
  } catch (error) {
    host.log.warn(`The HTML report was not uploaded on its own: ${errorText(error).split("\n")[0]}`);
    return void 0;
  }
}
async function publishOnGitHub(host, o, api, model, link, htmlLink) {
  const run = host.run;
  if (o.comment && run.pullRequest) {
    const done = await upsertComment(
      api,
      run.pullRequest,
      renderComment(model, link, htmlLink),
      host.log
    );
    if (done)
      host.log.info(`${done.updated ? "Updated" : "Posted"} the report comment: ${done.url}`);
  }
  const issues = o.alertIssues === "true" || o.alertIssues === "auto" && run.eventName === "schedule";
  if (issues && !model.simulated) {
    try {
      const c = await syncAlertIssues(api, model.alerts, link, host.log);
      host.log.info(
        `Regression issues: ${c.opened} opened, ${c.updated} updated, ${c.closed} closed.`
      );
    } catch (error) {
      host.log.warn(`Regression issues not updated: ${errorText(error)}`);
    }
  }
}
async function runReport(context) {
  const { host } = context;
  const o = readOptions(context);
  const api = host.github && o.token ? await host.github(o.token) : void 0;
  const current = await host.log.group("Read this run's records", () => currentRecords(host, o));
  const history = await host.log.group("Read the history", () => gatherHistory(host, o, api));
  for (const b of [...current.bad, ...history.bad])
    host.log.warn(`${b.file}: ${b.problem} (left out)`);
  const model = buildReport({
    current: current.records,
    history: history.records,
    bad: [...current.bad, ...history.bad],
    historyNotes: history.notes,
    clusterId: o.clusterId
  });
  const files = await writeFiles(o.reportDir, model);
  host.log.info(
    `Report written to ${o.reportDir} (${model.matrix.length} matrix rows, ${model.alerts.length} alert(s)).`
  );
  let artifactId = "";
  let link;
  let htmlLink;
  if (o.artifactName) {
    const uploaded = await host.artifacts.upload(o.artifactName, o.reportDir, files, {
      retentionDays: 90
    });
    artifactId = String(uploaded.id);
    link = host.artifacts.link(uploaded);
    model.artifactLink = link;
    if (host.artifacts.kind === "github") htmlLink = await uploadHtmlPreview(host, o.reportDir);
  }
  if (api && host.run) await publishOnGitHub(host, o, api, model, link, htmlLink);
  if (api && o.historyBranch && current.records.length && host.run) {
    try {
      const name = `${model.generatedAt.slice(0, 10)}-${host.run.runId}-${host.run.runAttempt}${model.simulated ? "-simulated" : ""}.json`;
      const r = await appendHistoryBranch(
        api,
        o.historyBranch,
        name,
        current.records,
        o.historyMaxRuns
      );
      host.log.info(
        `History branch ${o.historyBranch}: added ${name}${r.pruned ? `, dropped ${r.pruned} oldest` : ""}.`
      );
    } catch (error) {
      host.log.warn(`History branch ${o.historyBranch} not updated: ${errorText(error)}`);
    }
  }
  writeSummary(host.summary, model, link);
  await host.summary.write();
  host.setOutput("report-path", o.reportDir);
  host.setOutput("artifact-id", artifactId);
  host.setOutput("alerts", JSON.stringify(model.alerts));
}
export {
  runReport
};
