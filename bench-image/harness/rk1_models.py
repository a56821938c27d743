#!/usr/bin/env python3
"""rk1-bench model fetcher: puts the benchmark's model files into the node's cache, checked.

Runs as the first Job on a node, before any benchmark Job (src/bench/models.ts builds its
arguments). For each model of --spec (a JSON list of {file, url, sha256, source}):

- a cached copy whose SHA-256 is the pinned one is used as it is, never fetched again;
- otherwise the file is downloaded to a temporary name beside it while its SHA-256 is computed,
  and only a file with the pinned SHA-256 is renamed into place;
- a download with another SHA-256 is deleted, and so is a stale cached copy under that name, so
  the benchmark Jobs (which mount the cache read-only) can never open a file that was not checked;
- a model without a pinned SHA-256 is downloaded, hashed and deleted: the line says what it is,
  for the user to check and pin.

Output: one `RK1-MODEL {json}` line per model on stdout ({"type": "model", "file", "status":
cached | fetched | mismatch | unpinned | error, "sha256"/"expected"/"actual", "bytes", "source",
"reason"}), then {"type": "models-done"}. Log text goes to stderr. Standard library only.
RK1_MODELS_LOOPBACK_ONLY=1 (the lab) refuses any host outside 127.0.0.0/8.
"""

import argparse
import hashlib
import ipaddress
import json
import os
import sys
import time
import urllib.parse
import urllib.request

PREFIX = "RK1-MODEL "
CHUNK = 1 << 20
READ_TIMEOUT_S = 60
# Far above the largest model (a 1.5B w8a8 .rkllm is ~1.7 GB), far below filling a node's /var.
MAX_BYTES = int(os.environ.get("RK1_MODELS_MAX_BYTES", str(8 << 30)))


def emit(obj):
    sys.stdout.write(PREFIX + json.dumps(obj, sort_keys=True) + "\n")
    sys.stdout.flush()


def log(message):
    sys.stderr.write("rk1-models: %s\n" % message)
    sys.stderr.flush()


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def loopback_host(url):
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def download(url, part):
    """Streams url into part; returns (sha256, bytes). Raises on any failure."""
    h = hashlib.sha256()
    size = 0
    request = urllib.request.Request(url, headers={"User-Agent": "rk1-bench-models/1"})
    with urllib.request.urlopen(request, timeout=READ_TIMEOUT_S) as response, open(part, "wb") as out:
        for block in iter(lambda: response.read(CHUNK), b""):
            size += len(block)
            if size > MAX_BYTES:
                raise RuntimeError("larger than %d bytes (RK1_MODELS_MAX_BYTES)" % MAX_BYTES)
            h.update(block)
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    return h.hexdigest(), size


def remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def fetch_one(cache, m):
    file = m["file"]
    if os.path.basename(file) != file or file.startswith("."):
        return {"status": "error", "reason": "not a plain file name: %r" % file}
    path = os.path.join(cache, file)
    expected = (m.get("sha256") or "").lower() or None
    if expected and os.path.isfile(path):
        actual = sha256_of(path)
        if actual == expected:
            return {"status": "cached", "sha256": actual, "bytes": os.path.getsize(path)}
        log("%s: the cached copy has sha256 %s, not the pinned %s: fetching it again" % (file, actual, expected))
    url = m["url"]
    if os.environ.get("RK1_MODELS_LOOPBACK_ONLY") == "1" and not loopback_host(url):
        remove(path)
        return {"status": "error", "reason": "the lab fetches only from 127.0.0.0/8, not %s" % url}
    part = os.path.join(cache, ".%s.part" % file)
    started = time.monotonic()
    try:
        actual, size = download(url, part)
    except Exception as e:  # HTTP status, DNS, refused, timeout, disk full: all the same outcome
        remove(part)
        if expected:
            remove(path)
        return {"status": "error", "reason": "download failed: %s" % e}
    seconds = round(time.monotonic() - started, 3)
    if expected is None:
        remove(part)
        return {"status": "unpinned", "actual": actual, "bytes": size}
    if actual != expected:
        remove(part)
        remove(path)
        return {"status": "mismatch", "expected": expected, "actual": actual, "bytes": size}
    os.replace(part, path)
    return {"status": "fetched", "sha256": actual, "bytes": size, "seconds": seconds}


def main(argv=None):
    p = argparse.ArgumentParser(description="rk1-bench model fetcher")
    p.add_argument("--cache", required=True, help="the node's model cache (a hostPath)")
    p.add_argument("--spec", required=True, help="JSON list of {file, url, sha256, source}")
    args = p.parse_args(argv)
    try:
        spec = json.loads(args.spec)
        assert isinstance(spec, list)
    except Exception:
        p.error("--spec must be a JSON list")
    os.makedirs(args.cache, exist_ok=True)
    for m in spec:
        out = fetch_one(args.cache, m)
        out.update(type="model", file=m.get("file"), source=m.get("source") or m.get("url"))
        log("%s: %s" % (out["file"], out["status"]))
        emit(out)
    emit({"type": "models-done"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
