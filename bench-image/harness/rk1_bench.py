#!/usr/bin/env python3
"""rk1-bench harness: measures NPU, CPU, storage and LLM work on one RK1 node.

It runs inside a Kubernetes Job pod pinned to the node (image path /opt/rk1-bench/rk1_bench.py).
stdout carries only `RK1-BENCH {json}` lines (the contract with the npu-benchmark command, see
bench-image/README.md); everything else goes to stderr as log text.

Python 3 standard library only at import time. The runtimes (rknnlite, onnxruntime, numpy,
librkllmrt through ctypes, the fio program) are probed when a suite runs: a missing one gives a
`skipped` result with the reason, never made-up numbers. RK1_BENCH_SIMULATED=1 (the lab) swaps the
engines for stand-ins whose work is really timed and marks every result simulated.
"""

import argparse
import ctypes
import ctypes.util
import glob
import json
import math
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

# The engines' own modules sit beside this file (/opt/rk1-bench in the image), also when the file
# is loaded by path (bench/harness-accuracy.py).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import rk1_llamacpp as llamacpp  # noqa: E402
from rk1_rknn_c import PerfUnavailable, RknnC, SimCSession  # noqa: E402

HARNESS_VERSION = "1.1.0"
PREFIX = "RK1-BENCH "
SUITES = ("npu", "cpu", "storage", "llm")

# Stand-in engine versions: what the image pins (bench-image/Dockerfile), so a simulated record
# has the same shape as a real one.
RKNN_RELEASE = "2.3.2"
RKLLM_RELEASE = "1.3.0"

# The workloads. Ids and variants are what src/report (references.ts, claims.ts, metrics.ts)
# matches on: `npu-*` variants, `cpu-ort-Nt`, `fio-*`, an llm id naming the model.
MODELS = {
    # name: (rknn file, onnx file, NHWC input, stand-in e2e ms single core, tri-core, cpu work units)
    "resnet50": ("resnet50.rknn", "resnet50-v2-7.onnx", (1, 224, 224, 3), 11.0, 9.5, 1.0),
    "yolov5s": ("yolov5s.rknn", "yolov5s.onnx", (1, 640, 640, 3), 24.0, 21.0, 2.0),
}
NPU_VARIANTS = (("npu-core0", 1), ("npu-core012", 7))
# Every NPU variant is timed in two scopes (bench.md §6), each its own record: `npu-core0` is end
# to end (Python inference(), the harness's clock), `npu-core0-runonly` the runtime's own
# RKNN_QUERY_PERF_RUN per rknn_run, the scope of the model zoo's figures.
RUN_ONLY_SUFFIX = "-runonly"
RUN_ONLY_TIMER = "RKNN_QUERY_PERF_RUN run_duration (us)"
# Stand-in NPU-side medians (ms), single core and tri-core: the zoo's rknn_run-only figures
# (resnet50-v2-7 9.1 ms, yolov5s SiLU 20.7 ms; bench.md §5), tri-core a little faster (only some
# ops split across cores). End to end above adds the Python, copy and layout work.
SIM_RUN_ONLY_MS = {"resnet50": (9.1, 8.0), "yolov5s": (20.7, 18.2)}
# Talos with the rockchip-rknn extension (rocket): MobileNetV1 uint8 TFLite through LiteRT and Mesa
# Teflon (rk1_teflon.py), and the same file on LiteRT's CPU kernels. Stand-in medians: the
# project's own Teflon test measured 12-15 ms per invoke, the BredOS write-up ~48 ms on the A76s
# (ops-and-reporting.md §7).
TEFLON_ID = "mobilenetv1"
TEFLON_MODEL_FILE = "mobilenet_v1_1.0_224_quant.tflite"
TEFLON_DELEGATE = "/usr/lib/teflon/libteflon.so"
LITERT_RELEASE = "2.3.0"
MESA_RELEASE = "25.3.0"
SIM_TEFLON_MS = {"npu-teflon": 13.0, "cpu-tflite-4t": 48.0}
POOL_MASKS = (1, 2, 4)
CPU_THREADS = ((4, "cpu-ort-4t"), (1, "cpu-ort-1t"), (8, "cpu-ort-8t"))
A76_CORES = (4, 5, 6, 7)

FIO_JOBS = (
    # variant, rw, bs, iodepth, numjobs
    ("fio-seqread-1m", "read", "1M", 32, 1),
    ("fio-seqwrite-1m", "write", "1M", 32, 1),
    ("fio-randread-4k-qd64j4", "randread", "4k", 64, 4),
    ("fio-randwrite-4k-qd64j4", "randwrite", "4k", 64, 4),
    ("fio-randread-4k-qd1", "randread", "4k", 1, 1),
)

LLM_ID = "tinyllama-1.1b"
LLM_MODEL_FILE = "tinyllama-1.1b-w8a8.rkllm"
# The CPU row of the same model size (bench.md §3): llama.cpp's llama-bench on the GGUF Q8_0 build
# of the same TinyLLaMA 1.1B, 4 threads on the A76 cores; the image pins the release.
LLM_GGUF_FILE = "tinyllama-1.1b-chat-v1.0.Q8_0.gguf"
LLM_CPU_VARIANT = "cpu-llamacpp-q8_0-4t"
LLAMA_CPP_RELEASE = "b10360"
LLM_PROMPT_TOKENS = 128
LLM_NEW_TOKENS = 64
# Stand-in LLM: rknn-llm benchmark.md v1.3.0 TinyLLaMA figures, used only as simulated targets.
LLM_SIM = {"ttft_ms": 243.93, "decode_tok_s": 24.43, "rss_mb": 1093.66, "load_ms": 1800.0}


class CrashFault(Exception):
    """RK1_BENCH_LAB_FAULT=crash: the process dies mid-suite, as an OOM kill would look."""


def log(msg):
    sys.stderr.write("rk1-bench: %s\n" % msg)
    sys.stderr.flush()


def emit(obj):
    sys.stdout.write(PREFIX + json.dumps(obj, separators=(",", ":"), sort_keys=True) + "\n")
    sys.stdout.flush()


def iso_now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def env_int(name, default):
    try:
        return int(os.environ.get(name, ""))
    except ValueError:
        return default


# ---------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------


def percentile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default), q in 0..100."""
    if not sorted_values:
        return None
    if len(sorted_values) == 1:
        return sorted_values[0]
    pos = (len(sorted_values) - 1) * q / 100.0
    lo = int(math.floor(pos))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def series(values, unit, direction):
    """The per-series statistics of bench.md §6 (sample stddev; cv = stddev / mean)."""
    s = sorted(values)
    n = len(s)
    mean = sum(s) / n
    stddev = math.sqrt(sum((v - mean) ** 2 for v in s) / (n - 1)) if n > 1 else 0.0
    out = {
        "unit": unit,
        "direction": direction,
        "n": n,
        "mean": mean,
        "stddev": stddev,
        "cv": stddev / mean if mean else 0.0,
        "min": s[0],
        "max": s[-1],
    }
    for q, key in ((50, "p50"), (90, "p90"), (95, "p95"), (99, "p99")):
        out[key] = percentile(s, q)
    return {k: (round(v, 6) if isinstance(v, float) else v) for k, v in out.items()}


def single(value, unit, direction):
    return {"unit": unit, "direction": direction, "value": round(float(value), 6)}


# ---------------------------------------------------------------------------------------------
# sysfs: telemetry and environment (rooted at RK1_BENCH_SYSFS so the lab can give a tree)
# ---------------------------------------------------------------------------------------------


class Sysfs:
    def __init__(self, root):
        self.root = root or "/"

    def path(self, p):
        return os.path.join(self.root, p.lstrip("/"))

    def read(self, p):
        try:
            with open(self.path(p), "r", encoding="utf-8", errors="replace") as f:
                return f.read().strip()
        except OSError:
            return None

    def read_int(self, p):
        v = self.read(p)
        try:
            return int(v) if v is not None else None
        except ValueError:
            return None

    def glob(self, pattern):
        return sorted(glob.glob(self.path(pattern)))

    def rel(self, full):
        return "/" + os.path.relpath(full, self.root)

    def zones(self):
        """Thermal zones by `type` (never by index: Talos and Armbian number them differently)."""
        out = {}
        for z in self.glob("/sys/class/thermal/thermal_zone*"):
            r = self.rel(z)
            name = self.read(r + "/type") or os.path.basename(z)
            passive = None
            for tp in glob.glob(os.path.join(z, "trip_point_*_type")):
                if self.read(self.rel(tp)) == "passive":
                    passive = self.read_int(self.rel(tp)[: -len("_type")] + "_temp")
                    break
            out[name] = {"path": r, "passive_mc": passive}
        return out

    def policies(self):
        out = {}
        for p in self.glob("/sys/devices/system/cpu/cpufreq/policy*"):
            out[os.path.basename(p)] = self.rel(p)
        return out

    def npu_devfreq(self):
        for d in self.glob("/sys/class/devfreq/*"):
            if "npu" in os.path.basename(d):
                return self.rel(d)
        return None


class Telemetry:
    """Samples every zone, cpufreq policy, cooling device and the NPU devfreq at 1 Hz while a
    workload runs, and decides `throttled` with its evidence (bench.md §6)."""

    def __init__(self, sysfs, heat=None):
        self.sysfs = sysfs
        self.heat = heat
        self.zones = sysfs.zones()
        self.policies = sysfs.policies()
        self.devfreq = sysfs.npu_devfreq()
        self.cooling = [sysfs.rel(c) for c in sysfs.glob("/sys/class/thermal/cooling_device*")]
        self.samples = []
        self._stop = threading.Event()
        self._thread = None
        self._npu_start = None

    def sample(self):
        if self.heat:
            self.heat.tick()
        s = {"t": time.time(), "temp_mc": {}, "cur_khz": {}, "max_khz": {}, "cpuinfo_max_khz": {}}
        for name, z in self.zones.items():
            v = self.sysfs.read_int(z["path"] + "/temp")
            if v is not None:
                s["temp_mc"][name] = v
        for name, p in self.policies.items():
            for key, f in (
                ("cur_khz", "scaling_cur_freq"),
                ("max_khz", "scaling_max_freq"),
                ("cpuinfo_max_khz", "cpuinfo_max_freq"),
            ):
                v = self.sysfs.read_int(p + "/" + f)
                if v is not None:
                    s[key][name] = v
        s["cooling"] = max(
            [self.sysfs.read_int(c + "/cur_state") or 0 for c in self.cooling] or [0]
        )
        if self.devfreq:
            s["npu_hz"] = self.sysfs.read_int(self.devfreq + "/cur_freq")
        self.samples.append(s)
        return s

    def _loop(self):
        while not self._stop.wait(1.0):
            self.sample()

    def start(self):
        self.samples = []
        first = self.sample()
        self._npu_start = first.get("npu_hz")
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        if self._thread:
            self._thread.join()
        self._stop.clear()
        self.sample()
        return self.summary()

    def soc_temp_c(self):
        s = self.sample()
        for key in ("soc-thermal", "package-thermal"):
            if key in s["temp_mc"]:
                return s["temp_mc"][key] / 1000.0
        vals = list(s["temp_mc"].values())
        return max(vals) / 1000.0 if vals else None

    def summary(self):
        evidence = []
        max_temp = {}
        min_cur = {}
        for s in self.samples:
            for z, v in s["temp_mc"].items():
                max_temp[z] = max(max_temp.get(z, v), v)
            for p, v in s["cur_khz"].items():
                min_cur[p] = min(min_cur.get(p, v), v)
        for z, v in max_temp.items():
            trip = self.zones.get(z, {}).get("passive_mc")
            if trip is not None and v >= trip - 5000:
                evidence.append(
                    "%s reached %.1f °C (passive trip %.1f °C)" % (z, v / 1000.0, trip / 1000.0)
                )
        capped = set()
        for s in self.samples:
            for p, mx in s["max_khz"].items():
                hw = s["cpuinfo_max_khz"].get(p)
                if hw and mx < hw and p not in capped:
                    capped.add(p)
                    evidence.append("%s scaling_max_freq %d kHz < cpuinfo_max_freq %d kHz" % (p, mx, hw))
        cooling = max([s.get("cooling", 0) for s in self.samples] or [0])
        if cooling > 0:
            evidence.append("cooling device state %d" % cooling)
        npu_vals = [s["npu_hz"] for s in self.samples if s.get("npu_hz")]
        npu_min = min(npu_vals) if npu_vals else None
        if npu_min and self._npu_start and npu_min < self._npu_start:
            evidence.append("NPU cur_freq %d Hz < %d Hz at start" % (npu_min, self._npu_start))
        first = self.samples[0]["temp_mc"] if self.samples else {}
        out = {
            "throttled": bool(evidence),
            "throttle_evidence": evidence,
            "idle_temp_c": {z: v / 1000.0 for z, v in first.items()},
            "max_temp_c": {z: v / 1000.0 for z, v in max_temp.items()},
            "min_cur_khz": min_cur,
            "cooling_max_state": cooling,
            "samples": len(self.samples),
        }
        if npu_min:
            out["npu_min_hz"] = npu_min
        return out


class SimulatedHeat:
    """Lab only: the sysfs tree is the lab's, so the stand-in 'load' warms its zones a little
    (and, with the throttle fault, past the passive trip with a cpufreq cap), the way a real
    node's readings move under load. Never used on a real /sys."""

    def __init__(self, sysfs, throttle):
        self.sysfs = sysfs
        self.throttle = throttle
        self.active = False
        # What the run may change, put back at the end: the node's tree outlives the pod.
        self.saved = {}
        for z in sysfs.zones().values():
            self.saved[z["path"] + "/temp"] = sysfs.read(z["path"] + "/temp")
        for p in sysfs.policies().values():
            for f in ("scaling_max_freq", "scaling_cur_freq"):
                self.saved[p + "/" + f] = sysfs.read(p + "/" + f)

    def restore(self):
        for rel, value in self.saved.items():
            if value is not None:
                self._write(rel, int(value))

    def _write(self, rel, value):
        try:
            with open(self.sysfs.path(rel), "w", encoding="utf-8") as f:
                f.write("%d\n" % value)
        except OSError:
            pass

    def tick(self):
        if not self.active:
            return
        past_trip = False
        for name, z in self.sysfs.zones().items():
            cur = self.sysfs.read_int(z["path"] + "/temp") or 40000
            trip = z["passive_mc"] or 85000
            ceiling = trip + 3000 if self.throttle else trip - 15000
            # Throttle: from idle past the trip within a workload's first and last sample.
            step = 25000 if self.throttle else 700
            temp = min(cur + step, ceiling)
            self._write(z["path"] + "/temp", temp)
            past_trip = past_trip or temp >= trip
        # As the kernel's thermal governor does: the cap comes once a zone has passed its trip.
        if self.throttle and past_trip:
            for p in self.sysfs.policies().values():
                hw = self.sysfs.read_int(p + "/cpuinfo_max_freq")
                if hw:
                    capped = int(hw * 0.6)
                    self._write(p + "/scaling_max_freq", capped)
                    self._write(p + "/scaling_cur_freq", capped)

    def cool(self):
        for z in self.sysfs.zones().values():
            cur = self.sysfs.read_int(z["path"] + "/temp")
            if cur:
                self._write(z["path"] + "/temp", max(38000, cur - 10000))


def environment(sysfs, distro, simulated, fault):
    uname = platform.uname()
    policies = []
    for name, p in sysfs.policies().items():
        policies.append(
            {
                "policy": name,
                "cpus": sysfs.read(p + "/related_cpus") or sysfs.read(p + "/affected_cpus"),
                "governor": sysfs.read(p + "/scaling_governor"),
                "min_khz": sysfs.read_int(p + "/scaling_min_freq"),
                "max_khz": sysfs.read_int(p + "/scaling_max_freq"),
                "cpuinfo_max_khz": sysfs.read_int(p + "/cpuinfo_max_freq"),
            }
        )
    npu = npu_probe(sysfs, fault)
    if npu["driver"] == "rocket" and simulated and not npu.get("mesa_version"):
        npu["mesa_version"] = MESA_RELEASE
    storage = storage_probe(sysfs)
    ram_mb = None
    meminfo = sysfs.read("/proc/meminfo") or ""
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            ram_mb = int(line.split()[1]) // 1024
    return {
        "kernel": uname.release,
        "machine": uname.machine,
        "distro": distro,
        "python": platform.python_version(),
        "board": "turing-rk1",
        "soc": "rk3588",
        "ram_mb": ram_mb,
        "cpu": {"policies": policies, "online": sysfs.read("/sys/devices/system/cpu/online")},
        "npu": npu,
        "storage": storage,
        "simulated": simulated,
    }


def rocket_evidence(sysfs):
    """Where the mainline rocket driver shows (the rockchip-rknn Talos extension loads it): the
    accel device's driver link, or the module. None when neither is there."""
    for dev in sysfs.glob("/sys/class/accel/accel*"):
        link = os.path.join(dev, "device", "driver")
        if os.path.islink(link) and os.path.basename(os.readlink(link)) == "rocket":
            return sysfs.rel(dev) + "/device/driver -> rocket"
    if os.path.isdir(sysfs.path("/sys/module/rocket")):
        return "/sys/module/rocket"
    return None


def npu_probe(sysfs, fault):
    """Which NPU stack the node has: vendor rknpu (misc device or DRM render node) or mainline
    rocket (/dev/accel/accel0, or the driver in sysfs). Device nodes are looked up under the same
    root as /sys."""
    nodes = [
        d
        for d in ("/dev/rknpu", "/dev/dri/renderD129", "/dev/accel/accel0")
        if os.path.exists(sysfs.path(d))
    ]
    rocket = rocket_evidence(sysfs)
    if fault == "no-npu":
        nodes, rocket = [], None
    version = None
    for f in ("/sys/kernel/debug/rknpu/version", "/proc/rknpu/version", "/sys/module/rknpu/version"):
        v = sysfs.read(f)
        if v:
            version = v.split(":")[-1].strip()
            break
    if "/dev/rknpu" in nodes or "/dev/dri/renderD129" in nodes:
        driver = "rknpu"
    elif "/dev/accel/accel0" in nodes or rocket:
        driver, version = "rocket", None
    else:
        driver, version = "none", None
    devfreq = sysfs.npu_devfreq()
    out = {
        "driver": driver,
        "driver_version": version,
        "device_nodes": nodes,
        "devfreq_max_hz": sysfs.read_int(devfreq + "/max_freq") if devfreq else None,
    }
    if driver == "rocket":
        # The userspace half of this stack is the image's Mesa (Teflon); report reads mesa_version.
        out["driver_evidence"] = rocket or "/dev/accel/accel0"
        out["mesa_version"] = os.environ.get("RK1_BENCH_MESA_VERSION") or None
    return out


def storage_probe(sysfs):
    out = {"device": None, "model": None, "firmware": None, "fs_type": None, "mount": None}
    for d in sysfs.glob("/sys/class/nvme/nvme*"):
        r = sysfs.rel(d)
        out.update(
            device=os.path.basename(d),
            model=sysfs.read(r + "/model"),
            firmware=sysfs.read(r + "/firmware_rev"),
        )
        link = sysfs.rel(d) + "/device"
        out["pcie_speed"] = sysfs.read(link + "/current_link_speed")
        out["pcie_width"] = sysfs.read(link + "/current_link_width")
        break
    return out


def mount_of(path, sysfs):
    """The filesystem type and mount point holding `path` (longest matching mount)."""
    best = (None, None)
    real = os.path.realpath(path)
    text = sysfs.read("/proc/mounts") if sysfs.root != "/" else None
    if text is None:
        try:
            with open("/proc/mounts", encoding="utf-8") as f:
                text = f.read()
        except OSError:
            text = ""
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mnt, fs = parts[1], parts[2]
        if (real == mnt or real.startswith(mnt.rstrip("/") + "/")) and (
            best[1] is None or len(mnt) > len(best[1])
        ):
            best = (fs, mnt)
    return best


# ---------------------------------------------------------------------------------------------
# The run: results, method, faults
# ---------------------------------------------------------------------------------------------


class Run:
    def __init__(self, args):
        self.args = args
        self.simulated = os.environ.get("RK1_BENCH_SIMULATED") == "1"
        self.fault = os.environ.get("RK1_BENCH_LAB_FAULT", "").strip() or None
        if self.fault and not self.simulated:
            log("RK1_BENCH_LAB_FAULT=%s ignored: faults exist only in the lab" % self.fault)
            self.fault = None
        self.sysfs = Sysfs(os.environ.get("RK1_BENCH_SYSFS", "/"))
        heat = None
        if self.simulated and self.sysfs.root != "/":
            heat = SimulatedHeat(self.sysfs, throttle=self.fault == "throttle")
        self.heat = heat
        self.telemetry = Telemetry(self.sysfs, heat)
        self.counts = {"ok": 0, "failed": 0, "skipped": 0, "degraded": 0}
        self.results_emitted = 0
        self.model_dir = args.model_dir or os.environ.get("RK1_BENCH_MODEL_DIR", "/models")
        # Model files the fetch step (rk1_models.py) could not verify: file -> why.
        self.model_problems = dict(p.partition("=")[::2] for p in (getattr(args, "model_problem", None) or []))
        self.seed = sum(ord(c) for c in (args.node or "node"))
        self.env = None

    # How many iterations and how long: quick (PRs) or full (nightly, MLPerf-style).
    def plan(self):
        quick_n = env_int("RK1_BENCH_QUICK_N", 0)
        if self.args.mode == "full":
            return {"warmup": 20, "warmup_s": 5.0, "iterations": 1024, "min_s": 60.0}
        if quick_n > 0:
            return {"warmup": max(1, min(20, quick_n // 4)), "warmup_s": 0.0, "iterations": quick_n, "min_s": 0.0}
        return {"warmup": 20, "warmup_s": 1.0, "iterations": 100, "min_s": 0.0, "max_s": 10.0}

    def method(self, timing_scope, plan, **extra):
        m = {
            "clock_mode": "as-deployed",
            "timing_scope": timing_scope,
            "timer": "perf_counter_ns",
            "warmup": plan["warmup"],
            "warmup_s": plan.get("warmup_s", 0.0),
            "iterations": plan["iterations"],
            "mode": self.args.mode,
        }
        m.update({k: v for k, v in extra.items() if v is not None})
        return m

    def workload(self, wid, variant, engine, engine_version=None, runtime_lib_version=None, **extra):
        w = {
            "id": wid,
            "variant": variant,
            "engine": engine,
            "engine_version": engine_version,
            "runtime_lib_version": runtime_lib_version,
        }
        w.update(extra)
        return w

    def result(self, workload, status, started, method=None, metrics=None, telemetry=None, reason=None, **extra):
        if telemetry and telemetry.get("throttled") and status == "ok":
            status = "degraded"
            reason = reason or "throttled: " + "; ".join(telemetry["throttle_evidence"])
        r = {
            "type": "result",
            "workload": workload,
            "status": status,
            "started_at": started,
            "finished_at": iso_now(),
            "method": method or {},
            "metrics": metrics or {},
            "telemetry": telemetry or {"throttled": False, "max_temp_c": {}},
            "simulated": self.simulated,
        }
        if reason:
            r["reason"] = reason
        r.update(extra)
        emit(r)
        self.counts[status if status in self.counts else "failed"] += 1
        self.results_emitted += 1
        if self.fault == "crash" and self.results_emitted == 2:
            raise CrashFault()

    def skip(self, workload, reason):
        self.result(workload, "skipped", iso_now(), reason=reason)

    def refuse_model(self, workload):
        """A workload whose model failed its check (--model-problem): failed, and nothing of it runs."""
        problem = self.model_problems.get((workload.get("model") or {}).get("file"))
        if problem is None:
            return False
        self.result(workload, "failed", iso_now(), reason=problem)
        return True

    def cooldown(self):
        """Between workloads: until the SoC is within 5 °C of the idle reading, at most --cooldown s."""
        limit = self.args.cooldown
        if limit <= 0:
            return
        if self.heat:
            self.heat.cool()
        idle = getattr(self, "idle_c", None)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            cur = self.telemetry.soc_temp_c()
            if idle is None or cur is None or cur <= idle + 5.0:
                return
            if self.heat:
                self.heat.cool()
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))

    def measured(self, fn):
        """Runs fn() between telemetry start and stop; returns (fn's value, telemetry summary)."""
        if self.heat:
            self.heat.active = True
        self.telemetry.start()
        try:
            value = fn()
        finally:
            # The last sample is still under load: the heat stops after it.
            summary = self.telemetry.stop()
            if self.heat:
                self.heat.active = False
        return value, summary

    def timed_loop(self, once, plan, wid, variant, reported=False):
        """Warm-up (excluded), then n iterations (and at least min_s seconds in full mode).
        reported: each sample is what once() returns (a time the runtime measured itself)
        instead of the harness's clock around the call."""
        deadline = time.monotonic() + plan.get("warmup_s", 0.0)
        done = 0
        while done < plan["warmup"] or time.monotonic() < deadline:
            once()
            done += 1
        samples = []
        total = plan["iterations"]
        start = time.monotonic()
        step = max(1, total // 4)
        while len(samples) < total or time.monotonic() - start < plan.get("min_s", 0.0):
            t0 = time.perf_counter_ns()
            value = once()
            samples.append(value if reported else (time.perf_counter_ns() - t0) / 1e6)
            if len(samples) % step == 0 or len(samples) == total:
                emit({"type": "progress", "workload": wid, "variant": variant, "done": len(samples), "total": total})
            if plan.get("max_s") and time.monotonic() - start > plan["max_s"] and len(samples) >= 10:
                break
        return samples


# ---------------------------------------------------------------------------------------------
# Stand-in engines (lab): real timed work, calibrated latency, labelled simulated
# ---------------------------------------------------------------------------------------------


def wait_until(deadline_ns):
    """Sleep most of the way, spin the last 0.3 ms: an accelerator call costs the CPU nothing."""
    while True:
        left = deadline_ns - time.perf_counter_ns()
        if left <= 0:
            return
        if left > 300_000:
            time.sleep((left - 300_000) / 1e9)


class SimNpu:
    """A calibrated fake NPU: right-skewed latency around the given median (lognormal, sigma 0.06)."""

    def __init__(self, median_ms, seed):
        self.median_ms = median_ms
        self.rng = random.Random(seed)

    def inference(self):
        ms = self.median_ms * math.exp(self.rng.gauss(0.0, 0.06))
        wait_until(time.perf_counter_ns() + int(ms * 1e6))


class SimCpuLatency(SimNpu):
    """Like SimNpu, but the stand-in CPU work keeps a core busy for the drawn time."""

    def inference(self):
        ms = self.median_ms * math.exp(self.rng.gauss(0.0, 0.06))
        end = time.perf_counter_ns() + int(ms * 1e6)
        while time.perf_counter_ns() < end:
            pass


def cpu_work(units):
    """A fixed amount of real CPU work (integer arithmetic), ~1-2 ms per unit on an A76."""
    acc = 0
    for i in range(int(12000 * units)):
        acc = (acc + i * i) % 1000003
    return acc


# ---------------------------------------------------------------------------------------------
# Suites
# ---------------------------------------------------------------------------------------------


def rknn_versions():
    try:
        from importlib import metadata

        lite = metadata.version("rknn-toolkit-lite2")
    except Exception:
        lite = None
    return lite


def run_only_variant(variant):
    """The run-only twin of an end-to-end NPU variant: its own record and series (bench.md §6)."""
    return variant + RUN_ONLY_SUFFIX


def suite_npu(run):
    plan = run.plan()
    npu = run.env["npu"]
    engine = "rknnlite"
    lite_version = RKNN_RELEASE if run.simulated else rknn_versions()
    rt_version = RKNN_RELEASE if run.simulated else None
    reason = None
    if npu["driver"] != "rknpu":
        reason = "no rknpu driver" + (" on Talos" if run.args.distro == "talos" else "")
        if npu["driver"] == "rocket":
            reason += " (rocket present: the NPU is measured through Mesa Teflon as %s/npu-teflon, a different stack)" % TEFLON_ID
    RKNNLite = None
    e2e_reason = reason
    if not reason and not run.simulated:
        try:
            from rknnlite.api import RKNNLite  # noqa: F811 (optional runtime)
        except Exception as e:  # ImportError, or the wheel failing to load librknnrt
            e2e_reason = "rknn-toolkit-lite2 not importable: %s" % e
    # The run-only series needs the C API's perf query; it is independent of the Python wheel.
    rknn_c, perf_reason = None, reason
    if not reason and not run.simulated:
        try:
            rknn_c = RknnC()
        except PerfUnavailable as e:
            perf_reason = "run-only timing unavailable: %s" % e
    c_version = RKNN_RELEASE if run.simulated else None
    for model, (rknn_file, _onnx, shape, sim_single, sim_tri, _units) in MODELS.items():
        variants = list(NPU_VARIANTS) + [("npu-pool3", None)]
        for variant, mask in variants:
            model_info = {"name": model, "file": rknn_file, "dtype": "int8", "layout": "NHWC", "input_shape": list(shape)}
            params = {"core_mask": mask if mask else list(POOL_MASKS)}
            w = run.workload(model, variant, engine, lite_version, rt_version, model=model_info, params=dict(params))
            if e2e_reason:
                run.skip(w, e2e_reason)
            elif run.refuse_model(w):
                pass
            else:
                run.cooldown()
                started = iso_now()
                try:
                    if mask is not None:
                        metrics, method = npu_single(run, RKNNLite, model, variant, mask, plan, sim_single if mask == 1 else sim_tri)
                    else:
                        metrics, method = npu_pool(run, RKNNLite, model, variant, plan, sim_single)
                except CrashFault:
                    raise
                except Exception as e:
                    run.result(w, "failed", started, reason=str(e))
                else:
                    run.result(w, "ok", started, method, metrics, telemetry=method.pop("_telemetry"), samples_ms=method.pop("_samples"))
            ro = run.workload(model, run_only_variant(variant), "rknn-c", c_version, c_version, model=model_info, params=dict(params))
            if perf_reason:
                run.skip(ro, perf_reason)
                continue
            if run.refuse_model(ro):
                continue
            run.cooldown()
            started = iso_now()
            try:
                metrics, method, versions = npu_run_only(run, rknn_c, model, run_only_variant(variant), mask, plan)
            except CrashFault:
                raise
            except PerfUnavailable as e:
                # The runtime cannot time runs: no series, for this and every later variant.
                perf_reason = "run-only timing unavailable: %s" % e
                run.skip(ro, perf_reason)
                continue
            except Exception as e:
                run.result(ro, "failed", started, reason=str(e))
                continue
            if versions[0] and not run.simulated:
                ro["engine_version"] = ro["runtime_lib_version"] = versions[0]
            if versions[1]:
                ro["params"]["driver_version"] = versions[1]
            run.result(ro, "ok", started, method, metrics, telemetry=method.pop("_telemetry"), samples_ms=method.pop("_samples"))
    if npu["driver"] == "rocket":
        suite_npu_teflon(run, plan)
    elif run.args.distro == "talos":
        w = run.workload(TEFLON_ID, "npu-teflon", "tflite-teflon", model={"file": TEFLON_MODEL_FILE, "format": "tflite"})
        run.skip(w, "no rknpu driver on Talos, and no rocket driver for Mesa Teflon either (the rockchip-rknn "
                    "extension is not in the node's image)")


def teflon_child(run, model_path, delegate, plan):
    """One run of rk1_teflon.py under LiteRT's interpreter; returns its samples and version.
    A missing runtime is `TeflonUnavailable` (skipped); anything else that goes wrong is raised."""
    python = os.environ.get("RK1_BENCH_LITERT_PYTHON") or sys.executable
    runner = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rk1_teflon.py")
    cmd = [python, runner, "--model", model_path, "--threads", "4", "--warmup", str(plan["warmup"]),
           "--iterations", str(plan["iterations"]), "--min-s", str(plan.get("min_s", 0.0)),
           "--max-s", str(plan.get("max_s", 0.0))]
    if delegate:
        cmd += ["--delegate", delegate]
    cpus, _ = affinity_for(4)
    pre = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, preexec_fn=pre)
    except subprocess.TimeoutExpired:
        raise RuntimeError("Teflon runner did not finish in 1800 s")
    doc = None
    for line in reversed(proc.stdout.strip().splitlines()):
        try:
            doc = json.loads(line)
            break
        except ValueError:
            continue
    if proc.returncode == 3 and doc and doc.get("kind") == "runtime":
        raise TeflonUnavailable(doc["error"])
    if proc.returncode < 0:
        raise RuntimeError("Teflon runner killed by signal %d: %s" % (-proc.returncode, proc.stderr.strip()[-300:]))
    if proc.returncode != 0 or not doc or not doc.get("samples_ms"):
        raise RuntimeError("Teflon runner exited %d: %s" % (proc.returncode, (proc.stderr.strip() or proc.stdout.strip())[-400:]))
    return doc


class TeflonUnavailable(Exception):
    """LiteRT or the delegate is not in this image: the row is skipped with this reason."""


def suite_npu_teflon(run, plan):
    """Talos with the rockchip-rknn extension: MobileNetV1 uint8 through Mesa Teflon on rocket,
    and the same file on 4 CPU threads (no delegate) for its ratio. A different stack from RKNN:
    its own id, variant and engine, so the report never compares it with the RKNN rows."""
    mesa = run.env["npu"].get("mesa_version")
    litert = LITERT_RELEASE if run.simulated else None
    delegate = os.environ.get("RK1_BENCH_TEFLON") or TEFLON_DELEGATE
    model_path = os.path.join(run.model_dir, TEFLON_MODEL_FILE)
    model = {"name": "MobileNetV1 1.0 224 quant", "file": TEFLON_MODEL_FILE, "dtype": "uint8", "layout": "NHWC",
             "input_shape": [1, 224, 224, 3], "format": "tflite"}
    cpus, note = affinity_for(4)
    rows = {}
    for variant, engine, use_delegate in (("cpu-tflite-4t", "tflite-xnnpack", False), ("npu-teflon", "tflite-teflon", True)):
        params = {"threads": 4, "cpu_affinity": cpus}
        if use_delegate:
            params.update(delegate=delegate, stack="rocket + Mesa Teflon", driver="rocket")
        w = run.workload(TEFLON_ID, variant, engine, litert, mesa if use_delegate else None, model=model, params=params)
        reason = None
        if not run.simulated and use_delegate and not os.path.exists(delegate):
            reason = "libteflon.so not found at %s (Mesa %s with Teflon belongs in the image)" % (delegate, MESA_RELEASE)
        if reason:
            run.skip(w, reason)
            continue
        if run.refuse_model(w):
            continue
        if not run.simulated and not os.path.exists(model_path):
            run.result(w, "failed", iso_now(), reason="model file not found: %s" % model_path)
            continue
        run.cooldown()
        started = iso_now()
        try:
            if run.simulated:
                sim = SimNpu(SIM_TEFLON_MS[variant], run.seed + len(variant))
                if not use_delegate:
                    sim = SimCpuLatency(SIM_TEFLON_MS[variant], run.seed + 5)
                sim.inference()
                samples, tel = run.measured(lambda: run.timed_loop(sim.inference, plan, TEFLON_ID, variant))
            else:
                doc, tel = run.measured(lambda: teflon_child(run, model_path, delegate if use_delegate else None, plan))
                samples = doc["samples_ms"]
                w["engine_version"] = doc.get("litert_version")
        except CrashFault:
            raise
        except TeflonUnavailable as e:
            run.skip(w, str(e))
            continue
        except Exception as e:
            run.result(w, "failed", started, reason=str(e))
            continue
        lat = series(samples, "ms", "lower")
        metrics = {"latency_ms": lat, "throughput_fps": single(1000.0 / lat["mean"], "fps", "higher")}
        method = run.method("end_to_end", plan, threads=4, cpu_affinity=cpus)
        extra = {"samples_ms": [round(v, 4) for v in samples]}
        notes = [n for n in (note, "stand-in: calibrated latency, not LiteRT" if run.simulated else None) if n]
        if notes:
            extra["note"] = "; ".join(notes)
        cpu = rows.get("cpu-tflite-4t")
        if use_delegate and cpu:
            extra["speedup"] = {
                "baseline": {k: cpu[1].get(k) for k in ("id", "variant", "engine", "engine_version") if cpu[1].get(k)},
                "stat": "p50",
                "basis": "same file (MobileNetV1 uint8 TFLite), LiteRT with the Teflon delegate on the NPU vs "
                         "LiteRT's CPU kernels on 4 A76 threads; latency_ms CPU/NPU (above 1: the NPU is faster)",
                "latency_ms": round(cpu[0]["latency_ms"]["p50"] / lat["p50"], 4),
            }
        rows[variant] = (metrics, w)
        run.result(w, "ok", started, method, metrics, tel, **extra)


def rknn_session(RKNNLite, path, mask):
    if not os.path.exists(path):
        raise RuntimeError("model file not found: %s" % path)
    r = RKNNLite(verbose=False)
    if r.load_rknn(path) != 0:
        raise RuntimeError("load_rknn(%s) failed" % path)
    if r.init_runtime(core_mask=mask) != 0:
        raise RuntimeError("init_runtime(core_mask=%d) failed (see the runtime's log above)" % mask)
    return r


def npu_engine(run, RKNNLite, model, mask, sim_ms, salt=0):
    """Returns (inference callable, release callable)."""
    if run.simulated:
        sim = SimNpu(sim_ms, run.seed + mask * 7 + salt + len(model))
        return sim.inference, lambda: None
    import numpy as np  # the image has it; only the real path needs it

    shape = MODELS[model][2]
    r = rknn_session(RKNNLite, os.path.join(run.model_dir, MODELS[model][0]), mask)
    x = np.zeros(shape, dtype=np.uint8)

    def once():
        if r.inference(inputs=[x]) is None:
            raise RuntimeError("inference returned None")

    return once, r.release


def npu_single(run, RKNNLite, model, variant, mask, plan, sim_ms):
    once, release = npu_engine(run, RKNNLite, model, mask, sim_ms)
    try:
        once()  # first call: graph and DMA set-up, never counted
        samples, tel = run.measured(lambda: run.timed_loop(once, plan, model, variant))
    finally:
        release()
    lat = series(samples, "ms", "lower")
    metrics = {"latency_ms": lat, "throughput_fps": single(1000.0 / lat["mean"], "fps", "higher")}
    method = run.method("end_to_end", plan, core_mask=mask)
    method["_telemetry"], method["_samples"] = tel, [round(v, 4) for v in samples]
    return metrics, method


def run_pool(run, plan, onces):
    """Runs each callable on its own thread at once (warm-up, then the timed part); returns the
    per-instance values `once` gave (or its wall time in ms when it gives None) and the wall s."""
    per = [[] for _ in onces]
    errors = []

    def worker(i):
        once = onces[i]
        try:
            once()
            for _ in range(plan["warmup"]):
                once()
            for _ in range(plan["iterations"]):
                t0 = time.perf_counter_ns()
                v = once()
                per[i].append(v if v is not None else (time.perf_counter_ns() - t0) / 1e6)
        except Exception as e:
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(onces))]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    for e in errors:
        if isinstance(e, PerfUnavailable):
            raise e
    if errors:
        raise RuntimeError("pool instance failed: %s" % errors[0])
    return per, wall


def pool_metrics(per, wall):
    samples = [v for p in per for v in p]
    # Wall time includes each instance's warm-up; throughput counts the timed part per instance.
    timed_s = max(sum(p) for p in per) / 1000.0
    return samples, {
        "latency_ms": series(samples, "ms", "lower"),
        "throughput_fps": single(len(samples) / timed_s, "fps", "higher"),
        "wall_s": single(wall, "s", "lower"),
    }


def npu_pool(run, RKNNLite, model, variant, plan, sim_ms):
    """Three instances on cores 0, 1, 2 at once: aggregate throughput (bench.md §5)."""
    engines = [npu_engine(run, RKNNLite, model, m, sim_ms, salt=i) for i, m in enumerate(POOL_MASKS)]
    try:
        (per, wall), tel = run.measured(lambda: run_pool(run, plan, [e[0] for e in engines]))
    finally:
        for _, release in engines:
            release()
    samples, metrics = pool_metrics(per, wall)
    emit({"type": "progress", "workload": model, "variant": variant, "done": len(samples), "total": len(samples)})
    method = run.method("end_to_end", plan, core_mask=list(POOL_MASKS), instances=len(POOL_MASKS))
    method["_telemetry"], method["_samples"] = tel, [round(v, 4) for v in samples]
    return metrics, method


def c_session(run, rknn_c, model, mask, salt=0):
    if run.simulated:
        run_single, run_tri = SIM_RUN_ONLY_MS[model]
        e2e_single, e2e_tri = MODELS[model][3], MODELS[model][4]
        run_ms, io_ms = (run_single, e2e_single - run_single) if mask in (1, 2, 4) else (run_tri, e2e_tri - run_tri)
        return SimCSession(run_ms, io_ms, run.seed + mask * 11 + salt + len(model), perf_missing=run.fault == "no-perf")
    return rknn_c.session(os.path.join(run.model_dir, MODELS[model][0]), mask, MODELS[model][2])


def npu_run_only(run, rknn_c, model, variant, mask, plan):
    """The `run_only` scope: the runtime's own run_duration per inference, one sample per call.
    The first call (graph and DMA set-up) is discarded and proves the query works."""
    masks = [mask] if mask is not None else list(POOL_MASKS)
    sessions = []
    try:
        for i, m in enumerate(masks):
            sessions.append(c_session(run, rknn_c, model, m, salt=i))
        versions = sessions[0].versions()
        for s in sessions:
            s.run_us()
        onces = [(lambda s=s: s.run_us() / 1000.0) for s in sessions]
        if mask is not None:
            samples, tel = run.measured(lambda: run.timed_loop(onces[0], plan, model, variant, reported=True))
            lat = series(samples, "ms", "lower")
            metrics = {"latency_ms": lat, "throughput_fps": single(1000.0 / lat["mean"], "fps", "higher")}
            method = run.method("run_only", plan, core_mask=mask, timer=RUN_ONLY_TIMER)
        else:
            (per, wall), tel = run.measured(lambda: run_pool(run, plan, onces))
            samples, metrics = pool_metrics(per, wall)
            emit({"type": "progress", "workload": model, "variant": variant, "done": len(samples), "total": len(samples)})
            method = run.method("run_only", plan, core_mask=masks, instances=len(masks), timer=RUN_ONLY_TIMER)
    finally:
        for s in sessions:
            s.release()
    method["_telemetry"], method["_samples"] = tel, [round(v, 4) for v in samples]
    return metrics, method, versions


def affinity_for(threads):
    """A76 cores 4-7 for 1 and 4 threads, all cores for 8, limited to what this pod may use."""
    try:
        allowed = sorted(os.sched_getaffinity(0))
    except AttributeError:
        return None, None
    want = [4] if threads == 1 else list(A76_CORES) if threads == 4 else list(range(8))
    cpus = [c for c in want if c in allowed]
    note = None
    if not cpus:
        cpus = allowed
        note = "cores %s not available to this pod; ran on %s" % (want, allowed)
    return cpus, note


def suite_cpu(run):
    plan = run.plan()
    ort = None
    reason = None
    if not run.simulated:
        try:
            import onnxruntime as ort  # noqa: F811 (optional runtime)
        except Exception as e:
            reason = "onnxruntime not importable: %s" % e
    engine = "onnxruntime" if not run.simulated else "python-standin"
    version = getattr(ort, "__version__", None)
    original = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    for model, (_rknn, onnx_file, shape, _s, _t, units) in MODELS.items():
        for threads, variant in CPU_THREADS:
            w = run.workload(
                model,
                variant,
                engine,
                version,
                None,
                model={"name": model, "file": onnx_file, "dtype": "fp32", "layout": "NCHW",
                       "input_shape": [1, 3, shape[1], shape[2]]},
                params={"threads": threads},
            )
            if reason:
                run.skip(w, reason)
                continue
            if run.refuse_model(w):
                continue
            run.cooldown()
            started = iso_now()
            cpus, note = affinity_for(threads)
            try:
                if cpus is not None:
                    os.sched_setaffinity(0, cpus)
                once = cpu_engine(run, ort, model, onnx_file, shape, threads, units)
                once()
                samples, tel = run.measured(lambda: run.timed_loop(once, plan, model, variant))
            except CrashFault:
                raise
            except Exception as e:
                run.result(w, "failed", started, reason=str(e))
                continue
            finally:
                if original is not None:
                    os.sched_setaffinity(0, original)
            w["params"]["cpu_affinity"] = cpus
            lat = series(samples, "ms", "lower")
            metrics = {"latency_ms": lat, "throughput_fps": single(1000.0 / lat["mean"], "fps", "higher")}
            method = run.method("end_to_end", plan, threads=threads, cpu_affinity=cpus)
            extra = {"samples_ms": [round(v, 4) for v in samples]}
            if run.simulated:
                note = ((note + "; ") if note else "") + "stand-in: single-threaded Python integer loop, not onnxruntime"
            if note:
                extra["note"] = note
            run.result(w, "ok", started, method, metrics, telemetry=tel, **extra)


def cpu_engine(run, ort, model, onnx_file, shape, threads, units):
    if run.simulated:
        return lambda: cpu_work(units)
    import numpy as np

    path = os.path.join(run.model_dir, onnx_file)
    if not os.path.exists(path):
        raise RuntimeError("model file not found: %s" % path)
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(path, sess_options=so, providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name
    x = np.zeros((1, 3, shape[1], shape[2]), dtype=np.float32)
    return lambda: sess.run(None, {name: x})


def parse_size(text):
    text = text.strip().lower()
    mult = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
    if text and text[-1] in mult:
        return int(float(text[:-1]) * mult[text[-1]])
    return int(text)


def o_direct_supported(directory):
    probe = os.path.join(directory, ".rk1-bench-odirect")
    try:
        fd = os.open(probe, os.O_CREAT | os.O_WRONLY | getattr(os, "O_DIRECT", 0), 0o600)
        os.close(fd)
        return hasattr(os, "O_DIRECT")
    except OSError:
        return False
    finally:
        try:
            os.unlink(probe)
        except OSError:
            pass


def fio_metrics(doc, rw):
    """The numbers of one group-reported fio job (bench.md §6 field list)."""
    job = doc["jobs"][0]
    if job.get("error"):
        raise RuntimeError("fio job %s error %s" % (job.get("jobname"), job.get("error")))
    side = job["write" if "write" in rw else "read"]
    pct = side.get("clat_ns", {}).get("percentile", {})

    def us(key):
        v = pct.get(key)
        return None if v is None else v / 1000.0

    m = {
        "bw_mb_s": single(side["bw_bytes"] / 1e6, "MB/s", "higher"),
        "iops": single(side["iops"], "IOPS", "higher"),
        "clat_mean_us": single(side.get("clat_ns", {}).get("mean", 0.0) / 1000.0, "us", "lower"),
    }
    for key, name in (("50.000000", "clat_p50_us"), ("99.000000", "clat_p99_us"), ("99.900000", "clat_p999_us")):
        v = us(key)
        if v is not None:
            m[name] = single(v, "us", "lower")
    return m, {"io_bytes": side.get("io_bytes"), "runtime_ms": side.get("runtime"), "total_ios": side.get("total_ios")}


def suite_storage(run):
    fio = shutil.which("fio")
    version = None
    if fio:
        try:
            version = subprocess.run([fio, "--version"], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            version = None
    data_dir = run.args.data_dir
    reason = None
    if not fio:
        reason = "fio not found on PATH"
    elif not os.path.isdir(data_dir):
        reason = "data directory %s does not exist (mount the node's NVMe filesystem there)" % data_dir
    elif data_dir.startswith("/dev/"):
        reason = "refusing a device path: storage tests run on a file, never a raw device"
    full = run.args.mode == "full"
    size = os.environ.get("RK1_BENCH_FIO_SIZE") or ("16g" if full else "4g")
    runtime = env_int("RK1_BENCH_FIO_RUNTIME", 60 if full else 10)
    ramp = 10 if full else (0 if runtime <= 2 else 2)
    if not reason:
        try:
            free = shutil.disk_usage(data_dir).free
            if parse_size(size) > free * 0.9:
                reason = "not enough free space in %s for a %s test file" % (data_dir, size)
        except (OSError, ValueError) as e:
            reason = "cannot size the test file: %s" % e
    workdir = None
    if not reason:
        workdir = os.path.join(data_dir, "rk1-bench-%d" % os.getpid())
        os.makedirs(workdir, exist_ok=True)
    try:
        direct = o_direct_supported(workdir) if workdir else True
        fs_type = run.env["storage"].get("fs_type")
        cpus = [c for c in A76_CORES if c in (os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else [])]
        for variant, rw, bs, depth, jobs in FIO_JOBS:
            params = {
                "rw": rw, "bs": bs, "iodepth": depth, "numjobs": jobs, "size": size, "runtime_s": runtime,
                "ramp_time_s": ramp, "direct": 1 if direct else 0, "ioengine": "libaio",
                "cpus_allowed": ",".join(map(str, cpus)) if cpus else None, "fs_type": fs_type,
            }
            w = run.workload("fio", variant, "fio", version, None, params=params)
            if reason:
                run.skip(w, reason)
                continue
            run.cooldown()
            started = iso_now()
            cmd = [
                fio, "--name=" + variant, "--filename=" + os.path.join(workdir, "fio-test.dat"),
                "--size=" + size, "--rw=" + rw, "--bs=" + bs, "--iodepth=%d" % depth,
                "--numjobs=%d" % jobs, "--ioengine=libaio", "--direct=%d" % (1 if direct else 0),
                "--time_based=1", "--runtime=%d" % runtime, "--ramp_time=%d" % ramp,
                "--group_reporting=1", "--randrepeat=0", "--norandommap=1", "--refill_buffers=1",
                "--output-format=json",
            ]
            if cpus:
                cmd.append("--cpus_allowed=" + params["cpus_allowed"])
            proc, tel = run.measured(
                lambda: subprocess.run(cmd, capture_output=True, text=True, timeout=runtime + ramp + 600)
            )
            if proc.returncode != 0:
                run.result(w, "failed", started, reason="fio exited %d: %s" % (proc.returncode, proc.stderr.strip()[-400:]))
                continue
            try:
                text = proc.stdout[proc.stdout.index("{"):]
                doc = json.loads(text)
                metrics, io = fio_metrics(doc, rw)
            except (ValueError, KeyError, IndexError, RuntimeError) as e:
                run.result(w, "failed", started, reason="fio output not understood: %s" % e)
                continue
            w["params"].update(io)
            note = None if direct else "filesystem has no O_DIRECT: buffered I/O (direct=0)"
            extra = {"fio_json": doc}
            if note:
                extra["note"] = note
            run.result(w, "ok", started, run.method("end_to_end", {"warmup": 0, "iterations": 1}, ramp_time_s=ramp), metrics, tel, **extra)
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


class RkllmBindings:
    """ctypes view of librkllmrt 1.3.0 (rkllm.h): just what a timed generate needs."""

    def __init__(self, lib):
        c = ctypes

        class ExtendParam(c.Structure):
            _fields_ = [("base_domain_id", c.c_int32), ("embed_flash", c.c_int8), ("enabled_cpus_num", c.c_int8),
                        ("enabled_cpus_mask", c.c_uint32), ("n_batch", c.c_uint8), ("use_cross_attn", c.c_int8),
                        ("reserved", c.c_uint8 * 104)]

        class Param(c.Structure):
            _fields_ = [("model_path", c.c_char_p), ("max_context_len", c.c_int32), ("max_new_tokens", c.c_int32),
                        ("top_k", c.c_int32), ("n_keep", c.c_int32), ("top_p", c.c_float), ("temperature", c.c_float),
                        ("repeat_penalty", c.c_float), ("frequency_penalty", c.c_float),
                        ("presence_penalty", c.c_float), ("mirostat", c.c_int32), ("mirostat_tau", c.c_float),
                        ("mirostat_eta", c.c_float), ("skip_special_token", c.c_bool),
                        ("ignore_eos_token", c.c_bool), ("is_async", c.c_bool), ("extend_param", ExtendParam)]

        class TokenInput(c.Structure):
            _fields_ = [("input_ids", c.POINTER(c.c_int32)), ("n_tokens", c.c_size_t)]

        class InputUnion(c.Union):
            # The real union is larger (multimodal input); padding keeps the size safe.
            _fields_ = [("prompt_input", c.c_char_p), ("token_input", TokenInput), ("pad", c.c_uint8 * 256)]

        class Input(c.Structure):
            _fields_ = [("role", c.c_char_p), ("enable_thinking", c.c_bool), ("input_type", c.c_int),
                        ("input_data", InputUnion)]

        class InferParam(c.Structure):
            _fields_ = [("mode", c.c_int), ("lora_params", c.c_void_p), ("prompt_cache_params", c.c_void_p),
                        ("sampling_params", c.c_void_p), ("keep_history", c.c_int), ("max_new_tokens", c.c_int32)]

        class Perf(c.Structure):
            _fields_ = [("prefill_time_ms", c.c_float), ("prefill_tokens", c.c_int), ("generate_time_ms", c.c_float),
                        ("generate_tokens", c.c_int), ("memory_usage_mb", c.c_float)]

        class Hidden(c.Structure):
            _fields_ = [("p", c.c_void_p), ("a", c.c_int), ("b", c.c_int)]

        class Result(c.Structure):
            _fields_ = [("text", c.c_char_p), ("token_id", c.c_int), ("last_hidden_layer", Hidden),
                        ("logits", Hidden), ("perf", Perf)]

        self.Callback = c.CFUNCTYPE(c.c_int, c.POINTER(Result), c.c_void_p, c.c_int)

        class Callbacks(c.Structure):
            _fields_ = [("result_callback", self.Callback), ("result_userdata", c.c_void_p),
                        ("tokenizer_callback", c.c_void_p), ("tokenizer_userdata", c.c_void_p),
                        ("embed_callback", c.c_void_p), ("embed_userdata", c.c_void_p)]

        self.Param, self.Input, self.InferParam, self.Callbacks = Param, Input, InferParam, Callbacks
        self.TokenInput = TokenInput
        self.lib = lib
        lib.rkllm_createDefaultParam.restype = Param
        lib.rkllm_init.argtypes = [c.POINTER(c.c_void_p), c.POINTER(Param), c.POINTER(Callbacks)]
        lib.rkllm_run.argtypes = [c.c_void_p, c.POINTER(Input), c.POINTER(InferParam), c.c_void_p]
        lib.rkllm_destroy.argtypes = [c.c_void_p]


def real_llm_repeats(run, lib_path, model_path, repeats):
    """Loads the model once (timed), then runs `repeats`+1 generates (the first discarded)."""
    b = RkllmBindings(ctypes.CDLL(lib_path))
    FINISH, ERROR = 2, 3
    state = {"perf": None, "error": False}

    def on_result(result, _userdata, st):
        if st == FINISH:
            p = result.contents.perf
            state["perf"] = (p.prefill_time_ms, p.prefill_tokens, p.generate_time_ms, p.generate_tokens, p.memory_usage_mb)
        elif st == ERROR:
            state["error"] = True
        return 0

    cb = b.Callback(on_result)
    param = b.lib.rkllm_createDefaultParam()
    param.model_path = model_path.encode()
    param.max_context_len = 512
    param.max_new_tokens = LLM_NEW_TOKENS
    param.top_k = 1
    param.ignore_eos_token = True
    param.skip_special_token = True
    param.is_async = False
    param.extend_param.enabled_cpus_num = 4
    param.extend_param.enabled_cpus_mask = sum(1 << c for c in A76_CORES)
    callbacks = b.Callbacks()
    callbacks.result_callback = cb
    handle = ctypes.c_void_p()
    t0 = time.perf_counter_ns()
    if b.lib.rkllm_init(ctypes.byref(handle), ctypes.byref(param), ctypes.byref(callbacks)) != 0:
        raise RuntimeError("rkllm_init failed for %s (see the runtime's log)" % model_path)
    load_ms = (time.perf_counter_ns() - t0) / 1e6
    ids = (ctypes.c_int32 * LLM_PROMPT_TOKENS)(*([1] + [319 + (i % 200) for i in range(LLM_PROMPT_TOKENS - 1)]))
    inp = b.Input()
    inp.role = b"user"
    inp.input_type = 1  # RKLLM_INPUT_TOKEN: exactly 128 prompt tokens, no tokenizer in the way
    inp.input_data.token_input = b.TokenInput(ids, LLM_PROMPT_TOKENS)
    infer = b.InferParam()
    infer.mode = 0
    infer.keep_history = 0  # KV cache cleared between runs
    infer.max_new_tokens = LLM_NEW_TOKENS
    runs = []
    try:
        for i in range(repeats + 1):
            state["perf"], state["error"] = None, False
            if b.lib.rkllm_run(handle, ctypes.byref(inp), ctypes.byref(infer), None) != 0 or state["error"]:
                raise RuntimeError("rkllm_run failed on repeat %d" % i)
            if state["perf"] is None:
                raise RuntimeError("rkllm_run finished without performance figures (runtime older than 1.2.1?)")
            if i > 0:
                runs.append(state["perf"])
            emit({"type": "progress", "workload": LLM_ID, "variant": "npu-w8a8", "done": i, "total": repeats})
    finally:
        b.lib.rkllm_destroy(handle)
    return load_ms, runs


def sim_llm_repeats(run, repeats):
    """Stand-in: real sleeps shaped like the published TinyLLaMA run (prefill, then 64 tokens)."""
    rng = random.Random(run.seed + 99)
    t0 = time.perf_counter_ns()
    wait_until(t0 + int(LLM_SIM["load_ms"] / 20 * 1e6))  # 1/20 of a real load: the lab is impatient
    load_ms = LLM_SIM["load_ms"] * math.exp(rng.gauss(0, 0.03))
    runs = []
    for i in range(repeats + 1):
        ttft = LLM_SIM["ttft_ms"] * math.exp(rng.gauss(0, 0.03))
        gen_ms = LLM_NEW_TOKENS / LLM_SIM["decode_tok_s"] * 1000 * math.exp(rng.gauss(0, 0.02))
        start = time.perf_counter_ns()
        # Time passes for real, scaled down 10x; the figures reported are the modelled ones.
        wait_until(start + int((ttft + gen_ms) / 10 * 1e6))
        cpu_work(0.5)
        if i > 0:
            runs.append((ttft, LLM_PROMPT_TOKENS, gen_ms, LLM_NEW_TOKENS, LLM_SIM["rss_mb"] * (1 + rng.random() * 0.01)))
        emit({"type": "progress", "workload": LLM_ID, "variant": "npu-w8a8", "done": i, "total": repeats})
    return load_ms, runs


def llm_cpu_row(run, repeats):
    """TinyLLaMA 1.1B Q8_0 under llama.cpp on the four A76 cores: the CPU row the NPU's figures are
    divided by. Returns the metrics when measured (None otherwise) and the workload."""
    exe = None if run.simulated else llamacpp.find()
    model_path = os.path.join(run.model_dir, LLM_GGUF_FILE)
    cpus, note = affinity_for(4)
    w = run.workload(
        LLM_ID, LLM_CPU_VARIANT, "llama.cpp", LLAMA_CPP_RELEASE if run.simulated else None, None,
        model={"name": "TinyLLaMA 1.1B Chat v1.0", "file": LLM_GGUF_FILE, "dtype": "q8_0", "format": "gguf"},
        params={"prompt_tokens": LLM_PROMPT_TOKENS, "new_tokens": LLM_NEW_TOKENS, "threads": 4, "repeats": repeats,
                "cpu_affinity": cpus, "tool": "llama-bench", "tg_context_depth": 0},
    )
    if not run.simulated and not exe:
        run.skip(w, "llama-bench not found (llama.cpp %s belongs in /usr/local/bin)" % LLAMA_CPP_RELEASE)
        return None, w
    if run.refuse_model(w):
        return None, w
    if not run.simulated and not os.path.exists(model_path):
        run.result(w, "failed", iso_now(), reason="model file not found: %s" % model_path)
        return None, w
    run.cooldown()
    started = iso_now()
    try:
        if run.simulated:
            (ttft, prefill, decode, rss), tel = run.measured(lambda: sim_llm_cpu(run, repeats))
        else:
            def real():
                rows, rss_mb = llamacpp.run(exe, model_path, 4, cpus, repeats, LLM_PROMPT_TOKENS, LLM_NEW_TOKENS,
                                            timeout_s=1800)
                w["engine_version"] = llamacpp.version_of(rows)
                return llamacpp.split(rows, LLM_PROMPT_TOKENS, LLM_NEW_TOKENS) + (rss_mb,)
            (ttft, prefill, decode, rss), tel = run.measured(real)
    except CrashFault:
        raise
    except Exception as e:
        run.result(w, "failed", started, reason=str(e))
        return None, w
    metrics = {
        "ttft_ms": series(ttft, "ms", "lower"),
        "prefill_tok_s": series(prefill, "tok/s", "higher"),
        "decode_tok_s": series(decode, "tok/s", "higher"),
        "peak_rss_mb": single(rss, "MB", "lower"),
    }
    # llama-bench runs one untimed warm-up itself before its repetitions.
    method = run.method("end_to_end", {"warmup": 1, "iterations": repeats}, repeats=repeats, timer="llama-bench samples_ns")
    extra = {"note": "tg64 starts from an empty context (llama-bench); RKLLM decodes after the 128-token prompt"}
    if note:
        extra["note"] += "; " + note
    if run.simulated:
        extra["note"] += "; stand-in: calibrated estimate, not llama.cpp"
    run.result(w, "ok", started, method, metrics, tel, **extra)
    return metrics, w


def sim_llm_cpu(run, repeats):
    """Stand-in CPU row: real waits shaped like a 4-core A76 run (see rk1_llamacpp.SIM_CPU),
    scaled down 40x in wall time; the reported figures are the modelled ones."""
    rng = random.Random(run.seed + 77)
    ttft, prefill, decode = [], [], []
    for i in range(repeats):
        pp = llamacpp.SIM_CPU["prefill_tok_s"] * math.exp(rng.gauss(0, 0.02))
        tg = llamacpp.SIM_CPU["decode_tok_s"] * math.exp(rng.gauss(0, 0.02))
        ms = LLM_PROMPT_TOKENS / pp * 1000
        start = time.perf_counter_ns()
        wait_until(start + int((ms + LLM_NEW_TOKENS / tg * 1000) / 40 * 1e6))
        cpu_work(0.5)
        ttft.append(ms)
        prefill.append(pp)
        decode.append(tg)
        emit({"type": "progress", "workload": LLM_ID, "variant": LLM_CPU_VARIANT, "done": i + 1, "total": repeats})
    return ttft, prefill, decode, llamacpp.SIM_CPU["rss_mb"] * (1 + rng.random() * 0.01)


def speedup(npu, cpu, cpu_workload):
    """NPU over CPU for the same model, p50 against p50, with what the two rows are (the basis)."""
    out = {
        "baseline": {k: cpu_workload.get(k) for k in ("id", "variant", "engine", "engine_version") if cpu_workload.get(k)},
        "stat": "p50",
        "basis": "same model (TinyLLaMA 1.1B): RKLLM w8a8 on the NPU vs llama.cpp GGUF Q8_0 on 4 A76 threads "
                 "(cores 4-7), %d-token prompt, %d new tokens; decode_tok_s and prefill_tok_s NPU/CPU, "
                 "ttft_ms CPU/NPU (above 1: the NPU is faster)" % (LLM_PROMPT_TOKENS, LLM_NEW_TOKENS),
    }
    for m in ("decode_tok_s", "prefill_tok_s"):
        if npu[m]["p50"] and cpu[m]["p50"]:
            out[m] = round(npu[m]["p50"] / cpu[m]["p50"], 4)
    if npu["ttft_ms"]["p50"] and cpu["ttft_ms"]["p50"]:
        out["ttft_ms"] = round(cpu["ttft_ms"]["p50"] / npu["ttft_ms"]["p50"], 4)
    return out


def suite_llm(run):
    repeats = max(5, env_int("RK1_BENCH_LLM_REPEATS", 5))
    # The CPU row first: it needs no NPU (it is the Talos row too), and the NPU row can then carry
    # the ratio with its basis.
    cpu_metrics, cpu_workload = llm_cpu_row(run, repeats)
    npu = run.env["npu"]
    lib_path = None
    reason = None
    if npu["driver"] != "rknpu":
        reason = "no rknpu driver" + (" on Talos (RKLLM needs the vendor driver)" if run.args.distro == "talos" else "")
    elif not run.simulated:
        for cand in ("/usr/lib/librkllmrt.so", "/usr/local/lib/librkllmrt.so", ctypes.util.find_library("rkllmrt")):
            if cand and os.path.exists(cand):
                lib_path = cand
                break
        if not lib_path:
            reason = "librkllmrt.so not found (RKLLM runtime %s belongs in /usr/lib)" % RKLLM_RELEASE
    model_path = os.path.join(run.model_dir, LLM_MODEL_FILE)
    w = run.workload(
        LLM_ID, "npu-w8a8", "rkllm", RKLLM_RELEASE if (run.simulated or lib_path) else None, RKLLM_RELEASE if run.simulated else None,
        model={"name": "TinyLLaMA 1.1B", "file": LLM_MODEL_FILE, "dtype": "w8a8", "format": "rkllm"},
        params={"prompt_tokens": LLM_PROMPT_TOKENS, "new_tokens": LLM_NEW_TOKENS, "top_k": 1,
                "ignore_eos_token": True, "keep_history": 0, "repeats": repeats, "cpu_affinity": list(A76_CORES)},
    )
    if reason:
        run.skip(w, reason)
        return
    if run.refuse_model(w):
        return
    if not run.simulated and not os.path.exists(model_path):
        run.result(w, "failed", iso_now(), reason="model file not found: %s" % model_path)
        return
    run.cooldown()
    started = iso_now()
    try:
        fn = (lambda: sim_llm_repeats(run, repeats)) if run.simulated else (
            lambda: real_llm_repeats(run, lib_path, model_path, repeats))
        (load_ms, runs), tel = run.measured(fn)
    except CrashFault:
        raise
    except Exception as e:
        run.result(w, "failed", started, reason=str(e))
        return
    ttft = [r[0] for r in runs]
    prefill = [r[1] / (r[0] / 1000.0) for r in runs if r[0] > 0]
    decode = [r[3] / (r[2] / 1000.0) for r in runs if r[2] > 0]
    rss = max(r[4] for r in runs)
    own_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    metrics = {
        "ttft_ms": series(ttft, "ms", "lower"),
        "prefill_tok_s": series(prefill, "tok/s", "higher"),
        "decode_tok_s": series(decode, "tok/s", "higher"),
        "peak_rss_mb": single(rss if rss > 0 else own_rss_mb, "MB", "lower"),
        "load_ms": single(load_ms, "ms", "lower"),
    }
    method = run.method("end_to_end", {"warmup": 1, "iterations": repeats}, repeats=repeats)
    extra = {"speedup": speedup(metrics, cpu_metrics, cpu_workload)} if cpu_metrics else {}
    run.result(w, "ok", started, method, metrics, tel, **extra)


SUITE_FNS = {"npu": suite_npu, "cpu": suite_cpu, "storage": suite_storage, "llm": suite_llm}


def main(argv=None):
    p = argparse.ArgumentParser(description="rk1-bench harness (%s)" % HARNESS_VERSION)
    p.add_argument("--suites", default=",".join(SUITES))
    p.add_argument("--mode", choices=("quick", "full"), default="quick")
    p.add_argument("--node", default=platform.node())
    p.add_argument("--distro", choices=("talos", "k3s"), default="k3s")
    p.add_argument("--data-dir", default="/bench-data")
    p.add_argument("--model-dir", default=None)
    p.add_argument("--model-problem", action="append", default=[], metavar="FILE=REASON",
                   help="a model file that failed its check: its workloads fail with REASON, nothing runs")
    p.add_argument("--cooldown", type=float, default=0.0, help="longest wait between workloads, s")
    args = p.parse_args(argv)
    suites = [s.strip() for s in args.suites.split(",") if s.strip()]
    unknown = [s for s in suites if s not in SUITES]
    if unknown:
        p.error("unknown suite(s) %s (known: %s)" % (",".join(unknown), ",".join(SUITES)))

    run = Run(args)
    emit({"type": "start", "node": args.node, "harness_version": HARNESS_VERSION, "simulated": run.simulated,
          "suites": suites, "mode": args.mode, "distro": args.distro, "fault": run.fault, "started_at": iso_now()})
    run.env = environment(run.sysfs, args.distro, run.simulated, run.fault)
    if os.path.isdir(args.data_dir):
        fs_type, mount = mount_of(args.data_dir, run.sysfs)
        run.env["storage"].update(fs_type=fs_type, mount=mount, data_dir=args.data_dir)
    run.idle_c = run.telemetry.soc_temp_c()
    emit({"type": "environment", "node": run.env})
    try:
        for s in suites:
            log("suite %s" % s)
            SUITE_FNS[s](run)
    except CrashFault:
        log("lab fault 'crash': exiting mid-suite")
        if run.heat:
            run.heat.restore()
        sys.stdout.flush()
        os._exit(137)
    if run.heat:
        run.heat.restore()
    emit({"type": "done", "ok": run.counts["ok"] + run.counts["degraded"], "degraded": run.counts["degraded"],
          "failed": run.counts["failed"], "skipped": run.counts["skipped"]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
