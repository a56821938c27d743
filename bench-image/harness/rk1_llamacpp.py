"""The LLM's CPU row: llama.cpp's llama-bench on the same model size as the RKLLM row.

bench.md §3 suggests it as the baseline that gives "NPU accelerated" a ratio: TinyLLaMA 1.1B as
GGUF Q8_0 (8-bit weights, as w8a8 is for RKLLM), 4 threads pinned to the A76 cores 4-7, the same
128-token prompt and 64 new tokens. llama-bench (`-o json`) reports each repetition of its
prompt-processing test (pp128) and its text-generation test (tg64) as `samples_ns`/`samples_ts`,
after its own warm-up run, without tokenisation or sampling (tools/llama-bench/README.md).
TTFT is the pp128 time, as RKLLM's is its prefill time. tg64 starts from an empty context while
RKLLM decodes after the prompt: for a 1.1B model at 128-192 tokens of context the attention share
is small next to reading the weights once per token, and the record says so.
"""

import json
import os
import shutil
import subprocess
import tempfile
import threading

CANDIDATES = ("/usr/local/bin/llama-bench", "/opt/llama.cpp/bin/llama-bench")

# Stand-in (lab) CPU figures for TinyLLaMA 1.1B Q8_0 on 4 A76 cores. Estimates, not measurements:
# decode is bound by reading ~1.1 GB of weights per token from 17-22 GB/s of sustained memory
# bandwidth (bench.md §3) less the CPU's inefficiency, prefill by ~0.28 TOP of int8 work for
# 128 tokens on four cores with dot-product instructions. Only ever reported as SIMULATED.
SIM_CPU = {"prefill_tok_s": 52.0, "decode_tok_s": 13.0, "rss_mb": 1180.0}


def find():
    exe = shutil.which("llama-bench")
    if exe:
        return exe
    for c in CANDIDATES:
        if os.path.exists(c) and os.access(c, os.X_OK):
            return c
    return None


def version_of(rows):
    r = rows[0] if rows else {}
    num, commit = r.get("build_number"), r.get("build_commit")
    if num is None and not commit:
        return None
    return ("b%s" % num if num is not None else "?") + (" (%s)" % commit if commit else "")


def run(exe, model, threads, cpus, repeats, prompt, gen, timeout_s):
    """Runs llama-bench once for pp<prompt> and tg<gen>; returns (rows, child peak RSS in MB).
    The child is pinned to `cpus` (as taskset would) and waited for with wait4, so the peak RSS is
    its own, not that of an earlier fio or of this process."""
    cmd = [exe, "-m", model, "-p", str(prompt), "-n", str(gen), "-t", str(threads), "-r", str(repeats), "-o", "json"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pre = (lambda: os.sched_setaffinity(0, cpus)) if cpus and hasattr(os, "sched_setaffinity") else None
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, preexec_fn=pre)
        timer = threading.Timer(timeout_s, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError("llama-bench exited %d: %s" % (proc.returncode, stderr.strip()[-400:]))
    try:
        rows = json.loads(stdout[stdout.index("["):])
    except ValueError as e:
        raise RuntimeError("llama-bench output is not its JSON: %s" % e)
    return rows, usage.ru_maxrss / 1024.0


def split(rows, prompt, gen):
    """The pp and tg rows of one run: (pp samples_ns, pp samples_ts, tg samples_ts)."""
    pp = next((r for r in rows if r.get("n_prompt") == prompt and r.get("n_gen") == 0), None)
    tg = next((r for r in rows if r.get("n_gen") == gen and r.get("n_prompt") == 0), None)
    if not pp or not tg:
        raise RuntimeError("llama-bench gave no pp%d/tg%d rows" % (prompt, gen))
    for r in (pp, tg):
        if not r.get("samples_ns") or not r.get("samples_ts"):
            raise RuntimeError("llama-bench row without samples_ns/samples_ts (too old a build?)")
    return [v / 1e6 for v in pp["samples_ns"]], list(pp["samples_ts"]), list(tg["samples_ts"])
