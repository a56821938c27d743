"""The NPU's own clock: RKNN_QUERY_PERF_RUN through librknnrt's C API (ctypes).

RKNNLite (the Python API the end-to-end series uses) has no timing query. The C API does:
after rknn_outputs_get, rknn_query(ctx, RKNN_QUERY_PERF_RUN) returns `run_duration`, the time the
runtime spent in rknn_run, in microseconds (rknpu2 rknn_api.h). That is the scope the model zoo
and rknn_benchmark report, so the `run_only` series compares with their figures; the end-to-end
series adds the Python, copy and layout work around it.

Layouts follow rknn_api.h of rknn-toolkit2 2.3.2 for aarch64 (rknn_context is uint64_t there;
only 32-bit __arm__ builds use uint32_t). Nothing here invents a number: when the library, the
query or its value is missing, `PerfUnavailable` says why and the run-only series is left out.
"""

import ctypes
import ctypes.util
import math
import os
import random
import time

RKNN_SUCC = 0
RKNN_QUERY_IN_OUT_NUM = 0
RKNN_QUERY_PERF_RUN = 4
RKNN_QUERY_SDK_VERSION = 5
RKNN_TENSOR_UINT8 = 3
RKNN_TENSOR_NHWC = 1

ERRORS = {
    -1: "RKNN_ERR_FAIL",
    -2: "RKNN_ERR_TIMEOUT",
    -3: "RKNN_ERR_DEVICE_UNAVAILABLE",
    -4: "RKNN_ERR_MALLOC_FAIL",
    -5: "RKNN_ERR_PARAM_INVALID",
    -6: "RKNN_ERR_MODEL_INVALID",
    -7: "RKNN_ERR_CTX_INVALID",
    -8: "RKNN_ERR_INPUT_INVALID",
    -9: "RKNN_ERR_OUTPUT_INVALID",
    -10: "RKNN_ERR_DEVICE_UNMATCH",
    -13: "RKNN_ERR_TARGET_PLATFORM_UNMATCH",
}

LIB_CANDIDATES = ("/usr/lib/librknnrt.so", "/usr/lib/aarch64-linux-gnu/librknnrt.so", "/usr/local/lib/librknnrt.so")


class PerfUnavailable(Exception):
    """The runtime cannot give run-only times: the series is absent, with this as the reason."""


def err(code):
    return "%d (%s)" % (code, ERRORS.get(code, "unknown"))


class InOutNum(ctypes.Structure):
    _fields_ = [("n_input", ctypes.c_uint32), ("n_output", ctypes.c_uint32)]


class PerfRun(ctypes.Structure):
    _fields_ = [("run_duration", ctypes.c_int64)]


class SdkVersion(ctypes.Structure):
    _fields_ = [("api_version", ctypes.c_char * 256), ("drv_version", ctypes.c_char * 256)]


class Input(ctypes.Structure):
    _fields_ = [
        ("index", ctypes.c_uint32),
        ("buf", ctypes.c_void_p),
        ("size", ctypes.c_uint32),
        ("pass_through", ctypes.c_uint8),
        ("type", ctypes.c_int),
        ("fmt", ctypes.c_int),
    ]


class Output(ctypes.Structure):
    _fields_ = [
        ("want_float", ctypes.c_uint8),
        ("is_prealloc", ctypes.c_uint8),
        ("index", ctypes.c_uint32),
        ("buf", ctypes.c_void_p),
        ("size", ctypes.c_uint32),
    ]


def find_library():
    """RK1_BENCH_LIBRKNNRT first (an operator's override), then where the image installs it."""
    override = os.environ.get("RK1_BENCH_LIBRKNNRT")
    if override:
        return override if os.path.exists(override) else None
    for cand in LIB_CANDIDATES + (ctypes.util.find_library("rknnrt"),):
        if cand and os.path.exists(cand):
            return cand
    return None


class RknnC:
    """librknnrt loaded through ctypes, with the few calls a timed run needs."""

    def __init__(self, path=None):
        path = path or find_library()
        if not path:
            raise PerfUnavailable("librknnrt.so not found (%s)" % ", ".join(LIB_CANDIDATES))
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            raise PerfUnavailable("librknnrt.so not loadable through ctypes: %s" % e)
        c = ctypes
        ctx = c.c_uint64
        try:
            lib.rknn_init.argtypes = [c.POINTER(ctx), c.c_void_p, c.c_uint32, c.c_uint32, c.c_void_p]
            lib.rknn_query.argtypes = [ctx, c.c_int, c.c_void_p, c.c_uint32]
            lib.rknn_set_core_mask.argtypes = [ctx, c.c_int]
            lib.rknn_inputs_set.argtypes = [ctx, c.c_uint32, c.POINTER(Input)]
            lib.rknn_run.argtypes = [ctx, c.c_void_p]
            lib.rknn_outputs_get.argtypes = [ctx, c.c_uint32, c.POINTER(Output), c.c_void_p]
            lib.rknn_outputs_release.argtypes = [ctx, c.c_uint32, c.POINTER(Output)]
            lib.rknn_destroy.argtypes = [ctx]
        except AttributeError as e:
            raise PerfUnavailable("librknnrt.so at %s lacks the C API: %s" % (path, e))
        self.lib = lib
        self.path = path

    def session(self, model_path, core_mask, input_shape):
        return CSession(self.lib, model_path, core_mask, input_shape)


class CSession:
    """One rknn_context: the model, one core mask, a zeroed uint8 NHWC input like the e2e series."""

    def __init__(self, lib, model_path, core_mask, input_shape):
        self.lib = lib
        self.ctx = ctypes.c_uint64(0)
        if not os.path.exists(model_path):
            raise RuntimeError("model file not found: %s" % model_path)
        with open(model_path, "rb") as f:
            data = f.read()
        self._model = ctypes.create_string_buffer(data, len(data))
        ret = lib.rknn_init(ctypes.byref(self.ctx), self._model, len(data), 0, None)
        if ret != RKNN_SUCC:
            raise RuntimeError("rknn_init(%s) returned %s" % (model_path, err(ret)))
        try:
            ret = lib.rknn_set_core_mask(self.ctx, core_mask)
            if ret != RKNN_SUCC:
                raise RuntimeError("rknn_set_core_mask(%d) returned %s" % (core_mask, err(ret)))
            io = InOutNum()
            ret = lib.rknn_query(self.ctx, RKNN_QUERY_IN_OUT_NUM, ctypes.byref(io), ctypes.sizeof(io))
            if ret != RKNN_SUCC:
                raise RuntimeError("rknn_query(IN_OUT_NUM) returned %s" % err(ret))
            size = 1
            for d in input_shape:
                size *= d
            self._input_buf = ctypes.create_string_buffer(size)
            self.inputs = (Input * 1)()
            self.inputs[0].index = 0
            self.inputs[0].buf = ctypes.cast(self._input_buf, ctypes.c_void_p)
            self.inputs[0].size = size
            self.inputs[0].type = RKNN_TENSOR_UINT8
            self.inputs[0].fmt = RKNN_TENSOR_NHWC
            self.n_output = io.n_output
            self.outputs = (Output * max(1, io.n_output))()
        except Exception:
            lib.rknn_destroy(self.ctx)
            raise

    def versions(self):
        v = SdkVersion()
        if self.lib.rknn_query(self.ctx, RKNN_QUERY_SDK_VERSION, ctypes.byref(v), ctypes.sizeof(v)) != RKNN_SUCC:
            return None, None
        dec = lambda b: b.decode("utf-8", "replace").strip() or None  # noqa: E731
        return dec(v.api_version), dec(v.drv_version)

    def run_us(self):
        """One inference; returns the runtime's own run_duration (us) for it."""
        lib = self.lib
        ret = lib.rknn_inputs_set(self.ctx, 1, self.inputs)
        if ret != RKNN_SUCC:
            raise RuntimeError("rknn_inputs_set returned %s" % err(ret))
        ret = lib.rknn_run(self.ctx, None)
        if ret != RKNN_SUCC:
            raise RuntimeError("rknn_run returned %s" % err(ret))
        for i in range(self.n_output):
            self.outputs[i].index = i
            self.outputs[i].want_float = 0
            self.outputs[i].is_prealloc = 0
        ret = lib.rknn_outputs_get(self.ctx, self.n_output, self.outputs, None)
        if ret != RKNN_SUCC:
            raise RuntimeError("rknn_outputs_get returned %s" % err(ret))
        try:
            # Valid only after rknn_outputs_get (rknn_api.h).
            perf = PerfRun()
            ret = lib.rknn_query(self.ctx, RKNN_QUERY_PERF_RUN, ctypes.byref(perf), ctypes.sizeof(perf))
        finally:
            lib.rknn_outputs_release(self.ctx, self.n_output, self.outputs)
        if ret != RKNN_SUCC:
            raise PerfUnavailable("rknn_query(RKNN_QUERY_PERF_RUN) returned %s" % err(ret))
        if perf.run_duration <= 0:
            raise PerfUnavailable("RKNN_QUERY_PERF_RUN gave run_duration %d us: the runtime does not time runs" % perf.run_duration)
        return perf.run_duration

    def release(self):
        if self.ctx.value:
            self.lib.rknn_destroy(self.ctx)
            self.ctx = ctypes.c_uint64(0)


class SimCSession:
    """Lab stand-in for CSession: a calibrated NPU-side time (lognormal, sigma 0.04, around the
    model zoo's figure) that the stand-in reports in whole microseconds, as the runtime's counter
    does, while the host waits for it plus a fixed I/O share, as around a real rknn_run.
    `perf_missing` (lab fault no-perf) answers the query the way an old runtime would."""

    def __init__(self, run_ms, io_ms, seed, perf_missing=False):
        self.run_ms = run_ms
        self.io_ms = io_ms
        self.rng = random.Random(seed)
        self.perf_missing = perf_missing

    def versions(self):
        return "2.3.2 (SIMULATED)", "0.9.8 (SIMULATED)"

    def run_us(self):
        ms = self.run_ms * math.exp(self.rng.gauss(0.0, 0.04))
        end = time.perf_counter_ns() + int((ms + self.io_ms) * 1e6)
        while True:
            left = end - time.perf_counter_ns()
            if left <= 0:
                break
            if left > 300_000:
                time.sleep((left - 300_000) / 1e9)
        if self.perf_missing:
            raise PerfUnavailable("rknn_query(RKNN_QUERY_PERF_RUN) returned -5 (RKNN_ERR_PARAM_INVALID) (lab fault no-perf)")
        return int(round(ms * 1000))

    def release(self):
        pass
