import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);

// src/common/secret-files.ts
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
var SSH_KEY_FILE = "ssh-private-key";
var GRAFANA_PASSWORD_FILE = "grafana-admin-password";
function outputDirOf(host, clusterName, given, fallback) {
  return resolve(given ?? host.clusterDir?.(clusterName) ?? join(host.tempDir, fallback));
}
async function privateDir(dir) {
  await mkdir(dir, { recursive: true, mode: 448 });
  await chmod(dir, 448);
}
async function writeSecretFile(host, dir, name, value, what) {
  await privateDir(dir);
  const path = join(dir, name);
  await writeFile(path, value.endsWith("\n") ? value : `${value}
`, { mode: 384 });
  await chmod(path, 384);
  host.log.info(`${what} written to ${path} (mode 0600).`);
  return path;
}
async function readSecretFile(dir, name) {
  if (!dir) return void 0;
  const path = join(resolve(dir), name);
  if (!existsSync(path)) return void 0;
  const value = (await readFile(path, "utf8")).trim();
  return value ? { path, value } : void 0;
}

export {
  SSH_KEY_FILE,
  GRAFANA_PASSWORD_FILE,
  outputDirOf,
  privateDir,
  writeSecretFile,
  readSecretFile
};
