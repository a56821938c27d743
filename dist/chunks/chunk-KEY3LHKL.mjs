import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);

// src/report/metrics.ts
var ALERT_FLOORS = {
  npu: 0.05,
  llm: 0.05,
  cpu: 0.05,
  storage: 0.05
};
var DISTRIBUTION_HEADLINES = {
  latency_ms: ["p50", "p90"],
  ttft_ms: ["p50"],
  clat_p99_us: ["p50"]
};
var VALUE_HEADLINES = [
  "throughput_fps",
  "decode_tok_s",
  "prefill_tok_s",
  "bw_mb_s",
  "iops",
  "clat_p99_us"
];
var LOWER_IS_BETTER = /(_ms|_us|_mb)$/;
function statValue(m, stat) {
  if (!m) return void 0;
  const v = stat === "value" ? m.value ?? m.p50 ?? m.mean : m[stat] ?? (stat === "p50" ? m.value ?? m.mean : void 0);
  return typeof v === "number" && Number.isFinite(v) ? v : void 0;
}
function headlinesOf(record) {
  const out = [];
  for (const [metric, m] of Object.entries(record.metrics)) {
    const dist = DISTRIBUTION_HEADLINES[metric];
    if (dist && (m.p50 !== void 0 || m.p90 !== void 0)) {
      for (const stat of dist)
        if (m[stat] !== void 0) out.push({ metric, stat, label: `${metric} ${stat}` });
    } else if (VALUE_HEADLINES.includes(metric) || dist) {
      out.push({ metric, stat: "value", label: metric });
    }
  }
  return out;
}
function lowerIsBetter(record, metric) {
  const declared = record.metrics[metric]?.direction;
  if (declared) return declared === "lower";
  return LOWER_IS_BETTER.test(metric);
}
function kindOf(record) {
  const { variant, engine = "", id } = record.workload;
  if (/^(fio|storage)/.test(id) || engine === "fio" || variant.startsWith("fio")) return "storage";
  if (/rkllm|llama/.test(engine) || /llm|llama|qwen/i.test(id)) return "llm";
  if (variant.startsWith("npu") || /rknn|teflon|tflite-npu/.test(engine)) return "npu";
  return "cpu";
}
function fingerprint(record) {
  const n = record.node;
  const parts = [
    record.cluster.distro_version,
    n.kernel,
    n.npu?.driver && `${n.npu.driver}@${n.npu.driver_version ?? ""}`,
    record.workload.engine && `${record.workload.engine}@${record.workload.engine_version ?? ""}`,
    record.workload.runtime_lib_version,
    record.method?.clock_mode,
    n.storage?.firmware,
    n.storage?.fs_type
  ];
  return parts.map((p) => p ?? "-").join("|");
}
function fingerprintChange(before, after) {
  const names = [
    "distro",
    "kernel",
    "npu driver",
    "engine",
    "runtime lib",
    "clock mode",
    "SSD firmware",
    "filesystem"
  ];
  const a = before.split("|");
  const b = after.split("|");
  return names.map((name, i) => a[i] !== b[i] ? `${name} ${a[i]} \u2192 ${b[i]}` : "").filter(Boolean).join(", ");
}

// src/report/records.ts
var RECORD_SCHEMA = "rk1-bench/run";
var KNOWN_SCHEMA_VERSIONS = [1];
function distroOf(record) {
  const d = record.cluster.distro;
  if (d === "talos") return "talos";
  if (d === "k3s" || d.startsWith("k3s")) return "k3s";
  return void 0;
}
function isSimulated(record) {
  return record.simulated === true || record.cluster.simulated === true;
}
var STATUSES = ["ok", "skipped", "failed", "degraded"];
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function str(o, key, where, problems) {
  if (typeof o[key] !== "string" || o[key] === "")
    problems.push(`${where}${key} is missing or not a string`);
}
function checkRecord(doc) {
  if (!isObject(doc)) return ["not a JSON object"];
  if (doc.schema !== RECORD_SCHEMA)
    return [`schema is ${JSON.stringify(doc.schema)}, not "${RECORD_SCHEMA}"`];
  if (!KNOWN_SCHEMA_VERSIONS.includes(doc.schema_version))
    return [
      `unknown schema_version ${JSON.stringify(doc.schema_version)} (this report reads ${KNOWN_SCHEMA_VERSIONS.join(", ")})`
    ];
  const problems = [];
  str(doc, "run_id", "", problems);
  str(doc, "started_at", "", problems);
  if (typeof doc.started_at === "string" && Number.isNaN(Date.parse(doc.started_at)))
    problems.push("started_at is not an ISO-8601 time");
  for (const [key, fields] of [
    ["cluster", ["distro", "cluster_id"]],
    ["node", ["name"]],
    ["workload", ["id", "variant"]]
  ]) {
    const part = doc[key];
    if (!isObject(part)) problems.push(`${key} is missing`);
    else for (const f of fields) str(part, f, `${key}.`, problems);
  }
  if (isObject(doc.cluster) && typeof doc.cluster.distro === "string") {
    const d = doc.cluster.distro;
    if (d !== "talos" && !d.startsWith("k3s"))
      problems.push(`cluster.distro "${d}" is neither talos nor k3s`);
  }
  if (!STATUSES.includes(doc.status))
    problems.push(`status must be one of ${STATUSES.join(", ")}`);
  if (!isObject(doc.metrics)) problems.push("metrics is missing");
  else
    for (const [name, m] of Object.entries(doc.metrics)) {
      if (!isObject(m)) {
        problems.push(`metrics.${name} is not an object`);
        continue;
      }
      for (const [k, v] of Object.entries(m))
        if (!["unit", "direction"].includes(k) && typeof v !== "number" && v !== null)
          problems.push(`metrics.${name}.${k} is not a number`);
    }
  return problems;
}

// src/report/stats.ts
function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
function mad(values) {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}
function percentChange(value, base) {
  return base === 0 ? NaN : (value - base) / Math.abs(base) * 100;
}
function formatNumber(v) {
  if (v === void 0 || !Number.isFinite(v)) return "\u2014";
  const a = Math.abs(v);
  if (a >= 1e3) return Math.round(v).toLocaleString("en-US");
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
function formatPercent(v) {
  if (v === void 0 || !Number.isFinite(v)) return "\u2014";
  return `${v > 0 ? "+" : ""}${v.toFixed(1)} %`;
}

// src/report/references.ts
var ZOO = "airockchip/rknn_model_zoo README";
var ZOO_CONDITIONS = "single NPU core, rknn_run only, max clocks, INT8";
var RKLLM = "airockchip/rknn-llm benchmark.md v1.3.0 (TinyLLaMA 1.1B w8a8)";
var KNOWN = [
  {
    workload: /mobilenet-?v2/,
    variant: /^npu/,
    metric: "latency_ms",
    value: 2.2,
    unit: "ms",
    source: ZOO,
    conditions: ZOO_CONDITIONS
  },
  {
    // Mesa Teflon on the rocket driver (Talos with rockchip-rknn): the delegate's author measured
    // MobileNetV1 uint8 with all 27 operations on the NPU (ops-and-reporting.md §7).
    workload: /mobilenet-?v1/,
    variant: /teflon/,
    metric: "latency_ms",
    value: 10.8,
    unit: "ms",
    source: "Tomeu Vizoso, Teflon on RK3588 (blog, 2024-03)",
    conditions: "MobileNetV1 uint8, invoke only, QuartzPro64"
  },
  {
    workload: /resnet-?50/,
    variant: /^npu/,
    metric: "latency_ms",
    value: 9.1,
    unit: "ms",
    source: ZOO,
    conditions: ZOO_CONDITIONS
  },
  {
    workload: /yolov5s[-_]?relu/,
    variant: /^npu/,
    metric: "latency_ms",
    value: 15.1,
    unit: "ms",
    source: ZOO,
    conditions: ZOO_CONDITIONS
  },
  {
    workload: /yolov5s$/,
    variant: /^npu/,
    metric: "latency_ms",
    value: 20.7,
    unit: "ms",
    source: `${ZOO} (SiLU)`,
    conditions: ZOO_CONDITIONS
  },
  {
    workload: /yolov5n/,
    variant: /^npu/,
    metric: "latency_ms",
    value: 12.1,
    unit: "ms",
    source: ZOO,
    conditions: ZOO_CONDITIONS
  },
  {
    workload: /tinyllama|llama.*1\.1b/i,
    variant: /.*/,
    metric: "decode_tok_s",
    value: 24.43,
    unit: "tok/s",
    source: RKLLM,
    conditions: "128-token prompt, 64 new tokens"
  },
  {
    workload: /tinyllama|llama.*1\.1b/i,
    variant: /.*/,
    metric: "ttft_ms",
    value: 243.93,
    unit: "ms",
    source: RKLLM,
    conditions: "128-token prompt"
  }
];
function knownReference(workload, variant, headline) {
  if (headline.stat === "p90") return void 0;
  const k = KNOWN.find(
    (r) => r.workload.test(workload) && r.variant.test(variant) && r.metric === headline.metric
  );
  if (!k) return void 0;
  return {
    metric: k.metric,
    value: k.value,
    unit: k.unit,
    source: k.source,
    conditions: k.conditions
  };
}

export {
  ALERT_FLOORS,
  statValue,
  headlinesOf,
  lowerIsBetter,
  kindOf,
  fingerprint,
  fingerprintChange,
  RECORD_SCHEMA,
  distroOf,
  isSimulated,
  checkRecord,
  knownReference,
  median,
  mad,
  percentChange,
  formatNumber,
  formatPercent
};
