import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/lab/talos/pki.ts
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  webcrypto as webcrypto2,
  X509Certificate
} from "node:crypto";
import { isIP } from "node:net";

// src/lab/x509.ts
import { webcrypto } from "node:crypto";

// src/lab/reflect-shim.ts
var store = /* @__PURE__ */ new WeakMap();
function table(target, prop, create) {
  let byProp = store.get(target);
  if (!byProp && create) store.set(target, byProp = /* @__PURE__ */ new Map());
  let meta = byProp?.get(prop);
  if (!meta && create && byProp) byProp.set(prop, meta = /* @__PURE__ */ new Map());
  return meta;
}
var api = {
  defineMetadata(key, value, target, prop) {
    table(target, prop, true)?.set(key, value);
  },
  getOwnMetadata(key, target, prop) {
    return table(target, prop, false)?.get(key);
  },
  getMetadata(key, target, prop) {
    for (let t = target; t; t = Object.getPrototypeOf(t)) {
      const meta = table(t, prop, false);
      if (meta?.has(key)) return meta.get(key);
    }
    return void 0;
  },
  hasMetadata(key, target, prop) {
    return api.getMetadata(key, target, prop) !== void 0;
  },
  metadata(key, value) {
    return (target, prop) => api.defineMetadata(key, value, target, prop);
  }
};
var R = Reflect;
if (typeof R.getMetadata !== "function") {
  for (const [name, fn] of Object.entries(api)) R[name] = fn;
}

// src/lab/x509.ts
var x509Promise;
function loadX509() {
  x509Promise ??= import("./x509.es-5LCIWPQ2.mjs").then((m) => {
    m.cryptoProvider.set(webcrypto);
    return m;
  });
  return x509Promise;
}

// src/lab/talos/pki.ts
var ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
var DAY = 24 * 36e5;
function newKeyPair() {
  return generateKeyPairSync("ec", { namedCurve: "prime256v1" });
}
function keyPem(key) {
  return key.export({ type: "sec1", format: "pem" }).toString();
}
function newKeyPem() {
  return keyPem(newKeyPair().privateKey);
}
function serial() {
  const b = webcrypto2.getRandomValues(new Uint8Array(16));
  b[0] = (b[0] ?? 0) & 127 | 1;
  return Buffer.from(b).toString("hex");
}
async function cryptoKeys(privateKey) {
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const algo = { name: "ECDSA", namedCurve: "P-256" };
  return {
    privateKey: await webcrypto2.subtle.importKey("pkcs8", pkcs8, algo, true, ["sign"]),
    publicKey: await webcrypto2.subtle.importKey("spki", spki, algo, true, ["verify"])
  };
}
function dn(cn, org) {
  return org ? `O=${org}, CN=${cn}` : `CN=${cn}`;
}
async function newCa(cn, org) {
  const x509 = await loadX509();
  const pair = newKeyPair();
  const keys = await cryptoKeys(pair.privateKey);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: dn(cn, org),
    notBefore: new Date(now - 6e4),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, void 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature,
        true
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
    ]
  });
  return { crt: cert.toString("pem"), key: keyPem(pair.privateKey) };
}
async function issue(ca, opts) {
  const x509 = await loadX509();
  const pair = opts.privateKey ?? newKeyPair().privateKey;
  const keys = await cryptoKeys(pair);
  const now = Date.now();
  const usages = [];
  if (opts.server) usages.push(x509.ExtendedKeyUsage.serverAuth);
  if (opts.client) usages.push(x509.ExtendedKeyUsage.clientAuth);
  const names = [
    ...(opts.dns ?? []).map((value) => ({ type: "dns", value })),
    ...(opts.ips ?? []).filter((ip) => isIP(ip)).map((value) => ({ type: "ip", value }))
  ];
  const extensions = [
    new x509.BasicConstraintsExtension(false, void 0, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(usages),
    ...names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []
  ];
  const base = {
    serialNumber: serial(),
    notBefore: new Date(now - 6e4),
    notAfter: new Date(now + (opts.days ?? 365) * DAY),
    signingAlgorithm: ALG,
    extensions
  };
  let cert;
  if (ca) {
    const caCert = new x509.X509Certificate(ca.crt);
    const caKeys = await cryptoKeys(createPrivateKey(ca.key));
    cert = await x509.X509CertificateGenerator.create({
      ...base,
      subject: dn(opts.cn, opts.org),
      issuer: caCert.subject,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey
    });
  } else {
    cert = await x509.X509CertificateGenerator.createSelfSigned({
      ...base,
      name: dn(opts.cn, opts.org),
      keys
    });
  }
  return { crt: cert.toString("pem"), key: keyPem(pair) };
}
function spkiFingerprint(source) {
  const key = typeof source === "string" ? new X509Certificate(source).publicKey : source;
  const pub = key.type === "public" ? key : createPublicKey(key);
  const spki = pub.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}
var b64 = (text) => Buffer.from(text).toString("base64");
var unb64 = (text) => Buffer.from(text ?? "", "base64").toString("utf8");

// src/lab/talos/rpc.ts
import { request } from "node:https";
import { X509Certificate as X509Certificate2 } from "node:crypto";
var RpcError = class extends Error {
  constructor(code, desc) {
    super(`rpc error: code = ${code} desc = ${desc}`);
    this.code = code;
    this.desc = desc;
  }
  code;
  desc;
};
var VERIFY_CODES = /* @__PURE__ */ new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_SIGNATURE_FAILURE"
]);
var conn = (detail) => new RpcError("Unavailable", `connection error: desc = "${detail}"`);
function transportError(error, dial) {
  const code = error.code ?? "";
  const addr = `${dial.host}:${dial.port}`;
  if (code === "ECONNREFUSED")
    return conn(`transport: Error while dialing: dial tcp ${addr}: connect: connection refused`);
  if (code === "ETIMEDOUT" || code === "ECONNABORTED")
    return conn(`transport: Error while dialing: dial tcp ${addr}: i/o timeout`);
  if (VERIFY_CODES.has(code))
    return conn(
      "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"
    );
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID")
    return conn(
      `transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate is not valid for ${dial.host}`
    );
  if (code === "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA")
    return conn(
      "transport: authentication handshake failed: remote error: tls: unknown certificate authority"
    );
  if (code === "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED" || code === "ECONNRESET" || /socket hang up|certificate required/i.test(error.message))
    return conn("error reading server preface: remote error: tls: certificate required");
  if (code === "FINGERPRINT_MISMATCH")
    return conn("transport: authentication handshake failed: certificate fingerprint mismatch");
  return conn(`transport: ${error.message}`);
}
function call(dial, method, body = {}) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e) => {
      if (settled) return;
      settled = true;
      reject(e instanceof RpcError ? e : transportError(e, dial));
    };
    const req = request(
      {
        host: dial.host,
        port: dial.port,
        method: "POST",
        path: `/rpc/${method}`,
        agent: false,
        headers: { "content-type": "application/json", "content-length": payload.length },
        rejectUnauthorized: !dial.insecure,
        ...dial.insecure ? {} : { ca: dial.ca, cert: dial.cert, key: dial.key },
        timeout: dial.timeoutMs ?? 1e4
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("error", fail);
        res.on("end", () => {
          if (settled) return;
          let parsed;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {
            return fail(new RpcError("Unknown", `unexpected response (HTTP ${res.statusCode})`));
          }
          settled = true;
          if (parsed.error) reject(new RpcError(parsed.error.code, parsed.error.message));
          else resolve(parsed.result);
        });
      }
    );
    req.on("socket", (socket) => {
      if (!dial.fingerprint) return;
      socket.once("secureConnect", () => {
        const raw = socket.getPeerCertificate()?.raw;
        const pem = raw ? new X509Certificate2(raw).toString() : "";
        if (!pem || spkiFingerprint(pem) !== dial.fingerprint) {
          const e = new Error("fingerprint mismatch");
          e.code = "FINGERPRINT_MISMATCH";
          fail(e);
          req.destroy();
        }
      });
    });
    req.on("timeout", () => {
      const e = new Error("timeout");
      e.code = "ETIMEDOUT";
      fail(e);
      req.destroy();
    });
    req.on("error", fail);
    req.end(payload);
  });
}

// src/lab/talos/machine-config.ts
var import_yaml = __toESM(require_dist(), 1);
import { randomBytes } from "node:crypto";
var yamlOut = (value) => (0, import_yaml.stringify)(value, { indent: 4, indentSeq: true, lineWidth: 0 });
function token(a, b) {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const pick = (n) => Array.from(randomBytes(n), (x) => alphabet[x % alphabet.length]).join("");
  return `${pick(a)}.${pick(b)}`;
}
var enc = (c) => ({ crt: b64(c.crt), key: b64(c.key) });
async function generateSecrets() {
  const [etcd, k8s, agg, os] = await Promise.all([
    newCa("etcd", "etcd"),
    newCa("kubernetes", "kubernetes"),
    newCa("front-proxy"),
    newCa("talos", "talos")
  ]);
  return {
    cluster: {
      id: randomBytes(32).toString("base64url"),
      secret: randomBytes(32).toString("base64")
    },
    secrets: {
      bootstraptoken: token(6, 16),
      secretboxencryptionsecret: randomBytes(32).toString("base64")
    },
    trustdinfo: { token: token(6, 16) },
    certs: {
      etcd: enc(etcd),
      k8s: enc(k8s),
      k8saggregator: enc(agg),
      k8sserviceaccount: { key: b64(newKeyPem()) },
      os: enc(os)
    }
  };
}
function parseSecrets(text) {
  const docs = (0, import_yaml.parseAllDocuments)(text);
  const value = docs[0]?.toJS();
  if (!value?.certs?.os?.crt || !value.certs.os.key || !value.cluster?.id || !value.certs.k8s) {
    throw new Error("failed to load secrets bundle: missing certs.os, certs.k8s or cluster.id");
  }
  return value;
}
function kubeletImage(v) {
  return `ghcr.io/siderolabs/kubelet:v${v}`;
}
function machineConfig(input, type) {
  const s = input.secrets;
  const cp = type === "controlplane";
  const v = input.kubernetesVersion;
  const host = new URL(input.endpoint).hostname;
  const sans = [.../* @__PURE__ */ new Set([host, ...input.additionalSans])];
  const machine = {
    type,
    token: s.trustdinfo.token,
    ca: { crt: s.certs.os.crt, key: cp ? s.certs.os.key : "" },
    certSANs: input.additionalSans,
    kubelet: {
      image: kubeletImage(v),
      defaultRuntimeSeccompProfileEnabled: true,
      disableManifestsDirectory: true
    },
    network: {},
    install: {
      disk: input.installDisk,
      image: input.installImage,
      wipe: false
    },
    features: {
      rbac: true,
      stableHostname: true,
      apidCheckExtKeyUsage: true,
      diskQuotaSupport: true,
      kubePrism: { enabled: true, port: 7445 },
      hostDNS: { enabled: true, forwardKubeDNSToHost: true }
    },
    nodeLabels: cp ? { "node.kubernetes.io/exclude-from-external-load-balancers": "" } : void 0
  };
  if (!cp) delete machine.nodeLabels;
  const cluster = {
    id: s.cluster.id,
    secret: s.cluster.secret,
    controlPlane: { endpoint: input.endpoint },
    clusterName: input.clusterName,
    network: {
      dnsDomain: "cluster.local",
      podSubnets: ["10.244.0.0/16"],
      serviceSubnets: ["10.96.0.0/12"]
    },
    token: s.secrets.bootstraptoken,
    ca: { crt: s.certs.k8s.crt, key: cp ? s.certs.k8s.key : "" }
  };
  if (cp) {
    Object.assign(cluster, {
      secretboxEncryptionSecret: s.secrets.secretboxencryptionsecret,
      aggregatorCA: s.certs.k8saggregator,
      serviceAccount: { key: s.certs.k8sserviceaccount.key },
      apiServer: {
        image: `registry.k8s.io/kube-apiserver:v${v}`,
        certSANs: sans,
        disablePodSecurityPolicy: true,
        admissionControl: [
          {
            name: "PodSecurity",
            configuration: {
              apiVersion: "pod-security.admission.config.k8s.io/v1alpha1",
              kind: "PodSecurityConfiguration",
              defaults: { audit: "restricted", enforce: "baseline", warn: "restricted" },
              exemptions: { namespaces: ["kube-system"] }
            }
          }
        ]
      },
      controllerManager: { image: `registry.k8s.io/kube-controller-manager:v${v}` },
      proxy: { image: `registry.k8s.io/kube-proxy:v${v}` },
      scheduler: { image: `registry.k8s.io/kube-scheduler:v${v}` },
      discovery: {
        enabled: true,
        registries: { kubernetes: { disabled: true }, service: {} }
      },
      etcd: { ca: s.certs.etcd }
    });
  } else {
    cluster.discovery = {
      enabled: true,
      registries: { kubernetes: { disabled: true }, service: {} }
    };
  }
  return yamlOut({ version: "v1alpha1", debug: false, persist: true, machine, cluster });
}
async function talosconfig(contextName, secrets, endpoints = []) {
  const os = { crt: unb64(secrets.certs.os.crt), key: unb64(secrets.certs.os.key) };
  const admin = await issue(os, { cn: "admin", org: "os:admin", client: true, days: 365 });
  return yamlOut({
    context: contextName,
    contexts: {
      [contextName]: {
        endpoints,
        ca: secrets.certs.os.crt,
        crt: b64(admin.crt),
        key: b64(admin.key)
      }
    }
  });
}
function parseDocs(text) {
  const docs = (0, import_yaml.parseAllDocuments)(text);
  const out = [];
  for (const d of docs) {
    if (d.errors.length) throw new Error(d.errors[0]?.message ?? "invalid YAML");
    const js = d.toJS();
    if (js && typeof js === "object") out.push(js);
  }
  return out;
}
var get = (o, ...path) => path.reduce((at, k) => at && typeof at === "object" ? at[k] : void 0, o);
function configFacts(text) {
  const docs = parseDocs(text);
  const main = docs.find((d) => d.version === "v1alpha1" && !d.kind);
  if (!main)
    throw new Error(
      "configuration validation failed: 1 error occurred:\n	* v1alpha1 config is missing"
    );
  const problems = [];
  const type = get(main, "machine", "type");
  if (type !== "controlplane" && type !== "worker" && type !== "init")
    problems.push(`unknown machine type "${String(type ?? "")}"`);
  const crt = get(main, "machine", "ca", "crt");
  if (typeof crt !== "string" || !crt) problems.push("machine.ca.crt is required");
  const endpoint = get(main, "cluster", "controlPlane", "endpoint");
  if (typeof endpoint !== "string" || !/^https:\/\/[^/]+:\d+/.test(endpoint))
    problems.push("cluster.controlPlane.endpoint is invalid");
  if (typeof get(main, "machine", "token") !== "string") problems.push("machine.token is required");
  if (problems.length)
    throw new Error(
      `configuration validation failed: ${problems.length} error${problems.length > 1 ? "s" : ""} occurred:
${problems.map((p) => `	* ${p}`).join("\n")}`
    );
  const hostnameDoc = docs.find((d) => d.kind === "HostnameConfig");
  const legacyHostname = get(main, "machine", "network", "hostname");
  return {
    type: type === "worker" ? "worker" : "controlplane",
    clusterId: String(get(main, "cluster", "id") ?? ""),
    clusterName: String(get(main, "cluster", "clusterName") ?? ""),
    endpoint,
    osCa: { crt: unb64(crt), key: unb64(get(main, "machine", "ca", "key")) },
    hostname: typeof hostnameDoc?.hostname === "string" ? hostnameDoc.hostname : typeof legacyHostname === "string" ? legacyHostname : void 0,
    autoHostname: hostnameDoc?.auto === "stable",
    installImage: get(main, "machine", "install", "image"),
    userVolumes: docs.filter((d) => d.kind === "UserVolumeConfig" && typeof d.name === "string").map((d) => d.name)
  };
}

// src/lab/talos/resources.ts
var GB = 1e3 ** 3;
var pretty = (bytes) => `${Math.round(bytes / GB)} GB`;
var EMMC = 31268536320;
var NVME = 512110190592;
var str = (v) => v === void 0 || v === null ? "" : String(v);
var RESOURCE_TYPES = [
  {
    names: ["machinestatus", "machinestatuses", "ms"],
    namespace: "runtime",
    type: "MachineStatuses.runtime.talos.dev",
    columns: [
      ["STAGE", (s) => str(s.stage)],
      ["READY", (s) => str(s.status?.ready)]
    ],
    list: (v) => [
      {
        id: "machine",
        owner: "runtime.MachineStatusController",
        spec: {
          stage: v.stage,
          status: {
            ready: v.ready,
            unmetConditions: v.unmet.map((name) => ({ name, reason: "not ready" }))
          }
        }
      }
    ]
  },
  {
    names: ["members", "member"],
    namespace: "cluster",
    type: "Members.cluster.talos.dev",
    columns: [
      ["HOSTNAME", (s) => str(s.hostname)],
      ["MACHINE TYPE", (s) => str(s.machineType)],
      ["OS", (s) => str(s.operatingSystem)],
      ["ADDRESSES", (s) => JSON.stringify(s.addresses ?? [])]
    ],
    list: (v) => v.members.map((m) => ({
      id: m.hostname,
      owner: "cluster.MemberController",
      spec: {
        nodeId: m.hostname,
        addresses: m.addresses,
        hostname: m.hostname,
        machineType: m.machineType,
        operatingSystem: `Talos (${v.version})`
      }
    }))
  },
  {
    names: ["disks", "disk"],
    namespace: "runtime",
    type: "Disks.block.talos.dev",
    columns: [
      ["SIZE", (s) => str(s.pretty_size)],
      ["READ ONLY", (s) => str(s.readonly)],
      ["TRANSPORT", (s) => str(s.transport)],
      ["ROTATIONAL", (s) => str(s.rotational)],
      ["WWID", (s) => str(s.wwid)],
      ["MODEL", (s) => str(s.model)],
      ["SERIAL", (s) => str(s.serial)]
    ],
    list: (v) => {
      const disks = [
        {
          id: "mmcblk0",
          owner: "block.DisksController",
          spec: {
            dev_path: "/dev/mmcblk0",
            size: EMMC,
            pretty_size: pretty(EMMC),
            io_size: 512,
            sector_size: 512,
            readonly: false,
            cdrom: false,
            model: "",
            serial: "0x1a2b3c4d",
            transport: "mmc",
            rotational: false,
            wwid: "",
            symlinks: ["/dev/disk/by-path/platform-fe2e0000.mmc"]
          }
        }
      ];
      if (v.hasNvme)
        disks.push({
          id: "nvme0n1",
          owner: "block.DisksController",
          spec: {
            dev_path: "/dev/nvme0n1",
            size: NVME,
            pretty_size: pretty(NVME),
            io_size: 512,
            sector_size: 512,
            readonly: false,
            cdrom: false,
            model: "Lab NVMe SSD 512GB",
            serial: "LAB0000NVME",
            transport: "nvme",
            rotational: false,
            wwid: "eui.0000000000000001",
            symlinks: ["/dev/disk/by-id/nvme-Lab_NVMe_SSD_512GB"]
          }
        });
      return disks;
    }
  },
  {
    names: ["extensions", "extension", "extensionstatuses"],
    namespace: "runtime",
    type: "ExtensionStatuses.runtime.talos.dev",
    columns: [
      ["NAME", (s) => str(s.metadata?.name)],
      ["VERSION", (s) => str(s.metadata?.version)]
    ],
    list: (v) => [
      ...v.extensions.map((ext, i) => ({
        id: String(i),
        owner: "runtime.ExtensionStatusController",
        spec: {
          image: `${ext.replace(/^siderolabs\//, "")}.sqsh`,
          metadata: {
            name: ext.replace(/^siderolabs\//, ""),
            version: `${ext.includes("iscsi") ? "v0.2.0" : "2.41.1"}`,
            author: "Sidero Labs",
            description: `lab stand-in for ${ext}`
          }
        }
      })),
      {
        id: String(v.extensions.length),
        owner: "runtime.ExtensionStatusController",
        spec: {
          image: "",
          metadata: { name: "schematic", version: v.schematic, description: "" }
        }
      }
    ]
  },
  {
    names: ["volumestatus", "volumestatuses", "vs"],
    namespace: "runtime",
    type: "VolumeStatuses.block.talos.dev",
    columns: [
      ["TYPE", (s) => str(s.type)],
      ["PHASE", (s) => str(s.phase)],
      ["LOCATION", (s) => str(s.location)],
      ["SIZE", (s) => str(s.prettySize)]
    ],
    list: (v) => {
      const vol = (id, location, size, type = "partition") => ({
        id,
        owner: "block.VolumeManagerController",
        spec: { type, phase: "ready", location, prettySize: size }
      });
      if (!v.configured) return [vol("META", "/dev/mmcblk0p4", "1.0 MB")];
      return [
        vol("EPHEMERAL", "/dev/mmcblk0p6", "29 GB"),
        vol("META", "/dev/mmcblk0p4", "1.0 MB"),
        vol("STATE", "/dev/mmcblk0p5", "105 MB"),
        ...v.userVolumes.map((name, i) => vol(`u-${name}`, `/dev/nvme0n1p${i + 1}`, "512 GB"))
      ];
    }
  },
  {
    names: ["machineconfig", "machineconfigs", "mc"],
    namespace: "config",
    type: "MachineConfigs.config.talos.dev",
    sensitive: true,
    columns: [],
    list: (v) => v.config ? [{ id: "v1alpha1", owner: "", spec: { content: v.config } }] : []
  }
];
function findType(name) {
  const n = name.toLowerCase();
  return RESOURCE_TYPES.find((t) => t.names.includes(n) || t.type.toLowerCase() === n);
}
function listResources(view, typeName, id) {
  const def = findType(typeName);
  if (!def) return [];
  return def.list(view).filter((r) => id === void 0 || r.id === id).map((r) => ({
    node: view.ip,
    metadata: {
      namespace: def.namespace,
      type: def.type,
      id: r.id,
      version: 1,
      owner: r.owner,
      phase: "running",
      created: view.createdAt,
      updated: view.createdAt
    },
    spec: r.spec
  }));
}

export {
  loadX509,
  newKeyPair,
  issue,
  spkiFingerprint,
  unb64,
  yamlOut,
  generateSecrets,
  parseSecrets,
  machineConfig,
  talosconfig,
  parseDocs,
  configFacts,
  findType,
  listResources,
  RpcError,
  call
};
