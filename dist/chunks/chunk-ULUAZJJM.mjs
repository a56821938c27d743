import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  KubeCommandError,
  helmDriver,
  kubectlDriver,
  lastLines,
  openKubeSession,
  resolveKubeTools
} from "./chunk-DXDCKLUL.mjs";
import {
  inRange,
  parseIpv4,
  parsePool
} from "./chunk-T6JJEBSD.mjs";
import {
  InputError,
  Rk1Error,
  errorText,
  inputRef
} from "./chunk-56JNS6Q3.mjs";
import {
  require_dist
} from "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/workloads/checks.ts
function loadBalancerIpCheck(service, fixedIp) {
  return {
    name: `LoadBalancer IP of ${service}`,
    run: async (ctx) => {
      const deadline = Date.now() + ctx.settings.timeoutS * 1e3;
      let ip;
      for (; ; ) {
        const svc = await ctx.kubectl.find("service", service, ctx.namespace);
        ip = svc?.status?.loadBalancer?.ingress?.[0]?.ip;
        if (ip || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      if (!ip) throw new Error(`service ${ctx.namespace}/${service} has no LoadBalancer IP`);
      const pool = parsePool(ctx.inventory.network.metallbPool);
      const value = parseIpv4(ip);
      if ("error" in pool || value === void 0 || !inRange(value, pool))
        throw new Error(`${ip} is outside the pool ${ctx.inventory.network.metallbPool}`);
      const want = fixedIp?.(ctx);
      if (want && ip !== want) throw new Error(`got ${ip}, the inventory asks for ${want}`);
      return `${ip} (pool ${ctx.inventory.network.metallbPool})`;
    }
  };
}
function defaultClassCheck(kind, name, annotation) {
  return {
    name: `default ${kind} ${name}`,
    run: async (ctx) => {
      const list = await ctx.kubectl.getJson(["get", kind]);
      const defaults = list.items.filter((i) => i.metadata.annotations?.[annotation] === "true").map((i) => i.metadata.name);
      if (!defaults.includes(name))
        throw new Error(
          `${name} is not the default ${kind} (defaults: ${defaults.join(", ") || "none"})`
        );
      return defaults.length > 1 ? `default, together with ${defaults.join(", ")}` : "default";
    }
  };
}
function existsCheck(kind, name, cluster = false) {
  return {
    name: `${kind} ${name} exists`,
    run: async (ctx) => {
      const found = await ctx.kubectl.find(kind, name, cluster ? void 0 : ctx.namespace);
      if (!found) throw new Error(`${kind} ${name} not found`);
      return "present";
    }
  };
}
function pvcBindsCheck(storageClass) {
  return {
    name: `test PVC binds on ${storageClass}`,
    run: async (ctx) => {
      const name = `rk1-smoke-${storageClass}`;
      const pvc = {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: {
          name,
          namespace: ctx.namespace,
          labels: { "app.kubernetes.io/managed-by": "rk1" }
        },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: storageClass,
          resources: { requests: { storage: "64Mi" } }
        }
      };
      await ctx.kubectl.apply(JSON.stringify(pvc));
      try {
        await ctx.kubectl.waitFor(
          `pvc/${name}`,
          "jsonpath={.status.phase}=Bound",
          ctx.namespace,
          ctx.settings.timeoutS
        );
      } finally {
        await ctx.kubectl.run([
          "delete",
          "pvc",
          name,
          "-n",
          ctx.namespace,
          "--wait=true",
          "--ignore-not-found"
        ]);
      }
      return "bound and removed";
    }
  };
}
function claimsBoundCheck() {
  return {
    name: "all PVCs bound",
    run: async (ctx) => {
      const list = await ctx.kubectl.getJson(["get", "pvc", "-n", ctx.namespace]);
      const pending = list.items.filter((p) => p.status?.phase !== "Bound");
      if (list.items.length === 0) throw new Error("no PVC found");
      if (pending.length > 0)
        throw new Error(
          `not bound: ${pending.map((p) => `${p.metadata.name} (${p.status?.phase ?? "?"})`).join(", ")}`
        );
      return `${list.items.length} bound`;
    }
  };
}

// src/workloads/components/common.ts
var PRIVILEGED = {
  "pod-security.kubernetes.io/enforce": "privileged",
  "pod-security.kubernetes.io/audit": "privileged",
  "pod-security.kubernetes.io/warn": "privileged"
};
var INGRESS_CLASS = "nginx";
var DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
var DEFAULT_INGRESS_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

// src/workloads/components/ingress.ts
var INGRESS_NGINX_WARNING = "ingress-nginx is retired upstream: no releases or security fixes since March 2026, and its last chart (4.15.1) is tested only up to Kubernetes 1.35. Prefer the default (Traefik, which serves the same nginx-class Ingresses).";
var fixedIpAnnotation = ({ inventory }) => ({
  "metallb.io/loadBalancerIPs": inventory.network.ingressIp
});
var traefik = {
  name: "traefik",
  chartVersion: (inv) => inv.versions.charts.traefik,
  release: "traefik",
  namespace: "traefik",
  chart: { name: "traefik", repo: "https://traefik.github.io/charts" },
  namespaceLabels: {},
  dependsOn: ["metallb"],
  values: (ctx) => ({ service: { annotations: fixedIpAnnotation(ctx) } }),
  workloads: () => [{ kind: "deployment", name: "traefik" }],
  checks: [
    loadBalancerIpCheck("traefik", (c) => c.inventory.network.ingressIp),
    defaultClassCheck("ingressclass", INGRESS_CLASS, DEFAULT_INGRESS_CLASS_ANNOTATION)
  ]
};
var ingressNginx = {
  name: "ingress-nginx",
  chartVersion: (inv) => inv.versions.charts.ingressNginx,
  release: "ingress-nginx",
  namespace: "ingress-nginx",
  chart: { name: "ingress-nginx", repo: "https://kubernetes.github.io/ingress-nginx" },
  namespaceLabels: {},
  dependsOn: ["metallb"],
  values: (ctx) => ({ controller: { service: { annotations: fixedIpAnnotation(ctx) } } }),
  workloads: () => [{ kind: "deployment", name: "ingress-nginx-controller" }],
  checks: [
    loadBalancerIpCheck("ingress-nginx-controller", (c) => c.inventory.network.ingressIp),
    defaultClassCheck("ingressclass", INGRESS_CLASS, DEFAULT_INGRESS_CLASS_ANNOTATION),
    existsCheck("ingressclass", INGRESS_CLASS, true)
  ]
};

// src/workloads/longhorn-disks.ts
var NVME_TAGS = ["nvme", "fast"];
var NVME_DISK = "nvme";
var NS = "longhorn-system";
function isStale(status) {
  return (status?.conditions ?? []).some(
    (c) => c.type === "Ready" && c.status === "False" && (c.reason === "DiskFilesystemChanged" || /diskUUID doesn't match/i.test(c.message ?? ""))
  );
}
var nvmeDisk = (path4, old) => ({
  ...old,
  path: path4,
  diskType: "filesystem",
  allowScheduling: true,
  evictionRequested: false,
  tags: [.../* @__PURE__ */ new Set([...old?.tags ?? [], ...NVME_TAGS])]
});
function diskPatches(node, dataPath) {
  const disks = node.spec?.disks ?? {};
  const onPath = Object.entries(disks).filter(([, d]) => d.path === dataPath);
  const stale = onPath.filter(([name]) => isStale(node.status?.diskStatus?.[name]));
  const live = onPath.find(([name]) => !stale.some(([s]) => s === name));
  const patches = [];
  if (stale.length > 0) {
    patches.push({
      spec: {
        disks: Object.fromEntries(
          stale.map(([n, d]) => [n, { ...d, allowScheduling: false, evictionRequested: true }])
        )
      }
    });
    const fresh = live?.[0] ?? freeName(disks);
    patches.push({
      spec: {
        disks: {
          ...Object.fromEntries(stale.map(([n]) => [n, null])),
          [fresh]: nvmeDisk(dataPath, live?.[1])
        }
      }
    });
    return { action: "replaced-stale", patches };
  }
  if (live) {
    const [name, d] = live;
    const ok = d.allowScheduling === true && NVME_TAGS.every((t) => d.tags?.includes(t));
    if (ok) return { action: "unchanged", patches };
    patches.push({ spec: { disks: { [name]: nvmeDisk(dataPath, d) } } });
    return { action: "tagged", patches };
  }
  patches.push({ spec: { disks: { [freeName(disks)]: nvmeDisk(dataPath) } } });
  return { action: "added", patches };
}
function freeName(disks) {
  if (!(NVME_DISK in disks)) return NVME_DISK;
  for (let i = 2; ; i++) if (!(`${NVME_DISK}-${i}` in disks)) return `${NVME_DISK}-${i}`;
}
async function registerNvmeDisks(kubectl, opts) {
  const deadline = Date.now() + opts.waitS * 1e3;
  let nodes = [];
  for (; ; ) {
    nodes = (await kubectl.getJson(["get", "nodes.longhorn.io", "-n", NS])).items;
    const missing = opts.expected.filter((n) => !nodes.some((l) => l.metadata.name === n));
    if (missing.length === 0) break;
    if (Date.now() > deadline)
      throw new Error(
        `longhorn-manager did not register node(s) ${missing.join(", ")} within ${opts.waitS} s (present: ${nodes.map((n) => n.metadata.name).join(", ") || "none"})`
      );
    await new Promise((r) => setTimeout(r, 1e3));
  }
  const counts = /* @__PURE__ */ new Map();
  for (const node of nodes.filter((n) => opts.candidates.includes(n.metadata.name))) {
    const { action, patches } = diskPatches(node, opts.dataPath);
    for (const p of patches)
      await kubectl.run([
        "patch",
        "nodes.longhorn.io",
        node.metadata.name,
        "-n",
        NS,
        "--type",
        "merge",
        "-p",
        JSON.stringify(p)
      ]);
    counts.set(action, [...counts.get(action) ?? [], node.metadata.name]);
  }
  const parts = [...counts].map(([a, ns]) => `${a}: ${ns.join(", ")}`);
  return `${opts.dataPath} tagged ${NVME_TAGS.join(",")} (${parts.join("; ") || "no node"})`;
}

// src/workloads/components/longhorn.ts
var longhorn = {
  name: "longhorn",
  chartVersion: (inv) => inv.versions.charts.longhorn,
  release: "longhorn",
  namespace: "longhorn-system",
  chart: { name: "longhorn", repo: "https://charts.longhorn.io" },
  namespaceLabels: PRIVILEGED,
  dependsOn: [],
  values: ({ settings }) => ({
    persistence: { defaultClassReplicaCount: settings.replicas },
    // Since 1.11 a per-data-engine JSON string (tools.md §5.4).
    defaultSettings: {
      defaultReplicaCount: JSON.stringify({
        v1: String(settings.replicas),
        v2: String(settings.replicas)
      })
    },
    ingress: { enabled: true, ingressClassName: INGRESS_CLASS, host: `longhorn.${settings.domain}` }
  }),
  workloads: () => [
    { kind: "daemonset", name: "longhorn-manager" },
    { kind: "deployment", name: "longhorn-driver-deployer" },
    { kind: "deployment", name: "longhorn-ui" }
  ],
  manifests: ({ settings }) => [
    {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "longhorn-nvme" },
      provisioner: "driver.longhorn.io",
      allowVolumeExpansion: true,
      reclaimPolicy: "Delete",
      volumeBindingMode: "Immediate",
      // Node disk registration (configure, below) tags the NVMe disk of every node `nvme`.
      parameters: {
        diskSelector: NVME_TAGS[0],
        numberOfReplicas: String(settings.replicas),
        staleReplicaTimeout: "2880",
        dataLocality: "best-effort"
      }
    }
  ],
  configure: {
    name: "NVMe disk registered on each node",
    run: async ({ kubectl, inventory, settings, values }) => {
      const dataPath = values.defaultSettings?.defaultDataPath;
      const withDisk = inventory.nodes.filter((n) => n.disks.data !== null);
      return registerNvmeDisks(kubectl, {
        dataPath: typeof dataPath === "string" ? dataPath : "/var/lib/longhorn",
        // Talos keeps data off the tainted control plane (as defaultReplicas counts them).
        expected: withDisk.filter((n) => settings.distro === "k3s" || n.role === "worker").map((n) => n.hostname),
        candidates: withDisk.map((n) => n.hostname),
        waitS: Math.min(settings.timeoutS, 120)
      });
    }
  },
  checks: [
    defaultClassCheck("storageclass", "longhorn", DEFAULT_CLASS_ANNOTATION),
    existsCheck("storageclass", "longhorn-nvme", true),
    pvcBindsCheck("longhorn")
  ]
};

// src/workloads/components/metallb.ts
var POOL_NAME = "default-pool";
var metallb = {
  name: "metallb",
  chartVersion: (inv) => inv.versions.charts.metallb,
  release: "metallb",
  namespace: "metallb-system",
  chart: { name: "metallb", repo: "https://metallb.github.io/metallb" },
  namespaceLabels: PRIVILEGED,
  dependsOn: [],
  values: () => ({}),
  workloads: () => [
    { kind: "deployment", name: "metallb-controller" },
    { kind: "daemonset", name: "metallb-speaker" }
  ],
  manifests: ({ inventory }) => [
    {
      apiVersion: "metallb.io/v1beta1",
      kind: "IPAddressPool",
      metadata: { name: POOL_NAME, namespace: "metallb-system" },
      spec: { addresses: [inventory.network.metallbPool] }
    },
    {
      apiVersion: "metallb.io/v1beta1",
      kind: "L2Advertisement",
      metadata: { name: "default", namespace: "metallb-system" },
      spec: { ipAddressPools: [POOL_NAME] }
    }
  ],
  checks: [
    existsCheck("ipaddresspool.metallb.io", POOL_NAME),
    existsCheck("l2advertisement.metallb.io", "default")
  ]
};

// src/workloads/components/metrics-server.ts
var METRICS_SERVER_CHART_VERSION = "3.13.0";
var metricsServer = {
  name: "metrics-server",
  chartVersion: () => METRICS_SERVER_CHART_VERSION,
  release: "metrics-server",
  namespace: "kube-system",
  chart: { name: "metrics-server", repo: "https://kubernetes-sigs.github.io/metrics-server/" },
  namespaceLabels: {},
  dependsOn: [],
  values: () => ({}),
  workloads: () => [{ kind: "deployment", name: "metrics-server" }],
  checks: [availableCheck()]
};
function availableCheck() {
  return {
    name: "Deployment metrics-server available",
    run: async (ctx) => {
      const d = await ctx.kubectl.find("deployment", "metrics-server", ctx.namespace);
      if (!d) throw new Error("Deployment metrics-server not found");
      const want = d.spec?.replicas ?? 1;
      const have = d.status?.availableReplicas ?? 0;
      if (have < want) throw new Error(`${have} of ${want} replicas available`);
      return `${have}/${want} replicas available`;
    }
  };
}

// src/workloads/components/monitoring.ts
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync as readFileSync2 } from "node:fs";
import path2 from "node:path";

// src/workloads/values.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function deepMerge(...layers) {
  const out = {};
  for (const layer of layers)
    for (const [k, v] of Object.entries(layer))
      out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}
function defaultValuesDir() {
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "workloads", "values");
      if (existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Rk1Error("The workload values folder (workloads/values) was not found.", {
    step: "deploy-workloads",
    advice: "Run from a checkout of rk1-actions, or pass the values folder explicitly."
  });
}
function readValuesFile(file) {
  if (!existsSync(file)) return {};
  const doc = (0, import_yaml.parse)(readFileSync(file, "utf8"));
  if (doc === null || doc === void 0) return {};
  if (!isObject(doc)) throw new Rk1Error(`${file} must hold a YAML mapping.`, { step: "values" });
  return doc;
}
function renderValues(component, ctx, valuesDir) {
  const dir = path.join(valuesDir, component.name);
  return deepMerge(
    readValuesFile(path.join(dir, "base.yaml")),
    readValuesFile(path.join(dir, `${ctx.settings.distro}.yaml`)),
    component.values(ctx)
  );
}

// src/workloads/components/monitoring.ts
var DASHBOARDS_CONFIGMAP = "rk1-grafana-dashboards";
function dashboardsConfigMap(dir = path2.join(defaultValuesDir(), "..", "dashboards")) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: DASHBOARDS_CONFIGMAP,
      namespace: "monitoring",
      labels: { grafana_dashboard: "1", "app.kubernetes.io/managed-by": "rk1" }
    },
    // Parsed and re-serialised: a broken file fails here, not silently in Grafana.
    data: Object.fromEntries(
      files.map((f) => [f, JSON.stringify(JSON.parse(readFileSync2(path2.join(dir, f), "utf8")))])
    )
  };
}
var GRAFANA_SECRET = "grafana-admin";
async function ensureGrafanaSecret(ctx) {
  let password = ctx.grafanaAdminPassword;
  const existing = await ctx.kubectl.find(
    "secret",
    GRAFANA_SECRET,
    ctx.namespace
  );
  if (!password) {
    if (existing) return;
    password = randomBytes(18).toString("base64url");
    ctx.mask(password);
    ctx.output("grafana-admin-password", password);
  }
  ctx.mask(password);
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: GRAFANA_SECRET, namespace: ctx.namespace },
    type: "Opaque",
    stringData: { "admin-user": "admin", "admin-password": password }
  };
  await ctx.kubectl.apply(JSON.stringify(secret));
  const before = existing?.data?.["admin-password"];
  if (before !== void 0 && Buffer.from(before, "base64").toString("utf8") !== password)
    return {
      restart: [{ kind: "deployment", name: "prometheus-grafana" }],
      check: {
        name: "Grafana admin password",
        detail: "changed: prometheus-grafana restarted to apply it"
      }
    };
}
var ingress = (host) => ({
  enabled: true,
  ingressClassName: INGRESS_CLASS,
  hosts: [host],
  paths: ["/"]
});
var kubePrometheusStack = {
  name: "kube-prometheus-stack",
  chartVersion: (inv) => inv.versions.charts.kubePrometheusStack,
  release: "prometheus",
  namespace: "monitoring",
  chart: {
    name: "kube-prometheus-stack",
    repo: "https://prometheus-community.github.io/helm-charts"
  },
  // node-exporter uses hostNetwork, hostPID and the host root fs.
  namespaceLabels: PRIVILEGED,
  dependsOn: ["longhorn", "traefik", "ingress-nginx"],
  values: ({ settings }) => ({
    grafana: {
      admin: {
        existingSecret: GRAFANA_SECRET,
        userKey: "admin-user",
        passwordKey: "admin-password"
      },
      ingress: {
        enabled: true,
        ingressClassName: INGRESS_CLASS,
        hosts: [`grafana.${settings.domain}`],
        path: "/"
      }
    },
    prometheus: { ingress: ingress(`prometheus.${settings.domain}`) },
    alertmanager: { ingress: ingress(`alertmanager.${settings.domain}`) }
  }),
  workloads: () => [
    { kind: "deployment", name: "prometheus-kube-prometheus-operator" },
    { kind: "deployment", name: "prometheus-grafana" },
    { kind: "deployment", name: "prometheus-kube-state-metrics" },
    { kind: "daemonset", name: "prometheus-prometheus-node-exporter" },
    { kind: "statefulset", name: "prometheus-prometheus-kube-prometheus-prometheus" },
    { kind: "statefulset", name: "alertmanager-prometheus-kube-prometheus-alertmanager" }
  ],
  prepare: ensureGrafanaSecret,
  manifests: () => [
    dashboardsConfigMap(),
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: {
        name: "longhorn-prometheus-servicemonitor",
        namespace: "monitoring",
        labels: { release: "prometheus" }
      },
      spec: {
        selector: { matchLabels: { app: "longhorn-manager" } },
        namespaceSelector: { matchNames: ["longhorn-system"] },
        endpoints: [{ port: "manager", path: "/metrics", interval: "30s" }]
      }
    }
  ],
  checks: [
    claimsBoundCheck(),
    existsCheck("servicemonitor.monitoring.coreos.com", "longhorn-prometheus-servicemonitor"),
    existsCheck("ingress", "prometheus-grafana"),
    existsCheck("configmap", DASHBOARDS_CONFIGMAP)
  ]
};

// src/workloads/catalog.ts
var ALL_COMPONENTS = [
  metallb,
  traefik,
  ingressNginx,
  longhorn,
  kubePrometheusStack,
  metricsServer
];
function enabledComponents(settings) {
  return ALL_COMPONENTS.filter((c) => {
    if (c.name === "traefik" || c.name === "ingress-nginx")
      return c.name === settings.ingressController;
    if (c.name === "metrics-server") return settings.metricsServer;
    return true;
  });
}
function selectComponents(settings, input) {
  const enabled = enabledComponents(settings);
  const text = input.trim();
  if (text === "" || text === "all") return enabled;
  const wanted = text.split(",").map((s) => s.trim()).filter(Boolean);
  const problems = [];
  const picked = /* @__PURE__ */ new Set();
  for (const w of wanted) {
    const name = w === "ingress" ? settings.ingressController : w;
    const c = enabled.find((e) => e.name === name);
    if (c) picked.add(c.name);
    else {
      const known = ALL_COMPONENTS.some((a) => a.name === name);
      problems.push({
        path: "components",
        file: "inputs",
        message: known ? `"${w}" is not enabled by the settings` : `unknown component "${w}"; known: ${enabled.map((e) => e.name).join(", ")}, ingress`
      });
    }
  }
  if (problems.length > 0) throw new InputError("The components input is invalid.", problems);
  return enabled.filter((c) => picked.has(c.name));
}

// src/workloads/chart-source.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { existsSync as existsSync2, readFileSync as readFileSync3 } from "node:fs";
import path3 from "node:path";
function parseChartSource(text) {
  if (!text || text === "repo") return { kind: "repo" };
  if (text.startsWith("lab:") && text.length > 4)
    return { kind: "lab", dir: path3.resolve(text.slice(4)) };
  throw new InputError("RK1_CHART_SOURCE is not understood.", [
    {
      path: "RK1_CHART_SOURCE",
      message: `"${text}": use "repo" or "lab:<folder of charts>"`,
      file: "env"
    }
  ]);
}
function resolveChart(c, ctx, source) {
  if (source.kind === "repo")
    return { chart: c.chart.name, repo: c.chart.repo, version: c.chartVersion(ctx.inventory) };
  const dir = path3.join(source.dir, c.chart.name);
  const meta = path3.join(dir, "Chart.yaml");
  if (!existsSync2(meta))
    throw new InputError("A lab chart is missing.", [
      { path: "RK1_CHART_SOURCE", message: `no chart at ${dir}`, file: "env" }
    ]);
  const { version } = (0, import_yaml2.parse)(readFileSync3(meta, "utf8"));
  return { chart: dir, version };
}

// src/workloads/manifests.ts
var import_yaml3 = __toESM(require_dist(), 1);
var NOT_YET = /failed calling webhook|no endpoints available|connection refused|ensure CRDs are installed|the server could not find the requested resource/i;
async function applyWhenAdmitted(kubectl, manifests, timeoutS, pauseMs = 1e3) {
  const doc = manifests.map((m) => (0, import_yaml3.stringify)(m)).join("---\n");
  const deadline = Date.now() + timeoutS * 1e3;
  for (; ; ) {
    try {
      await kubectl.run(
        [
          "apply",
          "--server-side",
          "--force-conflicts",
          "--field-manager=rk1",
          "--dry-run=server",
          "-f",
          "-"
        ],
        { input: doc }
      );
      break;
    } catch (e) {
      if (!NOT_YET.test(errorText(e)) || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
  await kubectl.apply(doc);
}

// src/workloads/diagnostics.ts
function readiness(kind, obj) {
  if (!obj) return "absent";
  const s = obj.status ?? {};
  if (kind === "daemonset") {
    const want2 = s.desiredNumberScheduled ?? 0;
    const have2 = s.numberAvailable ?? 0;
    return have2 < want2 || want2 === 0 ? `${have2}/${want2} available` : void 0;
  }
  const want = s.replicas ?? 0;
  const have = (kind === "statefulset" ? s.readyReplicas : s.availableReplicas) ?? 0;
  return have < want || want === 0 ? `${have}/${want} ready` : void 0;
}
async function describeFailure(kubectl, namespace, workloads) {
  const lines = [];
  try {
    const events = await kubectl.events(namespace, "");
    for (const w of workloads) {
      const obj = await kubectl.find(w.kind, w.name, namespace);
      const warnings = events.filter(
        (e) => e.type === "Warning" && e.involvedObject.name.startsWith(w.name)
      );
      const state = readiness(w.kind, obj);
      if (obj ? !state : warnings.length === 0) continue;
      lines.push(`${w.kind}/${w.name} in ${namespace}: ${state ?? "ready"}`);
      for (const e of warnings.slice(-5))
        lines.push(`  ${e.reason} ${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`);
    }
  } catch (e) {
    lines.push(`(could not read the cluster state: ${errorText(e)})`);
  }
  return lines.join("\n");
}

// src/workloads/deploy-component.ts
var ComponentDeployError = class extends Rk1Error {
};
async function ensureNamespace(kubectl, c) {
  if (c.namespace === "kube-system") return;
  const ns = {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: c.namespace, labels: c.namespaceLabels }
  };
  await kubectl.apply(JSON.stringify(ns));
}
async function deployComponent(job, deps) {
  const started = Date.now();
  const { component: c, plan } = job;
  const deadline = started + deps.prepare.settings.timeoutS * 1e3;
  const kubectl = kubectlDriver(deps.session, { deadline });
  const helm = helmDriver(deps.session, { deadline });
  const ctx = { ...deps.prepare, kubectl, namespace: c.namespace };
  const fail = async (step, error) => {
    const detail = await describeFailure(kubectl, c.namespace, c.workloads(ctx));
    throw new ComponentDeployError(`${c.name}: ${step} failed${detail ? `
${detail}` : ""}`, {
      step: `deploy ${c.name}`,
      evidence: error instanceof KubeCommandError ? lastLines(error.stderr, 15) : errorText(error),
      advice: `Inspect with: kubectl -n ${c.namespace} get events; helm -n ${c.namespace} history ${c.release}`
    });
  };
  await ensureNamespace(kubectl, c);
  const prepared = c.prepare ? await c.prepare(ctx) : void 0;
  if (plan.action !== "unchanged") {
    const valuesFile = deps.session.writeFile(`values-${c.name}.json`, JSON.stringify(job.values));
    try {
      await helm.upgradeInstall({
        release: c.release,
        namespace: c.namespace,
        chart: job.chart.chart,
        repo: job.chart.repo,
        version: job.chart.repo ? job.chart.version : void 0,
        valuesFile,
        timeoutS: ctx.settings.timeoutS
      });
    } catch (e) {
      await fail("helm upgrade --install", e);
    }
  }
  for (const w of c.workloads(ctx)) {
    try {
      await kubectl.rolloutStatus(w.kind, w.name, c.namespace, ctx.settings.timeoutS);
    } catch (e) {
      await fail(`rollout of ${w.kind}/${w.name}`, e);
    }
  }
  const checks = [];
  if (prepared) {
    for (const w of prepared.restart) {
      try {
        await kubectl.run(["rollout", "restart", `${w.kind}/${w.name}`, "-n", c.namespace]);
        await kubectl.rolloutStatus(w.kind, w.name, c.namespace, ctx.settings.timeoutS);
      } catch (e) {
        await fail(`restart of ${w.kind}/${w.name}`, e);
      }
    }
    checks.push({ ...prepared.check, ok: true });
  }
  const manifests = c.manifests?.(ctx) ?? [];
  if (manifests.length > 0) {
    try {
      await applyWhenAdmitted(kubectl, manifests, ctx.settings.timeoutS);
    } catch (e) {
      await fail("applying its resources", e);
    }
  }
  if (c.configure) {
    try {
      const detail = await c.configure.run({ ...ctx, values: job.values });
      checks.push({ name: c.configure.name, ok: true, detail });
    } catch (e) {
      await fail(c.configure.name, e);
    }
  }
  for (const check of c.checks) {
    try {
      checks.push({ name: check.name, ok: true, detail: await check.run(ctx) });
    } catch (e) {
      checks.push({ name: check.name, ok: false, detail: errorText(e) });
    }
  }
  const failed = checks.filter((k) => !k.ok);
  return {
    name: c.name,
    status: failed.length > 0 ? "failed" : plan.action === "install" ? "installed" : plan.action === "upgrade" || prepared ? "upgraded" : "unchanged",
    chartVersion: job.chart.version,
    durationMs: Date.now() - started,
    checks,
    ...failed.length > 0 ? {
      message: `${c.name}: checks failed: ${failed.map((f) => `${f.name}: ${f.detail}`).join("; ")}`
    } : {}
  };
}

// src/workloads/graph.ts
function topoOrder(tasks) {
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const order = [];
  const state = /* @__PURE__ */ new Map();
  const visit = (name, path4) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting")
      throw new Error(`dependency cycle: ${[...path4, name].join(" -> ")}`);
    const task = byName.get(name);
    if (!task) throw new Error(`${path4.at(-1) ?? "?"} depends on unknown "${name}"`);
    state.set(name, "visiting");
    for (const dep of task.dependsOn) visit(dep, [...path4, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const t of tasks) visit(t.name, []);
  return order;
}
async function runGraph(tasks) {
  const names = new Set(tasks.map((t) => t.name));
  const inGraph = tasks.map((t) => ({ ...t, dependsOn: t.dependsOn.filter((d) => names.has(d)) }));
  const order = topoOrder(inGraph);
  const outcomes = /* @__PURE__ */ new Map();
  const start = (task) => {
    let p = outcomes.get(task.name);
    if (p) return p;
    p = (async () => {
      const deps = await Promise.all(
        task.dependsOn.map((d) => start(inGraph.find((t) => t.name === d)))
      );
      const blocked = deps.filter((d) => d.state !== "done");
      if (blocked.length > 0)
        return {
          name: task.name,
          state: "skipped",
          reason: `skipped: ${blocked.map((b) => `${b.name} ${b.state}`).join(", ")}`
        };
      try {
        return { name: task.name, state: "done", value: await task.run() };
      } catch (error) {
        return { name: task.name, state: "failed", error };
      }
    })();
    outcomes.set(task.name, p);
    return p;
  };
  const all = await Promise.all(inGraph.map(start));
  return order.map((n) => all.find((o) => o.name === n));
}

// src/workloads/diff.ts
var isObject2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var normalize = (v) => JSON.parse(JSON.stringify(v));
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject2(v))
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "undefined";
}
function diffValues(before, after, prefix = "") {
  const changes = [];
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const path4 = prefix ? `${prefix}.${key}` : key;
    const b = before[key];
    const a = after[key];
    if (isObject2(b) && isObject2(a)) changes.push(...diffValues(b, a, path4));
    else if (canonical(b) !== canonical(a)) {
      const change = { path: path4 };
      if (b !== void 0) change.before = b;
      if (a !== void 0) change.after = a;
      changes.push(change);
    }
  }
  return changes;
}

// src/workloads/plan.ts
function chartVersionOf(release, chartName) {
  return release.chart.startsWith(`${chartName}-`) ? release.chart.slice(chartName.length + 1) : release.chart;
}
function planComponent(d, deployed, deployedValues) {
  const base = {
    name: d.component.name,
    release: d.component.release,
    namespace: d.component.namespace,
    toVersion: d.version
  };
  const want = normalize(d.values);
  if (!deployed) return { ...base, action: "install", changes: diffValues({}, want) };
  const fromVersion = chartVersionOf(deployed, d.component.chart.name);
  const changes = diffValues(deployedValues ?? {}, want);
  const same = fromVersion === d.version && changes.length === 0 && deployed.status === "deployed";
  return {
    ...base,
    action: same ? "unchanged" : "upgrade",
    fromVersion,
    ...deployed.status === "deployed" ? {} : { releaseStatus: deployed.status },
    changes
  };
}
async function computePlan(helm, desired) {
  const releases = await helm.list();
  return Promise.all(
    desired.map(async (d) => {
      const rel = releases.find(
        (r) => r.name === d.component.release && r.namespace === d.component.namespace
      );
      const values = rel ? await helm.getValues(rel.name, rel.namespace) : void 0;
      return planComponent(d, rel, values);
    })
  );
}

// src/workloads/plan-markdown.ts
var MAX_CHANGES = 40;
var show = (v) => v === void 0 ? "(unset)" : `\`${JSON.stringify(v).replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
function actionText(p) {
  if (p.action === "install") return `install ${p.toVersion}`;
  if (p.action === "unchanged") return "no change";
  const version = p.fromVersion === p.toVersion ? p.toVersion : `${p.fromVersion} \u2192 ${p.toVersion}`;
  const status = p.releaseStatus ? ` (release is ${p.releaseStatus})` : "";
  return `upgrade ${version}${status}`;
}
function renderPlanMarkdown(plans) {
  const changed = plans.filter((p) => p.action !== "unchanged");
  const lines = ["## deploy-workloads plan", ""];
  lines.push(
    changed.length === 0 ? "Nothing would change: every release matches its pinned chart and values." : `${changed.length} of ${plans.length} components would change.`,
    "",
    "| component | release | action | value changes |",
    "| --- | --- | --- | --- |"
  );
  for (const p of plans)
    lines.push(
      `| ${p.name} | ${p.namespace}/${p.release} | ${actionText(p)} | ${p.action === "install" ? "all (new)" : p.changes.length} |`
    );
  for (const p of changed.filter((c) => c.action === "upgrade" && c.changes.length > 0)) {
    lines.push("", `### ${p.name}`, "", "| value | deployed | would be |", "| --- | --- | --- |");
    for (const c of p.changes.slice(0, MAX_CHANGES))
      lines.push(`| \`${c.path}\` | ${show(c.before)} | ${show(c.after)} |`);
    if (p.changes.length > MAX_CHANGES)
      lines.push("", `\u2026and ${p.changes.length - MAX_CHANGES} more changes.`);
  }
  return lines.join("\n") + "\n";
}

// src/workloads/prune.ts
function prunable(settings, releases) {
  const enabled = new Set(enabledComponents(settings).map((c) => c.name));
  return ALL_COMPONENTS.filter(
    (c) => !enabled.has(c.name) && releases.some((r) => r.name === c.release && r.namespace === c.namespace)
  );
}
async function pruneReleases(helm, components, timeoutS) {
  for (const c of components) await helm.uninstall(c.release, c.namespace, timeoutS);
}

// src/workloads/http-check.ts
import { request } from "node:http";
function ingressHosts(domain) {
  return [
    { component: "longhorn", host: `longhorn.${domain}` },
    { component: "kube-prometheus-stack", host: `grafana.${domain}` },
    { component: "kube-prometheus-stack", host: `prometheus.${domain}` },
    { component: "kube-prometheus-stack", host: `alertmanager.${domain}` }
  ];
}
function httpGet(ip, host, timeoutMs) {
  return new Promise((resolve2, reject) => {
    const req = request(
      { host: ip, port: 80, path: "/", method: "GET", headers: { host }, timeout: timeoutMs },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => body = (body + d).slice(0, 2048));
        res.on("end", () => resolve2({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      }
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}
async function probeHost(ip, host, waitS, signal) {
  const deadline = Date.now() + waitS * 1e3;
  let last;
  for (; ; ) {
    try {
      const answer = await httpGet(ip, host, 5e3);
      if (answer.status >= 200 && answer.status < 400)
        return `http://${ip}/ Host ${host}: ${answer.status}`;
      last = `HTTP ${answer.status}: ${answer.body.trim().split("\n")[0] ?? ""}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline || signal?.aborted)
      throw new Error(`http://${ip}/ with Host ${host} did not answer 2xx/3xx: ${last}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

// src/workloads/verify.ts
async function verifyIngressHosts(results, opts) {
  const waitS = Math.min(opts.settings.timeoutS, 60);
  await Promise.all(
    results.map(async (r) => {
      if (r.status === "failed" || r.status === "skipped" || r.status === "removed") return;
      const hosts = ingressHosts(opts.settings.domain).filter((h) => h.component === r.name);
      for (const { host } of hosts) {
        const name = `HTTP through the ingress (${host})`;
        try {
          r.checks.push({
            name,
            ok: true,
            detail: await probeHost(opts.ingressIp, host, waitS, opts.signal)
          });
        } catch (e) {
          r.checks.push({ name, ok: false, detail: errorText(e) });
          r.status = "failed";
          r.message = `${r.message ? `${r.message}; ` : `${r.name}: checks failed: `}${name}: ${errorText(e)}`;
        }
      }
    })
  );
}

// src/workloads/run.ts
var SIMULATED_ANNOTATION = "lab.rk1/simulated";
async function deployWorkloads(o) {
  const components = selectComponents(o.settings, o.components);
  if (components.some((c) => c.name === "ingress-nginx")) o.log.warn(INGRESS_NGINX_WARNING);
  const source = o.chartSource ?? parseChartSource(o.env.RK1_CHART_SOURCE);
  const valuesDir = o.valuesDir ?? o.env.RK1_VALUES_DIR ?? defaultValuesDir();
  const vctx = { inventory: o.inventory, settings: o.settings };
  const jobs = components.map((component) => ({
    component,
    chart: resolveChart(component, vctx, source),
    values: renderValues(component, vctx, valuesDir)
  }));
  const tools = await resolveKubeTools({ ...o, versions: o.inventory.versions });
  const session = openKubeSession({
    kubeconfig: o.kubeconfig,
    tools,
    parentDir: o.tempDir,
    signal: o.signal,
    // Calls outside a component (plan, prune) wait for the API as long as a component would.
    retry: { log: (m) => o.log.info(m), budgetMs: o.settings.timeoutS * 1e3 }
  });
  try {
    const kubectl = kubectlDriver(session);
    const helm = helmDriver(session);
    const plans = await computePlan(
      helm,
      jobs.map((j) => ({ component: j.component, version: j.chart.version, values: j.values }))
    );
    const ns = await kubectl.find(
      "namespace",
      "kube-system"
    );
    const simulated = ns?.metadata.annotations?.[SIMULATED_ANNOTATION] === "true";
    if (simulated) o.log.warn("This cluster is the rk1 virtual lab: every result is SIMULATED.");
    const leftovers = prunable(o.settings, await helm.list());
    let planMarkdown = renderPlanMarkdown(plans);
    if (leftovers.length > 0) {
      const names = leftovers.map((c) => `${c.name} (${c.namespace}/${c.release})`).join(", ");
      const line = o.prune ? `Removed (prune): ${names}.` : `Deployed but no longer enabled, left in place (set ${inputRef("prune", "true")} to remove): ${names}.`;
      planMarkdown += `
${o.plan && o.prune ? line.replace("Removed", "Would remove") : line}
`;
      o.log.info(line);
    }
    if (simulated) planMarkdown += "\n_SIMULATED: planned against the rk1 virtual lab._\n";
    const outputs = {};
    if (o.plan) return { plans, planMarkdown, results: [], outputs, simulated };
    const removed = [];
    if (o.prune && leftovers.length > 0) {
      const started = Date.now();
      await pruneReleases(helm, leftovers, o.settings.timeoutS);
      for (const c of leftovers)
        removed.push({
          name: c.name,
          status: "removed",
          chartVersion: "",
          durationMs: Date.now() - started,
          checks: []
        });
    }
    const prepare = {
      ...vctx,
      kubectl,
      grafanaAdminPassword: o.grafanaAdminPassword,
      mask: o.mask,
      output: (name, value) => outputs[name] = value
    };
    const tasks = jobs.map((j, i) => {
      const job = { ...j, plan: plans[i] };
      return {
        name: j.component.name,
        dependsOn: j.component.dependsOn,
        run: () => deployComponent(job, { session, kubectl, helm, prepare })
      };
    });
    const outcomes = await runGraph(tasks);
    const results = outcomes.map((out) => {
      if (out.state === "done") return out.value;
      const job = jobs.find((j) => j.component.name === out.name);
      const base = {
        name: out.name,
        chartVersion: job?.chart.version ?? "",
        durationMs: 0,
        checks: []
      };
      return out.state === "failed" ? { ...base, status: "failed", message: errorText(out.error) } : { ...base, status: "skipped", message: out.reason };
    });
    if (o.inventory.network.ingressIp)
      await verifyIngressHosts(results, {
        ingressIp: o.inventory.network.ingressIp,
        settings: o.settings,
        signal: o.signal
      });
    for (const r of results)
      if (r.message) {
        if (r.status === "failed") o.log.error(r.message);
        else o.log.info(r.message);
      }
    return { plans, planMarkdown, results: [...results, ...removed], outputs, simulated };
  } finally {
    session.close();
  }
}

// src/commands/kubeconfig-input.ts
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
async function readKubeconfig({ inputs }) {
  const inline = inputs.optional("kubeconfig");
  if (inline) return inline;
  const file = inputs.optional("kubeconfig-path");
  if (!file) {
    inputs.problem(
      "kubeconfig",
      `is required: pass the kubeconfig as a secret (${inputRef("kubeconfig")}) or a file in ${inputRef("kubeconfig-path")}`
    );
    return void 0;
  }
  try {
    return await readFile(resolve(file), "utf8");
  } catch (e) {
    inputs.problem("kubeconfig-path", `cannot be read: ${e.message}`);
    return void 0;
  }
}

export {
  SIMULATED_ANNOTATION,
  deployWorkloads,
  readKubeconfig
};
