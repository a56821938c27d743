/**
 * The model files npu-benchmark needs, and where each comes from when the inventory's
 * `benchmark.models` leaves it out. The harness (bench-image/harness/rk1_bench.py) reads each one
 * from its model directory under a fixed file name; the ids and formats are its workloads.
 *
 * No default is pinned: bench.md (§2, §3) publishes no SHA-256 for any of these files, and two of
 * them have no published download at all. A default is a starting point the user checks and pins
 * (`sha256`), never something run unchecked on hardware: unpinned models fail their workloads with
 * the advice to pin them (the lab, whose engines are stand-ins, fetches nothing unpinned).
 */

export type BenchModelId = 'resnet50' | 'yolov5s' | 'tinyllama-1.1b' | 'mobilenetv1'
export type BenchModelFormat = 'rknn' | 'onnx' | 'rkllm' | 'gguf' | 'tflite'

export interface BenchModelEntry {
  id: BenchModelId
  format: BenchModelFormat
  /** The name the harness opens in its model directory. */
  file: string
  /** Which suite runs it: .rknn the NPU, .onnx the CPU baseline, .rkllm and .gguf the LLM. */
  suite: 'npu' | 'cpu' | 'llm'
  /**
   * The distros whose harness opens it: RKNN and RKLLM need the vendor rknpu driver (K3s on
   * Armbian), the TFLite file is the Teflon row of Talos's rocket driver; the rest run on both.
   */
  distros: readonly ('talos' | 'k3s')[]
  /** A published download, if there is one (bench.md §2-§3). Never pinned here. */
  defaultSource?: string
  /** Where the default comes from, or why there is none: shown with the advice to pin. */
  note: string
}

export const BENCH_MODEL_CATALOGUE: readonly BenchModelEntry[] = Object.freeze([
  {
    id: 'resnet50',
    format: 'rknn',
    file: 'resnet50.rknn',
    suite: 'npu',
    distros: ['k3s'],
    note:
      'no prebuilt RK3588 ResNet-50 is published (bench.md §2): convert resnet50-v2-7.onnx with ' +
      'rknn-toolkit2 2.3.2 (target_platform rk3588, INT8) and pin the result'
  },
  {
    id: 'resnet50',
    format: 'onnx',
    file: 'resnet50-v2-7.onnx',
    suite: 'cpu',
    distros: ['talos', 'k3s'],
    defaultSource:
      'https://github.com/onnx/models/raw/main/validated/vision/classification/resnet/model/resnet50-v2-7.onnx',
    note: 'resnet50-v2-7.onnx from onnx/models (bench.md §2); no SHA-256 is published for it'
  },
  {
    id: 'yolov5s',
    format: 'rknn',
    file: 'yolov5s.rknn',
    suite: 'npu',
    distros: ['k3s'],
    defaultSource:
      'https://github.com/airockchip/rknn-toolkit2/raw/master/rknpu2/examples/rknn_yolov5_demo/model/RK3588/yolov5s-640-640.rknn',
    note:
      "the prebuilt RK3588 yolov5s of rknn-toolkit2's demo (bench.md §2; it may predate the pinned " +
      'toolkit, reconverting is safer); no SHA-256 is published for it'
  },
  {
    id: 'yolov5s',
    format: 'onnx',
    file: 'yolov5s.onnx',
    suite: 'cpu',
    distros: ['talos', 'k3s'],
    note:
      "the model zoo's Rockchip-modified yolov5s.onnx (bench.md §2) is published only on a file " +
      'share (rknn_model_zoo examples/yolov5/model/download_model.sh): fetch it, check it and pin it'
  },
  {
    id: 'tinyllama-1.1b',
    format: 'rkllm',
    file: 'tinyllama-1.1b-w8a8.rkllm',
    suite: 'llm',
    distros: ['k3s'],
    note:
      'TinyLLaMA 1.1B w8a8 for rknn-llm 1.3.0 comes from rkllm-toolkit (x86_64) or the ' +
      'rkllm_model_zoo share, which has no direct URL (bench.md §3): convert or download it and pin it'
  },
  {
    id: 'tinyllama-1.1b',
    format: 'gguf',
    file: 'tinyllama-1.1b-chat-v1.0.Q8_0.gguf',
    suite: 'llm',
    distros: ['talos', 'k3s'],
    defaultSource:
      'https://huggingface.co/TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF/resolve/main/tinyllama-1.1b-chat-v1.0.Q8_0.gguf',
    note:
      "the LLM's CPU row (llama.cpp): TinyLLaMA 1.1B Chat v1.0 as GGUF Q8_0 from " +
      'TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF (bench-image/README.md); no SHA-256 is in the specs'
  },
  {
    id: 'mobilenetv1',
    format: 'tflite',
    file: 'mobilenet_v1_1.0_224_quant.tflite',
    suite: 'npu',
    distros: ['talos'],
    note:
      'MobileNetV1 1.0 224 uint8 for the Talos NPU row (rocket + Mesa Teflon, ops-and-reporting.md ' +
      '§7) is published inside an archive, not as a file: extract the .tflite, check it and pin it'
  }
])

export const BENCH_MODEL_IDS: readonly BenchModelId[] = [
  'resnet50',
  'yolov5s',
  'tinyllama-1.1b',
  'mobilenetv1'
]

/** The formats each model comes in, in catalogue order. */
export function formatsOf(id: BenchModelId): BenchModelFormat[] {
  return BENCH_MODEL_CATALOGUE.filter((m) => m.id === id).map((m) => m.format)
}

export function catalogueEntry(
  id: BenchModelId,
  format: BenchModelFormat
): BenchModelEntry | undefined {
  return BENCH_MODEL_CATALOGUE.find((m) => m.id === id && m.format === format)
}
