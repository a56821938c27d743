#!/usr/bin/env python3
"""The NPU on Talos: a TFLite model through LiteRT with Mesa's Teflon delegate on the rocket driver.

The rockchip-rknn Talos extension loads only the mainline `rocket` kernel driver
(/dev/accel/accel0); RKNN and RKLLM need the vendor rknpu driver, so the only NPU path there is
Mesa's Teflon TFLite delegate (ops-and-reporting.md §7). That is a different stack and model set:
a uint8-quantised MobileNetV1 (what Teflon's authors measured, ~11-15 ms per invoke), labelled
`tflite-teflon`, never mixed with the RKNN rows. The same file without the delegate on 4 CPU
threads is its CPU row, so the record can say how much the NPU gives.

Run by the harness as a child process with LiteRT's own interpreter (its venv in the image): a
delegate that crashes takes this row down, not the harness. It prints one JSON object on stdout:
{"samples_ms": [...], "litert_version": "...", "delegate": path or null} or {"error": ..., "kind": ...}.
"""

import argparse
import json
import os
import sys
import time

NOT_IMPORTABLE = 3


def litert_version():
    try:
        from importlib import metadata

        return metadata.version("ai-edge-litert")
    except Exception:
        return None


def main(argv=None):
    p = argparse.ArgumentParser(description="rk1-bench Teflon runner")
    p.add_argument("--model", required=True)
    p.add_argument("--delegate", default=None, help="libteflon.so; none: the CPU row")
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--iterations", type=int, default=100)
    p.add_argument("--min-s", type=float, default=0.0)
    p.add_argument("--max-s", type=float, default=0.0)
    a = p.parse_args(argv)
    try:
        from ai_edge_litert.interpreter import Interpreter, load_delegate
    except Exception as e:  # ImportError, or a wheel that does not load here
        print(json.dumps({"error": "ai-edge-litert not importable: %s" % e, "kind": "runtime"}))
        return NOT_IMPORTABLE
    delegates = [load_delegate(a.delegate)] if a.delegate else []
    interp = Interpreter(model_path=a.model, experimental_delegates=delegates, num_threads=a.threads)
    interp.allocate_tensors()
    inp = interp.get_input_details()[0]
    out = interp.get_output_details()[0]
    # An array of the input's shape and dtype from the interpreter itself (no numpy import here),
    # zeroed, like the RKNN rows' input.
    x = interp.get_tensor(inp["index"])
    x.fill(0)

    def once():
        interp.set_tensor(inp["index"], x)
        interp.invoke()
        interp.get_tensor(out["index"])

    # The first invoke compiles the graph for the NPU (Teflon: ~0.4 s): never counted.
    once()
    for _ in range(a.warmup):
        once()
    samples = []
    start = time.monotonic()
    while len(samples) < a.iterations or time.monotonic() - start < a.min_s:
        t0 = time.perf_counter_ns()
        once()
        samples.append((time.perf_counter_ns() - t0) / 1e6)
        if a.max_s and time.monotonic() - start > a.max_s and len(samples) >= 10:
            break
    print(json.dumps({"samples_ms": samples, "litert_version": litert_version(), "delegate": a.delegate,
                      "input": {"shape": [int(d) for d in inp["shape"]],
                                "dtype": getattr(inp["dtype"], "__name__", str(inp["dtype"]))}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
